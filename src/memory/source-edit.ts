// Source edits that keep reviewed work. When an editor fixes a reviewed sentence's source, what the
// fix touched decides what happens to the translation: a change that touches no word (punctuation,
// whitespace, quotation marks, letter case) or only fixes a typo cannot have made the translation
// wrong in a way MT would fix, so the reviewed translation stays the target, to be confirmed
// ("needs review": state translated, a person's); a change of words gets MT, and the reviewed
// translation stays beside it as the previous version (leverage.ts), with the source diff shown
// on the review page.
import type { Content, SegmentState, TargetSegment, TmMatch } from '../model.js';
import { levenshtein } from './fuzzy.js';
import { mapTargetCodes, shapeText } from './tm.js';

/** How many letters a word may differ by and still count as a typo fix (config `sourceEdits.typoMaxEdits`). */
export const DEFAULT_TYPO_MAX_EDITS = 1;

export interface SourceEditOptions {
  /** A word changed by at most this many letters (insertions, deletions, substitutions) is a typo
   *  fix; 0 keeps a translation only when no word changed at all. */
  typoMaxEdits?: number;
}

// Words: letters, digits and marks; apostrophes inside Ukrainian words belong to them (м'ясо).
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu;

function words(content: Content): string[] {
  return [...shapeText(content).normalize('NFC').matchAll(WORD)].map((m) => m[0].toLowerCase().replace(/[’ʼ]/gu, "'"));
}

/** Whether a source edit leaves every word as it was, up to a typo fix within the threshold.
 *  Inline codes (URLs, handles) count as their place, so a changed code is no word change here:
 *  the codes check catches a translation that lost one. */
export function touchesNoWord(before: Content, after: Content, options: SourceEditOptions = {}): boolean {
  const max = options.typoMaxEdits ?? DEFAULT_TYPO_MAX_EDITS;
  const a = words(before);
  const b = words(after);
  if (a.length !== b.length) return false;
  return a.every((w, i) => w === b[i] || (max > 0 && levenshtein(w, b[i]!) <= max && Math.min(w.length, b[i]!.length) > max * 2));
}

const KEPT_STATES: readonly SegmentState[] = ['reviewed', 'final'];

/** The reviewed translation kept as the target after a source edit that touched no word: a person's
 *  translation that needs review (the review page offers "still correct"), with the previous
 *  version beside it so the source change is shown. Undefined when the edit changed words. */
export function keptAcrossEdit(previous: TmMatch, oldTarget: TargetSegment, newSource: Content, options: SourceEditOptions = {}): TargetSegment | undefined {
  if (!KEPT_STATES.includes(previous.state) || !touchesNoWord(previous.source, newSource, options)) return undefined;
  return {
    segmentId: oldTarget.segmentId,
    state: 'translated',
    content: mapTargetCodes(previous.target, previous.source, newSource),
    provenance: { ...(oldTarget.provenance ?? { origin: 'human' }), origin: 'human' },
    flags: [],
    matches: [previous],
  };
}

/** A target that is a reviewed translation kept across a source edit, waiting for "still correct". */
export function isKeptAcrossEdit(target: TargetSegment | undefined): TmMatch | undefined {
  if (!target?.content || target.state !== 'translated') return undefined;
  // Codes are compared by place: the kept text refers to the new source's code ids.
  const same = shapeText(target.content);
  return target.matches?.find((m) => m.kind === 'previous' && KEPT_STATES.includes(m.state) && shapeText(m.target) === same);
}
