// The built-in scanner's knowledge rendered as ordered SRX rules, for CAT tools (OmegaT, Okapi)
// and for anyone who wants to read or edit the rules as patterns.
//
// The patterns are written in the regex subset Java and JavaScript share. Context look-ups are
// look-behinds of bounded length (Java requires that), not part of the match: an SRX engine
// scans each rule over the text once, and a match that swallowed its context would hide the
// positions inside it from the same rule.
//
// What SRX cannot say, and the scanner does (so the two can differ on a few inputs):
// - bracket balance: a ")" is taken for a smiley only when no "(" stands within 200 characters
//   before it, instead of counting brackets over the paragraph;
// - "the sentence so far": "У 2014 р. Росія" (too few words before a date to end a sentence),
//   "Є." as a one-word sentence, a bracketed sentence "(Фото) Текст", and a list label "5)"
//   at the start of a sentence;
// - a line break right after an abbreviation ("м.\nКиїв") is a break here, but not for the scanner;
// - a list label that opens the text stays alone (IU), but the scanner joins it back to its item
//   once a second label shows the paragraph is an inline list ("1. Перше. 2. Друге.");
// - the ")" of a label that opens a sentence ("5) Інерція") is not told from a smiley.

import type { AbbreviationLists } from './abbreviations.js';
import { escapeForPattern } from './java-regex.js';
import type { SrxRule } from './rules.js';

const ws = '[\\s\\u00A0\\u202F]';
const hspace = '[ \\t\\u00A0]';
const term = '[.!?…‼⁇⁈⁉]';
const exclamation = '[!?‼⁇⁈⁉]';
const close = '["\'»”“’›)\\]]';
const open = '["«„“‘(\\[]';
const dash = '[-‐‑‒–—―]';
const wordStart = '(?<![\\p{L}\\p{N}])';
const cyrUpper = '[А-ЯІЇЄҐ]';
const cyrLower = '[а-яіїєґ]';
const consonant = '[бвгґджзклмнпрстфхцчшщbcdfghjklmnpqrstvwxz]';
const noOpenBracket = '(?<!\\([^()]{0,200})';
const attached = '[\\uFE0E\\uFE0F]?';
// Emoji as Java 17 can say it (no \\p{Extended_Pictographic} before Java 21): the pictograph
// blocks, flags and skin tones (inside 1F000–1FAFF), dingbats and symbols; a run may carry
// variation selectors and ZWJ.
const emoji = '[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}]';
const emojiRun = `${emoji}[\\x{1F000}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}\\uFE0F\\u200D]*`;
const lineItem = `(?:[•‣⁃∙▪●◦*]|${dash}${hspace}|\\d{1,3}[.)]${hspace}|\\p{L}\\)${hspace}|https?://|www\\.)`;

/** One list entry as a pattern: inner dots allow a space after them, the first letter either case. */
function entryPattern(entry: string, caseSensitive: boolean): string {
  const parts = entry.split('.').map((part) => escapeForPattern(part));
  const joined = parts.join(`\\.${ws}?`);
  if (caseSensitive) return joined;
  const first = entry[0] ?? '';
  const upper = first.toUpperCase();
  const lower = first.toLowerCase();
  if (upper === lower) return joined;
  return `[${upper}${lower}]${joined.slice(escapeForPattern(first).length)}`;
}

