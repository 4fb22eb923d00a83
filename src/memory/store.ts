// Loading the translation memory from what the project holds: every XLIFF under the locales
// folder and every TMX under tm/ (where `pereklad tm import` puts them). A file that cannot be read
// is reported with file and line and left out; it never stops a job, and the job never
// overwrites it (see `LoadedXliff.error`).
import path from 'node:path';
import { listFiles } from '../project/listing.js';
import type { TranslatedArticle } from '../model.js';
import { BadInputError, PerekladError } from '../errors.js';
import { parseXliff } from '../xliff/read.js';
import type { XliffVersion } from '../xliff/codec.js';
import { exists, readText } from '../project/io.js';
import { listXliff, type UnreadableFolder } from '../project/layout.js';
import { TMX_MAX_BYTES, XLIFF_MAX_BYTES } from '../project/limits.js';
import { documentEntries, TranslationMemory, type MemoryIndex, type TmEntry } from './tm.js';
import { readTmx } from './tmx.js';
import { fileStamp } from '../project/io.js';
import { closeCache, openCache, type CacheMode, type Db } from '../project/database.js';
import { DiskMemory, fromStored, MEMORY_DB, MEMORY_SCHEMA, storedFiles, toStored } from './disk.js';

export const DEFAULT_TM_DIR = 'tm';

/** An XLIFF the memory was built from. Its text and model are not kept (at 10,000 articles they
 *  were most of a job's memory): a job reads again the few files it plans (readOwnXliff). */
export interface LoadedXliff {
  /** Path relative to the project, as reports name it. */
  display: string;
  /** Why the file is not used; such a file is not overwritten either. */
  error?: BadInputError;
}

export interface MemoryLoad {
  memory: TranslationMemory;
  /** Every XLIFF found, by absolute path. */
  xliff: Map<string, LoadedXliff>;
  /** Files (or units of TMX files) that were left out, each naming file and line. */
  problems: BadInputError[];
  tmxFiles: number;
}

export interface LoadMemoryOptions {
  cwd: string;
  /** Absolute locales folder. */
  localesDir: string;
  /** Absolute TM folder (tm/). */
  tmDir: string;
}

export async function loadMemory(options: LoadMemoryOptions): Promise<MemoryLoad> {
  const rel = (p: string): string => path.relative(options.cwd, p).split(path.sep).join('/') || '.';
  const memory = new TranslationMemory();
  const xliff = new Map<string, LoadedXliff>();
  const problems: BadInputError[] = [];

  const unreadable: UnreadableFolder[] = [];
  for (const { file: abs, lang } of await listXliff(options.localesDir, undefined, unreadable)) {
    const display = rel(abs);
    try {
      const text = await readText(abs, display, XLIFF_MAX_BYTES, 'an XLIFF file');
      const doc = parseXliff(text, display);
      if (!doc.targetLang) doc.targetLang = lang;
      memory.addDocument(doc, display);
      xliff.set(abs, { display });
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      problems.push(err);
      xliff.set(abs, { display, error: err });
    }
  }

  for (const u of unreadable) problems.push(new BadInputError(rel(u.folder), `folder cannot be read (${u.code}); its files are left out`));

  // No tm/ folder is no imported memory.
  const tmxFiles = await exists(options.tmDir)
    ? (await listFiles(options.tmDir, ['**/*.tmx'], { folder: rel(options.tmDir) })).map((f) => path.join(options.tmDir, f))
    : [];
  for (const abs of tmxFiles) {
    const display = rel(abs);
    try {
      const read = readTmx(await readText(abs, display, TMX_MAX_BYTES, 'a TMX file'), display);
      for (const entry of read.entries) memory.add(entry);
      problems.push(...read.problems);
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      problems.push(err instanceof BadInputError ? err : new BadInputError(display, err.message));
    }
  }
  return { memory, xliff, problems, tmxFiles: tmxFiles.length };
}

/** The memory a job plans with, and what it keeps of the files the job writes. */
export interface OpenedMemory extends Omit<MemoryLoad, 'memory'> {
  memory: MemoryIndex;
  /** Keep the entries of an XLIFF this job wrote (stored at `flush`, seen by the next job). */
  record(abs: string, doc: TranslatedArticle): Promise<void>;
  /** Store what was recorded (after each window). */
  flush(): void;
  close(): void;
}

/** One file of the memory, as read now: its entries and problems (its stamp taken before the read). */
async function readMemoryFile(abs: string, display: string, kind: 'xliff' | 'tmx', lang: string | undefined): Promise<{ entries: TmEntry[]; problems: BadInputError[] }> {
  try {
    if (kind === 'xliff') {
      const doc = parseXliff(await readText(abs, display, XLIFF_MAX_BYTES, 'an XLIFF file'), display);
      if (!doc.targetLang) doc.targetLang = lang ?? '';
      return { entries: documentEntries(doc, display), problems: [] };
    }
    const read = readTmx(await readText(abs, display, TMX_MAX_BYTES, 'a TMX file'), display);
    return { entries: read.entries, problems: read.problems };
  } catch (err) {
    if (!(err instanceof PerekladError)) throw err;
    return { entries: [], problems: [err instanceof BadInputError ? err : new BadInputError(display, err.message)] };
  }
}

const stampText = (s: { size: number; mtimeNs: string; ino: string } | undefined): string => (s ? `${s.size}:${s.mtimeNs}:${s.ino}` : '');

