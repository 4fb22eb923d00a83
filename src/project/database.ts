// The project's cache database (SQLite through better-sqlite3): what pereklad can always rebuild
// from the project's files, kept so that a job does not rebuild it (the translation memory,
// src/memory/disk.ts). SQLite gives what a hand-made file format would have to earn: a commit
// that survives kill -9 (rollback through its WAL), readers that never wait for the writer, and
// indexed reads of a file far larger than a process should hold.
//
// Being a cache, it may be lost at any time: a damaged, foreign or older-schema file is removed
// and made again (costing time, never data), and a reader that cannot open it works without it.
import path from 'node:path';
import Database from 'better-sqlite3';
import { assertInsideProject, makeFolder, removeFile } from './io.js';

export type Db = Database.Database;

export const CACHE_DIR = '.pereklad';

/** How a cache database is opened: `write` under the project lock (made when missing), `read` by
 *  readers (status, dry runs): undefined when there is none or it cannot be opened read-only. */
export type CacheMode = 'write' | 'read';

export interface CacheSchema {
  /** Bumped whenever the tables change: a file of another version is made again. */
  version: number;
  /** CREATE statements, run when the file is new. */
  create: string;
}

export async function openCache(localesDir: string, name: string, schema: CacheSchema, mode: CacheMode): Promise<Db | undefined> {
  const file = path.join(localesDir, CACHE_DIR, name);
  await assertInsideProject(file);
  if (mode === 'read') {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      if (versionOf(db) === schema.version) return db;
      db.close();
    } catch {
      // No cache, or one this process cannot read: the caller works from the files.
    }
    return undefined;
  }
  await makeFolder(path.dirname(file));
  for (let attempt = 0; ; attempt++) {
    let db: Db | undefined;
    try {
      db = new Database(file);
      // WAL: readers go on while a job writes; NORMAL: a commit survives the process being killed
      // (not a power cut, which costs a rebuild at worst — this is a cache).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const version = versionOf(db);
      if (version === schema.version) return db;
      if (version !== undefined || hasTables(db)) throw new Error('another schema');
      db.exec(schema.create);
      db.exec('CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)").run(String(schema.version));
      return db;
    } catch (err) {
      db?.close();
      if (attempt > 0) throw err;
      // Damaged or of another version: a cache is made again rather than mended.
      for (const suffix of ['', '-wal', '-shm', '-journal']) await removeFile(file + suffix);
    }
  }
}

/** Close a cache database. The writer leaves it in rollback-journal mode: a reader then opens it
 *  without making the -wal and -shm files a WAL database needs (a reader writes nothing in the
 *  project, and on a read-only project could not). When a reader still has it open the switch
 *  waits for the next writer: a cache left in WAL mode is as good, only less tidy. */
export function closeCache(db: Db, writer: boolean): void {
  if (writer) {
    try {
      db.pragma('journal_mode = DELETE');
    } catch {
      // Busy: another connection is reading.
    }
  }
  db.close();
}

function versionOf(db: Db): number | undefined {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  } catch {
    return undefined;
  }
}

function hasTables(db: Db): boolean {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
}
