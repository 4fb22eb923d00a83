// The target in the wrong script or language: still Cyrillic for a Latin-script language (an
// untranslated or half-translated segment), or an engine that answered in another language.
import { qaText } from './messages.js';
import type { QaFinding } from './findings.js';
import { baseLanguage } from '../model.js';
import type { SegmentView } from './view.js';

const CYRILLIC_LANGUAGES = new Set(['uk', 'ru', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn']);

export function checkScript(view: SegmentView): QaFinding[] {
  if (CYRILLIC_LANGUAGES.has(baseLanguage(view.targetLang))) return [];
  const words = view.targetPlain.match(/[\p{Script=Cyrillic}][\p{Script=Cyrillic}'’ʼ-]*/gu) ?? [];
  if (words.length === 0) return [];
  const cyrillic = view.targetPlain.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = view.targetPlain.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const id = view.segment.id;
  if (cyrillic > latin) return [{ segmentId: id, check: 'script', severity: 'error', ...qaText('script.cyrillic', { lang: view.targetLang }) }];
  const shown = [...new Set(words)].slice(0, 3).join(', ');
  return [{ segmentId: id, check: 'script', severity: 'warning', ...qaText('script.words', { words: shown }) }];
}

// The commonest function words: a sentence of some length always has a few of its language's.
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'of', 'and', 'to', 'in', 'is', 'was', 'that', 'for', 'on', 'with', 'as', 'by', 'at', 'from', 'it', 'his', 'were', 'has', 'have'],
  de: ['der', 'die', 'das', 'und', 'zu', 'den', 'von', 'mit', 'ist', 'im', 'nicht', 'sich', 'auf', 'für', 'dem', 'des', 'ein', 'eine', 'wurde', 'auch'],
  pl: ['się', 'nie', 'na', 'jest', 'że', 'do', 'w', 'z', 'to', 'jak', 'co', 'po', 'przez', 'od', 'tak', 'ale', 'był', 'oraz', 'dla', 'jego'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'un', 'une', 'du', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'avec', 'il', 'été'],
  es: ['el', 'la', 'los', 'las', 'de', 'que', 'y', 'en', 'un', 'una', 'por', 'con', 'para', 'es', 'se', 'del', 'al', 'fue', 'como', 'su'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'una', 'non', 'sono', 'della', 'del', 'con', 'gli', 'le', 'nel', 'alla', 'ha', 'è', 'anche'],
  pt: ['o', 'a', 'os', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'não', 'no', 'na', 'por', 'foi', 'como', 'dos'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'op', 'te', 'in', 'niet', 'zijn', 'met', 'voor', 'werd', 'ook', 'aan', 'door', 'bij', 'naar'],
};
const MIN_WORDS = 8;

export function checkLanguage(view: SegmentView): QaFinding[] {
  const expected = baseLanguage(view.targetLang);
  if (!STOPWORDS[expected]) return [];
  const words = (view.targetPlain.toLowerCase().match(/\p{L}+/gu) ?? []);
  if (words.length < MIN_WORDS) return [];
  const score = (lang: string): number => {
    const set = new Set(STOPWORDS[lang]);
    return words.filter((w) => set.has(w)).length;
  };
  const mine = score(expected);
  let best = expected;
  let bestScore = mine;
  for (const lang of Object.keys(STOPWORDS)) {
    const s = score(lang);
    if (s > bestScore) { best = lang; bestScore = s; }
  }
  // Only a clear case: the expected language's function words all but absent, another's plentiful.
  if (best === expected || mine > 1 || bestScore < 3) return [];
  return [{ segmentId: view.segment.id, check: 'language', severity: 'error', ...qaText('language.other', { found: best, expected }) }];
}
