// The project's configuration: defaults, then pereklad.config.json in the working folder, then the
// command line. Validated at load; every error names the bad key.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';
import type { XliffVersion } from './xliff/codec.js';

export type EngineChoice = 'auto' | 'deepl' | 'pseudo' | 'none';
export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'deepl', 'pseudo', 'none'];

export interface PerekladConfig {
  sourceDir: string;
  localesDir: string;
  include: string[];
  ignore: string[];
  targets: string[];
  engine: EngineChoice;
  xliff: XliffVersion;
  deepl: { serverUrl?: string; concurrency: number; maxRetries: number; timeoutMs: number };
}

export const CONFIG_FILE = 'pereklad.config.json';

export const DEFAULT_CONFIG: PerekladConfig = {
  sourceDir: 'source-texts',
  localesDir: 'locales',
  include: ['**/*.txt', '**/*.md'],
  ignore: [],
  targets: ['en-GB'],
  engine: 'auto',
  xliff: '1.2',
  deepl: { concurrency: 4, maxRetries: 5, timeoutMs: 20_000 },
};

// BCP 47 as DeepL and XLIFF use it: `de`, `en-GB`, `pt-BR`, `zh-Hans`.
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

export function checkTargetLanguage(lang: string, where: string): string {
  if (!LANGUAGE_TAG.test(lang)) throw new UsageError(`${where}: "${lang}" is not a language tag such as en-GB or de`);
  if (lang === 'uk') throw new UsageError(`${where}: uk is the source language; name a target such as en-GB`);
  return lang;
}

function fail(file: string, key: string, expected: string): never {
  throw new UsageError(`${file}: "${key}" must be ${expected}`);
}

function stringList(value: unknown, file: string, key: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(file, key, 'a list of strings');
  return value as string[];
}

export function validateConfig(raw: unknown, file: string): PerekladConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: must hold a JSON object`);
  const input = raw as Record<string, unknown>;
  const known = new Set(['$schema', 'sourceDir', 'localesDir', 'include', 'ignore', 'targets', 'engine', 'xliff', 'deepl']);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new UsageError(`${file}: unknown key "${key}" (known: ${[...known].slice(1).join(', ')})`);
  const config: PerekladConfig = { ...DEFAULT_CONFIG, deepl: { ...DEFAULT_CONFIG.deepl } };
  for (const key of ['sourceDir', 'localesDir'] as const) {
    if (input[key] !== undefined) {
      if (typeof input[key] !== 'string' || input[key] === '') fail(file, key, 'a folder path');
      config[key] = input[key] as string;
    }
  }
  if (input.include !== undefined) config.include = stringList(input.include, file, 'include');
  if (input.ignore !== undefined) config.ignore = stringList(input.ignore, file, 'ignore');
  if (input.targets !== undefined) {
    config.targets = stringList(input.targets, file, 'targets').map((t) => checkTargetLanguage(t, `${file}: "targets"`));
    if (config.targets.length === 0) fail(file, 'targets', 'a non-empty list of languages');
  }
  if (input.engine !== undefined) {
    if (!ENGINE_CHOICES.includes(input.engine as EngineChoice)) fail(file, 'engine', ENGINE_CHOICES.join(', '));
    config.engine = input.engine as EngineChoice;
  }
  if (input.xliff !== undefined) {
    if (input.xliff !== '1.2' && input.xliff !== '2.0') fail(file, 'xliff', '"1.2" or "2.0"');
    config.xliff = input.xliff;
  }
  if (input.deepl !== undefined) {
    const d = input.deepl as Record<string, unknown>;
    if (d === null || typeof d !== 'object') fail(file, 'deepl', 'an object');
    if (d.serverUrl !== undefined) {
      if (typeof d.serverUrl !== 'string') fail(file, 'deepl.serverUrl', 'a URL');
      config.deepl.serverUrl = d.serverUrl;
    }
    for (const key of ['concurrency', 'maxRetries', 'timeoutMs'] as const) {
      if (d[key] !== undefined) {
        if (typeof d[key] !== 'number' || !Number.isInteger(d[key]) || (d[key] as number) < (key === 'maxRetries' ? 0 : 1)) fail(file, `deepl.${key}`, 'a positive whole number');
        config.deepl[key] = d[key] as number;
      }
    }
  }
  return config;
}

export async function loadConfig(cwd: string, explicitFile?: string): Promise<{ config: PerekladConfig; file?: string }> {
  const file = path.resolve(cwd, explicitFile ?? CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && explicitFile === undefined) return { config: { ...DEFAULT_CONFIG, deepl: { ...DEFAULT_CONFIG.deepl } } };
    throw new UsageError(`${explicitFile ?? CONFIG_FILE}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path.relative(cwd, file)}: not valid JSON (${(err as Error).message})`);
  }
  return { config: validateConfig(raw, path.relative(cwd, file)), file };
}
