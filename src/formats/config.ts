// The `formats` section of pereklad.config.json: extensions read by another format than the
// default (`".htm": "html"`), and the front-matter fields that are translated.
import { UsageError } from '../errors.js';
import { DEFAULT_FORMATS_CONFIG, type FormatsConfig } from './format.js';

export function validateFormatsConfig(raw: unknown, file: string, known: readonly string[]): FormatsConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: "formats" must be an object`);
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (key !== 'extensions' && key !== 'frontMatterFields') throw new UsageError(`${file}: unknown key "formats.${key}" (known: extensions, frontMatterFields)`);
  }
  const config: FormatsConfig = { extensions: {}, frontMatterFields: [...DEFAULT_FORMATS_CONFIG.frontMatterFields] };
  if (input.extensions !== undefined) {
    const ext = input.extensions as Record<string, unknown>;
    if (ext === null || typeof ext !== 'object' || Array.isArray(ext)) throw new UsageError(`${file}: "formats.extensions" must be an object such as {".htm": "html"}`);
    for (const [extension, name] of Object.entries(ext)) {
      if (!/^\.[A-Za-z0-9_-]+$/u.test(extension)) throw new UsageError(`${file}: "formats.extensions" key "${extension}" must be an extension with its dot, such as ".htm"`);
      if (typeof name !== 'string' || !known.includes(name)) throw new UsageError(`${file}: "formats.extensions.${extension}" must be one of ${known.join(', ')}`);
      config.extensions[extension.toLowerCase()] = name;
    }
  }
  if (input.frontMatterFields !== undefined) {
    const fields = input.frontMatterFields;
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string' && f !== '')) throw new UsageError(`${file}: "formats.frontMatterFields" must be a list of key names`);
    config.frontMatterFields = [...new Set(fields as string[])];
  }
  return config;
}
