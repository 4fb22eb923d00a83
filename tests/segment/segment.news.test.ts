// Quality on our own hand-annotated news text (tests/fixtures/segment/news-uk.jsonl): written
// for this check, annotated for translation units (see tests/fixtures/segment/README.md), and
// not the data the rules were first tuned on. It guards against rules that only fit the UD set.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, goldBoundaries, parseGold } from '../../src/segment/evaluate.js';
import { sentenceSpans } from '../../src/segment/split.js';

const file = new URL('../fixtures/segment/news-uk.jsonl', import.meta.url);
const paragraphs = parseGold(readFileSync(file, 'utf8'), file.pathname);

describe('quality on unseen Ukrainian news text', () => {
  it('is a well-formed gold file: sentences are exact, ordered substrings that cover the text', () => {
    expect(paragraphs.length).toBeGreaterThanOrEqual(60);
    for (const p of paragraphs) {
      expect(new Set(paragraphs.map((q) => q.id)).size).toBe(paragraphs.length);
      // Joined by one space or one line break, the sentences give back the paragraph.
      let rest = p.text;
      p.sentences.forEach((s, k) => {
        if (k > 0) {
          expect([' ', '\n'], p.id).toContain(rest[0]);
          rest = rest.slice(1);
        }
        expect(rest.startsWith(s), `${p.id}: ${s}`).toBe(true);
        rest = rest.slice(s.length);
      });
      expect(rest, p.id).toBe('');
      expect(goldBoundaries(p).size, p.id).toBe(p.sentences.length - 1);
    }
  });

  const scores = evaluate(paragraphs, (t) => sentenceSpans(t));

  it('reaches boundary F1 ≥ 0.98', () => {
    expect(scores.f1).toBeGreaterThanOrEqual(0.98);
  });

  it('gets every boundary of ≥ 95 % of paragraphs right', () => {
    expect(scores.paragraphAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
