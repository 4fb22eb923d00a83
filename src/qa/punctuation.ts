// Punctuation and typography a translation must keep (pofilter's endpunc, brackets,
// doublequoting, doublespacing, startcaps): compared between source and target, never
// against a style rule of one language, since quotes and ellipses legitimately change form.
import type { QaFinding } from './findings.js';
import { CODE_MARK, type SegmentView } from './view.js';

// Closing quotes and brackets after the final stop belong to the quotation, not the sentence.
const TRAILING_CLOSERS = /[\s"'»“”„)\]\u2019\uFFFC]+$/u;

type EndClass = 'stop' | 'question' | 'exclamation' | 'ellipsis' | 'colon' | 'semicolon' | 'none';

function endClass(text: string): EndClass {
  const t = text.replace(TRAILING_CLOSERS, '');
  if (/(?:…|\.\.\.)$/u.test(t)) return 'ellipsis';
  if (/[?？]!?$|\?$/u.test(t)) return 'question';
  if (/!$/u.test(t)) return 'exclamation';
  if (/\.$/u.test(t)) return 'stop';
  if (/:$/u.test(t)) return 'colon';
  if (/;$/u.test(t)) return 'semicolon';
  return 'none';
}

const END_NAMES: Record<EndClass, string> = {
  stop: 'a full stop', question: 'a question mark', exclamation: 'an exclamation mark', ellipsis: 'an ellipsis',
  colon: 'a colon', semicolon: 'a semicolon', none: 'no final punctuation',
};

export function checkEndPunctuation(view: SegmentView): QaFinding[] {
  const s = endClass(view.sourcePlain);
  const t = endClass(view.targetPlain);
  if (s === t) return [];
  return [{ segmentId: view.segment.id, check: 'endpunc', severity: 'warning', message: `the source ends with ${END_NAMES[s]}, the translation with ${END_NAMES[t]}` }];
}

const PAIRS: Array<[string, string]> = [['(', ')'], ['[', ']'], ['{', '}']];

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

export function checkBrackets(view: SegmentView): QaFinding[] {
  const findings: QaFinding[] = [];
  for (const [open, close] of PAIRS) {
    const so = count(view.sourcePlain, open);
    const sc = count(view.sourcePlain, close);
    const to = count(view.targetPlain, open);
    const tc = count(view.targetPlain, close);
    if (so - sc !== to - tc) {
      findings.push({ segmentId: view.segment.id, check: 'brackets', severity: 'warning', message: `"${open}" and "${close}" do not balance in the translation as in the source (${to} opening, ${tc} closing; source ${so}, ${sc})` });
    } else if (so !== to) {
      findings.push({ segmentId: view.segment.id, check: 'brackets', severity: 'warning', message: `the source has ${so} "${open}${close}" pair(s), the translation ${to}` });
    }
  }
  return findings;
}

// Every double quotation mark in any of the conventions (“English”, „German“, «Ukrainian», "ASCII").
// A quotation may span sentences, so a segment may hold an odd number: compare counts with the source.
const DOUBLE_QUOTES = /["«»“”„]/gu;

export function checkQuotes(view: SegmentView): QaFinding[] {
  const s = view.sourcePlain.match(DOUBLE_QUOTES)?.length ?? 0;
  const t = view.targetPlain.match(DOUBLE_QUOTES)?.length ?? 0;
  if (s === t) return [];
  const severity = s % 2 === 0 && t % 2 === 1 ? 'error' : 'warning';
  return [{ segmentId: view.segment.id, check: 'quotes', severity, message: severity === 'error'
    ? `the translation has an unbalanced quotation mark (${t} marks, the source ${s})`
    : `the source has ${s} quotation mark(s), the translation ${t}` }];
}

export function checkWhitespace(view: SegmentView): QaFinding[] {
  const findings: QaFinding[] = [];
  const id = view.segment.id;
  const doubled = (t: string): boolean => / {2,}/u.test(t);
  if (doubled(view.targetPlain) && !doubled(view.sourcePlain)) findings.push({ segmentId: id, check: 'whitespace', severity: 'warning', message: 'the translation has a double space' });
  const lead = (t: string): string => /^\s*/u.exec(t)![0];
  const trail = (t: string): string => /\s*$/u.exec(t)![0];
  if (lead(view.targetPlain) !== lead(view.sourcePlain)) findings.push({ segmentId: id, check: 'whitespace', severity: 'warning', message: 'the translation starts with other whitespace than the source' });
  if (trail(view.targetPlain) !== trail(view.sourcePlain)) findings.push({ segmentId: id, check: 'whitespace', severity: 'warning', message: 'the translation ends with other whitespace than the source' });
  return findings;
}

function firstLetterCase(text: string): 'upper' | 'lower' | undefined {
  // Only a letter that opens the segment counts (after quotes and dashes); a code or a digit first says nothing.
  const m = /^[\s"'«“„(–—-]*(.)/u.exec(text);
  const ch = m?.[1];
  if (ch === undefined || ch === CODE_MARK || !/\p{L}/u.test(ch)) return undefined;
  if (ch !== ch.toLowerCase()) return 'upper';
  if (ch !== ch.toUpperCase()) return 'lower';
  return undefined;
}

export function checkStartCapital(view: SegmentView): QaFinding[] {
  const s = firstLetterCase(view.sourcePlain);
  const t = firstLetterCase(view.targetPlain);
  if (s === undefined || t === undefined || s === t) return [];
  return [{ segmentId: view.segment.id, check: 'startcaps', severity: 'warning', message: `the source starts with a${s === 'upper' ? 'n upper' : ' lower'}-case letter, the translation does not` }];
}
