// Whether there is a translation at all: untranslated, unchanged (a target that is the source
// again), and a target whose length is far off the source's (pofilter's untranslated, unchanged,
// long/short).
import { qaText } from './messages.js';
import type { QaFinding } from './findings.js';
import { baseLanguage } from '../model.js';
import { CODE_MARK, type SegmentView } from './view.js';

const normalize = (t: string): string => t.replace(/\s+/gu, ' ').trim();

export function checkUnchanged(view: SegmentView, sourceLang: string): QaFinding[] {
  if (baseLanguage(view.targetLang) === baseLanguage(sourceLang)) return [];
  // A segment of digits, names in codes or punctuation only may rightly stay as it is.
  if (!/\p{L}/u.test(view.sourcePlain.replaceAll(CODE_MARK, ''))) return [];
  if (normalize(view.sourcePlain) !== normalize(view.targetPlain)) return [];
  return [{ segmentId: view.segment.id, check: 'unchanged', severity: 'error', ...qaText('unchanged.same') }];
}

// Below this many letters a ratio says nothing ("Фото:" → "Photo:").
const MIN_LETTERS = 20;
const MIN_RATIO = 0.5;
const MAX_RATIO = 2.0;

export function checkLength(view: SegmentView): QaFinding[] {
  const letters = (t: string): number => t.match(/\p{L}|\p{N}/gu)?.length ?? 0;
  const s = letters(view.sourcePlain);
  const t = letters(view.targetPlain);
  if (s < MIN_LETTERS || t === 0) return [];
  const ratio = t / s;
  if (ratio >= MIN_RATIO && ratio <= MAX_RATIO) return [];
  return [{ segmentId: view.segment.id, check: 'length', severity: 'warning', ...qaText('length.ratio', { percent: Math.round(ratio * 100) }) }];
}
