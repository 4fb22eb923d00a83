// The incremental index: for each article and language, what a finished job last made of it —
// the source's hash, the settings it was made with (segmentation rules, glossary, engine, XLIFF
// version, pereklad's version), and a stamp of the XLIFF and the review copy it wrote — kept in
// <locales>/.pereklad/index.json beside the journal, written atomically.
//
// It is a cache, never a source of truth: an article is skipped only when its source hashes the
// same, its settings are the same, and both output files are still exactly the ones recorded (same
// size, modification time and inode, else the same content hash). Anything else — a missing,
// damaged or stale index, an edited source, a hand-edited XLIFF, a deleted review copy, new rules
// or glossary — means the article is planned in full, as if there were no index. Deleting the file
// only costs time. An entry is recorded only after both files of a language were written, so a job
// killed half-way leaves at worst entries that no longer match, i.e. work redone.
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { LanguageFigures } from './reporter.js';
import { fileStamp, readIfExists, writeAtomic } from './io.js';

export const INDEX_FILE = path.join('.pereklad', 'index.json');
const VERSION = 1;

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

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

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

const keyOf = (lang: string, articleId: string): string => `${lang}\u0000${articleId}`;

/** The index of a command: `translate`'s (INDEX_FILE: source → XLIFF and review copy) or another
 *  command's own file (`review`: XLIFF → page), with what that command counts per entry. */
export class IncrementalIndex<F extends object = IndexFigures> {
  private dirty = false;

  private constructor(readonly file: string, private readonly entries: Map<string, IndexEntry<F>>, private damaged: boolean) {}

  static async open<F extends object = IndexFigures>(localesDir: string, name: string = INDEX_FILE): Promise<IncrementalIndex<F>> {
    const file = path.join(localesDir, name);
    const text = await readIfExists(file);
    const entries = new Map<string, IndexEntry<F>>();
    if (text === undefined) return new IncrementalIndex<F>(file, entries, false);
    try {
      const parsed = JSON.parse(text) as { v?: unknown; entries?: unknown };
      if (parsed.v !== VERSION || parsed.entries === null || typeof parsed.entries !== 'object') throw new Error('not an index');
      for (const [key, entry] of Object.entries(parsed.entries as Record<string, IndexEntry<F>>)) {
        if (typeof entry?.source === 'string' && typeof entry.settings === 'string' && entry.xliff && entry.copy && entry.figures) entries.set(key, entry);
      }
      return new IncrementalIndex<F>(file, entries, false);
    } catch {
      // Damaged: as if absent. The next save replaces it.
      return new IncrementalIndex<F>(file, new Map(), true);
    }
  }

  /** The hash of an article's source when its file still has the stamp recorded with it, or
   *  undefined (the text must then be read and hashed). */
  sourceHash(articleId: string, langs: readonly string[], stamp: SourceStamp): string | undefined {
    for (const lang of langs) {
      const entry = this.entries.get(keyOf(lang, articleId));
      if (entry && sameStamp(entry.sourceStamp, stamp)) return entry.source;
    }
    return undefined;
  }

  /** Keep the stamp of a source found unchanged by its content, so the next run need not read it. */
  noteSourceStamp(articleId: string, langs: readonly string[], source: string, stamp: SourceStamp): void {
    for (const lang of langs) {
      const entry = this.entries.get(keyOf(lang, articleId));
      if (!entry || entry.source !== source || sameStamp(entry.sourceStamp, stamp)) continue;
      entry.sourceStamp = stamp;
      this.dirty = true;
    }
  }

  /** The figures of an article and language that need no work, or undefined when it must be planned. */
  async unchanged(lang: string, articleId: string, source: string, settings: string, xliffFile: string, copyFile: string): Promise<F | undefined> {
    const entry = this.entries.get(keyOf(lang, articleId));
    if (!entry || entry.source !== source || entry.settings !== settings) return undefined;
    const x = await still(xliffFile, entry.xliff);
    if (x === 'changed') return undefined;
    const c = await still(copyFile, entry.copy);
    if (c === 'changed') return undefined;
    if (x === 'touched') entry.xliff = (await stampOf(xliffFile)) ?? entry.xliff;
    if (c === 'touched') entry.copy = (await stampOf(copyFile)) ?? entry.copy;
    if (x === 'touched' || c === 'touched') this.dirty = true;
    return entry.figures;
  }

  /** After both files of an article and language were written (or found as they should be). */
  async record(lang: string, articleId: string, source: string, settings: string, xliff: { file: string; text: string }, copy: { file: string; text: string }, figures: F, sourceStamp?: SourceStamp): Promise<void> {
    const xs = await stampOf(xliff.file, xliff.text);
    const cs = await stampOf(copy.file, copy.text);
    if (!xs || !cs) return this.forget(lang, articleId);
    this.entries.set(keyOf(lang, articleId), { source, ...(sourceStamp ? { sourceStamp } : {}), settings, xliff: xs, copy: cs, figures });
    this.dirty = true;
  }

  forget(lang: string, articleId: string): void {
    if (this.entries.delete(keyOf(lang, articleId))) this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty && !this.damaged) return;
    const entries = Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeAtomic(this.file, `${JSON.stringify({ v: VERSION, entries })}\n`);
    this.dirty = false;
    this.damaged = false;
  }
}
