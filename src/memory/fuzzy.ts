// Fuzzy-match scoring as CAT tools show it: a percentage from a character-level Levenshtein
// distance. Characters rather than words because Ukrainian inflects: "у Мінську" and "у Мінська"
// differ by one letter, which a word-level score would count as a whole different word.
// A trigram index picks the few candidates worth the quadratic distance.
import { distance } from 'fastest-levenshtein';

/** Text as the memory compares it: case folded, whitespace collapsed, each inline code one
 *  placeholder character whatever it holds (a different URL is a placeable, not a new sentence). */
export const CODE_MARK = '\u0001';

export function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance over UTF-16 units (fastest-levenshtein: Myers' bit-parallel algorithm,
 *  several times faster than the two-row dynamic programme on sentence-length texts). */
export function levenshtein(a: string, b: string): number {
  return distance(a, b);
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

/** The trigrams of `text`, as `trigrams` gives them, each as a small number: the memory on disk
 *  gathers some 140 per sentence it stores, and a number costs no string to cut and hash. Each
 *  UTF-16 unit gets the next free number (per process), so that three fit in a small integer
 *  while the texts have used fewer than 1,024 distinct units; a text with a unit beyond those is
 *  left to `trigrams` (`of` says false). */
export class TrigramCodes {
  private readonly units = new Map<number, number>();
  private readonly back: number[] = [];

  private code(unit: number): number {
    let code = this.units.get(unit);
    if (code === undefined) {
      code = this.back.length;
      this.units.set(unit, code);
      this.back.push(unit);
    }
    return code;
  }

  /** Fills `into` (cleared first) with the codes of `text`'s trigrams, or returns false. */
  of(text: string, into: Set<number>): boolean {
    into.clear();
    const padded = ` ${text} `;
    let a = this.code(padded.charCodeAt(0));
    let b = this.code(padded.charCodeAt(1));
    if (a >= 1024 || b >= 1024) return false;
    for (let i = 2; i < padded.length; i++) {
      const c = this.code(padded.charCodeAt(i));
      if (c >= 1024) return false;
      into.add((a * 1024 + b) * 1024 + c);
      a = b;
      b = c;
    }
    return true;
  }

  /** The trigram a code stands for. */
  text(code: number): string {
    return String.fromCharCode(this.back[Math.floor(code / 1048576)]!, this.back[Math.floor(code / 1024) % 1024]!, this.back[code % 1024]!);
  }
}

/** Trigrams shared with the query that a candidate needs for a Dice coefficient of MIN_DICE:
 *  2s / (g + h) ≥ d with h ≥ s gives s ≥ g·d / (2 − d). */
export const MIN_DICE = 0.4;
/** Postings read per lookup to find candidates: the rarest trigrams of the query are read first
 *  and reading stops here, so a lookup costs about the same in a memory of a million sentences as
 *  in one of ten thousand. A frequent trigram (" на", "ння") is in a large share of all sentences:
 *  scanning its postings made every lookup cost in proportion to the memory. */
export const SCAN_BUDGET = 20_000;

/** Ids of the items holding one trigram, ascending, in a typed array: at ~130 trigrams per
 *  sentence the postings are most of a memory's size, and a JS array of numbers takes twice the
 *  bytes (and grows with more slack). */
class Postings {
  private buf = new Uint32Array(4);
  length = 0;

  push(id: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = id;
  }

  /** The ids as a view (no copy). */
  ids(): Uint32Array {
    return this.buf.subarray(0, this.length);
  }
}

/** An inverted trigram index over items, each known by its normalized text. */
export class TrigramIndex<T> {
  /** Per trigram, the ids of the items holding it, ascending (ids are given in order of adding). */
  private readonly postings = new Map<string, Postings>();
  private readonly items: Array<{ item: T; text?: string; size: number; length: number }> = [];

  /** `textOf`: the item's normalized text, when the item can give it again; then the index does not
   *  keep a copy of it (the edit distance of the few candidates recomputes it). */
  constructor(private readonly textOf?: (item: T) => string) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T, text: string): void {
    const id = this.items.length;
    const grams = trigrams(text);
    this.items.push({ item, ...(this.textOf ? {} : { text }), size: grams.size, length: text.length });
    for (const gram of grams) {
      let list = this.postings.get(gram);
      if (!list) this.postings.set(gram, (list = new Postings()));
      list.push(id);
    }
  }

  /** Items scoring at least `threshold`, best first, at most `limit`. Candidates come from the
   *  query's rarest trigrams (prefix filtering: an item sharing enough trigrams for the Dice bound
   *  holds at least one of the rarest g − s + 1), the most promising are counted exactly, and only
   *  those within the Dice and length bounds pay for an edit distance. */
  search(text: string, threshold: number, limit: number): Array<{ item: T; score: number }> {
    const grams = [...trigrams(text)];
    const lists = grams.map((g) => this.postings.get(g)?.ids()).filter((l): l is Uint32Array => l !== undefined).sort((a, b) => a.length - b.length);
    if (lists.length === 0) return [];
    const needed = Math.ceil((grams.length * MIN_DICE) / (2 - MIN_DICE));
    const prefix = Math.max(1, grams.length - needed + 1);
    const seen = new Map<number, number>();
    let scanned = 0;
    let read = 0;
    for (; read < lists.length && read < prefix; read++) {
      const list = lists[read]!;
      if (read > 0 && scanned + list.length > SCAN_BUDGET) break;
      for (const id of list) seen.set(id, (seen.get(id) ?? 0) + 1);
      scanned += list.length;
    }
    const shortlist = [...seen].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, Math.max(limit * 8, 32));
    const rest = lists.slice(read);
    const scored: Array<{ item: T; score: number; id: number }> = [];
    for (const [id, partial] of shortlist) {
      const entry = this.items[id]!;
      let shared = partial;
      for (const list of rest) if (holds(list, id)) shared++;
      if ((2 * shared) / (grams.length + entry.size) < MIN_DICE) continue;
      const longest = Math.max(entry.length, text.length);
      // A length gap alone already caps the score: skip what cannot reach the threshold.
      if (longest > 0 && 100 * (1 - Math.abs(entry.length - text.length) / longest) < threshold) continue;
      const score = similarity(entry.text ?? this.textOf!(entry.item), text);
      if (score >= threshold) scored.push({ item: entry.item, score, id });
    }
    scored.sort((x, y) => y.score - x.score || x.id - y.id);
    return scored.slice(0, limit).map(({ item, score }) => ({ item, score }));
  }
}

/** Whether an ascending list holds `id` (binary search). */
function holds(list: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
