// Invariants that must hold for any input: nothing lost, added or reordered; spans trimmed,
// ordered, covering every non-whitespace character; no span edge inside a surrogate pair.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSegmenter, defaultRules, sentenceSpans, type SentenceSpan } from '../../src/segment/split.js';
import { srxToRules, rulesToSrx } from '../../src/segment/srx.js';

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);

function checkInvariants(text: string, spans: readonly SentenceSpan[]): void {
  let rebuilt = '';
  let cursor = 0;
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(cursor);
    expect(span.end).toBeGreaterThan(span.start);
    const gap = text.slice(cursor, span.start);
    expect(gap.trim()).toBe(''); // only whitespace between sentences
    expect(isSpace(text[span.start])).toBe(false);
    expect(isSpace(text[span.end - 1])).toBe(false);
    for (const edge of [span.start, span.end]) {
      const before = text.charCodeAt(edge - 1);
      const after = text.charCodeAt(edge);
      const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
      expect(splitsPair).toBe(false);
    }
    rebuilt += gap + text.slice(span.start, span.end);
    cursor = span.end;
  }
  const tail = text.slice(cursor);
  expect(tail.trim()).toBe('');
  expect(rebuilt + tail).toBe(text);
}

/** Characters that exercise the scanner: punctuation, brackets, quotes, dashes, marks, RTL. */
const interesting = fc.constantFrom(
  '.', '!', '?', '…', '‼', '(', ')', '[', ']', '«', '»', '"', '„', '“', ':', ';', ',', '—', '–', '-',
  ' ', '\n', '\n\n', '\u00a0', 'м', 'С', 'т', 'д', 'р', 'A', 'U', 'S', 'є', 'Є', '5', '1', '/', '@', '#',
  '\u0301', '\ufe0f', '\u200d', '\ud83c', '\udde6', '👍🏽', 'שלום', 'مرحبا', 'ст', 'тис', 'грн', 'http://',
  'Київ', 'слово', ':)', ')))',
);
const scannerText = fc.array(interesting, { maxLength: 60 }).map((parts) => parts.join(''));

describe('segmentation invariants', () => {
  it('never loses, adds or reorders a character (arbitrary UTF-16, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => checkInvariants(text, sentenceSpans(text))),
      { numRuns: 500 },
    );
  });

  it('keeps the invariants on text made of the characters the rules look at', () => {
    fc.assert(
      fc.property(scannerText, (text) => checkInvariants(text, sentenceSpans(text))),
      { numRuns: 2000 },
    );
  });

  it('keeps the invariants for rules imported from SRX', () => {
    const segmenter = createSegmenter(srxToRules(rulesToSrx(defaultRules('uk'))));
    fc.assert(
      fc.property(fc.oneof(scannerText, fc.string({ unit: 'grapheme', maxLength: 120 })), (text) =>
        checkInvariants(text, segmenter.spans(text)),
      ),
      { numRuns: 500 },
    );
  });
});
