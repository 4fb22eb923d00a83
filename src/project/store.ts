// How a command opens the project: a writer takes the lock, then finishes (or undoes) the commit a
// killed command left and removes its temporary files, before it reads anything. A reader never
// waits: it only tidies up when nobody holds the lock (a holder is alive and finishes its own work).
import path from 'node:path';
import { recoverCommit } from './commit.js';
import { registerProjectRoot, removeTemps } from './io.js';
import { acquireLock, type LockOptions, ProjectLockedError } from './lock.js';
import { isSystemError } from './faults.js';

export interface ProjectOptions extends LockOptions {
  /** Folders outside the locales folder this command writes in (kits/, publish/): their temporary files are removed too. */
  alsoWrites?: readonly string[];
}

/** Run a writing command under the project lock, after recovery. */
export async function withProject<T>(localesDir: string, command: string, work: () => Promise<T>, options: ProjectOptions = {}): Promise<T> {
  for (const dir of [localesDir, ...(options.alsoWrites ?? [])]) registerProjectRoot(dir);
  // The folder named as the user would type it, whichever command asks.
  const lock = await acquireLock(localesDir, command, { ...options, display: options.display ?? (path.relative(process.cwd(), localesDir) || '.') });
  try {
    await recoverCommit(localesDir);
    await removeTemps([localesDir, ...(options.alsoWrites ?? [])]);
    return await work();
  } finally {
    await lock.release();
  }
}

/** Run a small write (a cache) under the lock if nobody holds it, without waiting; false when a
 *  writer is at work or the project cannot be written (a cache not kept costs time, not the job). */
export async function tryWithProject(localesDir: string, command: string, work: () => Promise<void>): Promise<boolean> {
  try {
    await withProject(localesDir, command, work, { waitMs: 0 });
    return true;
  } catch (err) {
    if (err instanceof ProjectLockedError || isSystemError(err)) return false;
    throw err;
  }
}

/** Before a reader looks: finish a killed command's commit and remove its temporary files, if no
 *  writer is at work (a live writer finishes its own). Never waits, and never fails the reader: on
 *  a read-only project there is nothing a killed writer could have left. */
export async function settleForReading(localesDir: string): Promise<void> {
  await tryWithProject(localesDir, 'recovery', async () => undefined);
}
