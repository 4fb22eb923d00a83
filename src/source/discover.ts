// discover: find the articles under the source folder (listed by the project store) and give each
// a stable, file-name-safe id from its relative path.
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { FormatsConfig } from '../formats/format.js';
import { formatForPath } from '../formats/registry.js';
import { listFiles, patternEscapes } from '../project/listing.js';
import { infoOf } from '../project/io.js';

export interface DiscoverOptions {
  /** The source folder (absolute or relative to cwd). */
  sourceDir: string;
  /** Globs relative to sourceDir; default every file. */
  include?: string[];
  ignore?: string[];
  /** Which format reads which extension (src/formats/). */
  formats?: FormatsConfig;
}

export interface SourceFile {
  /** Article id: relative path without extension, `/`-separated. */
  id: string;
  /** Relative path under sourceDir, `/`-separated. */
  relPath: string;
  absPath: string;
  /** The format that reads it (src/formats/); the site's i18next namespaces are found elsewhere. */
  format?: string;
}

export interface DiscoveredSources {
  files: SourceFile[];
  /** Files found that no format reads, relative paths: each is reported as skipped. */
  unsupported: string[];
  /** Files whose paths give one article id (`a.md` beside `a.html`): none of them is read, each
   *  clash is an error for its articles only. */
  clashes: Array<{ id: string; paths: string[] }>;
}

/** Every file: one of a format pereklad does not read is reported as skipped, never silently left out. */
export const DEFAULT_INCLUDE = ['**/*'];

// Characters kept in ids: letters of any script, digits, `._-` and `/` between folders. Anything
// else (spaces, quotes, `:`) would make XLIFF ids and output file names fragile on some systems.
const UNSAFE_ID_CHAR = /[^\p{L}\p{N}._\-/]/gu;

export function articleIdFromPath(relPath: string): string {
  const withoutExt = relPath.replace(/\.[^./]+$/u, '');
  const id = withoutExt.replace(/\\/g, '/').replace(UNSAFE_ID_CHAR, '_');
  if (id === '' || id.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new UsageError(`${relPath}: not a usable article path`);
  }
  return id;
}

/** The articles to read; two files that would share an article id are refused. */
export async function discoverArticles(options: DiscoverOptions): Promise<SourceFile[]> {
  const { files, clashes } = await discoverSources(options);
  const clash = clashes[0];
  if (clash) throw new UsageError(`${clash.paths.join(' and ')} map to the same article id "${clash.id}"; rename one`);
  return files;
}

export async function discoverSources(options: DiscoverOptions): Promise<DiscoveredSources> {
  const root = path.resolve(options.sourceDir);
  const include = options.include && options.include.length > 0 ? options.include : DEFAULT_INCLUDE;
  for (const pattern of include) {
    // A pattern that climbs out of the source folder would read files that are not articles.
    if (patternEscapes(pattern)) throw new UsageError(`source pattern "${pattern}" escapes the source folder ${options.sourceDir}`);
  }
  const folder = await infoOf(root);
  if (!folder?.isDirectory()) {
    throw new UsageError(`source folder ${options.sourceDir} not found: run pereklad in the folder that holds it, or name it with --source (or "sourceDir" in pereklad.config.json)`);
  }
  const found = await listFiles(root, include, { ignore: options.ignore, folder: `the source folder ${options.sourceDir}` });
  const files: SourceFile[] = [];
  const unsupported: string[] = [];
  const byId = new Map<string, string[]>();
  for (const relPath of found) {
    const absPath = path.resolve(root, relPath);
    const format = formatForPath(relPath, options.formats);
    if (!format) { unsupported.push(relPath); continue; }
    const id = articleIdFromPath(relPath);
    const paths = byId.get(id);
    if (paths) paths.push(relPath);
    else byId.set(id, [relPath]);
    files.push({ id, relPath, absPath, format: format.name });
  }
  // Two files cannot share one XLIFF and one review copy; which is meant cannot be guessed.
  const clashes = [...byId].filter(([, paths]) => paths.length > 1).map(([id, paths]) => ({ id, paths }));
  const clashing = new Set(clashes.map((c) => c.id));
  return { files: files.filter((f) => !clashing.has(f.id)), unsupported, clashes };
}
