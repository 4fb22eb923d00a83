// The incremental index: for each article and language, what a finished job last made of it —
// the source's hash, the settings it was made with (segmentation rules, glossary, engine, XLIFF
// version, pereklad's version), and a stamp of the XLIFF and the review copy it wrote — kept in
// the cache database <locales>/.pereklad/index.sqlite (src/project/database.ts), one table for
// translate's index and review's and qa's own.
//
// It is a cache, never a source of truth: an article is skipped only when its source hashes the
// same, its settings are the same, and both output files are still exactly the ones recorded (same
// size, modification time and inode, else the same content hash). Anything else — a missing,
// damaged or stale index, an edited source, a hand-edited XLIFF, a deleted review copy, new rules
// or glossary — means the article is planned in full, as if there were no index. Deleting the file
// only costs time. An entry is recorded only after both files of a language were written, and
// stored by `save` after the job has flushed those files' folders, so a job killed half-way leaves
// at worst entries that no longer match, i.e. work redone.
//
// On disk rather than in this process: at 50,000 articles and three languages the entries took
// 60-75 MB of heap parsed from one JSON file, and writing it whole cost time that grew with the
// archive. Now the process holds the entries changed since the last save (one window's) and the
// rows of the article it is looking at.
import path from 'node:path';
import { sha256 } from './digest.js';
import type { LanguageFigures } from './reporter.js';
import type { Statement } from 'better-sqlite3';
import { CACHE_DIR, closeCache, openCache, type CacheMode, type Db } from './database.js';
import { exists, fileStamp, readIfExists, removeFile } from './io.js';

export const INDEX_DB = 'index.sqlite';
/** Entries recorded between two saves by a command that walks the archive (qa, review): it then
 *  holds a bounded number of changed entries. */
export const SAVE_EVERY = 200;
/** Where an older pereklad kept each index (JSON): removed by the first writer that opens the database. */
const LEGACY_FILES: Record<IndexKind, string> = { translate: 'index.json', review: 'review-index.json', qa: 'qa-index.json' };

/** Whose index: translate's (source → XLIFF and review copy), review's (XLIFF → page) or qa's (XLIFF → findings). */
export type IndexKind = 'translate' | 'review' | 'qa';

const SCHEMA = {
  version: 1,
  // Keyed by article first: one read gives every language of an article.
  create: 'CREATE TABLE entries(kind TEXT NOT NULL, article TEXT NOT NULL, lang TEXT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY(kind, article, lang)) WITHOUT ROWID',
};

interface FileStamp {
  size: number;
  mtimeNs: string;
  ino: string;
  sha256: string;
}

/** A source file as it stood when it was read: the same stamp again means the same text (as git
 *  trusts its index), so an unchanged article is known without reading it. */
export type SourceStamp = Omit<FileStamp, 'sha256'>;

interface IndexEntry<F> {
  source: string;
  /** The source file's stamp, taken before its text was read (so a later write always moves it). */
  sourceStamp?: SourceStamp;
  settings: string;
  xliff: FileStamp;
  copy: FileStamp;
  /** What the command counts for this article and language when it is skipped. */
  figures: F;
}

/** What the summary and `status` count for an article and language when it is skipped: its units
 *  by state (`new` is `untranslated`), and its QA findings. The states are absent from entries an
 *  older pereklad wrote: `status` then plans such an article in full. */
export type IndexFigures = Pick<LanguageFigures, 'segments' | 'untranslated' | 'qaErrors' | 'qaWarnings' | 'mt' | 'translated' | 'reviewed' | 'final'>;

export { sha256 };

/** A stable hash of settings (RegExp as its source, keys in the order given). */
export function settingsHash(settings: unknown): string {
  return sha256(JSON.stringify(settings, (_key, value: unknown) => (value instanceof RegExp ? `/${value.source}/${value.flags}` : value)));
}

async function stampOf(file: string, text?: string): Promise<FileStamp | undefined> {
  const st = await fileStamp(file);
  if (!st) return undefined;
  const content = text ?? (await readIfExists(file));
  return content === undefined ? undefined : { ...st, sha256: sha256(content) };
}

/** Whether `file` is still what `stamp` recorded: by stat when nothing moved, else by content. */
async function still(file: string, stamp: FileStamp): Promise<'same' | 'touched' | 'changed'> {
  const st = await fileStamp(file);
  if (!st || st.size !== stamp.size) return 'changed';
  if (st.mtimeNs === stamp.mtimeNs && st.ino === stamp.ino) return 'same';
  // Touched or copied back: the content decides (and the stamp is refreshed).
  const content = await readIfExists(file);
  return content !== undefined && sha256(content) === stamp.sha256 ? 'touched' : 'changed';
}

