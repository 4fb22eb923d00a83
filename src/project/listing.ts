// Listing the project's input files (the articles under the source folder, the site's resource
// files): the one place that globs. Links are never followed into folders, and a file whose real
// path leaves the folder listed (a symbolic link to /etc/passwd) is refused, not read.
import fg from 'fast-glob';
import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { UsageError } from '../errors.js';

export interface ListOptions {
  ignore?: string[];
  /** How the folder is named in an error: `the source folder source-texts`. */
  folder: string;
}

/** Whether a glob would climb out of the folder it is relative to. */
export function patternEscapes(pattern: string): boolean {
  return path.isAbsolute(pattern) || pattern.split('/').includes('..');
}

/** Files under `root` matching `patterns`, as sorted `/`-separated paths relative to `root`. */
export async function listFiles(root: string, patterns: readonly string[], options: ListOptions): Promise<string[]> {
  for (const pattern of patterns) if (patternEscapes(pattern)) throw new UsageError(`pattern "${pattern}" escapes ${options.folder}`);
  const found = await fg([...patterns], { cwd: root, ignore: options.ignore ?? [], onlyFiles: true, dot: false, followSymbolicLinks: false, unique: true });
  found.sort();
  const realRoot = await realpath(root).catch(() => root);
  for (const relPath of found) {
    const real = path.relative(realRoot, await realpath(path.resolve(root, relPath)));
    if (real.startsWith('..') || path.isAbsolute(real)) throw new UsageError(`${relPath} is a link that escapes ${options.folder}`);
  }
  return found;
}

/** A glob for a path pattern with one `{{ns}}`-style placeholder: the rest escaped, the placeholder `*`. */
export function placeholderGlob(pattern: string, placeholder: string): string {
  return fg.escapePath(pattern.split(placeholder).join('\u0000')).replace(/\u0000/gu, '*');
}
