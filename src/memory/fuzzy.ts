// Fuzzy-match scoring as CAT tools show it: a percentage from a character-level Levenshtein
// distance. Characters rather than words because Ukrainian inflects: "у Мінську" and "у Мінська"
// differ by one letter, which a word-level score would count as a whole different word.
// A trigram index picks the few candidates worth the quadratic distance.

/** Text as the memory compares it: case folded, whitespace collapsed, each inline code one
 *  placeholder character whatever it holds (a different URL is a placeable, not a new sentence). */
export const CODE_MARK = '\u0001';

export function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance over UTF-16 units; two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Similarity in whole percent (0–100) of two normalized texts; 100 only when they are equal. */
export function similarity(a: string, b: string): number {
  if (a === b) return 100;
  const longest = Math.max(a.length, b.length);
  const score = Math.floor(100 * (1 - levenshtein(a, b) / longest));
  return Math.min(99, Math.max(0, score));
}

export function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** An inverted trigram index over items, each known by its normalized text. */
export class TrigramIndex<T> {
  private readonly postings = new Map<string, number[]>();
  private readonly items: Array<{ item: T; text: string; size: number }> = [];

  add(item: T, text: string): void {
    const id = this.items.length;
    const grams = trigrams(text);
    this.items.push({ item, text, size: grams.size });
    for (const gram of grams) {
      const list = this.postings.get(gram);
      if (list) list.push(id);
      else this.postings.set(gram, [id]);
    }
  }

  /** Items scoring at least `threshold`, best first, at most `limit`; the Dice coefficient of the
   *  trigram sets bounds which ones are worth a Levenshtein distance. */
  search(text: string, threshold: number, limit: number): Array<{ item: T; score: number }> {
    const grams = trigrams(text);
    const shared = new Map<number, number>();
    for (const gram of grams) for (const id of this.postings.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const candidates = [...shared]
      .map(([id, count]) => ({ id, dice: (2 * count) / (grams.size + this.items[id]!.size) }))
      .filter((c) => c.dice >= 0.4)
      .sort((x, y) => y.dice - x.dice || x.id - y.id)
      .slice(0, Math.max(limit * 8, 32));
    const scored: Array<{ item: T; score: number; id: number }> = [];
    for (const { id } of candidates) {
      const entry = this.items[id]!;
      const longest = Math.max(entry.text.length, text.length);
      // A length gap alone already caps the score: skip what cannot reach the threshold.
      if (longest > 0 && 100 * (1 - Math.abs(entry.text.length - text.length) / longest) < threshold) continue;
      const score = similarity(entry.text, text);
      if (score >= threshold) scored.push({ item: entry.item, score, id });
    }
    scored.sort((x, y) => y.score - x.score || x.id - y.id);
    return scored.slice(0, limit).map(({ item, score }) => ({ item, score }));
  }
}
