// Multi-file commits that survive kill -9 at any point: all of a command's files are applied or
// none, decided by a commit record in <locales>/.pereklad/commit.json that the next command (of any
// kind) finishes before it does anything else (`recoverCommit`, called by `withProject`).
//
//   1. the record is written, phase "staging", naming every temporary file to come;
//   2. the temporary files are written and fsynced (a kill here: the next command removes them,
//      nothing was applied: roll back);
//   3. the record is rewritten, phase "committed" (an atomic rename: this is the commit point);
//   4. each temporary file is renamed over its target, or a target is removed (a kill here: the
//      next command does the rest of the renames: roll forward);
//   5. the record is removed.
// A whole folder (a kit) is one entry: it is built as a temporary folder and renamed into place.
import path from 'node:path';
import { rename, rm, stat } from 'node:fs/promises';
import { BadInputError } from '../errors.js';
import { crashPoint, readIfExists, syncDir, tempPathFor, writeAtomic, writeTemp } from './io.js';
import { commitRecordPath } from './layout.js';

export interface StagedFile {
  path: string;
  /** New content, or null to remove the file. */
  content: string | null;
}

interface RecordEntry {
  /** Paths relative to the locales folder, so that a moved project still recovers. */
  target: string;
  /** The temporary file or folder to rename over the target; absent: remove the target. */
  temp?: string;
}

interface CommitRecord {
  v: 1;
  phase: 'staging' | 'committed';
  command: string;
  entries: RecordEntry[];
}

function isRecord(value: unknown): value is CommitRecord {
  const v = value as Partial<CommitRecord> | null;
  return v !== null && typeof v === 'object' && v.v === 1 && (v.phase === 'staging' || v.phase === 'committed') && Array.isArray(v.entries) &&
    v.entries.every((e: Partial<RecordEntry>) => typeof e.target === 'string' && (e.temp === undefined || typeof e.temp === 'string'));
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

async function writeRecord(localesDir: string, record: CommitRecord): Promise<void> {
  await writeAtomic(commitRecordPath(localesDir), `${JSON.stringify(record)}\n`);
}

/** Apply the renames of a committed record (each one done at most once: a temp that is gone was renamed). */
async function rollForward(localesDir: string, entries: readonly RecordEntry[]): Promise<void> {
  const dirs = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const target = path.resolve(localesDir, e.target);
    if (e.temp !== undefined) {
      const temp = path.resolve(localesDir, e.temp);
      if (await exists(temp)) await rename(temp, target);
    } else await rm(target, { force: true });
    dirs.add(path.dirname(target));
    crashPoint('commit-apply');
    if (i === entries.length - 1) crashPoint('commit-applied');
  }
  for (const dir of dirs) await syncDir(dir).catch(() => undefined);
}

async function rollBack(localesDir: string, entries: readonly RecordEntry[]): Promise<void> {
  for (const e of entries) if (e.temp !== undefined) await rm(path.resolve(localesDir, e.temp), { recursive: true, force: true });
}

export type Recovery = 'none' | 'rolled-forward' | 'rolled-back';

/** Finish or undo the commit a killed command left. Call under the project lock. */
export async function recoverCommit(localesDir: string): Promise<Recovery> {
  const file = commitRecordPath(localesDir);
  const text = await readIfExists(file);
  if (text === undefined) return 'none';
  let record: unknown;
  try { record = JSON.parse(text); } catch { record = undefined; }
  // The record is written atomically, so a damaged one was not written by pereklad.
  if (!isRecord(record)) throw new BadInputError(file, 'is not a commit record pereklad wrote; look at it, then remove it');
  if (record.phase === 'committed') await rollForward(localesDir, record.entries);
  else await rollBack(localesDir, record.entries);
  await rm(file, { force: true });
  return record.phase === 'committed' ? 'rolled-forward' : 'rolled-back';
}

/** Steps 1-5 above for any entries: `stage` writes the temporaries; a failure there undoes it all. */
async function commit(localesDir: string, command: string, entries: RecordEntry[], stage: () => Promise<void>): Promise<void> {
  await writeRecord(localesDir, { v: 1, phase: 'staging', command, entries });
  crashPoint('commit-staging');
  try {
    await stage();
  } catch (err) {
    await rollBack(localesDir, entries);
    await rm(commitRecordPath(localesDir), { force: true });
    throw err;
  }
  await writeRecord(localesDir, { v: 1, phase: 'committed', command, entries });
  crashPoint('commit-point');
  await rollForward(localesDir, entries);
  await rm(commitRecordPath(localesDir), { force: true });
  crashPoint('commit-done');
}

/** Write every changed file or none, surviving kill -9; returns the paths that changed. */
export async function commitFiles(localesDir: string, command: string, files: readonly StagedFile[]): Promise<string[]> {
  const changes: Array<StagedFile & { temp?: string }> = [];
  for (const f of files) {
    const before = await readIfExists(f.path);
    if (f.content === null ? before !== undefined : before !== f.content) changes.push({ ...f, ...(f.content !== null ? { temp: tempPathFor(f.path) } : {}) });
  }
  if (changes.length === 0) return [];
  const rel = (p: string): string => path.relative(localesDir, p);
  const entries: RecordEntry[] = changes.map((c) => ({ target: rel(c.path), ...(c.temp ? { temp: rel(c.temp) } : {}) }));
  await commit(localesDir, command, entries, async () => {
    for (const c of changes) {
      if (c.content === null || !c.temp) continue;
      await writeTemp(c.path, c.content, c.temp);
      crashPoint('commit-temp');
    }
  });
  return changes.map((c) => c.path);
}

/** Put a folder built elsewhere into place as one commit (a kit): `build` fills the temporary folder.
 *  rename(2) replaces an empty folder; the kit's caller has refused a non-empty one. */
export async function commitFolder(localesDir: string, command: string, target: string, build: (dir: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(target);
  const entries: RecordEntry[] = [{ target: path.relative(localesDir, target), temp: path.relative(localesDir, temp) }];
  await commit(localesDir, command, entries, () => build(temp));
}