const sameStamp = (a: SourceStamp | undefined, b: SourceStamp): boolean => a !== undefined && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;

// A file written in the last moments may be written again within the file system's timestamp
// granularity (a few ms on ext4) without its stamp moving ("racy git"): such a stamp is not kept,
// and the next run reads the text.
const RACY_NS = 2_000_000_000n;

/** A source stamp worth keeping: the file was last written well before now. */
export function settledStamp(stamp: SourceStamp | undefined, nowMs = Date.now()): SourceStamp | undefined {
  return stamp && BigInt(nowMs) * 1_000_000n - BigInt(stamp.mtimeNs) > RACY_NS ? stamp : undefined;
}

const isStamp = (s: unknown): s is FileStamp => {
  const v = s as Partial<FileStamp> | null;
  return typeof v?.size === 'number' && typeof v.mtimeNs === 'string' && typeof v.ino === 'string' && typeof v.sha256 === 'string';
};

/** A stored row as an entry, or undefined when it is not one (a damaged row is as if absent). */
function parseEntry<F>(text: string): IndexEntry<F> | undefined {
  try {
    const entry = JSON.parse(text) as Partial<IndexEntry<F>> | null;
    if (typeof entry?.source === 'string' && typeof entry.settings === 'string' && isStamp(entry.xliff) && isStamp(entry.copy) && entry.figures && typeof entry.figures === 'object') return entry as IndexEntry<F>;
  } catch {
    // Not JSON.
  }
  return undefined;
}

/** The index of a command (see IndexKind), with what that command counts per entry. Opened `write`
 *  under the project lock (changes are stored by `save`), or `read` by a reader, which changes
 *  nothing (status, dry runs: a project is left exactly as it was). */
export class IncrementalIndex<F extends object = IndexFigures> {
  /** What changed since the last save, by article and language; null: forgotten. */
  private pending = new Map<string, Map<string, IndexEntry<F> | null>>();
  /** The stored rows of the article last looked at (a lookup per language would read it again). */
  private cached?: { article: string; rows: Map<string, IndexEntry<F>> };
  private broken = false;
  /** The read of an article's rows, prepared once per connection. */
  private select?: Statement<[string, string], { lang: string; entry: string }>;

  /** Whether `db` is the writing connection (made on the first save that has something to store). */
  private writing = false;

  private constructor(private db: Db | undefined, private readonly kind: IndexKind, private readonly writer: boolean, private readonly localesDir: string, private readonly warn: (line: string) => void, private readonly display: string) {}

  /** The index of `kind` in the project whose locales folder is `localesDir`. It is read through a
   *  read-only connection; a writer opens the database for writing only when it has something to
   *  store, so that a run with nothing to do leaves the file untouched (not even its mtime: the
   *  switch into and out of WAL mode rewrites its header). A database that cannot be used is said
   *  once through `say.warn` and the command works without it (as if empty). */
  static async open<F extends object = IndexFigures>(localesDir: string, kind: IndexKind, mode: CacheMode, say?: { warn: (line: string) => void; rel: (abs: string) => string }): Promise<IncrementalIndex<F>> {
    const warn = say?.warn ?? (() => {});
    const display = (say?.rel ?? ((abs: string) => abs))(path.join(localesDir, CACHE_DIR, INDEX_DB));
    const index = new IncrementalIndex<F>(await openCache(localesDir, INDEX_DB, SCHEMA, 'read'), kind, mode === 'write', localesDir, warn, display);
    // One a reader cannot open (damaged, of another schema, left in WAL mode by a killed job) is
    // opened for writing at once by a writer: mended or made again before it is read.
    if (index.writer && !index.db && await exists(path.join(localesDir, CACHE_DIR, INDEX_DB))) await index.openForWriting();
    return index;
  }

  private async openForWriting(): Promise<boolean> {
    if (this.writing) return this.db !== undefined;
    if (this.db) closeCache(this.db, false);
    this.db = undefined;
    this.select = undefined;
    this.writing = true;
    try {
      this.db = await openCache(this.localesDir, INDEX_DB, SCHEMA, 'write');
      await removeFile(path.join(this.localesDir, CACHE_DIR, LEGACY_FILES[this.kind]));
      return true;
    } catch (err) {
      // A full disk, a read-only folder: the next job plans these articles again.
      this.fault(err);
      return false;
    }
  }

