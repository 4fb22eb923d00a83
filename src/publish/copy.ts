// A localized copy: the translated article as readers get it — paragraphs of target text with
// protected spans restored — and the metadata a site needs to show where it came from.
import type { BlockKind, InlineCode, Content, TranslatedArticle } from '../model.js';
import type { GateResult } from './gate.js';
import { isMarkupKind, isKept } from '../model.js';
import { entityChar } from '../formats/escape.js';

/** A run of a paragraph: plain text, or a protected span (URL, handle, …) kept as the source had it. */
export type CopyRun = { text: string } | { code: InlineCode };

export interface CopyParagraph {
  kind: BlockKind;
  lang: string;
  runs: CopyRun[];
}

export interface CopyMetadata {
  articleId: string;
  sourcePath: string;
  sourceLang: string;
  lang: string;
  /** The article's own date (`2025-06`), when it has one. */
  articleDate?: string;
  /** ISO date-time of publishing. */
  published: string;
  provenance: {
    /** Some published sentences are machine translation no person reviewed. */
    machineTranslated: boolean;
    engines: string[];
    sentences: number;
    machineSentences: number;
    humanSentences: number;
    reviewedSentences: number;
    minState: string;
    /** Sentences published despite an error-level QA finding (`--allow-errors`). */
    qaErrorsPublished: number;
  };
}

export interface LocalizedCopy {
  meta: CopyMetadata;
  paragraphs: CopyParagraph[];
}

function runsOf(content: Content, codes: readonly InlineCode[], after: string): CopyRun[] {
  const runs: CopyRun[] = content.map((f) => {
    if (typeof f === 'string') return { text: f };
    const code = codes.find((c) => c.id === f.code);
    if (!code) throw new Error(`inline code ${f.code} has no source span`);
    return { code };
  });
  if (after !== '') runs.push({ text: after });
  return runs;
}

/** The copy of an article whose sentences have all passed the gate. */
export function localizedCopy(doc: TranslatedArticle, gate: GateResult, published: string, minState: string): LocalizedCopy {
  const engines = new Set<string>();
  let human = 0;
  let reviewed = 0;
  const paragraphs = doc.article.blocks.map((block): CopyParagraph => ({
    kind: block.kind,
    lang: isKept(block.kind) ? block.lang : doc.targetLang,
    runs: block.segments.flatMap((segment) => {
      const target = doc.targets.get(segment.id);
      if (isKept(block.kind) || !target?.content) return runsOf(segment.content, segment.codes, segment.after);
      if (target.provenance?.origin === 'mt' && target.provenance.engine !== undefined) engines.add(target.provenance.engine);
      if (target.provenance?.origin !== 'mt') human++;
      if (target.state === 'reviewed' || target.state === 'final') reviewed++;
      return runsOf(target.content, segment.codes, segment.after);
    }),
  }));
  return {
    meta: {
      articleId: doc.article.id,
      sourcePath: doc.article.path,
      sourceLang: doc.article.sourceLang,
      lang: doc.targetLang,
      ...(doc.article.metadata.date !== undefined ? { articleDate: doc.article.metadata.date } : {}),
      published,
      provenance: {
        machineTranslated: gate.machine.size > 0,
        engines: [...engines].sort(),
        sentences: gate.segments,
        machineSentences: gate.segments - human,
        humanSentences: human,
        reviewedSentences: reviewed,
        minState,
        qaErrorsPublished: new Set(gate.overriddenErrors.map((f) => f.segmentId)).size,
      },
    },
    // Translatable attributes (alt text, front-matter fields) belong to their document, not to
    // the running text of a plain copy.
    paragraphs: paragraphs.filter((p) => p.kind !== 'attribute'),
  };
}

/** A run as readers see it: markup of the source format (`**`, `<a href…>`) is not text; an
 *  entity is its character, a hard break a line break. */
export function runText(run: CopyRun): string {
  if ('text' in run) return run.text;
  const { kind, text } = run.code;
  if (!isMarkupKind(kind)) return text;
  if (kind === 'entity') return entityChar(text) ?? text;
  if (kind === 'break') return '\n';
  return '';
}

/** A paragraph as plain text: whitespace inside it as the source had it, without leading or trailing space. */
export function paragraphText(paragraph: CopyParagraph): string {
  return paragraph.runs.map(runText).join('').trim();
}
