// The translation memory on disk (locales/.pereklad/memory.sqlite): every entry the project's
// XLIFF and TMX files give, with its exact keys and trigram postings, kept between jobs so that a
// job with a few new articles reads only the files that changed since the last one, and holds none
// of the archive in its own memory (issue 12: a lookup costs about the same at 50,000 articles as
// at 1,000). The files stay the source of truth: each file's entries are stored with the file's
// stamp, and a file whose stamp moved is read again.
//
// Visibility by generation: each writing job has a number G. Entries that a job records for the
// files it writes are stored with gen = G and the entries they replace marked dead = G, so that
// the job itself still sees the memory as it was when it started (as the in-memory memory did);
// the next job sees the new ones, and removes the dead.
//
// Fuzzy candidates: postings per (language, trigram) in chunks (one per flush), ids ascending,
// stored as varint deltas; each trigram's document count is kept apart, so a lookup reads the
// rarest trigrams first within the same budget as the in-memory index (src/memory/fuzzy.ts).
// Written by hand: no SQLite extension or library does n-gram candidates with prefix filtering.
import { digest } from '../project/digest.js';
import type { Segment } from '../model.js';
import { BadInputError } from '../errors.js';
import type { Db } from '../project/database.js';
import { MIN_DICE, SCAN_BUDGET, TrigramCodes, normalizeForMatch, similarity, trigrams } from './fuzzy.js';
import { exactText, shapeText, trustRank, type MemoryIndex, type TmContext, type TmEntry, TranslationMemory } from './tm.js';

export const MEMORY_DB = 'memory.sqlite';

export const MEMORY_SCHEMA = {
  version: 3,
  create: `
    CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE, stamp TEXT NOT NULL, problems TEXT NOT NULL);
    CREATE TABLE entries(
      id INTEGER PRIMARY KEY AUTOINCREMENT, file INTEGER NOT NULL, gen INTEGER NOT NULL, dead INTEGER,
      lang TEXT NOT NULL, exact TEXT, shape TEXT, ctx TEXT, pseudo INTEGER NOT NULL, trust INTEGER NOT NULL, date TEXT NOT NULL,
      norm TEXT NOT NULL, grams INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE INDEX entries_exact ON entries(lang, exact) WHERE exact IS NOT NULL;
    CREATE INDEX entries_shape ON entries(lang, shape) WHERE shape IS NOT NULL;
    CREATE INDEX entries_file ON entries(file);
    CREATE INDEX entries_dead ON entries(dead) WHERE dead IS NOT NULL;
    CREATE TABLE grams(lang TEXT NOT NULL, gram TEXT NOT NULL, gen INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(lang, gram, gen)) WITHOUT ROWID;
    CREATE TABLE postings(lang TEXT NOT NULL, gram TEXT NOT NULL, chunk INTEGER NOT NULL, gen INTEGER NOT NULL, ids BLOB NOT NULL, PRIMARY KEY(lang, gram, chunk)) WITHOUT ROWID;
  `,
};

/** A problem a file gave when it was read, kept with its entries so that every job says it again. */
export interface StoredProblem { file: string; problem: string; line?: number; column?: number }

export const toStored = (e: BadInputError): StoredProblem => ({ file: e.file, problem: e.problem, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) });
export const fromStored = (p: StoredProblem): BadInputError => new BadInputError(p.file, p.problem, p.line, p.column);

/** What was read from one file: its stamp, entries and problems. */
export interface FileEntries { path: string; stamp: string; entries: TmEntry[]; problems: StoredProblem[] }

interface Row { id: number; file: number; gen: number; dead: number | null; norm: string; grams: number }

const hash = (text: string): string => digest('sha1', text, 'base64');
const contextKey = (c: TmContext | undefined): string | null => (c ? hash(`${c.prev}\u0000${c.next}`) : null);

/** Postings gathered before a flush, per language and trigram, ids ascending. Trigrams are kept
 *  as numbers (src/memory/fuzzy.ts `TrigramCodes`): a first run gathers about two million. */
class PostingBuffer {
  /** Per language: lists by trigram code, and by trigram for a text beyond the codes. */
  readonly lists = new Map<string, { codes: Map<number, number[]>; texts: Map<string, number[]> }>();
  size = 0;
  private readonly seen = new Set<number>();

  constructor(private readonly codes: TrigramCodes) {}

