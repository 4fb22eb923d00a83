// Abbreviation lists compiled into hash-set look-ups for the scanner, and the question the
// scanner asks of them: how does the word before this dot behave?

import { abbreviationKey, type AbbreviationLists } from './abbreviations.js';

export interface AbbreviationIndex {
  title: ReadonlySet<string>;
  unit: ReadonlySet<string>;
  listEnd: ReadonlySet<string>;
  beforeNumber: ReadonlySet<string>;
  /** Most dot-separated parts in any entry ("p.p.s" → 3): bounds compound look-ups. */
  maxDottedParts: number;
}

export function indexAbbreviations(lists: AbbreviationLists): AbbreviationIndex {
  const keys = (entries: string[], caseSensitive = false): Set<string> =>
    new Set(entries.map((entry) => abbreviationKey(entry, caseSensitive)));
  return {
    title: keys(lists.title),
    unit: keys(lists.unit),
    listEnd: keys(lists.listEnd),
    beforeNumber: keys(lists.beforeNumber, true),
    maxDottedParts: Math.max(
      1,
      ...[lists.title, lists.unit, lists.listEnd, lists.beforeNumber].flat().map((e) => abbreviationKey(e).split('.').length),
    ),
  };
}

/**
 * How a dot after a known abbreviation behaves:
 * - `title`: never a sentence end ("м. Київ");
 * - `mayEnd`: a sentence end only before a capitalised word ("2020 р. Потім", "т. д. Далі");
 * - `beforeNumber`: not a sentence end before a digit ("No. 5").
 */
export type AbbreviationBehaviour = 'title' | 'mayEnd' | 'beforeNumber';

/**
 * `key` is the lower-cased word before the dot (inner dots kept, spaces dropped: "т.д");
 * `afterNumber` tells a unit ("5 м.", "XIX ст.") from a title ("м. Київ", "ст. 119").
 */
export function abbreviationBehaviour(
  index: AbbreviationIndex,
  key: string,
  rawKey: string,
  afterNumber: boolean,
): AbbreviationBehaviour | undefined {
  if (afterNumber && index.unit.has(key)) return 'mayEnd';
  if (index.title.has(key)) return 'title';
  if (index.listEnd.has(key) || index.unit.has(key)) return 'mayEnd';
  if (index.beforeNumber.has(rawKey)) return 'beforeNumber';
  return undefined;
}

/** Whether `word` (the letters right before a dot) can start a unit chain: "млн дол.". */
export function isUnit(index: AbbreviationIndex, word: string): boolean {
  return index.unit.has(word.toLowerCase());
}
