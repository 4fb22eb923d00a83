// Loading the translation memory from what the project holds: every XLIFF under the locales
// folder and every TMX under tm/ (where `pereklad tm import` puts them). A file that cannot be read
// is reported with file and line and left out; it never stops a job, and the job never
// overwrites it (see `LoadedXliff.error`).
import path from 'node:path';
import { listFiles } from '../project/listing.js';
import type { TranslatedArticle } from '../model.js';
import { BadInputError, PerekladError } from '../errors.js';
import { parseXliff } from '../xliff/read.js';
import type { XliffVersion } from '../xliff/codec.js';
import { exists, readText } from '../project/io.js';
import { listXliff, type UnreadableFolder } from '../project/layout.js';
import { TMX_MAX_BYTES, XLIFF_MAX_BYTES } from '../project/limits.js';
import { TranslationMemory } from './tm.js';
import { readTmx } from './tmx.js';

export const DEFAULT_TM_DIR = 'tm';

/** An XLIFF the memory was built from. Its text and model are not kept (at 10,000 articles they
 *  were most of a job's memory): a job reads again the few files it plans (readOwnXliff). */
export interface LoadedXliff {
  /** Path relative to the project, as reports name it. */
  display: string;
  /** Why the file is not used; such a file is not overwritten either. */
  error?: BadInputError;
}

export interface MemoryLoad {
  memory: TranslationMemory;
  /** Every XLIFF found, by absolute path. */
  xliff: Map<string, LoadedXliff>;
  /** Files (or units of TMX files) that were left out, each naming file and line. */
  problems: BadInputError[];
  tmxFiles: number;
}

export interface LoadMemoryOptions {
  cwd: string;
  /** Absolute locales folder. */
  localesDir: string;
  /** Absolute TM folder (tm/). */
  tmDir: string;
}

export async function loadMemory(options: LoadMemoryOptions): Promise<MemoryLoad> {
  const rel = (p: string): string => path.relative(options.cwd, p).split(path.sep).join('/') || '.';
  const memory = new TranslationMemory();
  const xliff = new Map<string, LoadedXliff>();
  const problems: BadInputError[] = [];

  const unreadable: UnreadableFolder[] = [];
  for (const { file: abs, lang } of await listXliff(options.localesDir, undefined, unreadable)) {
    const display = rel(abs);
    try {
      const text = await readText(abs, display, XLIFF_MAX_BYTES, 'an XLIFF file');
      const doc = parseXliff(text, display);
      if (!doc.targetLang) doc.targetLang = lang;
      memory.addDocument(doc, display);
      xliff.set(abs, { display });
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      problems.push(err);
      xliff.set(abs, { display, error: err });
    }
  }

  for (const u of unreadable) problems.push(new BadInputError(rel(u.folder), `folder cannot be read (${u.code}); its files are left out`));

  // No tm/ folder is no imported memory.
  const tmxFiles = await exists(options.tmDir)
    ? (await listFiles(options.tmDir, ['**/*.tmx'], { folder: rel(options.tmDir) })).map((f) => path.join(options.tmDir, f))
    : [];
  for (const abs of tmxFiles) {
    const display = rel(abs);
    try {
      const read = readTmx(await readText(abs, display, TMX_MAX_BYTES, 'a TMX file'), display);
      for (const entry of read.entries) memory.add(entry);
      problems.push(...read.problems);
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      problems.push(err instanceof BadInputError ? err : new BadInputError(display, err.message));
    }
  }
  return { memory, xliff, problems, tmxFiles: tmxFiles.length };
}

/** An article's own XLIFF, read again for planning: its text (to tell an unchanged rewrite) and
 *  model; undefined when it does not exist. */
export async function readOwnXliff(abs: string, display: string, lang: string): Promise<{ text: string; doc: TranslatedArticle & { version: XliffVersion } } | undefined> {
  if (!(await exists(abs))) return undefined;
  const text = await readText(abs, display, XLIFF_MAX_BYTES, 'an XLIFF file');
  const doc = parseXliff(text, display);
  if (!doc.targetLang) doc.targetLang = lang;
  return { text, doc };
}
