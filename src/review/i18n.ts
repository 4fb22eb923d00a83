// The review pages' own words, in the user's language, through i18next: the same resource format
// pereklad publishes for newsroom sites. Resources live in src/review/i18n/ (not under locales/,
// which is job output).
import i18next from 'i18next';
import en from './i18n/en.json' with { type: 'json' };
import uk from './i18n/uk.json' with { type: 'json' };
import { UsageError } from '../errors.js';

export type UiLanguage = 'en' | 'uk';
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'uk'];

export type Translate = (key: string, options?: Record<string, string | number>) => string;

export interface UiText {
  lang: UiLanguage;
  t: Translate;
  /** A language tag as a name in the UI language: `en-GB` → "British English". */
  languageName(tag: string): string;
  /** An ISO date or date-time as a date in the UI language (UTC, so pages do not depend on where they were made). */
  formatDate(iso: string): string;
}

/** The UI language from `--lang`, else from the locale environment (LC_ALL, LC_MESSAGES, LANG), else English. */
export function chooseUiLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): UiLanguage {
  if (flag !== undefined) {
    if (!(UI_LANGUAGES as readonly string[]).includes(flag)) throw new UsageError(`--lang must be one of ${UI_LANGUAGES.join(', ')}, not "${flag}"`);
    return flag as UiLanguage;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const prefix = locale.toLowerCase().slice(0, 2);
  return (UI_LANGUAGES as readonly string[]).includes(prefix) ? (prefix as UiLanguage) : 'en';
}

export function uiText(lang: UiLanguage): UiText {
  const instance = i18next.createInstance();
  // initAsync false: resources are in memory, so init finishes before it returns.
  void instance.init({
    lng: lang,
    fallbackLng: 'en',
    ns: ['review'],
    defaultNS: 'review',
    resources: { en: { review: en }, uk: { review: uk } },
    initAsync: false,
    // Pages escape every string when they write it; escaping here too would double it.
    interpolation: { escapeValue: false },
  });
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    lang,
    t: (key, options) => instance.t(key, options ?? {}),
    languageName: (tag) => {
      try {
        return names.of(tag) ?? tag;
      } catch {
        return tag;
      }
    },
    formatDate: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dates.format(date);
    },
  };
}
