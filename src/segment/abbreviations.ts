// Abbreviation lists for Ukrainian (and the Latin-script abbreviations that turn up inside
// Ukrainian news). Kept as plain data, grouped by how an abbreviation behaves before a
// possible sentence end, so users can extend them and the SRX export can render them.
//
// Entries are written without the final dot; a dot inside an entry ("т.д", "u.s") stands for
// "a dot, optionally followed by spaces" in the text ("т. д.", "т.д."). Matching is
// case-insensitive except for `beforeNumber`, where the case tells an abbreviation ("No. 5")
// from a word ("No.").

export interface AbbreviationLists {
  /**
   * Stand before a name, a place or a number and never end a sentence:
   * "м. Кіцмань", "с. Мамаївці", "ім. Тараса", "проф. Петренко", "див. розд. 2", "Mr. Smith".
   */
  title: string[];
  /**
   * Units and quantities written after a number; they may end a sentence, so a break is made
   * only before a capitalised word (not before an acronym: "26 тис. дол. США").
   * An entry that is also a `title` ("м", "с", "р", "ст") counts as a unit only right after
   * a number or a Roman numeral: "5 м." (metres) vs "м. Київ" (city), "XIX ст." vs "ст. 119".
   */
  unit: string[];
  /**
   * End a list and often a sentence ("і т. д.", "та ін.", "etc."), or close a place name
   * ("Харківська обл.", "Шевченківський р-н"): break before a capitalised word, never before a
   * lower-case one.
   */
  listEnd: string[];
  /** Not a sentence end only when a number follows ("No. 5", "p. 12"). Case-sensitive. */
  beforeNumber: string[];
}

/** Ukrainian abbreviations per the standard (ДСТУ 3582) and common newsroom usage. */
const ukrainian: AbbreviationLists = {
  title: [
    // places and addresses
    'м', 'с', 'смт', 'сел', 'х', 'вул', 'просп', 'пров', 'пл', 'бул', 'бульв', 'наб', 'шос',
    'о', 'оз', 'р', 'г', 'буд', 'кв', 'корп',
    // people: titles, ranks, degrees
    'ім', 'св', 'проф', 'акад', 'доц', 'д-р', 'канд', 'докт', 'ген', 'полк', 'підполк', 'лейт',
    'кап', 'серж', 'гр', 'тов', 'п', 'пп', 'митр', 'архієп', 'єп', 'мр', 'дж', 'дз',
    // references inside a text
    'ч', 'ст', 'гл', 'розд', 'підрозд', 'абз', 'мал', 'рис', 'табл', 'діагр',
    'дод', 'прим', 'т', 'кн', 'вип', 'ред', 'упоряд', 'вид', 'арк', 'стор', 'зб', 'журн', 'газ',
    'див', 'пор', 'порівн', 'напр', 'зокр', 'особл', 'зв',
    // languages and nationalities before a word
    'англ', 'амер', 'рос', 'нім', 'франц', 'фр', 'лат', 'укр', 'пол', 'польськ', 'грец', 'італ',
    'ісп', 'давньогр', 'староукр', 'церк', 'діал', 'заст', 'перен', 'розм', 'іст',
    // "т. зв." opens a term
    'т.зв',
  ],
  unit: [
    'тис', 'млн', 'млрд', 'трлн', 'грн', 'дол', 'коп', 'руб', 'крб',
    'р', 'рр', 'ст', 'стол', 'м', 'км', 'см', 'мм', 'га', 'кг', 'г', 'мг', 'т', 'ц', 'л', 'мл',
    'год', 'хв', 'с', 'сек', 'діб', 'тиж', 'міс', 'чол', 'ос', 'шт', 'екз', 'кв', 'куб', 'стор',
    'арк',
  ],
  // "до н. е." (BC) ends a date the way "т. д." ends a list
  // "обл." and "р-н" follow the name they qualify, so unlike "м." or "вул." they can end one
  listEnd: ['т.д', 'т.п', 'т.ін', 'ін', 'ин', 'інш', 'н.е', 'p.s', 'p.p.s', 'п.с', 'обл', 'р-н'],
  beforeNumber: [],
};

/** Latin-script abbreviations met inside Ukrainian news (quotes, tweets, names). */
const latin: AbbreviationLists = {
  title: [
    'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sr', 'Jr', 'St', 'Mt', 'Gen', 'Col', 'Lt', 'Capt', 'Sgt',
    'Sen', 'Rep', 'Gov', 'Pres', 'Rev', 'Hon', 'Ch', 'Th', 'Chr', 'Wm', 'vs', 'cf', 'e.g', 'i.e',
    'viz', 'approx', 'ca', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct',
    'Nov', 'Dec', 'U.S', 'U.K', 'U.N', 'E.U',
  ],
  unit: ['a.m', 'p.m', 'Inc', 'Ltd', 'Co', 'Corp', 'kg', 'km', 'ft', 'lbs', 'oz'],
  listEnd: ['etc', 'et al'],
  beforeNumber: ['No', 'Nos', 'no', 'nos', 'p', 'pp', 'Art', 'art', 'Fig', 'fig', 'Vol', 'vol', 'Sec', 'Ch'],
};

/** A fresh copy of the default lists (callers may mutate what they get). */
export function defaultAbbreviations(_lang: string): AbbreviationLists {
  return mergeAbbreviations(ukrainian, latin);
}

export function mergeAbbreviations(
  base: AbbreviationLists,
  extra: Partial<AbbreviationLists>,
): AbbreviationLists {
  const merge = (a: string[], b: string[] | undefined): string[] => [...new Set([...a, ...(b ?? [])])];
  return {
    title: merge(base.title, extra.title),
    unit: merge(base.unit, extra.unit),
    listEnd: merge(base.listEnd, extra.listEnd),
    beforeNumber: merge(base.beforeNumber, extra.beforeNumber),
  };
}

/** Normal form of an abbreviation key: no spaces after inner dots, lower case. */
export function abbreviationKey(entry: string, caseSensitive = false): string {
  const compact = entry.replace(/\.\s+/gu, '.').replace(/\.$/u, '');
  return caseSensitive ? compact : compact.toLowerCase();
}
