// Where everything of a project lives on disk, and the one way to list its XLIFF files. Every
// command asks here instead of joining paths itself, so the layout is defined once:
//
//   <locales>/<lang>/<article>.xlf              the project's XLIFF (the source of truth)
//   <locales>/<lang>/review/<article>.txt       review copies (and .qa.txt reports, .html pages)
//   <locales>/.pereklad/journal.jsonl           paid MT answers not yet in the XLIFF
//   <locales>/.pereklad/lock                    the project lock (src/project/lock.ts)
//   <locales>/.pereklad/commit.json             a multi-file commit in progress (src/project/commit.ts)
//   kits/<kind>-<lang>/                         hand-off packages for CAT tools
//   publish/<lang>/                             published copies
// Temporary files are `.pk-XXXXXXXX.tmp` beside their target (src/project/io.ts).
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { BadInputError } from '../errors.js';

export const STATE_DIR = '.pereklad';
export const REVIEW_DIR = 'review';

export function xliffPath(localesDir: string, lang: string, articleId: string): string {
  return path.join(localesDir, lang, `${articleId}.xlf`);
}

export function reviewPath(localesDir: string, lang: string, articleId: string): string {
  return path.join(localesDir, lang, REVIEW_DIR, `${articleId}.txt`);
}

export function stateDir(localesDir: string): string {
  return path.join(localesDir, STATE_DIR);
}

export function journalPath(localesDir: string): string {
  return path.join(localesDir, STATE_DIR, 'journal.jsonl');
}

export function lockPath(localesDir: string): string {
  return path.join(localesDir, STATE_DIR, 'lock');
}

export function commitRecordPath(localesDir: string): string {
  return path.join(localesDir, STATE_DIR, 'commit.json');
}

export interface ProjectXliff {
  lang: string;
  /** `/`-separated path under the language folder, without `.xlf`. */
  articleId: string;
  /** Absolute path. */
  file: string;
}

/** Names a language folder can have: not the state folder, not the review index, no dot file. */
function isLanguageFolder(name: string): boolean {
  return !name.startsWith('.') && name !== REVIEW_DIR;
}

/** The language folders under the locales folder, sorted; none when it does not exist. */
export async function listLanguages(localesDir: string): Promise<string[]> {
  const entries = await readdir(localesDir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries.filter((e) => e.isDirectory() && isLanguageFolder(e.name)).map((e) => e.name).sort();
}

/** A folder of the project that could not be listed: its files are left out, and the command says so. */
export interface UnreadableFolder {
  folder: string;
  code: string;
}

/** Files under `dir` (absolute paths), walking folders by hand so that one unreadable sub-folder is
 *  reported and skipped instead of failing the whole listing, and so that links are never followed. */
async function walk(dir: string, keep: (name: string) => boolean, skipDir: (rel: string[]) => boolean, unreadable: UnreadableFolder[], rel: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code !== 'ENOENT') unreadable.push({ folder: dir, code });
    return [];
  }
  const files: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) {
      if (!skipDir([...rel, e.name])) files.push(...await walk(path.join(dir, e.name), keep, skipDir, unreadable, [...rel, e.name]));
    } else if (e.isFile() && keep(e.name)) files.push(path.join(dir, e.name));
  }
  return files;
}

/**
 * Every project XLIFF under the locales folder (or only some languages'), sorted by language and
 * article. review/ folders, dot files and dot folders (the state folder, temporary files) are not
 * project files. Symbolic links are not followed (readdir reports them as links, not folders), so
 * a link cannot bring files from outside the project into it. Folders that cannot be read are
 * added to `unreadable` when given (the caller reports them), else the first one is an error.
 */
export async function listXliff(localesDir: string, languages?: readonly string[], unreadable?: UnreadableFolder[]): Promise<ProjectXliff[]> {
  const problems: UnreadableFolder[] = [];
  const found: ProjectXliff[] = [];
  for (const lang of await listLanguages(localesDir)) {
    if (languages && !languages.includes(lang)) continue;
    const langDir = path.join(localesDir, lang);
    const files = await walk(langDir, (name) => name.endsWith('.xlf'), (rel) => rel.length === 1 && rel[0] === REVIEW_DIR, problems);
    for (const file of files) {
      found.push({ lang, articleId: path.relative(langDir, file).split(path.sep).join('/').slice(0, -'.xlf'.length), file });
    }
  }
  if (unreadable) unreadable.push(...problems);
  else if (problems[0]) throw new BadInputError(problems[0].folder, `folder cannot be read (${problems[0].code})`);
  return found.sort((a, b) => (a.lang === b.lang ? (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0) : a.lang < b.lang ? -1 : 1));
}
