// Finding the translated articles a job left on disk: every XLIFF file under the locales folder,
// read back into the model. Review pages and published copies are built from these files only, so
// they show what translators and CAT tools actually hold, not what a job meant to write.
import path from 'node:path';
import type { TranslatedArticle } from '../model.js';
import { PerekladError } from '../errors.js';
import { parseXliff } from '../xliff/read.js';
import { readText } from '../project/io.js';
import { XLIFF_MAX_BYTES } from '../project/limits.js';
import { listXliff, type ProjectXliff, type UnreadableFolder } from '../project/layout.js';

/** There is nothing to review or publish: no XLIFF for the languages asked for. */
export class NoTranslationsError extends PerekladError {}

export interface TranslatedFile {
  lang: string;
  articleId: string;
  /** Path relative to the working folder, for messages. */
  file: string;
  doc: TranslatedArticle;
  /** The file's text as read, for a command's index to stamp without reading it again. */
  text: string;
}

export interface CollectResult {
  files: TranslatedFile[];
  /** One line per XLIFF file that could not be read (the others are still used). */
  errors: string[];
  languages: string[];
}

/** How `collectTranslations` reads: which languages (all when undefined); a file `skip` answers
 *  true for (a command's index knows it unchanged) is listed but not read; with `each`, every file
 *  read is handed to it and not kept (`files` stays empty), so that a command over 50,000 articles
 *  holds one of them at a time; `order` is the order they are read in (by language, then article
 *  id, unless given). */
export interface CollectOptions {
  languages?: readonly string[];
  skip?: (found: ProjectXliff) => Promise<boolean>;
  each?: (file: TranslatedFile) => Promise<void>;
  order?: (a: ProjectXliff, b: ProjectXliff) => number;
}

/** Read every `<localesDir>/<lang>/<article>.xlf` (see `CollectOptions`). */
export async function collectTranslations(cwd: string, localesDir: string, { languages, skip, each, order }: CollectOptions = {}): Promise<CollectResult> {
  const root = path.resolve(cwd, localesDir);
  const unreadable: UnreadableFolder[] = [];
  const found = await listXliff(root, languages, unreadable);
  if (order) found.sort(order);
  const files: TranslatedFile[] = [];
  let skipped = 0;
  const languagesFound = new Set<string>();
  const errors: string[] = unreadable.map((u) => `${path.relative(cwd, u.folder) || u.folder}: folder cannot be read (${u.code}); its files are left out`);
  for (const entry of found) {
    const { lang, articleId, file } = entry;
    if (skip && await skip(entry)) { skipped++; continue; }
    const display = path.relative(cwd, file) || file;
    let read: TranslatedFile;
    try {
      const text = await readText(file, display, XLIFF_MAX_BYTES, 'an XLIFF file');
      const doc = parseXliff(text, display);
      // A CAT tool may drop target-language/trgLang: the folder says which language it is.
      if (!doc.targetLang) doc.targetLang = lang;
      read = { lang, articleId, file: display, doc, text };
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      errors.push(err.message);
      continue;
    }
    languagesFound.add(lang);
    if (each) await each(read);
    else files.push(read);
  }
  if (languagesFound.size === 0 && errors.length === 0 && skipped === 0) {
    const which = languages && languages.length > 0 ? ` for ${languages.join(', ')}` : '';
    throw new NoTranslationsError(`no XLIFF files${which} under ${localesDir}/; run \`pereklad translate\` first`);
  }
  return { files, errors, languages: [...languagesFound] };
}
