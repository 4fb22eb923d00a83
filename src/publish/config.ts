// The `publish` section of pereklad.config.json: where localized copies go, how far along a
// translation must be to be published, and the shape of the i18next resources.
import { UsageError } from '../errors.js';
import type { SegmentState } from '../model.js';
import { RESOURCE_GATES, type ResourceGate } from './i18next.js';

export type PublishFormat = 'txt' | 'md' | 'html';
export const PUBLISH_FORMATS: readonly PublishFormat[] = ['txt', 'md', 'html'];

export interface PublishConfig {
  /** Folder for the localized copies, `<dir>/<lang>/<article>.<format>`. */
  dir: string;
  /** The state every sentence must have reached (default reviewed). */
  minState: Exclude<SegmentState, 'new'>;
  formats: PublishFormat[];
  i18next: {
    /** The resource file `locales/<lang>/<namespace>.json`. */
    namespace: string;
    /** `nested`: `{ "<article>": { "<segment>": "…" } }`, read with i18next's default `.` key separator;
     *  `flat`: `{ "<article>.<segment>": "…" }`, for sites that set `keySeparator: false`. */
    keys: 'nested' | 'flat';
    /** Publish sentences in whole paragraphs (default), whole articles, or one by one. */
    gate: ResourceGate;
  };
}

export const DEFAULT_PUBLISH_CONFIG: PublishConfig = {
  dir: 'publish',
  minState: 'reviewed',
  formats: ['txt', 'md', 'html'],
  i18next: { namespace: 'articles', keys: 'nested', gate: 'paragraph' },
};

export function checkMinState(value: unknown, where: string): Exclude<SegmentState, 'new'> {
  if (value === 'translated' || value === 'reviewed' || value === 'final') return value;
  throw new UsageError(`${where} must be translated, reviewed or final, not ${JSON.stringify(value)}`);
}

/** A list of publish formats, each known; duplicates dropped. */
export function checkFormats(value: unknown, where: string): PublishFormat[] {
  const unknown = Array.isArray(value) ? value.filter((f) => !(PUBLISH_FORMATS as readonly unknown[]).includes(f)) : [];
  if (!Array.isArray(value) || value.length === 0 || unknown.length > 0) {
    throw new UsageError(`${where} must name some of ${PUBLISH_FORMATS.join(', ')}${unknown.length > 0 ? `, not "${unknown.join(', ')}"` : ''}`);
  }
  return [...new Set(value as PublishFormat[])];
}

// A namespace becomes a file name and an i18next namespace (where `:` separates it from keys).
const NAMESPACE = /^[A-Za-z0-9_-]+$/u;

export function validatePublishConfig(raw: unknown, file: string): PublishConfig {
  const bad = (key: string, expected: string): never => {
    throw new UsageError(`${file}: "publish.${key}" must be ${expected}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: "publish" must be an object`);
  const input = raw as Record<string, unknown>;
  const known = ['dir', 'minState', 'formats', 'i18next'];
  for (const key of Object.keys(input)) if (!known.includes(key)) throw new UsageError(`${file}: unknown key "publish.${key}" (known: ${known.join(', ')})`);
  const config: PublishConfig = { ...DEFAULT_PUBLISH_CONFIG, formats: [...DEFAULT_PUBLISH_CONFIG.formats], i18next: { ...DEFAULT_PUBLISH_CONFIG.i18next } };
  if (input.dir !== undefined) config.dir = typeof input.dir === 'string' && input.dir !== '' ? input.dir : bad('dir', 'a folder path');
  if (input.minState !== undefined) config.minState = checkMinState(input.minState, `${file}: "publish.minState"`);
  if (input.formats !== undefined) config.formats = checkFormats(input.formats, `${file}: "publish.formats"`);
  if (input.i18next !== undefined) {
    const i = input.i18next as Record<string, unknown>;
    if (i === null || typeof i !== 'object' || Array.isArray(i)) bad('i18next', 'an object');
    for (const key of Object.keys(i)) if (key !== 'namespace' && key !== 'keys' && key !== 'gate') throw new UsageError(`${file}: unknown key "publish.i18next.${key}" (known: namespace, keys, gate)`);
    if (i.namespace !== undefined) config.i18next.namespace = typeof i.namespace === 'string' && NAMESPACE.test(i.namespace) ? i.namespace : bad('i18next.namespace', 'a name of letters, digits, _ and -');
    if (i.gate !== undefined) config.i18next.gate = (RESOURCE_GATES as readonly unknown[]).includes(i.gate) ? i.gate as ResourceGate : bad('i18next.gate', `one of ${RESOURCE_GATES.join(', ')}`);
    if (i.keys !== undefined) config.i18next.keys = i.keys === 'nested' || i.keys === 'flat' ? i.keys : bad('i18next.keys', '"nested" or "flat"');
  }
  return config;
}
