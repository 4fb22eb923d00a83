// Linear time: inputs that make backtracking regexes explode must finish. These tests only
// assert completion under vitest's timeout (raised here), not a speed: timing belongs in bench/.
// Sizes are chosen so that a quadratic pass would take hours while a linear one takes well under a
// second, and the timeout leaves room for a machine loaded many times over (it once ran out at
// 20 s with runs of 2 MB under a load of 12 on 2 cores).

import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../src/segment/split.js';

const timeout = 60_000;

describe('linear time', () => {
  it('segments 1 MB without a line break', () => {
    const unit = 'Президент М. Помпео прибув у м. Київ о 10.30 і т. д. Ціна 26 тис. дол. США! А далі… ';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    expect(sentenceSpans(text).length).toBeGreaterThan(10_000);
  }, timeout);

  it('segments a 5 MB paragraph with no sentence end', () => {
    const text = 'слово '.repeat(5_000_000 / 6);
    expect(sentenceSpans(text)).toHaveLength(1);
  }, timeout);

  it('survives long runs of the characters the scanner stops at', () => {
    for (const ch of ['.', '!', ')', '(', '\n', ' ', 'а', '.а', '. ', ':)', '1. А ', '!🇺🇦 ', '\n– а;', '1) ']) {
      const text = ch.repeat(Math.ceil(500_000 / ch.length));
      expect(() => sentenceSpans(text)).not.toThrow();
    }
  }, timeout);

  it('segments a 5 MB token with no whitespace at all', () => {
    const text = 'a/b.c?d!'.repeat(5_000_000 / 8);
    expect(sentenceSpans(text)).toHaveLength(1);
  }, timeout);
});
