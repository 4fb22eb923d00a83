// The project's configuration: defaults, then pereklad.config.json in the working folder, then the
// command line. Validated at load; every error names the bad key.
import path from 'node:path';
import { BadInputError, UsageError } from './errors.js';
import { exists, readText } from './project/io.js';
import { CONFIG_MAX_BYTES } from './project/limits.js';
import type { XliffVersion } from './xliff/codec.js';
import type { SourceEditOptions } from './memory/source-edit.js';
import { DEFAULT_PUBLISH_CONFIG, validatePublishConfig, type PublishConfig } from './publish/config.js';
import { DEFAULT_GLOSSARY_DIR } from './qa/glossary.js';
import { validateSegmentationConfig, type SegmentationConfig } from './segment/project.js';
import { DEFAULT_STRINGS_CONFIG, validateStringsConfig, type StringsConfig } from './formats/i18next/project.js';
import { validateFormatsConfig } from './formats/config.js';
import type { FormatsConfig } from './formats/format.js';
import { formatNames } from './formats/registry.js';

export type EngineChoice = 'auto' | 'deepl' | 'llm' | 'apertium' | 'pseudo' | 'none';
export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'deepl', 'llm', 'apertium', 'pseudo', 'none'];

/** DeepL options for one target language (`deepl.languages.de`); a base language serves its regions. */
export interface DeepLLanguageConfig {
  formality?: 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less';
  modelType?: 'quality_optimized' | 'latency_optimized' | 'prefer_quality_optimized';
  /** DeepL `custom_instructions` (≤ 10, ≤ 300 characters each) and a style rule id (`style_id`). */
  customInstructions?: string[];
  styleId?: string;
}

export interface DeepLConfig {
  serverUrl?: string;
  /** Names the project's one DeepL glossary (`pereklad <projectId>`), so projects sharing an account never touch each other's. */
  projectId?: string;
  concurrency: number;
  maxRetries: number;
  timeoutMs: number;
  /** Send headlines and partly-sent paragraphs as DeepL's free `context` (default true). */
  context: boolean;
  languages: Record<string, DeepLLanguageConfig>;
}

/** An OpenAI-compatible chat-completions server (`--engine llm`). The key only from the environment. */
export interface LlmConfig {
  baseUrl?: string;
  model?: string;
  concurrency: number;
  maxRetries: number;
  timeoutMs: number;
  maxCharsPerRequest: number;
}

export interface PerekladConfig {
  sourceDir: string;
  localesDir: string;
  include: string[];
  ignore: string[];
  targets: string[];
  engine: EngineChoice;
  xliff: XliffVersion;
  deepl: DeepLConfig;
  llm: LlmConfig;
  /** Folder with one glossary per language pair (`uk-en.tsv`). */
  glossaryDir: string;
  publish: PublishConfig;
  /** Extra or replacement sentence-segmentation rules (src/segment/project.ts). */
  segmentation?: SegmentationConfig;
  /** The site's i18next resources (src/formats/i18next/project.ts). */
  strings: StringsConfig;
  /** Article formats: extension overrides, translated front-matter fields (src/formats/config.ts). */
  formats?: FormatsConfig;
  /** What a source edit of a reviewed sentence keeps (src/memory/source-edit.ts). */
  sourceEdits?: SourceEditOptions;
}

export const CONFIG_FILE = 'pereklad.config.json';

export const DEFAULT_CONFIG: PerekladConfig = {
  sourceDir: 'source-texts',
  localesDir: 'locales',
  // Every file: one of a format pereklad does not read is reported, never silently left out.
  include: ['**/*'],
  ignore: [],
  targets: ['en-GB'],
  engine: 'auto',
  xliff: '1.2',
  deepl: { concurrency: 4, maxRetries: 5, timeoutMs: 20_000, context: true, languages: {} },
  llm: { concurrency: 2, maxRetries: 4, timeoutMs: 120_000, maxCharsPerRequest: 4000 },
  glossaryDir: DEFAULT_GLOSSARY_DIR,
  publish: DEFAULT_PUBLISH_CONFIG,
  strings: DEFAULT_STRINGS_CONFIG,
};

// BCP 47 as DeepL and XLIFF use it: `de`, `en-GB`, `pt-BR`, `zh-Hans`.
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

/** A target language in its canonical BCP 47 form (`en-gb`, `EN-GB` → `en-GB`; `pt-br` → `pt-BR`),
 *  so that a case slip never makes a second locales folder, a second XLIFF and a second bill. */
