// Glossary and protection around any engine: "do not translate" glossary terms and numbers that
// must stay travel to the engine as extra inline codes (so no engine can touch them) and are put
// back afterwards; every glossary term found in the source (through inflection) is checked in the
// translation, and a target that lost a protected term or ignored the glossary is flagged.
import type { Content, InlineCode } from '../model.js';
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from './engine.js';
import type { GlossarySet } from '../glossary/glossary.js';
import { findTerms, usesTargetTerm } from '../glossary/match.js';

// Numbers whose form must not change: dates, times, versions, codes with inner separators
// (21.06.2025, 10:30, 3/2025). Plain numbers are left to the engine, which localises decimal
// commas and thousands separators as the target language writes them.
const FIXED_NUMBER = /(?<![\p{L}\p{N}])\d+(?:[.:/]\d+)+(?![\p{L}\p{N}])/gu;

interface Prepared {
  segment: EngineSegment;
  /** Extra codes added here, by id, with their text. */
  extra: Map<string, InlineCode>;
  /** Glossary terms (not do-not-translate) found in the source. */
  terms: Array<{ text: string; target: string }>;
}

export class GlossaryEngine implements Engine {
  readonly usage?: Engine['usage'];
  readonly targetLanguages?: Engine['targetLanguages'];

  constructor(readonly inner: Engine, private readonly glossaries: GlossarySet) {
    if (inner.usage) this.usage = () => inner.usage!();
    if (inner.targetLanguages) this.targetLanguages = () => inner.targetLanguages!();
  }

  get name(): string { return this.inner.name; }
  get paid(): boolean { return this.inner.paid; }
  get pseudo(): boolean { return this.inner.pseudo; }
  get stats(): Engine['stats'] { return this.inner.stats; }

  estimate(segments: EngineSegment[], sourceLang: string, targetLang: string): { requests: number; billedCharacters: number } {
    const prepared = segments.map((s) => this.prepare(s, targetLang).segment);
    return this.inner.estimate?.(prepared, sourceLang, targetLang) ?? { requests: 0, billedCharacters: 0 };
  }

  async translate(segments: EngineSegment[], sourceLang: string, targetLang: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    // Pseudo translation is for layouts: glossary checks would only add noise.
    if (this.inner.pseudo) return this.inner.translate(segments, sourceLang, targetLang, options);
    const prepared = segments.map((s) => this.prepare(s, targetLang));
    const finish = (index: number, result: EngineResult): EngineResult => restore(result, prepared[index]!);
    const results = await this.inner.translate(prepared.map((p) => p.segment), sourceLang, targetLang, {
      ...options,
      onBatch: options.onBatch ? (done) => options.onBatch!(done.map(({ index, result }) => ({ index, result: finish(index, result) }))) : undefined,
    });
    return results.map((result, index) => finish(index, result));
  }

  private prepare(segment: EngineSegment, targetLang: string): Prepared {
    const glossary = this.glossaries.forTarget(targetLang);
    const extra = new Map<string, InlineCode>();
    const terms: Prepared['terms'] = [];
    const content: Content = [];
    for (const fragment of segment.content) {
      if (typeof fragment !== 'string') {
        content.push(fragment);
        continue;
      }
      const spans: Array<{ start: number; end: number; kind: 'number' | 'term' }> = [];
      for (const m of fragment.matchAll(FIXED_NUMBER)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'number' });
      for (const match of glossary ? findTerms(fragment, glossary) : []) {
        if (match.entry.doNotTranslate) spans.push({ start: match.start, end: match.end, kind: 'term' });
        else terms.push({ text: match.text, target: match.entry.target });
      }
      spans.sort((a, b) => a.start - b.start);
      let cursor = 0;
      for (const span of spans) {
        if (span.start < cursor) continue;
        if (span.start > cursor) content.push(fragment.slice(cursor, span.start));
        const id = `p${extra.size + 1}`;
        extra.set(id, { id, kind: span.kind, text: fragment.slice(span.start, span.end) });
        content.push({ code: id });
        cursor = span.end;
      }
      if (cursor < fragment.length) content.push(fragment.slice(cursor));
    }
    if (extra.size === 0 && terms.length === 0) return { segment, extra, terms };
    return { segment: { ...segment, content, codes: [...segment.codes, ...extra.values()] }, extra, terms };
  }
}

function restore(result: EngineResult, prepared: Prepared): EngineResult {
  if (result.failed || result.content.length === 0 || (prepared.extra.size === 0 && prepared.terms.length === 0)) return result;
  const flags = [...(result.flags ?? [])];
  const seen = new Set<string>();
  const content: Content = [];
  for (const fragment of result.content) {
    const code = typeof fragment === 'string' ? undefined : prepared.extra.get(fragment.code);
    if (!code) {
      content.push(fragment);
      continue;
    }
    // A placeholder the engine doubled: the term is put back each time, and a person told.
    if (seen.has(code.id)) flags.push(`protected ${code.kind === 'term' ? 'glossary term' : 'number'} "${code.text}" appears more than once in the translation`);
    seen.add(code.id);
    if (typeof content[content.length - 1] === 'string') content[content.length - 1] += code.text;
    else content.push(code.text);
  }
  for (const code of prepared.extra.values()) {
    if (!seen.has(code.id)) flags.push(`protected ${code.kind === 'term' ? 'glossary term' : 'number'} "${code.text}" is missing from the translation`);
  }
  const text = content.map((f) => (typeof f === 'string' ? f : '')).join('');
  for (const term of prepared.terms) {
    if (!usesTargetTerm(text, term.target)) flags.push(`glossary: "${term.text}" should be translated as "${term.target}"`);
  }
  return flags.length > 0 ? { ...result, content, flags } : { ...result, content };
}
