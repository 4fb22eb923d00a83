// Fuzzy scores behave as translators expect from CAT tools.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeForMatch, similarity, TrigramCodes, TrigramIndex, trigrams } from '../../src/memory/fuzzy.js';

const SENTENCE = 'Келлог став найвищим посадовцем США, який відвідав авторитарну державу за останні роки.';

describe('trigram codes', () => {
  it('stand for exactly the trigrams of a text, until the texts have used 1,024 distinct characters', () => {
    const codes = new TrigramCodes();
    const into = new Set<number>();
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
      if (!codes.of(text, into)) return;
      expect(new Set([...into].map((c) => codes.text(c)))).toEqual(trigrams(text));
      expect(into.size).toBe(trigrams(text).size);
    }), { numRuns: 300 });
    // Past 1,024 distinct characters a text is refused, never given a wrong code.
    const many = new TrigramCodes();
    const wide = Array.from({ length: 1100 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    expect(many.of(wide, into)).toBe(false);
    expect(many.of('abc', into)).toBe(false);
    // What already has codes still has them.
    expect(many.of(wide.slice(0, 500), into)).toBe(true);
    expect(new Set([...into].map((c) => many.text(c)))).toEqual(trigrams(wide.slice(0, 500)));
  });
});

describe('fuzzy matching', () => {
  it('is 100 only for equal texts, symmetric, and between 0 and 100', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const s = similarity(a, b);
      expect(s).toBe(similarity(b, a));
      expect(s >= 0 && s <= 100).toBe(true);
      expect(s === 100).toBe(a === b);
    }));
  });

  it('an inflected word costs a letter, not a word; an unrelated sentence scores low', () => {
    const inflected = similarity(normalizeForMatch(SENTENCE), normalizeForMatch(SENTENCE.replace('державу', 'держави')));
    const reworded = similarity(normalizeForMatch(SENTENCE), normalizeForMatch(SENTENCE.replace('за останні роки', 'за останні десять років')));
    const unrelated = similarity(normalizeForMatch(SENTENCE), normalizeForMatch('Новини з Києва надходять щогодини.'));
    expect(inflected).toBeGreaterThan(reworded);
    expect(reworded).toBeGreaterThanOrEqual(70);
    expect(unrelated).toBeLessThan(50);
  });

  it('the trigram index finds the close sentences, best first, and not the unrelated ones', () => {
    const index = new TrigramIndex<string>();
    const texts = [SENTENCE, SENTENCE.replace('державу', 'держави'), 'Новини з Києва надходять щогодини.', SENTENCE.replace('за останні роки', 'за останні десять років')];
    texts.forEach((t) => index.add(t, normalizeForMatch(t)));
    const found = index.search(normalizeForMatch(SENTENCE), 70, 3);
    expect(found[0]).toEqual({ item: SENTENCE, score: 100 });
    expect(found.map((f) => f.item)).not.toContain('Новини з Києва надходять щогодини.');
    expect(found.map((f) => f.score)).toEqual([...found.map((f) => f.score)].sort((a, b) => b - a));
  });
});

describe('fuzzy matching in a large memory', () => {
  // Thirty thousand sentences that all share the frequent words of news prose: the index must
  // still find the close ones through the rare trigrams (names, numbers), and read only a bounded
  // part of its postings to do so.
  const words = ['зустріч', 'відбулася', 'у', 'місті', 'на', 'тому', 'тижні', 'після', 'переговорів', 'делегації'];
  const filler = (i: number): string => `${words.slice(0, 4 + (i % 6)).join(' ')} номер ${i} о ${i % 24} годині.`;
  const index = new TrigramIndex<number>();
  for (let i = 0; i < 30_000; i++) index.add(i, normalizeForMatch(filler(i)));
  const target = 'Келлог зустрівся з Лукашенком у Мінську 21 червня 2025 року.';
  index.add(-1, normalizeForMatch(target));

  it('finds an edited sentence among them, and no filler for it', () => {
    const found = index.search(normalizeForMatch('Келлог зустрівся з Лукашенком у Мінську 22 червня 2025 року.'), 70, 3);
    expect(found.map((f) => f.item)).toEqual([-1]);
    expect(found[0]!.score).toBeGreaterThanOrEqual(95);
  });

  it('still finds a filler sentence by its number', () => {
    const found = index.search(normalizeForMatch(filler(12_345).replace('годині', 'годин')), 70, 3);
    expect(found[0]?.item).toBe(12_345);
  });
});