  /** The distinct trigrams of `norm`, as codes when it can (the set is reused: valid until the
   *  next call). */
  gramsOf(norm: string): Set<number> | Set<string> {
    return this.codes.of(norm, this.seen) ? this.seen : trigrams(norm);
  }

  add(lang: string, grams: Set<number> | Set<string>, id: number): void {
    let mine = this.lists.get(lang);
    if (!mine) this.lists.set(lang, mine = { codes: new Map(), texts: new Map() });
    if (grams === this.seen) for (const code of this.seen) push(mine.codes, code, id);
    else for (const gram of grams as Set<string>) push(mine.texts, gram, id);
    this.size += grams.size;
  }

  /** Each trigram's ids, ascending (lists by code and by text, merged). */
  *byTrigram(): Generator<[lang: string, gram: string, ids: number[]]> {
    for (const [lang, { codes, texts }] of this.lists) {
      for (const [code, ids] of codes) {
        const gram = this.codes.text(code);
        const other = texts.get(gram);
        if (other) texts.delete(gram);
        yield [lang, gram, other ? mergeAscending(ids, other) : ids];
      }
      yield* [...texts].map(([gram, ids]): [string, string, number[]] => [lang, gram, ids]);
    }
  }

  clear(): void {
    this.lists.clear();
    this.size = 0;
  }
}

function push<K>(lists: Map<K, number[]>, key: K, id: number): void {
  const list = lists.get(key);
  if (list) list.push(id);
  else lists.set(key, [id]);
}

function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!);
  return out;
}

