// The project's segmentation rules: the built-in Ukrainian rules, replaced by an SRX file and/or
// extended with abbreviations and break/no-break rules from pereklad.config.json — so a newsroom
// can teach the splitter its own abbreviations and share the result with its CAT tools as SRX.
import path from 'node:path';
import { BadInputError, UsageError } from '../errors.js';
import { readText } from '../project/io.js';
import { SOURCE_MAX_BYTES } from '../project/limits.js';
import { defaultRules, extendRules, type SegmentationRules, type SrxRule } from './rules.js';
import type { AbbreviationLists } from './abbreviations.js';
import { srxToRules } from './srx.js';

export interface SegmentationConfig {
  /** An SRX 2.0 file (relative to the project) whose rules replace the built-in ones. */
  srx?: string;
  abbreviations?: Partial<AbbreviationLists>;
  /** Rules consulted before all others, first match wins. */
  rules?: SrxRule[];
}

const ABBREVIATION_CLASSES: ReadonlyArray<keyof AbbreviationLists> = ['title', 'unit', 'listEnd', 'beforeNumber'];

function fail(file: string, key: string, expected: string): never {
  throw new UsageError(`${file}: "${key}" must be ${expected}`);
}

/** Check the `segmentation` key of a config file; errors name the bad key. */
export function validateSegmentationConfig(raw: unknown, file: string): SegmentationConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, 'segmentation', 'an object with srx, abbreviations and/or rules');
  const input = raw as Record<string, unknown>;
  const out: SegmentationConfig = {};
  for (const key of Object.keys(input)) if (!['srx', 'abbreviations', 'rules'].includes(key)) fail(file, `segmentation.${key}`, 'srx, abbreviations or rules (unknown key)');
  if (input.srx !== undefined) {
    if (typeof input.srx !== 'string' || input.srx === '') fail(file, 'segmentation.srx', 'the path of an SRX file');
    out.srx = input.srx;
  }
  if (input.abbreviations !== undefined) {
    const lists = input.abbreviations as Record<string, unknown>;
    if (lists === null || typeof lists !== 'object' || Array.isArray(lists)) fail(file, 'segmentation.abbreviations', `an object with ${ABBREVIATION_CLASSES.join(', ')}`);
    const abbreviations: Partial<AbbreviationLists> = {};
    for (const [key, value] of Object.entries(lists)) {
      if (!(ABBREVIATION_CLASSES as readonly string[]).includes(key)) fail(file, `segmentation.abbreviations.${key}`, `one of ${ABBREVIATION_CLASSES.join(', ')} (unknown key)`);
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) fail(file, `segmentation.abbreviations.${key}`, 'a list of abbreviations without their dot, e.g. ["вул", "просп"]');
      abbreviations[key as keyof AbbreviationLists] = value as string[];
    }
    out.abbreviations = abbreviations;
  }
  if (input.rules !== undefined) {
    if (!Array.isArray(input.rules)) fail(file, 'segmentation.rules', 'a list of {"break": true|false, "before": regex, "after": regex}');
    out.rules = input.rules.map((rule: unknown, i): SrxRule => {
      const where = `segmentation.rules[${i}]`;
      const r = rule as Record<string, unknown>;
      if (r === null || typeof r !== 'object' || typeof r.break !== 'boolean' || typeof r.before !== 'string' || typeof r.after !== 'string') {
        fail(file, where, '{"break": true|false, "before": regex, "after": regex}');
      }
      for (const side of ['before', 'after'] as const) {
        try {
          new RegExp(r[side] as string, 'u');
        } catch (err) {
          fail(file, `${where}.${side}`, `a valid regular expression (${(err as Error).message})`);
        }
      }
      return { break: r.break as boolean, before: r.before as string, after: r.after as string, ...(typeof r.note === 'string' ? { note: r.note } : {}) };
    });
  }
  return out;
}

/** The rules a project segments its source with. */
export async function loadProjectRules(cwd: string, config: SegmentationConfig | undefined, lang = 'uk'): Promise<SegmentationRules> {
  let rules = defaultRules(lang);
  if (config?.srx) {
    const file = path.resolve(cwd, config.srx);
    let xml: string;
    try {
      xml = await readText(file, config.srx, SOURCE_MAX_BYTES, 'an SRX file');
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      throw new UsageError(`${err.message} (the SRX file named by segmentation.srx)`);
    }
    try {
      rules = srxToRules(xml, lang);
    } catch (err) {
      throw new UsageError(`${config.srx}: ${(err as Error).message}`);
    }
  }
  if (config?.abbreviations || config?.rules) rules = extendRules(rules, { abbreviations: config.abbreviations, rules: config.rules });
  return rules;
}
