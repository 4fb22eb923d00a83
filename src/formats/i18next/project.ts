// Where a project's i18next resources are and how they are read: the `strings` section of
// pereklad.config.json, finding the Ukrainian namespaces (i18next's own path convention,
// `locales/{{lng}}/{{ns}}.json`), and the target file of a namespace.
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { listFiles, patternEscapes, placeholderGlob } from '../../project/listing.js';
import { readText } from '../../project/io.js';
import { SOURCE_MAX_BYTES } from '../../project/limits.js';
import { DEFAULT_SYNTAX, type I18nextSyntax } from './syntax.js';
import { parseResource, resourceKeys, type Resource, type ResourceOptions } from './resource.js';
import type { NamespaceKeys } from './qa.js';
import { SOURCE_LANG } from './article.js';

export interface StringsConfig {
  /** Path pattern of the source files relative to the project, `{{lng}}` and `{{ns}}` as in
   *  i18next-fs-backend's loadPath; default `<localesDir>/{{lng}}/{{ns}}.json`. */
  source?: string;
  /** Keys whose value is kept as it stands (objects read with `returnObjects`). */
  keep: string[];
  syntax: I18nextSyntax;
  /** What the target resource files hold: every translation, machine translation included
   *  (`translated`, the default: the site shows MT until it is reviewed; a command that writes
   *  the file says how much), or reviewed and final ones only (`reviewed`: the rest falls back to Ukrainian). */
  minState?: StringsMinState;
}

export type StringsMinState = 'translated' | 'reviewed';

export const DEFAULT_STRINGS_CONFIG: StringsConfig = { keep: [], syntax: DEFAULT_SYNTAX };

const SYNTAX_KEYS = ['prefix', 'suffix', 'nestingPrefix', 'nestingSuffix', 'pluralSeparator', 'contextSeparator', 'keySeparator'] as const;

export function validateStringsConfig(value: unknown, file: string): StringsConfig {
  const bad = (key: string, expected: string): never => { throw new UsageError(`${file}: "strings.${key}" must be ${expected}`); };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${file}: "strings" must be an object`);
  const input = value as Record<string, unknown>;
  const config: StringsConfig = { keep: [], syntax: { ...DEFAULT_SYNTAX } };
  for (const key of Object.keys(input)) if (!['source', 'keep', 'minState', ...SYNTAX_KEYS].includes(key)) bad(key, `one of source, keep, minState, ${SYNTAX_KEYS.join(', ')} (unknown key)`);
  if (input.minState !== undefined) {
    if (input.minState !== 'translated' && input.minState !== 'reviewed') bad('minState', '"translated" or "reviewed"');
    config.minState = input.minState as StringsMinState;
  }
  if (input.source !== undefined) {
    // Without {{lng}} a target would be written over its source.
    if (typeof input.source !== 'string' || !input.source.includes('{{ns}}') || !input.source.includes('{{lng}}') || !input.source.endsWith('.json')) bad('source', 'a path pattern with {{lng}} and {{ns}} ending in .json, such as "locales/{{lng}}/{{ns}}.json"');
    config.source = input.source as string;
  }
  if (input.keep !== undefined) {
    if (!Array.isArray(input.keep) || !input.keep.every((k) => typeof k === 'string')) bad('keep', 'a list of keys');
    config.keep = input.keep as string[];
  }
  for (const key of SYNTAX_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (key === 'keySeparator' && v === false) { config.syntax.keySeparator = false; continue; }
    if (typeof v !== 'string' || v === '') bad(key, key === 'keySeparator' ? 'a string or false' : 'a non-empty string');
    config.syntax[key] = v as string;
  }
  return config;
}

export function resourceOptions(config: StringsConfig): ResourceOptions {
  return { syntax: config.syntax, keep: config.keep };
}

export interface ResourceFile {
  namespace: string;
  /** Relative to the project, `/`-separated (`locales/uk/site.json`). */
  relPath: string;
  absPath: string;
}

// Namespace names become file and XLIFF names: the characters article ids allow.
const NAMESPACE = /^[\p{L}\p{N}._-]+$/u;

function sourcePattern(config: StringsConfig, localesDir: string): string {
  return config.source ?? `${localesDir.replace(/\\/g, '/')}/{{lng}}/{{ns}}.json`;
}

/** The Ukrainian namespaces, sorted; `exclude` names namespaces pereklad itself writes (the
 *  published articles namespace), which are output, not source. */
export async function discoverResources(cwd: string, localesDir: string, config: StringsConfig, exclude: readonly string[]): Promise<ResourceFile[]> {
  const pattern = sourcePattern(config, path.relative(cwd, path.resolve(cwd, localesDir)) || '.').replace(/\{\{lng\}\}/gu, SOURCE_LANG);
  if (patternEscapes(pattern)) throw new UsageError(`strings.source "${pattern}" must stay inside the project`);
  const [before, after] = pattern.split('{{ns}}') as [string, string];
  const found = await listFiles(cwd, [placeholderGlob(pattern, '{{ns}}')], { folder: 'the project' });
  const files: ResourceFile[] = [];
  for (const relPath of found) {
    const namespace = relPath.slice(before.length, relPath.length - after.length);
    if (exclude.includes(namespace)) continue;
    if (!NAMESPACE.test(namespace)) throw new UsageError(`${relPath}: namespace "${namespace}" has characters a file name cannot safely carry; rename it`);
    files.push({ namespace, relPath, absPath: path.resolve(cwd, relPath) });
  }
  return files;
}

export async function readResource(file: ResourceFile): Promise<Resource> {
  return parseResource(await readText(file.absPath, file.relPath, SOURCE_MAX_BYTES, 'a resource file'), file.namespace, file.relPath);
}

/** The keys of every namespace the project's Ukrainian files hold, for the nesting check; a file
 *  that cannot be read is left out (the command that translates it reports it). */
export async function loadNamespaceKeys(cwd: string, localesDir: string, config: StringsConfig, exclude: readonly string[]): Promise<NamespaceKeys> {
  const keys = new Map<string, ReadonlySet<string>>();
  for (const file of await discoverResources(cwd, localesDir, config, exclude)) {
    try {
      keys.set(file.namespace, resourceKeys(await readResource(file), resourceOptions(config)));
    } catch {
      continue;
    }
  }
  return keys;
}

/** The target file of a namespace: the source's pattern with the target language
 *  (`locales/<lang>/<ns>.json` by default, beside the namespace's XLIFF). */
export function targetResourcePath(cwd: string, localesDir: string, config: StringsConfig, lang: string, namespace: string): string {
  const pattern = sourcePattern(config, path.relative(cwd, path.resolve(cwd, localesDir)) || '.');
  return path.resolve(cwd, pattern.replace(/\{\{lng\}\}/gu, lang).replace(/\{\{ns\}\}/gu, namespace));
}
