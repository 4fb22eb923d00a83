// Where a job's outputs live, and writing them atomically (a crash never leaves half a file).
import path from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

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

/** Write atomically (temporary file, fsync, rename); returns false when the content was already there. */
export async function writeIfChanged(file: string, content: string): Promise<boolean> {
  if ((await readIfExists(file)) === content) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, content, { encoding: 'utf8', fsync: true });
  return true;
}
