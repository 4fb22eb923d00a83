// protect: which spans travel as inline codes, and that finding them stays linear on any input.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { protectSpans, findProtectedSpans } from '../../src/protect/protect.js';
import { contentText } from '../../src/model.js';

const spans = (text: string): Array<[string, string]> => protectSpans(text).codes.map((c) => [c.kind, c.text]);

describe('protected spans', () => {
  it('finds links with and without a scheme, leaving sentence punctuation outside', () => {
    expect(spans('Фото: pic.twitter.com/kmh5kKqBYE. Див. https://uk.wikipedia.org/wiki/Мінськ_(місто)), а також (https://example.org/x).')).toEqual([
      ['url', 'pic.twitter.com/kmh5kKqBYE'],
      ['url', 'https://uk.wikipedia.org/wiki/Мінськ_(місто)'],
      ['url', 'https://example.org/x'],
    ]);
    expect(spans('Читайте на www.pravda.com.ua та pravda.com.ua/news/1.')).toEqual([['url', 'www.pravda.com.ua'], ['url', 'pravda.com.ua/news/1']]);
  });

  it('tells e-mail addresses from @handles', () => {
    expect(spans('Пишіть на news@example.org. Або @MaimunkaNews!')).toEqual([['email', 'news@example.org'], ['handle', '@MaimunkaNews']]);
    expect(spans('test@ і a@b.c — не адреси')).toEqual([]);
  });

  it('takes hashtags with a letter, and emoji sequences whole', () => {
    expect(spans('‼️🇧🇾🇺🇸 #Lukashenko #2025 #Україна 👍🏽')).toEqual([['emoji', '‼️🇧🇾🇺🇸'], ['hashtag', '#Lukashenko'], ['hashtag', '#Україна'], ['emoji', '👍🏽']]);
  });

  it('never loses or changes a character (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const { content, codes } = protectSpans(text);
      expect(contentText(content, codes)).toBe(text);
    }), { numRuns: 500 });
  });

  it('stays linear on 1 MB tokens without spaces (each shape once a regex trap)', () => {
    for (const unit of ['а', 'a', 'a.', 'a@', '#1', '1', 'a.com/', '👍🏽', 'a-b.']) {
      const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
      // Completes well inside the test time-out; a quadratic scan of 1 MB takes hours.
      expect(findProtectedSpans(text).length).toBeGreaterThanOrEqual(0);
    }
  });
});
