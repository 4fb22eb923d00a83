// Reuse: the translations an earlier run stored in the XLIFF, carried over to the segments of the
// current source that did not change, so nothing is sent to MT (or billed) twice.
import type { Article, Content, InlineCode, Segment, TargetSegment, TranslatedArticle } from '../model.js';
import { allSegments } from '../model.js';
import type { Engine } from '../mt/engine.js';

/** Targets of an earlier run that still fit this source: same id and text, else same text elsewhere. */
export function carryOver(article: Article, previous: TranslatedArticle | undefined, engine: Engine | null): Map<string, TargetSegment> {
  const kept = new Map<string, TargetSegment>();
  if (!previous) return kept;
  const previousSegments = new Map<string, Segment>();
  const byText = new Map<string, TargetSegment>();
  for (const segment of allSegments(previous.article)) {
    previousSegments.set(segment.id, segment);
    const target = previous.targets.get(segment.id);
    if (target?.content && !byText.has(segment.text)) byText.set(segment.text, target);
  }
  // Pseudo text is only ever kept by another pseudo run: a real run replaces it.
  const usable = (t: TargetSegment | undefined): t is TargetSegment =>
    t !== undefined && t.content !== undefined && !(t.provenance?.engine === 'pseudo' && engine !== null && !engine.pseudo);
  for (const segment of allSegments(article)) {
    const same = previousSegments.get(segment.id);
    const byId = same && same.text === segment.text ? previous.targets.get(segment.id) : undefined;
    const target = usable(byId) ? byId : byText.get(segment.text);
    if (usable(target)) kept.set(segment.id, { ...target, segmentId: segment.id, content: remapCodes(target.content!, previousSegments.get(target.segmentId)?.codes ?? [], segment.codes) });
  }
  return kept;
}


/** A target reused on another segment with the same text refers to codes by that segment's ids:
 *  the n-th code of a text and role there is the n-th of the same text and role here (both halves
 *  of a bold pair read `**`, and a text may hold the same URL twice). */
function remapCodes(content: Content, from: readonly InlineCode[], to: readonly InlineCode[]): Content {
  const keyOf = (c: InlineCode): string => `${c.role ?? ''}\u0000${c.text}`;
  const rank = (codes: readonly InlineCode[]): Map<string, { key: string; n: number }> => {
    const seen = new Map<string, number>();
    return new Map(codes.map((c) => {
      const n = seen.get(keyOf(c)) ?? 0;
      seen.set(keyOf(c), n + 1);
      return [c.id, { key: keyOf(c), n }];
    }));
  };
  const here = new Map([...rank(to)].map(([id, { key, n }]) => [`${key}\u0000${n}`, id]));
  const there = rank(from);
  return content.map((f) => {
    if (typeof f === 'string') return f;
    const place = there.get(f.code);
    const id = place && here.get(`${place.key}\u0000${place.n}`);
    return id !== undefined ? { code: id } : f;
  });
}

