// The review pages' own words: both languages complete, Ukrainian plurals chosen by i18next.
import { describe, it, expect } from 'vitest';
import en from '../../src/review/i18n/en.json' with { type: 'json' };
import uk from '../../src/review/i18n/uk.json' with { type: 'json' };
import { chooseUiLanguage, uiText } from '../../src/review/i18n.js';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const base = (key: string): string => key.replace(/_(?:zero|one|two|few|many|other)$/u, '');

describe('review UI strings', () => {
  it('has every English string in Ukrainian too', () => {
    expect(new Set(keys(uk).map(base))).toEqual(new Set(keys(en).map(base)));
  });

  it('has every plural form each language needs', () => {
    for (const [lang, resource] of [['en', en], ['uk', uk]] as const) {
      const all = new Set(keys(resource));
      const plurals = new Set(keys(resource).filter((k) => k !== base(k)).map(base));
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const key of plurals) for (const c of categories) expect(all.has(`${key}_${c}`), `${lang} ${key}_${c}`).toBe(true);
    }
  });

  it('chooses the Ukrainian plural form by count', () => {
    const t = uiText('uk').t;
    const rules = new Intl.PluralRules('uk');
    for (const count of [1, 3, 5, 21]) {
      const resourceKey = `errorCount_${rules.select(count)}` as keyof typeof uk;
      expect(t('errorCount', { count })).toBe(String(uk[resourceKey]).replace('{{count}}', String(count)));
    }
  });

  it('takes the UI language from --lang, else from the locale environment, else English', () => {
    expect(chooseUiLanguage('uk', {})).toBe('uk');
    expect(chooseUiLanguage(undefined, { LANG: 'uk_UA.UTF-8' })).toBe('uk');
    expect(chooseUiLanguage(undefined, { LANG: 'uk_UA.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(chooseUiLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(() => chooseUiLanguage('fr', {})).toThrow(/--lang/);
  });
});
