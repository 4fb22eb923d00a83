// Where each journaled line is in the journal file, by a 64-bit prefix of the SHA-256 of its
// language, engine and key. A run of 50,000 articles journals some 700,000 answers: as a Map of
// strings to small objects that was about 200 bytes an answer (140 MB of a first run's heap); in
// these typed arrays (open addressing, at most three quarters full) it is about 25-50. By hand because no
// maintained library keeps a hash table in typed arrays keyed by a hash the caller already has.
//
// Two keys may share a prefix (about one chance in 10^7 at 700,000 answers): the later one then
// takes the slot, and the journal, which reads the line back and checks its key, does not take the
// other one's answer for it (that answer is asked for again).
import { digest } from './digest.js';

export interface Slot {
  at: number;
  length: number;
  lang: string;
  fresh: boolean;
}

const EMPTY = 0;

export class SlotTable {
  private capacity = 1024;
  private hi = new Uint32Array(this.capacity);
  private lo = new Uint32Array(this.capacity);
  private at = new Float64Array(this.capacity);
  private length = new Uint32Array(this.capacity);
  /** 1 + the index of the slot's language in `langs`; 0 for an empty bucket. */
  private lang = new Uint16Array(this.capacity);
  private fresh = new Uint8Array(this.capacity);
  private readonly langs: string[] = [];
  private used = 0;

  /** How many slots are set. */
  get size(): number {
    return this.used;
  }

  static hashOf(lang: string, engine: string, key: string): Buffer {
    return digest('sha256', `${lang}\u0000${engine}\u0000${key}`, 'buffer');
  }

  private bucket(hash: Buffer): number {
    const hi = hash.readUInt32LE(0);
    const lo = hash.readUInt32LE(4);
    const mask = this.capacity - 1;
    for (let b = lo & mask; ; b = (b + 1) & mask) {
      if (this.lang[b] === EMPTY || (this.hi[b] === hi && this.lo[b] === lo)) return b;
    }
  }

  get(hash: Buffer): Slot | undefined {
    const b = this.bucket(hash);
    return this.lang[b] === EMPTY ? undefined : this.slotAt(b);
  }

  set(hash: Buffer, slot: Slot): void {
    // At most three quarters full: linear probing stays short (about 2.5 probes a hit), and the
    // 700,000 answers of a 50,000-article run take 2^20 buckets (24 MB), not 2^21.
    if (4 * (this.size + 1) > 3 * this.capacity) this.grow();
    const b = this.bucket(hash);
    if (this.lang[b] === EMPTY) this.used++;
    this.hi[b] = hash.readUInt32LE(0);
    this.lo[b] = hash.readUInt32LE(4);
    this.put(b, slot);
  }

  /** The buckets of every slot not of `lang`, in the order of their lines in the file: the lines a
   *  rewrite keeps (numbers, not an object per slot: a first run of 50,000 articles has 700,000). */
  bucketsExcept(lang: string): Uint32Array {
    const code = this.langs.indexOf(lang) + 1;
    let n = 0;
    for (let b = 0; b < this.capacity; b++) if (this.lang[b] !== EMPTY && this.lang[b] !== code) n++;
    const kept = new Uint32Array(n);
    n = 0;
    for (let b = 0; b < this.capacity; b++) if (this.lang[b] !== EMPTY && this.lang[b] !== code) kept[n++] = b;
    return kept.sort((x, y) => this.at[x]! - this.at[y]!);
  }

  /** Where the line of a bucket (from `bucketsExcept`) is. */
  placeOf(bucket: number): { at: number; length: number } {
    return { at: this.at[bucket]!, length: this.length[bucket]! };
  }

  /** A bucket's line moved, as it is (the journal rewrote the file); valid until the table changes. */
  moveTo(bucket: number, at: number): void {
    this.at[bucket] = at;
  }

  /** Drop a language's slots (the table is built again: open addressing has no plain delete). */
  dropLanguage(lang: string): void {
    const code = this.langs.indexOf(lang) + 1;
    if (code !== 0) this.rebuild(this.capacity, code);
  }

  private slotAt(b: number): Slot {
    return { at: this.at[b]!, length: this.length[b]!, lang: this.langs[this.lang[b]! - 1]!, fresh: this.fresh[b] === 1 };
  }

  private put(b: number, slot: Slot): void {
    let code = this.langs.indexOf(slot.lang) + 1;
    if (code === 0) code = this.langs.push(slot.lang);
    this.at[b] = slot.at;
    this.length[b] = slot.length;
    this.lang[b] = code;
    this.fresh[b] = slot.fresh ? 1 : 0;
  }

  private allocate(capacity: number): void {
    this.capacity = capacity;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.at = new Float64Array(capacity);
    this.length = new Uint32Array(capacity);
    this.lang = new Uint16Array(capacity);
    this.fresh = new Uint8Array(capacity);
  }

  private reinsert(hi: number, lo: number, at: number, length: number, lang: number, fresh: number): void {
    const mask = this.capacity - 1;
    let b = lo & mask;
    while (this.lang[b] !== EMPTY) b = (b + 1) & mask;
    this.hi[b] = hi;
    this.lo[b] = lo;
    this.at[b] = at;
    this.length[b] = length;
    this.lang[b] = lang;
    this.fresh[b] = fresh;
    this.used++;
  }

  private grow(): void {
    this.rebuild(this.capacity * 2, EMPTY);
  }

  /** The table again at `capacity`, without the slots of language code `drop`. */
  private rebuild(capacity: number, drop: number): void {
    const old = { hi: this.hi, lo: this.lo, at: this.at, length: this.length, lang: this.lang, fresh: this.fresh, capacity: this.capacity };
    this.allocate(capacity);
    this.used = 0;
    for (let b = 0; b < old.capacity; b++) {
      if (old.lang[b] === EMPTY || old.lang[b] === drop) continue;
      this.reinsert(old.hi[b]!, old.lo[b]!, old.at[b]!, old.length[b]!, old.lang[b]!, old.fresh[b]!);
    }
  }
}
