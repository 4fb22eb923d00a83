// Break positions → trimmed sentence spans. Every non-whitespace character lands in exactly one
// span, in order; whitespace between sentences belongs to none.

import { isAttached, isWhitespace } from './chars.js';

export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * `breaks` must be ascending. A break in front of a mark that belongs to the previous character
 * (low surrogate, combining mark, variation selector, ZWJ) is dropped: a sentence never ends
 * inside a grapheme.
 */
export function spansFromBreaks(text: string, breaks: readonly number[]): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  const emit = (to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isWhitespace(text.charCodeAt(s))) s++;
    while (e > s && isWhitespace(text.charCodeAt(e - 1))) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (const at of breaks) {
    if (at <= from || at >= text.length) continue;
    if (isAttached(text.charCodeAt(at)) && !isWhitespace(text.charCodeAt(at - 1))) continue;
    emit(at);
    from = at;
  }
  emit(text.length);
  return spans;
}
