// Where a job's outputs live, and writing them atomically: a temporary file beside the target,
// fsync, rename, fsync of the folder. A crash (even kill -9) leaves either the old file or the
// new one, never half a file. Done here rather than with write-file-atomic so that the crash
// tests can stop a job between the fsync and the rename (see `crashPoint`).
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';

export function xliffPath(localesDir: string, lang: string, articleId: string): string {
  return path.join(localesDir, lang, `${articleId}.xlf`);
}

export function reviewPath(localesDir: string, lang: string, articleId: string): string {
  return path.join(localesDir, lang, 'review', `${articleId}.txt`);
}

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

const TEMP_SUFFIX = '.pereklad-tmp';

function tempPrefix(file: string): string {
  return `.${path.basename(file)}.`;
}

/** Temporary files a killed job left beside `file` (no job writes the same file concurrently). */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = tempPrefix(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX)).map((n) => rm(path.join(dir, n), { force: true })));
}

/** Write atomically: temporary file in the same folder, fsync, rename, fsync the folder. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(file);
  const temp = path.join(dir, `${tempPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    crashPoint('rename');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  // The rename lives in the folder's entry: without this, a power cut could still undo it.
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } catch {
    // Some file systems cannot fsync a directory; the rename is then as durable as they allow.
  } finally {
    await folder.close();
  }
}

/** Write atomically; returns false (and touches nothing) when the content was already there. */
export async function writeIfChanged(file: string, content: string): Promise<boolean> {
  if ((await readIfExists(file)) === content) {
    await removeStaleTemps(file);
    return false;
  }
  await writeAtomic(file, content);
  return true;
}

// Test hook for the crash tests (tests/job/crash.test.ts): PEREKLAD_CRASH_AT=<point>:<n> kills the
// process with SIGKILL the n-th time the job reaches the named point, exactly as kill -9 would.
// Points: plan, journal, rename, xliff, review, settle. Unset in normal use: then this does nothing.
const crashAt = parseCrashAt(process.env.PEREKLAD_CRASH_AT);
const reached = new Map<string, number>();

function parseCrashAt(value: string | undefined): { point: string; n: number } | undefined {
  const m = value?.match(/^([a-z-]+):(\d+)$/u);
  return m ? { point: m[1]!, n: Number(m[2]) } : undefined;
}

export function crashPoint(point: string): void {
  if (!crashAt || crashAt.point !== point) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  if (count === crashAt.n) process.kill(process.pid, 'SIGKILL');
}