function alternation(entries: readonly string[], caseSensitive = false): string {
  const unique = [...new Set(entries)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${unique.map((e) => entryPattern(e, caseSensitive)).join('|')})`;
}

export function builtinSrxRules(abbreviations: AbbreviationLists): SrxRule[] {
  const units = alternation(abbreviations.unit);
  // A number, a Roman numeral, another unit ("кв. м.") or a unit and "/" ("м/с."): then an
  // abbreviation in the unit list is a unit, not a title.
  const numberContext =
    `(?<=(?:[\\dIVXLCDMІХ]${ws}?|${wordStart}${units}(?:\\.${ws}?|${ws})|${wordStart}\\p{L}{1,4}/))`;
  const mayEnd = alternation([...abbreviations.listEnd, ...abbreviations.unit]);
  const rules: SrxRule[] = [
    {
      break: false,
      before: `${numberContext}${units}\\.`,
      after: `(?!${ws}+(?:\\p{Lu}\\p{Ll}|${open}))`,
      note: 'unit after a number, unless a capitalised word follows: 5 тис. грн, XIX ст. зробив, 26 тис. дол. США',
    },
    {
      break: true,
      before: `${numberContext}${units}\\.`,
      after: `${ws}+\\p{Lu}\\p{Ll}`,
      note: 'a unit after a number may end a sentence: у 2020 р. Потім',
    },
    {
      break: true,
      before: `${wordStart}${alternation(abbreviations.listEnd)}\\.`,
      after: `${ws}+\\p{Lu}(?!\\p{Lu})`,
      note: 'a list end or a name-closing abbreviation before a capitalised word ends the sentence: і т. п. Далі, Київська обл. Там',
    },
    {
      break: false,
      before: `${wordStart}${alternation(abbreviations.title)}\\.`,
      after: '',
      note: 'titles, places and references: м. Кіцмань, с. Мамаївці, ім. Тараса, ст. 119, проф. Петренко',
    },
    {
      break: false,
      before: `${wordStart}${mayEnd}\\.`,
      after: `(?!${ws}+(?:\\p{Lu}\\p{Ll}|${open}))`,
      note: 'end of a list or a quantity: т. д., т. п., та ін., тис. — a break only before a capitalised word',
    },
    {
      break: true,
      before: `${wordStart}${mayEnd}\\.`,
      after: `${ws}+\\p{Lu}\\p{Ll}`,
      note: 'the same before a capitalised word is a sentence end (else the initials rule would take "д. Відвідувачів" for an initial)',
    },
  ];
  if (abbreviations.beforeNumber.length > 0) {
    rules.push({
      break: false,
      before: `${wordStart}${alternation(abbreviations.beforeNumber, true)}\\.`,
      after: `${ws}*\\d`,
      note: 'abbreviations before a number: No. 5, p. 12',
    });
  }
  rules.push(
    {
      break: true,
      before: `${wordStart}є\\.`,
      after: `${ws}+\\p{Lu}`,
      note: '"є" (is) is a word, not an initial',
    },
    {
      break: false,
      before: `${wordStart}\\p{L}\\.`,
      after: `${ws}*\\p{L}`,
      note: 'initials: С. О. Єфремов, М. Помпео, U.S. President',
    },
    {
      break: false,
      before: `${term}+${attached}${close}*`,
      after: `${ws}*${dash}+${ws}*\\p{Ll}`,
      note: 'attribution after direct speech: "…?" – цитує, … — питає',
    },
    {
      break: false,
      before: `${term}${close}+`,
      after: `${ws}+(?:\\p{Ll}|\\()`,
      note: 'a closed quotation or bracket goes on in lower case or with a bracket: «Хто там?» спитав',
    },
    {
      break: false,
      before: `(?:\\.\\.|…)${close}*`,
      after: `${ws}+\\p{Ll}`,
      note: 'an ellipsis before a lower-case word does not end the sentence',
    },
    {
      break: false,
      before: `${wordStart}\\p{Ll}{0,4}${consonant}\\.`,
      after: `${ws}+\\p{Ll}`,
      note: 'a short word cut before a vowel is an abbreviation when lower case follows: амер. видання',
    },
    {
      break: false,
      before: `${wordStart}\\p{Ll}{0,3}${consonant}\\.`,
      after: `${ws}+\\d`,
      note: 'and, up to four letters, when a number follows: зб. 5 (but пункт. 2. Другий ends a sentence)',
    },
    {
      break: false,
      before: '\\d\\.',
      after: `${ws}+\\p{Ll}`,
      note: 'an ordinal before a lower-case word',
    },
    {
      break: false,
      // The sentence before the label ends in a word of 3+ letters, a number or a closing mark:
      // after a short abbreviation ("ст. 119. Далі") the number is a reference, not a label.
      before: `(?<=(?:(?:\\p{L}{3}|[\\p{N})»"”'])${term}${close}{0,3}${ws}{1,10}|\\n${hspace}{0,10})\\d{1,3})\\.`,
      after: `${ws}+\\p{Lu}`,
      note: 'a list label after a sentence or at a line start belongs to its item: 1. Перше. 2. Друге. (one opening the text stays alone, IU style)',
    },
    {
      break: false,
      before: `(?<=:${hspace}{1,10}\\d{1,3})\\.`,
      after: `${ws}+\\p{Lu}`,
      note: 'a list label right after a colon opens its item: Вимоги такі: 1. Перша.',
    },
    {
      break: false,
      before: `^[^\\p{L}\\p{N}]{0,10}${term}+${attached}`,
      after: '',
      note: 'punctuation or emoji before any word does not end a sentence: ‼️ Увага',
    },
    {
      break: false,
      before: `${term}+${attached}${close}*`,
      after: `${ws}*[,;:\\]»”]`,
      note: 'punctuation that continues the sentence',
    },
    {
      break: true,
      before: `${noOpenBracket}${exclamation}+[.!?]*`,
      after: '\\)',
      note: 'a smiley after the final punctuation is a sentence of its own (IU convention): чудово!!!)))',
    },
    {
      break: true,
      // Anchored on the ")" so the engine's scan skips ahead to brackets; context in look-behinds.
      before: `\\)(?<=(?:\\p{L}{2}|[:;=]-?|${term})\\))(?<!\\([^()]{0,200}\\))\\)*`,
      after: `${ws}*[\\p{L}\\p{N}#@«"„]`,
      note: 'a smiley ends a comment sentence: дякую))) Наступне',
    },
    {
      break: true,
      before: `\\p{L}${exclamation}+`,
      after: `[а-яіїєґА-ЯІЇЄҐ]`,
      note: 'a missing space after ! or ?: Катю!!!хто',
    },
    {
      break: true,
      before: `(?:${cyrLower}{3}|["»”])\\.`,
      after: `${cyrUpper}${cyrLower}`,
      note: 'a missing space after a full stop: вилиці.Була',
    },
    {
      break: false,
      before: `${term}+${attached}${close}*`,
      after: `${hspace}*${emoji}`,
      note: 'emoji after the final punctuation belong to the sentence: Перемога!🇺🇦, Дякуємо! 🙏',
    },
    {
      break: true,
      before: `${term}${attached}${close}*${hspace}*${emojiRun}`,
      after: `${ws}+`,
      note: 'the sentence ends after those emoji',
    },
    {
      break: true,
      before: `${term}+${attached}${close}*`,
      after: `${ws}+`,
      note: 'a full stop, ellipsis, ? or ! followed by a space',
    },
    {
      break: true,
      before: '\\n',
      after: `${hspace}*${lineItem}`,
      note: 'a bulleted or labelled line, or a link on its own line, starts a segment even after a comma',
    },
    {
      break: false,
      before: `[^.!?…\\s]${hspace}*\\r?\\n`,
      after: `${hspace}*\\p{Ll}`,
      note: 'a line that goes on in lower case',
    },
    {
      break: false,
      before: `[,;]${hspace}*\\r?\\n`,
      after: '',
      note: 'a line that ends in a comma goes on',
    },
    { break: true, before: '\\n', after: '', note: 'any other line break: headlines, list items' },
  );
  return rules;
}