export function checkTargetLanguage(lang: string, where: string): string {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(lang)[0];
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined || !LANGUAGE_TAG.test(canonical)) throw new UsageError(`${where}: "${lang}" is not a language tag such as en-GB or de`);
  if (canonical === 'uk') throw new UsageError(`${where}: uk is the source language; name a target such as en-GB`);
  return canonical;
}

/** `--to en-GB,de`: the languages named, each checked; undefined when the flag was not given. */
export function targetsFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const langs = [...new Set(value.split(',').map((t) => t.trim()).filter(Boolean).map((t) => checkTargetLanguage(t, '--to')))];
  if (langs.length === 0) throw new UsageError('--to names no language');
  return langs;
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
  const known = new Set(['$schema', 'sourceDir', 'localesDir', 'include', 'ignore', 'targets', 'engine', 'xliff', 'deepl', 'llm', 'glossaryDir', 'publish', 'segmentation', 'strings', 'formats', 'sourceEdits']);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new UsageError(`${file}: unknown key "${key}" (known: ${[...known].slice(1).join(', ')})`);
  const config: PerekladConfig = freshConfig();
  for (const key of ['sourceDir', 'localesDir'] as const) {
    if (input[key] !== undefined) {
      if (typeof input[key] !== 'string' || input[key] === '') fail(file, key, 'a folder path');
      config[key] = input[key] as string;
    }
  }
  if (input.include !== undefined) config.include = stringList(input.include, file, 'include');
  if (input.ignore !== undefined) config.ignore = stringList(input.ignore, file, 'ignore');
  if (input.targets !== undefined) {
    config.targets = [...new Set(stringList(input.targets, file, 'targets').map((t) => checkTargetLanguage(t, `${file}: "targets"`)))];
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
    for (const key of Object.keys(d)) {
      if (!['serverUrl', 'projectId', 'concurrency', 'maxRetries', 'timeoutMs', 'context', 'languages'].includes(key)) fail(file, `deepl.${key}`, 'one of serverUrl, projectId, concurrency, maxRetries, timeoutMs, context, languages (unknown key)');
    }
    if (d.projectId !== undefined) {
      if (typeof d.projectId !== 'string' || !/^[\w.-]{1,64}$/u.test(d.projectId)) fail(file, 'deepl.projectId', 'letters, digits, ".", "-" or "_" (at most 64)');
      config.deepl.projectId = d.projectId;
    }
    if (d.context !== undefined) {
      if (typeof d.context !== 'boolean') fail(file, 'deepl.context', 'true or false');
      config.deepl.context = d.context;
    }
    if (d.languages !== undefined) config.deepl.languages = validateDeepLLanguages(d.languages, file);
  }
  if (input.llm !== undefined) config.llm = validateLlm(input.llm, file);
  if (input.glossaryDir !== undefined) {
    if (typeof input.glossaryDir !== 'string' || input.glossaryDir === '') fail(file, 'glossaryDir', 'a folder path');
    config.glossaryDir = input.glossaryDir;
  }
  if (input.publish !== undefined) config.publish = validatePublishConfig(input.publish, file);
  if (input.segmentation !== undefined) config.segmentation = validateSegmentationConfig(input.segmentation, file);
  if (input.strings !== undefined) config.strings = validateStringsConfig(input.strings, file);
  if (input.formats !== undefined) config.formats = validateFormatsConfig(input.formats, file, formatNames());
  if (input.sourceEdits !== undefined) config.sourceEdits = validateSourceEdits(input.sourceEdits, file);
  return config;
}

function validateSourceEdits(value: unknown, file: string): SourceEditOptions {
  const v = value as Record<string, unknown>;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(file, 'sourceEdits', 'an object');
  for (const key of Object.keys(v)) if (key !== 'typoMaxEdits') fail(file, `sourceEdits.${key}`, 'typoMaxEdits (unknown key)');
  if (v.typoMaxEdits === undefined) return {};
  if (typeof v.typoMaxEdits !== 'number' || !Number.isInteger(v.typoMaxEdits) || v.typoMaxEdits < 0) fail(file, 'sourceEdits.typoMaxEdits', 'a whole number, 0 or more');
  return { typoMaxEdits: v.typoMaxEdits as number };
}

const FORMALITIES = ['default', 'more', 'less', 'prefer_more', 'prefer_less'];
const MODEL_TYPES = ['quality_optimized', 'latency_optimized', 'prefer_quality_optimized'];

