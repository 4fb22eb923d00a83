// Punctuation and typography a translation must keep (pofilter's endpunc, brackets,
// doublequoting, doublespacing, startcaps): compared between source and target, never
// against a style rule of one language, since quotes and ellipses legitimately change form.
import { qaText } from './messages.js';
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

export function checkEndPunctuation(view: SegmentView): QaFinding[] {
  const s = endClass(view.sourcePlain);
  const t = endClass(view.targetPlain);
  if (s === t) return [];
  return [{ segmentId: view.segment.id, check: 'endpunc', severity: 'warning', ...qaText('endpunc.other', { source: s, target: t }) }];
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
      findings.push({ segmentId: view.segment.id, check: 'brackets', severity: 'warning', ...qaText('brackets.balance', { open, close, to, tc, so, sc }) });
    } else if (so !== to) {
      findings.push({ segmentId: view.segment.id, check: 'brackets', severity: 'warning', ...qaText('brackets.pairs', { open, close, so, to }) });
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
  return [{ segmentId: view.segment.id, check: 'quotes', severity, ...qaText(severity === 'error' ? 'quotes.unbalanced' : 'quotes.count', { source: s, target: t }) }];
}

export function checkWhitespace(view: SegmentView): QaFinding[] {
  const findings: QaFinding[] = [];
  const id = view.segment.id;
  const doubled = (t: string): boolean => / {2,}/u.test(t);
  if (doubled(view.targetPlain) && !doubled(view.sourcePlain)) findings.push({ segmentId: id, check: 'whitespace', severity: 'warning', ...qaText('whitespace.double') });
  const lead = (t: string): string => /^\s*/u.exec(t)![0];
  const trail = (t: string): string => /\s*$/u.exec(t)![0];
  if (lead(view.targetPlain) !== lead(view.sourcePlain)) findings.push({ segmentId: id, check: 'whitespace', severity: 'warning', ...qaText('whitespace.lead') });
  if (trail(view.targetPlain) !== trail(view.sourcePlain)) findings.push({ segmentId: id, check: 'whitespace', severity: 'warning', ...qaText('whitespace.trail') });
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
  return [{ segmentId: view.segment.id, check: 'startcaps', severity: 'warning', ...qaText(s === 'upper' ? 'startcaps.upper' : 'startcaps.lower') }];
}
