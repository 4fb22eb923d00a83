// Writing an import's results all or nothing: every file is first written beside its place as a
// temporary file, then all are renamed into place; if any step fails, the files already replaced
// get their previous contents back. A failed import leaves the project as it was.
import path from 'node:path';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { readIfExists } from '../job/files.js';

export interface StagedFile {
  path: string;
  /** New content, or null to remove the file. */
  content: string | null;
}


/** Apply every change or none; returns the paths that changed. */
export async function commitAll(files: readonly StagedFile[]): Promise<string[]> {
  const changes: Array<StagedFile & { before: string | undefined; temp?: string }> = [];
  for (const f of files) {
    const before = await readIfExists(f.path);
    if (f.content === null ? before !== undefined : before !== f.content) changes.push({ ...f, before });
  }
  const suffix = `.pereklad-import-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const done: typeof changes = [];
  try {
    for (const change of changes) {
      if (change.content === null) continue;
      await mkdir(path.dirname(change.path), { recursive: true });
      change.temp = change.path + suffix;
      await writeFile(change.temp, change.content, { encoding: 'utf8', flush: true });
    }
    for (const change of changes) {
      if (change.temp) await rename(change.temp, change.path);
      else await rm(change.path, { force: true });
      done.push(change);
    }
  } catch (err) {
    for (const change of done.reverse()) {
      if (change.before === undefined) await rm(change.path, { force: true });
      else await writeFile(change.path, change.before, 'utf8');
    }
    for (const change of changes) if (change.temp) await rm(change.temp, { force: true });
    throw err;
  }
  return changes.map((c) => c.path);
}