function validateDeepLLanguages(value: unknown, file: string): Record<string, DeepLLanguageConfig> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(file, 'deepl.languages', 'an object by target language, e.g. {"de": {"formality": "prefer_more"}}');
  const out: Record<string, DeepLLanguageConfig> = {};
  for (const [lang, raw] of Object.entries(value as Record<string, unknown>)) {
    const where = `deepl.languages.${lang}`;
    const canonical = checkTargetLanguage(lang, `${file}: "${where}"`);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, where, 'an object with formality and/or modelType');
    const options = raw as Record<string, unknown>;
    const entry: DeepLLanguageConfig = {};
    for (const key of Object.keys(options)) if (!['formality', 'modelType', 'customInstructions', 'styleId'].includes(key)) fail(file, `${where}.${key}`, 'formality, modelType, customInstructions or styleId (unknown key)');
    if (options.customInstructions !== undefined) {
      const list = stringList(options.customInstructions, file, `${where}.customInstructions`);
      if (list.length > 10 || list.some((t) => t.length === 0 || t.length > 300)) fail(file, `${where}.customInstructions`, 'at most 10 instructions of 1-300 characters (DeepL\'s limits)');
      entry.customInstructions = list;
    }
    if (options.styleId !== undefined) {
      if (typeof options.styleId !== 'string' || options.styleId === '') fail(file, `${where}.styleId`, 'a DeepL style rule id');
      entry.styleId = options.styleId;
    }
    if (options.formality !== undefined) {
      if (!FORMALITIES.includes(options.formality as string)) fail(file, `${where}.formality`, FORMALITIES.join(', '));
      // DeepL has no formality for English (and refuses "more"/"less" there); "prefer_*" is ignored.
      if (lang.toLowerCase().startsWith('en') && (options.formality === 'more' || options.formality === 'less')) fail(file, `${where}.formality`, 'default, prefer_more or prefer_less (English has no formality)');
      entry.formality = options.formality as DeepLLanguageConfig['formality'];
    }
    if (options.modelType !== undefined) {
      if (!MODEL_TYPES.includes(options.modelType as string)) fail(file, `${where}.modelType`, MODEL_TYPES.join(', '));
      entry.modelType = options.modelType as DeepLLanguageConfig['modelType'];
    }
    out[canonical] = entry;
  }
  return out;
}

function validateLlm(value: unknown, file: string): LlmConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(file, 'llm', 'an object');
  const input = value as Record<string, unknown>;
  const llm: LlmConfig = { ...DEFAULT_CONFIG.llm };
  for (const key of Object.keys(input)) {
    if (!['baseUrl', 'model', 'concurrency', 'maxRetries', 'timeoutMs', 'maxCharsPerRequest'].includes(key)) fail(file, `llm.${key}`, 'one of baseUrl, model, concurrency, maxRetries, timeoutMs, maxCharsPerRequest (unknown key; the key goes in PEREKLAD_LLM_API_KEY)');
  }
  for (const key of ['baseUrl', 'model'] as const) {
    if (input[key] !== undefined) {
      if (typeof input[key] !== 'string' || input[key] === '') fail(file, `llm.${key}`, key === 'baseUrl' ? 'a URL such as http://127.0.0.1:8080/v1' : 'a model name');
      llm[key] = input[key] as string;
    }
  }
  for (const key of ['concurrency', 'maxRetries', 'timeoutMs', 'maxCharsPerRequest'] as const) {
    if (input[key] !== undefined) {
      if (typeof input[key] !== 'number' || !Number.isInteger(input[key]) || (input[key] as number) < 1) fail(file, `llm.${key}`, 'a positive whole number');
      llm[key] = input[key] as number;
    }
  }
  return llm;
}

function freshConfig(): PerekladConfig {
  return { ...DEFAULT_CONFIG, deepl: { ...DEFAULT_CONFIG.deepl, languages: {} }, llm: { ...DEFAULT_CONFIG.llm } };
}

export async function loadConfig(cwd: string, explicitFile?: string): Promise<{ config: PerekladConfig; file?: string }> {
  const file = path.resolve(cwd, explicitFile ?? CONFIG_FILE);
  if (explicitFile === undefined && !(await exists(file))) return { config: freshConfig() };
  let text: string;
  try {
    text = await readText(file, explicitFile ?? CONFIG_FILE, CONFIG_MAX_BYTES, 'a config file');
  } catch (err) {
    // A config that cannot be read is a usage problem (exit 2), as before: the job never starts.
    if (err instanceof BadInputError) throw new UsageError(err.message);
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path.relative(cwd, file)}: not valid JSON (${(err as Error).message})`);
  }
  return { config: validateConfig(raw, path.relative(cwd, file)), file };
}