  private entry(lang: string, article: string): IndexEntry<F> | undefined {
    const changed = this.pending.get(article)?.get(lang);
    if (changed !== undefined) return changed ?? undefined;
    if (this.cached?.article !== article) {
      const rows = new Map<string, IndexEntry<F>>();
      if (this.db && !this.broken) {
        try {
          this.select ??= this.db.prepare<[string, string], { lang: string; entry: string }>('SELECT lang, entry FROM entries WHERE kind = ? AND article = ?');
          for (const row of this.select.all(this.kind, article)) {
            const entry = parseEntry<F>(row.entry);
            if (entry) rows.set(row.lang, entry);
          }
        } catch (err) {
          this.fault(err);
        }
      }
      this.cached = { article, rows };
    }
    return this.cached.rows.get(lang);
  }

  private change(lang: string, article: string, entry: IndexEntry<F> | null): void {
    if (!this.writer) return;
    let langs = this.pending.get(article);
    if (!langs) this.pending.set(article, (langs = new Map()));
    langs.set(lang, entry);
  }

  /** The hash of an article's source when its file still has the stamp recorded with it, or
   *  undefined (the text must then be read and hashed). */
  sourceHash(articleId: string, langs: readonly string[], stamp: SourceStamp): string | undefined {
    for (const lang of langs) {
      const entry = this.entry(lang, articleId);
      if (entry && sameStamp(entry.sourceStamp, stamp)) return entry.source;
    }
    return undefined;
  }

  /** Keep the stamp of a source found unchanged by its content, so the next run need not read it. */
  noteSourceStamp(articleId: string, langs: readonly string[], source: string, stamp: SourceStamp): void {
    for (const lang of langs) {
      const entry = this.entry(lang, articleId);
      if (!entry || entry.source !== source || sameStamp(entry.sourceStamp, stamp)) continue;
      this.change(lang, articleId, { ...entry, sourceStamp: stamp });
    }
  }

  /** The figures of an article and language that need no work, or undefined when it must be planned. */
  async unchanged(lang: string, articleId: string, source: string, settings: string, xliffFile: string, copyFile: string): Promise<F | undefined> {
    const entry = this.entry(lang, articleId);
    if (!entry || entry.source !== source || entry.settings !== settings) return undefined;
    const x = await still(xliffFile, entry.xliff);
    if (x === 'changed') return undefined;
    const c = await still(copyFile, entry.copy);
    if (c === 'changed') return undefined;
    if (x === 'touched' || c === 'touched') {
      this.change(lang, articleId, {
        ...entry,
        xliff: x === 'touched' ? (await stampOf(xliffFile)) ?? entry.xliff : entry.xliff,
        copy: c === 'touched' ? (await stampOf(copyFile)) ?? entry.copy : entry.copy,
      });
    }
    return entry.figures;
  }

  /** After both files of an article and language were written (or found as they should be). */
  async record(lang: string, articleId: string, source: string, settings: string, xliff: { file: string; text: string }, copy: { file: string; text: string }, figures: F, sourceStamp?: SourceStamp): Promise<void> {
    if (!this.writer) return;
    const xs = await stampOf(xliff.file, xliff.text);
    const cs = await stampOf(copy.file, copy.text);
    if (!xs || !cs) return this.forget(lang, articleId);
    this.change(lang, articleId, { source, ...(sourceStamp ? { sourceStamp } : {}), settings, xliff: xs, copy: cs, figures });
  }

  forget(lang: string, articleId: string): void {
    this.change(lang, articleId, null);
  }

  /** Store what changed since the last save, in one commit. Called once the files the entries
   *  stamp are durable (their folders flushed): after each window of a job, and at its end. */
  async save(): Promise<void> {
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    this.cached = undefined;
    if (this.broken || !(await this.openForWriting()) || !this.db) return;
    const db = this.db;
    try {
      const put = db.prepare('INSERT OR REPLACE INTO entries(kind, article, lang, entry) VALUES (?, ?, ?, ?)');
      const drop = db.prepare('DELETE FROM entries WHERE kind = ? AND article = ? AND lang = ?');
      db.transaction(() => {
        for (const [article, langs] of pending) {
          for (const [lang, entry] of langs) {
            if (entry) put.run(this.kind, article, lang, JSON.stringify(entry));
            else drop.run(this.kind, article, lang);
          }
        }
      })();
    } catch (err) {
      this.fault(err);
    }
  }

  close(): void {
    if (this.db) closeCache(this.db, this.writing);
    this.db = undefined;
    this.select = undefined;
  }

  // A cache that cannot be read or written (a full disk, a damaged page) costs time, never work:
  // said once, then the command goes on without it.
  private fault(err: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.warn(`warning: ${this.display}: cannot be ${this.writing ? 'written' : 'read'} (${(err as Error).message}); the next job reads these articles again`);
  }
}
