// Matching Ukrainian glossary terms through inflection: a term is written once, in the form the
// glossary gives (Лукашенко, Палац Незалежності), and found in every case form a news text uses
// (Лукашенка, Лукашенком, Палаці Незалежности), in both the 1993 and the 2019 spelling.
//
// A light stemmer rather than a dictionary: glossary terms are mostly names that no spelling
// dictionary holds (Келлог), and the Ukrainian hunspell dictionary on npm (dictionary-uk) is
// GPL-3.0 and 8 MB, which this MIT tool would have to ship. Nouns, names and adjectives decline by
// their endings, so a word matches a term word when both reduce to the same stem once one case
// ending is taken off, allowing the consonant alternations of the locative (Келлог → Келлозі).

// Longest first, so "ами" is tried before "и". Noun, name and adjective case endings, the
// -ість/-ості family and its 2019 genitive -ости.
const ENDINGS = [
  'істю', 'ості', 'ости', 'ість',
  'ами', 'ями', 'ові', 'еві', 'єві', 'ого', 'ому', 'ими', 'іми',
  'ом', 'ем', 'єм', 'ою', 'ею', 'єю', 'ам', 'ям', 'ах', 'ях', 'ів', 'їв', 'ей', 'ий', 'ій', 'им', 'их', 'ої',
  'а', 'я', 'у', 'ю', 'і', 'ї', 'е', 'є', 'о', 'и', 'ь', 'й',
];

/** A stem must keep this many letters, so that short words do not all reduce to the same thing. */
const MIN_STEM = 3;

// Locative/dative alternations: Келлог → Келлозі, Вашингтонська → …, Прага → Празі, муха → мусі.
const ALTERNATIONS: ReadonlyArray<readonly [string, string]> = [['г', 'з'], ['к', 'ц'], ['х', 'с'], ['ґ', 'дз']];

/** Lower case with the spelling variants that do not change the word folded together:
 *  apostrophes, ґ/г (2019 allows ґ in borrowed names), проєкт/проект. */
export function foldSpelling(word: string): string {
  return word
    .toLowerCase()
    .replace(/[’ʼ`']/gu, "'")
    .replace(/ґ/gu, 'г')
    .replace(/єкт/gu, 'ект');
}

export function ukrainianStem(word: string): string {
  const folded = foldSpelling(word);
  if (!/[а-яіїєґ]/u.test(folded)) return folded;
  for (const ending of ENDINGS) {
    if (folded.endsWith(ending) && folded.length - ending.length >= MIN_STEM) return folded.slice(0, -ending.length);
  }
  return folded;
}

/** Whether a word of the text is a case form of a word of a glossary term. */
export function sameLexeme(textWord: string, termWord: string): boolean {
  const a = foldSpelling(textWord);
  const b = foldSpelling(termWord);
  if (a === b) return true;
  // Latin-script and upper-case abbreviations (БЕЛТА, NATO) match as written, apart from case.
  if (!/[а-яіїєґ]/u.test(b)) return false;
  const sa = ukrainianStem(a);
  const sb = ukrainianStem(b);
  if (sa === sb) return true;
  for (const [hard, soft] of ALTERNATIONS) {
    if (sb.endsWith(hard) && sa === sb.slice(0, -hard.length) + soft) return true;
  }
  return false;
}
