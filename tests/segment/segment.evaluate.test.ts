// Boundary metrics: counted at the start of each following sentence, blind to whitespace.

import { describe, expect, it } from 'vitest';
import {
  boundaries, compareBoundaries, evaluate, GoldDataError, goldBoundaries, locate, parseGold, score,
} from '../../src/segment/evaluate.js';

describe('boundaries', () => {
  it('are the starts of every sentence but the first, after whitespace', () => {
    const text = 'Один. Два.  Три.';
    expect(boundaries(text, [{ start: 0, end: 5 }, { start: 5, end: 10 }, { start: 10, end: 16 }])).toEqual(new Set([6, 12]));
  });

  it('come from gold sentences located in order', () => {
    const p = { id: 'x', text: 'Так. Так. Ні.', sentences: ['Так.', 'Так.', 'Ні.'] };
    expect(locate(p.text, p.sentences)).toEqual([{ start: 0, end: 4 }, { start: 5, end: 9 }, { start: 10, end: 13 }]);
    expect(goldBoundaries(p)).toEqual(new Set([5, 10]));
  });

  it('handle sentences joined without a space', () => {
    expect(goldBoundaries({ id: 'x', text: 'Ого!!!що', sentences: ['Ого!!!', 'що'] })).toEqual(new Set([6]));
  });
});

describe('scores', () => {
  it('count true and false positives and negatives', () => {
    expect(compareBoundaries(new Set([1, 2, 3]), new Set([2, 3, 4]))).toEqual({
      truePositives: 2, falsePositives: 1, falseNegatives: 1,
    });
  });

  it('compute precision, recall, F1 and paragraph accuracy', () => {
    const s = score([
      { gold: new Set([5]), predicted: new Set([5]) },
      { gold: new Set([3, 9]), predicted: new Set([3]) },
      { gold: new Set(), predicted: new Set([7]) },
    ]);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
    expect(s.paragraphAccuracy).toBeCloseTo(1 / 3);
  });

  it('score single-sentence paragraphs left whole as perfect', () => {
    const s = score([{ gold: new Set(), predicted: new Set() }]);
    expect(s.f1).toBe(1);
    expect(s.paragraphAccuracy).toBe(1);
  });

  it('evaluate a segmenter over paragraphs', () => {
    const paragraphs = [{ id: 'a', text: 'Раз. Два.', sentences: ['Раз.', 'Два.'] }];
    expect(evaluate(paragraphs, (t) => [{ start: 0, end: t.length }]).recall).toBe(0);
    expect(evaluate(paragraphs, () => [{ start: 0, end: 4 }, { start: 5, end: 9 }]).f1).toBe(1);
  });
});

describe('parseGold', () => {
  it('reads one paragraph per line and skips blank lines', () => {
    const jsonl = '{"id":"a","text":"Раз.","sentences":["Раз."],"genre":null}\n\n';
    expect(parseGold(jsonl)).toEqual([{ id: 'a', text: 'Раз.', sentences: ['Раз.'] }]);
  });

  it('names the file and line of a bad record', () => {
    expect(() => parseGold('{"id":"a"}', 'dev.jsonl')).toThrow(GoldDataError);
    expect(() => parseGold('\nnot json', 'dev.jsonl')).toThrow(/dev\.jsonl:2/u);
  });
});
