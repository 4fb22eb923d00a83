// Finding the translated articles a job left on disk: every XLIFF file under the locales folder,
// read back into the model. Review pages and published copies are built from these files only, so
// they show what translators and CAT tools actually hold, not what a job meant to write.
import path from 'node:path';
import fg from 'fast-glob';
import type { TranslatedArticle } from '../model.js';
import { PerekladError } from '../errors.js';
import { readXliffFile } from '../xliff/read.js';

/** There is nothing to review or publish: no XLIFF for the languages asked for. */
export class NoTranslationsError extends PerekladError {}

export interface TranslatedFile {
  lang: string;
  articleId: string;
  /** Path relative to the working folder, for messages. */
  file: string;
  doc: TranslatedArticle;
}

export interface CollectResult {
  files: TranslatedFile[];
  /** One line per XLIFF file that could not be read (the others are still used). */
  errors: string[];
  languages: string[];
}

/** Read every `<localesDir>/<lang>/<article>.xlf`, optionally only for some languages. */
export async function collectTranslations(cwd: string, localesDir: string, languages?: readonly string[]): Promise<CollectResult> {
  const root = path.resolve(cwd, localesDir);
  // Review copies live in <lang>/review/ and are never XLIFF; nothing else under a language is.
  const found = (await fg('*/**/*.xlf', { cwd: root, onlyFiles: true, ignore: ['*/review/**'] })).sort();
  const files: TranslatedFile[] = [];
  const errors: string[] = [];
  for (const rel of found) {
    const slash = rel.indexOf('/');
    const lang = rel.slice(0, slash);
    if (languages && !languages.includes(lang)) continue;
    const articleId = rel.slice(slash + 1, -'.xlf'.length);
    const display = path.relative(cwd, path.join(root, rel)) || rel;
    try {
      const doc = await readXliffFile(path.join(root, rel), display);
      // A CAT tool may drop target-language/trgLang: the folder says which language it is.
      if (!doc.targetLang) doc.targetLang = lang;
      files.push({ lang, articleId, file: display, doc });
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      errors.push(err.message);
    }
  }
  const languagesFound = [...new Set(files.map((f) => f.lang))];
  if (files.length === 0 && errors.length === 0) {
    const which = languages && languages.length > 0 ? ` for ${languages.join(', ')}` : '';
    throw new NoTranslationsError(`no XLIFF files${which} under ${localesDir}/; run \`pereklad translate\` first`);
  }
  return { files, errors, languages: languagesFound };
}
