// The i18next resource written an article at a time equals the one made whole (JSON.stringify's
// text, byte for byte), so that publish over a 50,000-article archive holds none of it in memory and
// a site's unchanged file still compares equal and is left untouched.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ResourceWriter, resourceJson, resourceOrder, type ArticleStrings } from '../../src/publish/i18next.js';

// Article ids as a newsroom names files: dated folders, plain numbers (which an object puts first,
// in numeric order), leading zeros, case, Cyrillic, dots and quotes.
const articleId = fc.oneof(
  fc.constantFrom('2025-06/lukashenko', '2025-06/Lukashenko', 'links', 'a.b', 'новини/київ', 'q"uote', '10', '9', '0', '007', '4294967294', '4294967295', '12345'),
  fc.string({ unit: fc.constantFrom(...'ab09-/._ЖжЇ'), minLength: 1, maxLength: 8 }),
);
const segmentId = fc.constantFrom('p1-1', 'p1-2', 'p2-1', 'h1-1', 'li3-2', 'p10-1');
const text = fc.string({ unit: fc.constantFrom(...'Київ \n\t"\\«»—…😀\u2028</'), maxLength: 12 });
const articles = fc.uniqueArray(fc.tuple(articleId, fc.array(fc.tuple(segmentId, text), { maxLength: 4 })), { selector: ([id]) => id, maxLength: 12 })
  .map((list): ArticleStrings => new Map(list.map(([id, strings]) => [id, new Map(strings)])));

function streamed(map: ArticleStrings, keys: 'nested' | 'flat'): string {
  const parts: string[] = [];
  const writer = new ResourceWriter(keys, (t) => parts.push(t));
  for (const [id, strings] of [...map].sort(([a], [b]) => resourceOrder(a, b))) writer.add(id, strings);
  writer.end();
  return parts.join('');
}

describe('i18next resource written an article at a time', () => {
  it('equals the whole resource, nested and flat (property)', () => {
    fc.assert(fc.property(articles, fc.constantFrom<'nested' | 'flat'>('nested', 'flat'), (map, keys) => {
      expect(streamed(map, keys)).toBe(resourceJson(map, keys));
    }), { numRuns: 400 });
  });

  it('puts number-like ids first in numeric order, as an object does', () => {
    const map: ArticleStrings = new Map([['b', new Map([['p1-1', 'Б']])], ['10', new Map([['p1-1', 'X']])], ['9', new Map([['p1-1', 'IX']])]]);
    expect(Object.keys(JSON.parse(streamed(map, 'nested')) as object)).toEqual(['9', '10', 'b']);
    expect(streamed(map, 'nested')).toBe(resourceJson(map, 'nested'));
  });

  it('refuses articles out of order rather than write a resource that differs', () => {
    const writer = new ResourceWriter('nested', () => {});
    writer.add('b', new Map());
    expect(() => writer.add('a', new Map())).toThrow(/out of order/u);
  });
});
