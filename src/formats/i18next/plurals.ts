// Plural forms as i18next v4 names them (`key_one`, `key_few`, `key_ordinal_other`, `key_male_one`)
// and as CLDR defines them per language. A target gets exactly the categories its language has
// (Intl.PluralRules — the same source i18next's PluralResolver reads), each translated from the
// source form whose category covers the same numbers (sourceCategoryFor).
import type { I18nextSyntax } from './syntax.js';

export type PluralCategory = Intl.LDMLPluralRule;

/** i18next's order of suffixes (PluralResolver's suffixesOrder): the order a target group is written in. */
export const CATEGORY_ORDER: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

export interface PluralForm {
  /** The key without its plural suffix (`comments.count`, `place`, `author_male`). */
  base: string;
  ordinal: boolean;
  category: PluralCategory;
}

/** The plural suffix of a key, if it has one (`_one`, `_ordinal_few`, with the syntax's separator). */
export function pluralForm(key: string, syntax: I18nextSyntax): PluralForm | undefined {
  const sep = syntax.pluralSeparator;
  for (const category of CATEGORY_ORDER) {
    const ordinalSuffix = `${sep}ordinal${sep}${category}`;
    if (key.endsWith(ordinalSuffix) && key.length > ordinalSuffix.length) return { base: key.slice(0, -ordinalSuffix.length), ordinal: true, category };
    const suffix = `${sep}${category}`;
    if (key.endsWith(suffix) && key.length > suffix.length) return { base: key.slice(0, -suffix.length), ordinal: false, category };
  }
  return undefined;
}

export function pluralKey(base: string, ordinal: boolean, category: PluralCategory, syntax: I18nextSyntax): string {
  const sep = syntax.pluralSeparator;
  return `${base}${sep}${ordinal ? `ordinal${sep}` : ''}${category}`;
}

const rulesCache = new Map<string, Intl.PluralRules>();

function rules(lang: string, ordinal: boolean): Intl.PluralRules {
  const id = `${lang}\u0000${ordinal}`;
  let r = rulesCache.get(id);
  if (!r) {
    r = new Intl.PluralRules(lang, { type: ordinal ? 'ordinal' : 'cardinal' });
    rulesCache.set(id, r);
  }
  return r;
}

/** The categories a language needs, in i18next's order. */
export function languageCategories(lang: string, ordinal: boolean): PluralCategory[] {
  const have = new Set(rules(lang, ordinal).resolvedOptions().pluralCategories);
  return CATEGORY_ORDER.filter((c) => have.has(c));
}

// Numbers that tell the categories apart in every CLDR language: 0–200 and halves (fractions are
// `other` in Ukrainian and Polish, `one`/`many` elsewhere).
const SAMPLES: readonly number[] = [...Array.from({ length: 201 }, (_, i) => i), ...Array.from({ length: 21 }, (_, i) => i + 0.5)];

/**
 * The source category to translate a target category from: the one whose numbers match, that is,
 * the Ukrainian category most of the target category's numbers fall in. Where the rules agree this
 * is the same name (Polish few ← few, many ← many); where they do not, the name would mislead:
 * English `other` (0, 2, 5, 11, 1.5 …) is mostly Ukrainian `many` ("5 коментарів"), while Ukrainian
 * `other` is only fractions ("1,5 коментаря"). Ties go to the same name; a category none of whose
 * numbers the source group covers takes the same name, else `other`.
 */
export function sourceCategoryFor(target: PluralCategory, available: readonly PluralCategory[], sourceLang: string, targetLang: string, ordinal: boolean): PluralCategory {
  const votes = new Map<PluralCategory, number>();
  const targetRules = rules(targetLang, ordinal);
  const sourceRules = rules(sourceLang, ordinal);
  for (const n of SAMPLES) {
    if (ordinal && !Number.isInteger(n)) continue;
    if (targetRules.select(n) !== target) continue;
    const category = sourceRules.select(n);
    if (available.includes(category)) votes.set(category, (votes.get(category) ?? 0) + 1);
  }
  let best: PluralCategory | undefined;
  for (const category of [target, ...CATEGORY_ORDER]) {
    const count = votes.get(category) ?? 0;
    if (count > 0 && (best === undefined || count > votes.get(best)!)) best = category;
  }
  return best ?? (available.includes(target) ? target : available.includes('other') ? 'other' : available[0]!);
}

/**
 * The categories a target group gets: exactly its language's, plus `zero` when the source has it
 * (i18next looks up `_zero` for count 0 in every language, beyond CLDR).
 */
export function targetCategories(sourceCategories: readonly PluralCategory[], targetLang: string, ordinal: boolean): PluralCategory[] {
  const wanted = new Set(languageCategories(targetLang, ordinal));
  if (!ordinal && sourceCategories.includes('zero')) wanted.add('zero');
  return CATEGORY_ORDER.filter((c) => wanted.has(c));
}
