// QA messages in the UI's language. A finding carries a message key and its values; its English
// text (for XLIFF notes, reports and the CLI, which CAT tools and logs read) and its Ukrainian one
// (the review page with --lang uk) both come from the review page's i18next resources
// (src/review/i18n/*.json, under "qa"), so one wording serves every place a finding is shown.
import i18next from 'i18next';
import en from '../review/i18n/en.json' with { type: 'json' };
import uk from '../review/i18n/uk.json' with { type: 'json' };

export type QaParams = Record<string, string | number>;

/** A finding's words: its English text, and its key and values for other languages. */
export interface QaText {
  message: string;
  key: string;
  params: QaParams;
}

const instance = i18next.createInstance();
// initAsync false: resources are in memory, so init finishes before it returns.
void instance.init({
  lng: 'en', fallbackLng: 'en', ns: ['review'], defaultNS: 'review',
  resources: { en: { review: en }, uk: { review: uk } },
  initAsync: false, interpolation: { escapeValue: false },
});

export function qaText(key: string, params: QaParams = {}): QaText {
  const message = instance.t(`qa.${key}`, { ...params, lng: 'en' });
  // A key missing from the resources would print itself: better no finding text than that.
  if (message === `qa.${key}`) throw new Error(`QA message "${key}" is not in src/review/i18n/en.json`);
  return { message, key, params };
}
