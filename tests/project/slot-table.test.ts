// The journal's table of line places: what is set is found, through growth and a language's
// removal; keys that share a hash prefix never answer for each other.
import { describe, it, expect } from 'vitest';
import { SlotTable } from '../../src/project/slot-table.js';

describe('SlotTable', () => {
  it('finds every slot set, the newest for a key, through growth and the removal of a language', () => {
    const table = new SlotTable();
    const keys = Array.from({ length: 5000 }, (_, i) => SlotTable.hashOf(i % 2 === 0 ? 'de' : 'pl', 'deepl', `key ${i}`));
    keys.forEach((hash, i) => table.set(hash, { at: i * 10, length: i, lang: i % 2 === 0 ? 'de' : 'pl', fresh: i % 3 === 0 }));
    table.set(keys[7]!, { at: 1, length: 2, lang: 'pl', fresh: true });
    expect(table.size).toBe(5000);
    expect(table.get(keys[7]!)).toEqual({ at: 1, length: 2, lang: 'pl', fresh: true });
    expect(table.get(keys[4000]!)).toEqual({ at: 40000, length: 4000, lang: 'de', fresh: false });
    expect(table.get(SlotTable.hashOf('de', 'deepl', 'never set'))).toBeUndefined();
    const kept = table.bucketsExcept('de');
    expect(kept.length).toBe(2500);
    // In the order of their lines.
    const places = [...kept].map((b) => table.placeOf(b).at);
    expect(places).toEqual([...places].sort((x, y) => x - y));
    for (const b of kept) table.moveTo(b, table.placeOf(b).at + 1);
    table.dropLanguage('de');
    expect(table.size).toBe(2500);
    keys.forEach((hash, i) => {
      if (i % 2 === 0) expect(table.get(hash)).toBeUndefined();
      else expect(table.get(hash)?.at).toBe(i === 7 ? 2 : i * 10 + 1);
    });
  });

  it('keys with the same 64-bit prefix share one slot: the later one takes it', () => {
    const table = new SlotTable();
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 1);
    b[31] = 2;
    table.set(a, { at: 0, length: 5, lang: 'de', fresh: false });
    table.set(b, { at: 6, length: 5, lang: 'de', fresh: true });
    expect(table.size).toBe(1);
    expect(table.get(a)).toEqual({ at: 6, length: 5, lang: 'de', fresh: true });
  });
});