/** The memory through its copy on disk (src/memory/disk.ts): only files whose stamp moved since
 *  it was stored are read. `write` (under the project lock) brings the copy up to date; `read`
 *  (status, dry runs) leaves it as it is and reads the changed files into a layer of its own.
 *  Without a usable copy (none yet for a reader, a full disk, SQLite refusing), the memory is read
 *  from the files as `loadMemory` does, with one warning when something is wrong. */
export async function openMemory(options: LoadMemoryOptions, mode: CacheMode, warn: (message: string) => void): Promise<OpenedMemory> {
  const rel = (p: string): string => path.relative(options.cwd, p).split(path.sep).join('/') || '.';
  const dbDisplay = rel(path.join(options.localesDir, '.pereklad', MEMORY_DB));
  let db: Db | undefined;
  try {
    db = await openCache(options.localesDir, MEMORY_DB, MEMORY_SCHEMA, mode);
  } catch (err) {
    warn(`warning: ${dbDisplay}: cannot be used (${(err as Error).message}); the memory is read from the files`);
  }
  if (!db) {
    const load = await loadMemory(options);
    return { ...load, record: async () => {}, flush: () => {}, close: () => {} };
  }
  try {
    return await throughDisk(db);
  } catch (err) {
    if (err instanceof PerekladError) throw err;
    closeCache(db, mode === 'write');
    warn(`warning: ${dbDisplay}: cannot be used (${(err as Error).message}); the memory is read from the files`);
    const load = await loadMemory(options);
    return { ...load, record: async () => {}, flush: () => {}, close: () => {} };
  }

  async function throughDisk(database: Db): Promise<OpenedMemory> {
    const xliff = new Map<string, LoadedXliff>();
    const problems: BadInputError[] = [];
    const unreadable: UnreadableFolder[] = [];
    const files: Array<{ abs: string; kind: 'xliff' | 'tmx'; lang?: string }> = (await listXliff(options.localesDir, undefined, unreadable)).map((f) => ({ abs: f.file, kind: 'xliff' as const, lang: f.lang }));
    const tmx = await exists(options.tmDir) ? (await listFiles(options.tmDir, ['**/*.tmx'], { folder: rel(options.tmDir) })).map((f) => path.join(options.tmDir, f)) : [];
    files.push(...tmx.map((abs) => ({ abs, kind: 'tmx' as const })));
    const stored = storedFiles(database);
    const writer = mode === 'write';
    const hidden = new Set<number>();
    const overlay = new TranslationMemory();
    // A writer stores each changed file as it reads it, a few hundred files per commit (a first
    // use reads the whole archive once: it is never all in this process).
    const disk = writer ? new DiskMemory(database, true) : undefined;
    let inBatch = 0;
    const listed = new Set<string>();
    for (const file of files) {
      const key = path.relative(options.localesDir, file.abs);
      listed.add(key);
      const display = rel(file.abs);
      const stamp = stampText(await fileStamp(file.abs).catch(() => undefined));
      const known = stored.get(key);
      let found: BadInputError[];
      if (known && stamp !== '' && known.stamp === stamp) found = known.problems.map(fromStored);
      else {
        const read = await readMemoryFile(file.abs, display, file.kind, file.lang);
        found = read.problems;
        if (disk) {
          if (inBatch === 0) database.exec('BEGIN');
          disk.replace({ path: key, stamp, entries: read.entries, problems: found.map(toStored) });
          if (++inBatch === 200) { database.exec('COMMIT'); inBatch = 0; }
        } else {
          if (known) hidden.add(known.id);
          for (const entry of read.entries) overlay.add(entry);
        }
      }
      if (file.kind === 'xliff') xliff.set(file.abs, { display, ...(found[0] ? { error: found[0] } : {}) });
      problems.push(...found);
    }
    for (const u of unreadable) problems.push(new BadInputError(rel(u.folder), `folder cannot be read (${u.code}); its files are left out`));
    const gone = [...stored].filter(([key]) => !listed.has(key));
    if (!writer) for (const [, row] of gone) hidden.add(row.id);
    if (inBatch > 0) database.exec('COMMIT');
    const memory = disk ?? new DiskMemory(database, false, hidden, overlay.size > 0 ? overlay : undefined);
    if (disk) {
      disk.remove(gone.map(([key]) => key));
      database.transaction(() => disk.writePostings())();
    }
    let broken = false;
    const guard = (work: () => void): void => {
      if (broken || !writer) return;
      try {
        work();
      } catch (err) {
        // The copy on disk is a cache: what could not be stored is read from its file next time.
        broken = true;
        warn(`warning: ${dbDisplay}: cannot be written (${(err as Error).message}); the next job reads this job's files again`);
      }
    };
    return {
      memory, xliff, problems, tmxFiles: tmx.length,
      record: async (abs, doc) => {
        if (broken || !writer) return;
        const stamp = stampText(await fileStamp(abs).catch(() => undefined));
        if (stamp === '') return;
        const display = rel(abs);
        memory.record({ path: path.relative(options.localesDir, abs), stamp, entries: documentEntries(doc, display), problems: [] });
      },
      flush: () => guard(() => memory.flush()),
      close: () => closeCache(database, writer),
    };
  }
}

/** An article's own XLIFF, read again for planning: its text (to tell an unchanged rewrite) and
 *  model; undefined when it does not exist. */
export async function readOwnXliff(abs: string, display: string, lang: string): Promise<{ text: string; doc: TranslatedArticle & { version: XliffVersion } } | undefined> {
  if (!(await exists(abs))) return undefined;
  const text = await readText(abs, display, XLIFF_MAX_BYTES, 'an XLIFF file');
  const doc = parseXliff(text, display);
  if (!doc.targetLang) doc.targetLang = lang;
  return { text, doc };
}