/** Ascending ids as varint deltas: most deltas of a frequent trigram fit in one byte. */
export function encodeIds(ids: readonly number[]): Buffer {
  const out = Buffer.alloc(ids.length * 5);
  let at = 0;
  let last = 0;
  for (const id of ids) {
    let delta = id - last;
    last = id;
    while (delta >= 0x80) {
      out[at++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    out[at++] = delta;
  }
  return out.subarray(0, at);
}

export function decodeIds(bytes: Uint8Array, each: (id: number) => void): void {
  let last = 0;
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    if (byte & 0x80) { scale *= 128; continue; }
    last += value;
    each(last);
    value = 0;
    scale = 1;
  }
}

/** The stored stamp and problems of every file, by path (relative to the locales folder). */
export function storedFiles(db: Db): Map<string, { id: number; stamp: string; problems: StoredProblem[] }> {
  const rows = db.prepare('SELECT id, path, stamp, problems FROM files').all() as Array<{ id: number; path: string; stamp: string; problems: string }>;
  return new Map(rows.map((r) => [r.path, { id: r.id, stamp: r.stamp, problems: JSON.parse(r.problems) as StoredProblem[] }]));
}

/** The memory on disk, as one job sees it. */
export class DiskMemory implements MemoryIndex {
  private readonly gen: number;
  /** Postings to write: of entries this job sees (`now`), and of those it recorded (`next`). */
  private readonly codes = new TrigramCodes();
  private readonly buffers = { now: new PostingBuffer(this.codes), next: new PostingBuffer(this.codes) };
  private readonly pending: FileEntries[] = [];
  private readonly stmt;

  /** `hidden`: files whose stored entries a reader must not use (changed since they were stored;
   *  their current entries are in `overlay`). */
  constructor(private readonly db: Db, private readonly writable: boolean, private readonly hidden: ReadonlySet<number> = new Set(), private readonly overlay?: TranslationMemory) {
    const meta = db.prepare("SELECT value FROM meta WHERE key = 'gen'").get() as { value: string } | undefined;
    const last = Number(meta?.value ?? 0);
    // A writer is a new generation; a reader sees everything committed.
    this.gen = last + 1;
    const visible = 'gen < @gen AND (dead IS NULL OR dead >= @gen)';
    this.stmt = {
      exact: db.prepare(`SELECT id, file, data FROM entries WHERE lang = @lang AND exact = @key AND ${visible} ORDER BY (ctx IS @ctx) DESC, pseudo ASC, trust DESC, date DESC LIMIT 64`),
      shape: db.prepare(`SELECT id, file, data FROM entries WHERE lang = @lang AND shape = @key AND ${visible} ORDER BY (ctx IS @ctx) DESC, pseudo ASC, trust DESC, date DESC LIMIT 64`),
      // A job's own chunks hold only entries it recorded, which it does not see.
      postings: db.prepare('SELECT ids FROM postings WHERE lang = ? AND gram = ? AND gen < ?'),
      rows: db.prepare('SELECT id, file, gen, dead, norm, grams FROM entries WHERE id IN (SELECT value FROM json_each(?))'),
      data: db.prepare('SELECT data FROM entries WHERE id = ?'),
      fileId: db.prepare('SELECT id FROM files WHERE path = ?'),
      insertFile: db.prepare('INSERT INTO files(path, stamp, problems) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET stamp = excluded.stamp, problems = excluded.problems RETURNING id'),
      retire: db.prepare('UPDATE entries SET dead = ? WHERE file = ? AND dead IS NULL'),
      drop: db.prepare('DELETE FROM entries WHERE file = ?'),
      // Positional: a first run inserts some 14 rows per article, and named parameters cost a
      // third of each insert (measured).
      insert: db.prepare('INSERT INTO entries(file, gen, lang, exact, shape, ctx, pseudo, trust, date, norm, grams, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      gram: db.prepare('INSERT INTO grams(lang, gram, gen, n) VALUES (?, ?, ?, ?) ON CONFLICT(lang, gram, gen) DO UPDATE SET n = n + excluded.n'),
      chunk: db.prepare('INSERT INTO postings(lang, gram, chunk, gen, ids) VALUES (?, ?, ?, ?, ?)'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    };
    if (writable) {
      this.setMeta('gen', String(this.gen));
      const purged = db.prepare('DELETE FROM entries WHERE dead IS NOT NULL AND dead < ?').run(this.gen).changes;
      if (purged > 0) this.setMeta('dead', String(this.metaNumber('dead') + purged));
      this.compactIfWorthIt();
    }
    // Each trigram's count of entries this job sees, held here (the vocabulary of trigrams is small,
    // some thousands per language, whatever the archive's size): the rarest-first order without a
    // query per lookup, and none at all for a trigram the job cannot find.
    for (const row of db.prepare('SELECT lang, gram, sum(n) AS n FROM grams WHERE gen < ? GROUP BY lang, gram').all(this.gen) as Array<{ lang: string; gram: string; n: number }>) {
      this.freq.set(`${row.lang}\u0000${row.gram}`, row.n);
    }
    this.empty = (db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM entries WHERE gen < @gen AND (dead IS NULL OR dead >= @gen) LIMIT 1)').get({ gen: this.gen }) as { n: number }).n === 0;
  }

  private metaNumber(key: string): number {
    return Number((this.stmt.getMeta.get(key) as { value: string } | undefined)?.value ?? 0);
  }

  private setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }

  // ---- lookups -------------------------------------------------------------------------------

  private readonly freq = new Map<string, number>();
  /** Nothing this job can see (a first run): lookups ask nothing. */
  private empty = false;
  private counts = new Uint16Array(1024);

  private countsFor(id: number): Uint16Array {
    if (id >= this.counts.length) {
      const grown = new Uint16Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    return this.counts;
  }

  /** Entries parsed once per lookup, so that the same id is the same object (exact and fuzzy agree). */
  private parsed = new Map<number, TmEntry>();

  private entry(id: number, data?: string): TmEntry {
    let entry = this.parsed.get(id);
    if (!entry) {
      entry = JSON.parse(data ?? (this.stmt.data.get(id) as { data: string }).data) as TmEntry;
      this.parsed.set(id, entry);
    }
    return entry;
  }

  exactCandidates(segment: Pick<Segment, 'content' | 'codes'>, lang: string, context: TmContext | undefined): TmEntry[] {
    this.parsed = new Map();
    if (this.empty) return this.overlay ? this.overlay.exactCandidates(segment, lang) : [];
    const ctx = contextKey(context);
    const exact = exactText(segment.content, segment.codes);
    const shape = shapeText(segment.content);
    const rows = [
      ...(this.stmt.exact.all({ lang, key: hash(exact), ctx, gen: this.gen }) as Array<{ id: number; file: number; data: string }>),
      ...(this.stmt.shape.all({ lang, key: hash(shape), ctx, gen: this.gen }) as Array<{ id: number; file: number; data: string }>),
    ];
    const found = rows.filter((r) => !this.hidden.has(r.file)).map((r) => this.entry(r.id, r.data))
      // A hash is a key, not a proof: the text decides.
      .filter((e) => (e.codesKnown ? exactText(e.source, e.codes) === exact : shapeText(e.source) === shape));
    return this.overlay ? [...found, ...this.overlay.exactCandidates(segment, lang)] : found;
  }

  fuzzyCandidates(text: string, lang: string, threshold: number, limit: number): Array<{ item: TmEntry; score: number }> {
    const own = this.fuzzyOnDisk(text, lang, threshold, limit);
    if (!this.overlay) return own;
    return [...own, ...this.overlay.fuzzyCandidates(text, lang, threshold, limit)].sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private fuzzyOnDisk(text: string, lang: string, threshold: number, limit: number): Array<{ item: TmEntry; score: number }> {
    if (this.empty) return [];
    const queryGrams = trigrams(text);
    const grams = [...queryGrams];
    const n = (g: string): number => this.freq.get(`${lang}\u0000${g}`) ?? 0;
    const lists = grams.filter((g) => n(g) > 0).sort((a, b) => n(a) - n(b));
    if (lists.length === 0) return [];
    const needed = Math.ceil((grams.length * MIN_DICE) / (2 - MIN_DICE));
    const prefix = Math.max(1, grams.length - needed + 1);
    // Counting in a typed array reused across lookups (ids are dense): a Map of 20,000 ids and a
    // sort of them cost more than the rest of the lookup together.
    const touched: number[] = [];
    let scanned = 0;
    let top = 0;
    let read = 0;
    for (; read < lists.length && read < prefix; read++) {
      const count = n(lists[read]!);
      if (read > 0 && scanned + count > SCAN_BUDGET) break;
      for (const { ids } of this.stmt.postings.all(lang, lists[read], this.gen) as Array<{ ids: Buffer }>) {
        decodeIds(ids, (id) => {
          const counts = this.countsFor(id);
          if (counts[id] === 0) touched.push(id);
          const c = ++counts[id]!;
          if (c > top) top = c;
        });
      }
      scanned += count;
    }
    // Best first by shared count, then by id: buckets, not a sort.
    const buckets: number[][] = Array.from({ length: top + 1 }, () => []);
    for (const id of touched) buckets[this.counts[id]!]!.push(id);
    for (const id of touched) this.counts[id] = 0;
    const want = Math.max(limit * 8, 32);
    const scored: Array<{ id: number; score: number }> = [];
    let considered = 0;
    // In batches down the buckets; the shortlist counts visible entries only (postings also hold
    // entries since removed, or written by this job).
    let c = top;
    let inBucket = 0;
    // Bounded, like the postings read: a lookup never walks every candidate to fill its shortlist.
    for (let examined = 0; considered < want && c > 0 && examined < want * 4; examined += want) {
      const batch: Array<[id: number, shared: number]> = [];
      while (batch.length < want && c > 0) {
        const bucket = buckets[c]!;
        if (inBucket === 0) bucket.sort((x, y) => x - y);
        while (inBucket < bucket.length && batch.length < want) batch.push([bucket[inBucket++]!, c]);
        if (inBucket === bucket.length) { c--; inBucket = 0; }
      }
      const rows = new Map((this.stmt.rows.all(JSON.stringify(batch.map(([id]) => id))) as Row[]).map((r) => [r.id, r]));
      for (const [id, shared] of batch) {
        const row = rows.get(id);
        if (!row || row.gen >= this.gen || (row.dead !== null && row.dead < this.gen) || this.hidden.has(row.file)) continue;
        if (++considered > want) break;
        // Within the Dice bound: at most the trigrams counted, and every one not read.
        if ((2 * (shared + lists.length - read)) / (grams.length + row.grams) < MIN_DICE) continue;
        const longest = Math.max(row.norm.length, text.length);
        // A length gap alone already caps the score: skip what cannot reach the threshold.
        if (longest > 0 && 100 * (1 - Math.abs(row.norm.length - text.length) / longest) < threshold) continue;
        const score = similarity(row.norm, text);
        if (score >= threshold) scored.push({ id, score });
      }
    }
    scored.sort((x, y) => y.score - x.score || x.id - y.id);
    return scored.slice(0, limit).map(({ id, score }) => ({ item: this.entry(id), score }));
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Replace a file's entries as of now (a file read at the start of a job: visible to it). */
  replace(file: FileEntries): void {
    this.put(file, false);
  }

  /** Entries of a file this job wrote: seen by the next job, not this one. Stored at `flush`. */
  record(file: FileEntries): void {
    this.pending.push(file);
  }

  /** Forget files no longer in the project. */
  remove(paths: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM files WHERE path = ?');
    this.db.transaction(() => {
      for (const p of paths) {
        const row = this.stmt.fileId.get(p) as { id: number } | undefined;
        if (!row) continue;
        this.stmt.drop.run(row.id);
        del.run(p);
      }
    })();
  }

  /** Store what `record` gathered, and the postings, in one commit. */
  flush(): void {
    if (!this.writable) return;
    this.db.transaction(() => {
      for (const file of this.pending.splice(0)) this.put(file, true);
      this.writePostings();
    })();
  }

  /** In a transaction (the caller's, or its own). */
  private put(file: FileEntries, recorded: boolean): void {
    const work = (): void => {
      const { id: fileId } = this.stmt.insertFile.get(file.path, file.stamp, JSON.stringify(file.problems)) as { id: number };
      if (recorded) this.stmt.retire.run(this.gen, fileId);
      else {
        const dropped = this.stmt.drop.run(fileId).changes;
        if (dropped > 0) this.setMeta('dead', String(this.metaNumber('dead') + dropped));
      }
      const gen = recorded ? this.gen : this.gen - 1;
      if (!recorded && file.entries.length > 0) this.empty = false;
      for (const entry of file.entries) {
        const norm = normalizeForMatch(shapeText(entry.source));
        const buffer = recorded ? this.buffers.next : this.buffers.now;
        const grams = buffer.gramsOf(norm);
        const id = Number(this.stmt.insert.run(
          fileId, gen, entry.lang,
          entry.codesKnown ? hash(exactText(entry.source, entry.codes)) : null,
          entry.codesKnown ? null : hash(shapeText(entry.source)),
          contextKey(entry.context), entry.provenance?.engine === 'pseudo' ? 1 : 0, trustRank(entry),
          entry.provenance?.date ?? '', norm, grams.size, JSON.stringify(entry),
        ).lastInsertRowid);
        buffer.add(entry.lang, grams, id);
      }
    };
    if (this.db.inTransaction) work();
    else this.db.transaction(work)();
    // Bound what the buffer holds (a cold start stores the whole archive once).
    if (!recorded && this.buffers.now.size > 2_000_000) this.db.transaction(() => this.writePostings())();
  }

  /** Write the gathered postings: one chunk per trigram and generation, its count added. */
  writePostings(): void {
    for (const [buffer, gen] of [[this.buffers.now, this.gen - 1], [this.buffers.next, this.gen]] as const) {
      if (buffer.lists.size === 0) continue;
      const chunk = this.metaNumber('chunk') + 1;
      for (const [lang, gram, ids] of buffer.byTrigram()) {
        this.stmt.gram.run(lang, gram, gen, ids.length);
        const key = `${lang}\u0000${gram}`;
        if (gen < this.gen) this.freq.set(key, (this.freq.get(key) ?? 0) + ids.length);
        this.stmt.chunk.run(lang, gram, chunk, gen, encodeIds(ids));
      }
      this.setMeta('chunk', String(chunk));
      buffer.clear();
    }
  }

  /** Postings of removed entries are skipped at lookup; once they are many, the postings are
   *  written again from the entries that remain. */
  private compactIfWorthIt(): void {
    const dead = this.metaNumber('dead');
    if (dead < 50_000) return;
    const live = (this.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    if (dead < live / 2) return;
    // In batches by id: better-sqlite3 runs no other statement while one is being iterated.
    const batch = this.db.prepare('SELECT id, lang, norm FROM entries WHERE id > ? ORDER BY id LIMIT 20000');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM postings; DELETE FROM grams;');
      for (let after = 0; ;) {
        const rows = batch.all(after) as Array<{ id: number; lang: string; norm: string }>;
        if (rows.length === 0) break;
        for (const row of rows) this.buffers.now.add(row.lang, this.buffers.now.gramsOf(row.norm), row.id);
        after = rows[rows.length - 1]!.id;
        if (this.buffers.now.size > 2_000_000) this.writePostings();
      }
      this.writePostings();
      this.setMeta('dead', '0');
    })();
  }
}
