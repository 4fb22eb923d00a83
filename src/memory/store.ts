// Loading the translation memory from what the project holds: every XLIFF under the locales
// folder and every TMX under tm/ (where `pereklad tm import` puts them). A file that cannot be read
// is reported with file and line and left out; it never stops a job, and the job never
// overwrites it (see `LoadedXliff.error`).
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import fg from 'fast-glob';
import type { TranslatedArticle } from '../model.js';
import { BadInputError, PerekladError } from '../errors.js';
import { parseXliff } from '../xliff/read.js';
import type { XliffVersion } from '../xliff/codec.js';
import { TranslationMemory } from './tm.js';
import { readTmx } from './tmx.js';

export const DEFAULT_TM_DIR = 'tm';

export interface LoadedXliff {
  /** Path relative to the project, as reports name it. */
  display: string;
  text?: string;
  doc?: TranslatedArticle & { version: XliffVersion };
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

/** Decode UTF-8 strictly; a bad byte is reported on its line. */
export function decodeUtf8(bytes: Uint8Array, display: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const line = at < 0 ? undefined : lossy.slice(0, at).split('\n').length;
    throw new BadInputError(display, 'is not valid UTF-8', line);
  }
}

async function readText(abs: string, display: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    throw new BadInputError(display, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return decodeUtf8(bytes, display);
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
  const find = (dir: string, pattern: string, ignore: string[] = []): Promise<string[]> =>
    fg(pattern, { cwd: dir, absolute: true, onlyFiles: true, dot: false, suppressErrors: true, ignore }).then((files) => files.sort());

  // Review copies and reports live in <lang>/review/; the journal and temporary files are dot files.
  for (const abs of await find(options.localesDir, '**/*.xlf', ['*/review/**'])) {
    const display = rel(abs);
    try {
      const text = await readText(abs, display);
      const doc = parseXliff(text, display);
      if (!doc.targetLang) doc.targetLang = path.relative(options.localesDir, abs).split(path.sep)[0] ?? '';
      memory.addDocument(doc, display);
      xliff.set(abs, { display, text, doc });
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      problems.push(err);
      xliff.set(abs, { display, error: err });
    }
  }

  const tmxFiles = await find(options.tmDir, '**/*.tmx');
  for (const abs of tmxFiles) {
    const display = rel(abs);
    try {
      const read = readTmx(await readText(abs, display), display);
      for (const entry of read.entries) memory.add(entry);
      problems.push(...read.problems);
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      problems.push(err instanceof BadInputError ? err : new BadInputError(display, err.message));
    }
  }
  return { memory, xliff, problems, tmxFiles: tmxFiles.length };
}
