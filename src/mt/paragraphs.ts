// Paragraph units: the sentences of one paragraph sent to an engine as one text, each wrapped in a
// `<s i="k">` marker, so that every sentence is translated seeing its whole paragraph (texts in one
// DeepL request do not see each other; sentences inside one text do) and is split back by its marker.
import type { Content } from '../model.js';
import { contentText } from '../model.js';
import type { EngineResult, EngineSegment } from './engine.js';
import { contentToTaggedXml, taggedXmlToContent } from './tags.js';

export interface ParagraphUnit {
  /** Indexes into the engine's segment list, in paragraph order. */
  indexes: number[];
  articleId: string;
  headline: string;
  /** Plain paragraph text when some of its sentences are not in this unit (kept, or sent with an
   *  identical sentence elsewhere): they can only reach the engine as free context. */
  missingContext?: string;
  /** The text sent: one sentence as it is, several with markers. */
  xml: string;
}

/** Group consecutive segments of one paragraph into units; segments without context are units of one. */
export function paragraphUnits(segments: readonly EngineSegment[]): ParagraphUnit[] {
  const units: ParagraphUnit[] = [];
  let current: { key: string; indexes: number[] } | undefined;
  const close = (): void => {
    if (!current) return;
    const indexes = current.indexes;
    const first = segments[indexes[0]!]!;
    const sentences = indexes.map((i) => segments[i]!.content);
    const ctx = first.context;
    // Compared with protected spans restored: the paragraph text has them too.
    const covered = indexes.map((i) => contentText(segments[i]!.content, segments[i]!.codes)).join(' ');
    const unit: ParagraphUnit = {
      indexes,
      articleId: ctx?.articleId ?? '',
      headline: ctx?.headline ?? '',
      xml: markSentences(sentences),
    };
    if (ctx && normalizeSpace(ctx.paragraph) !== normalizeSpace(covered)) unit.missingContext = ctx.paragraph;
    units.push(unit);
    current = undefined;
  };
  segments.forEach((segment, index) => {
    const key = segment.context?.paragraphKey;
    if (current && key !== undefined && key === current.key) {
      current.indexes.push(index);
      return;
    }
    close();
    current = { key: key ?? `\u0000${index}`, indexes: [index] };
  });
  close();
  return units;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** One sentence goes as it is; several are marked so the answer can be split back. The space
 *  between markers is sent (and billed, one character per boundary) because without it the
 *  engine would read "end.Start" as one word. */
export function markSentences(sentences: readonly Content[]): string {
  if (sentences.length === 1) return contentToTaggedXml(sentences[0]!);
  return sentences.map((content, k) => `<s i="${k}">${contentToTaggedXml(content)}</s>`).join(' ');
}

const MARKER = /<s\s+i\s*=\s*"(\d+)"\s*>|<\/s\s*>/gu;

/**
 * Split an engine's answer for a unit back into one result per sentence.
 *
 * A sentence whose open and close markers both came back is taken as it stands. When markers are
 * lost or damaged, the text between the nearest intact neighbours belongs to the lost sentences:
 * it is given to the first of them and flagged (the others get an empty, flagged target, so the
 * paragraph still reads right and nothing is sent — or billed — again). When even that text is
 * empty, the lost sentences fail and stay for translators.
 */
export function splitMarkedAnswer(answer: string, count: number): EngineResult[] {
  if (count === 1) return [{ content: taggedXmlToContent(answer) }];
  interface Span { k: number; start: number; end: number; inner: string }
  const spans: Span[] = [];
  let open: { k: number; start: number; innerStart: number } | undefined;
  for (const m of answer.matchAll(MARKER)) {
    if (m[1] !== undefined) {
      open = { k: Number(m[1]), start: m.index, innerStart: m.index + m[0].length };
    } else if (open) {
      spans.push({ k: open.k, start: open.start, end: m.index + m[0].length, inner: answer.slice(open.innerStart, m.index) });
      open = undefined;
    }
  }
  // A marker that came back twice, out of range, or out of order cannot be trusted.
  const seen = new Set<number>();
  const intact: Span[] = [];
  for (const span of spans) {
    if (span.k >= count || seen.has(span.k) || (intact.length > 0 && span.k <= intact[intact.length - 1]!.k)) continue;
    seen.add(span.k);
    intact.push(span);
  }
  const results: EngineResult[] = new Array<EngineResult>(count);
  for (const span of intact) results[span.k] = { content: taggedXmlToContent(span.inner) };
  // Runs of lost sentences, each bounded by intact neighbours (or the ends of the answer).
  for (let g = 0; g <= intact.length; g++) {
    const before = intact[g - 1];
    const after = intact[g];
    const from = before ? before.k + 1 : 0;
    const to = after ? after.k : count;
    if (from >= to) continue;
    const gap = answer.slice(before ? before.end : 0, after ? after.start : answer.length).replace(MARKER, '').trim();
    if (gap === '') {
      for (let k = from; k < to; k++) {
        results[k] = { content: [], failed: 'the engine lost this sentence (its marker and its text did not come back)' };
      }
      continue;
    }
    const lost = to - from;
    results[from] = {
      content: taggedXmlToContent(gap),
      flags: [lost === 1
        ? 'the engine lost this sentence\'s boundary marker; its translation was recovered from between its neighbours — check it'
        : `the engine merged ${lost} sentences (their boundary markers were lost); their joint translation is stored here and the following ${lost - 1} are left empty — check it`],
    };
    for (let k = from + 1; k < to; k++) {
      results[k] = { content: [], flags: ['the engine merged this sentence into the one before it (its boundary marker was lost)'] };
    }
  }
  return results;
}
