// The built-in sentence-boundary scanner: one left-to-right pass over the text that stops only
// at characters that can matter (terminators, brackets, line breaks) and decides each stop by
// looking a bounded distance back (the word before a dot) and ahead (the next word).
//
// Why a hand-written scanner and not a list of regexes run at every position: the decisions
// need context a regex cannot carry cheaply (bracket depth for emoticons, "is there a number
// before this abbreviation", "did this sentence start with a bracket"), and a scanner with
// bounded look-around is linear by construction — no input can make it backtrack.

import { abbreviationBehaviour, isUnit, type AbbreviationIndex } from './abbreviation-index.js';
import {
  isAttached, isClosingBracket, isClosingQuote, isCyrillic, isDash, isDigit, isLetter,
  isBullet, isEmoji, isLineBreak, isLower, isOpeningBracket, isOpeningQuote, isTerminator, isUpper,
  isVowelOrSoftSign, isWhitespace, isWordChar,
} from './chars.js';

/** Code units the main loop must stop at; everything else is skipped with one table read. */
const stops = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (isTerminator(c) || isOpeningBracket(c) || isClosingBracket(c) || isLineBreak(c)) table[c] = 1;
  }
  return table;
})();

/** How far the scanner looks back for a word, a link or an opening bracket. */
const maxWord = 40;
const maxLinkLookBack = 256;

type ClosedBy = 'none' | 'quote' | 'bracket';

interface Cluster {
  start: number; // first terminator
  end: number; // after the terminators (and marks attached to them)
  candidate: number; // after closing quotes/brackets: where a break would go
  exclamatory: boolean; // contains ! or ? (or their ligatures)
  ellipsis: boolean; // "..", "..." or "…" without ! or ?
  closedBy: ClosedBy;
}

interface WordBefore {
  kind: 'word' | 'number' | 'closer' | 'other';
  /** Lower-cased, inner dots kept: "т.д", "u.s", "тис". */
  key: string;
  rawKey: string;
  /** The last word alone, as written. */
  last: string;
  /** Dotted parts before the word, outermost first ("т" for "т. д"); empty for a lone word. */
  prefixes: string[];
  initialism: boolean;
  start: number;
}

export class BoundaryScanner {
  private readonly text: string;
  private readonly n: number;
  private readonly breaks: number[] = [];
  private depth = 0;
  private sentenceStart = 0;
  private firstCharCache = -1;
  private wordSeenAt = -1; // position of a letter/digit in the current sentence, or -1
  private wordScanFrom = 0; // how far the current sentence was searched for one
  private bracketSentenceDepth = -1; // depth of a bracket that opened the current sentence
  private lastDecided = -1; // the candidate position decided last
  private linkScannedTo = 0; // inLink() has read the text up to here
  private lastSpace = -1; // last whitespace inLink() saw
  private lastLinkMark = -1; // last "/" or "@" inLink() saw
  private paragraphFirst = -1; // first non-whitespace of the paragraph (text, or after a blank line); -1: not yet looked up
  private paragraphLabelBreak = -1; // index in `breaks` of a break after a label opening the paragraph
  private cancelled = false; // whether some break was withdrawn (set to -1 in `breaks`)

  constructor(text: string, private readonly abbreviations: AbbreviationIndex) {
    this.text = text;
    this.n = text.length;
  }

  /** Break positions in ascending order; each is where a sentence ends (before whitespace). */
  scan(): number[] {
    const { text, n } = this;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (stops[c] === 0) {
        i++;
        continue;
      }
      if (isLineBreak(c)) i = this.lineBreak(i);
      else if (isTerminator(c)) i = this.terminators(i);
      else if (isOpeningBracket(c)) i = this.openingBracket(i);
      else i = this.closingBracket(i);
    }
    return this.cancelled ? this.breaks.filter((b) => b >= 0) : this.breaks;
  }

  // ---- sentence state -------------------------------------------------------------------

  private pushBreak(at: number): void {
    const last = this.breaks[this.breaks.length - 1];
    if (last === undefined || last < at) this.breaks.push(at);
    this.sentenceStart = at;
    this.firstCharCache = -1;
    this.wordSeenAt = -1;
    this.wordScanFrom = at;
    this.bracketSentenceDepth = -1;
  }

  /** Position of the first non-whitespace character of the current sentence. */
  private sentenceFirstChar(): number {
    if (this.firstCharCache < 0) this.firstCharCache = this.skipWhitespace(this.sentenceStart);
    return this.firstCharCache;
  }

  /** Whether the current sentence has a letter or digit before `end` (searched incrementally). */
  private hasWordBefore(end: number): boolean {
    if (this.wordSeenAt >= 0) return this.wordSeenAt < end;
    const { text } = this;
    let i = this.wordScanFrom;
    while (i < end) {
      const c = text.codePointAt(i) ?? 0;
      if (isDigit(c) || isLetter(c)) {
        this.wordSeenAt = i;
        return true;
      }
      i += c > 0xffff ? 2 : 1;
    }
    this.wordScanFrom = Math.max(this.wordScanFrom, end);
    return false;
  }

  // ---- stops ----------------------------------------------------------------------------

  private lineBreak(i: number): number {
    const { text, n } = this;
    let lines = 0;
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (!isWhitespace(c)) break;
      if (c === 0x2029) lines += 2; // paragraph separator
      else if (c === 0x0a || c === 0x0b || c === 0x0c || c === 0x2028) lines++;
      else if (c === 0x0d && text.charCodeAt(j + 1) !== 0x0a) lines++;
      j++;
    }
    const wsStart = this.whitespaceStart(i);
    if (j >= n) return j;
    if (lines >= 2) {
      // A blank line ends the paragraph: always a break, and brackets do not carry over.
      this.pushBreak(wsStart);
      this.depth = 0;
      this.paragraphFirst = j;
      this.paragraphLabelBreak = -1;
      return j;
    }
    if (this.lastDecided === wsStart) return j; // the punctuation before it decided
    if (wsStart === 0 || !this.hasWordBefore(wsStart)) return j;
    if (!this.continuesLine(wsStart - 1, j)) this.pushBreak(wsStart);
    return j;
  }

  /** A line that ends mid-sentence: the next line goes on in lower case, or this one ends in a comma. */
  private continuesLine(lastChar: number, next: number): boolean {
    const { text } = this;
    // A bullet, a list label or a link opens its own line whatever the line before ends with.
    if (this.lineItemAt(next)) return false;
    const prev = text.charCodeAt(lastChar);
    if (isLower(text.codePointAt(next) ?? 0)) return !isTerminator(prev);
    if (prev === 0x2c || prev === 0x3b) return true; // , ;
    if (isOpeningBracket(prev) || prev === 0xab || prev === 0x201e) return true;
    return isDash(prev) && lastChar > 0 && isWhitespace(text.charCodeAt(lastChar - 1));
  }

  /** "• пункт", "– пункт", "1. пункт", "а) пункт", "https://…" at the start of a line. */
  private lineItemAt(m: number): boolean {
    const { text, n } = this;
    const c = text.charCodeAt(m);
    if (isBullet(c)) return true;
    if (isDash(c)) return m + 1 < n && isWhitespace(text.charCodeAt(m + 1));
    let k = m;
    while (k < n && k - m < 3 && isDigit(text.charCodeAt(k))) k++;
    const label = k > m ? text.charCodeAt(k) === 0x2e || text.charCodeAt(k) === 0x29 : isLetter(c) && text.charCodeAt(m + 1) === 0x29;
    if (label) return isWhitespace(text.charCodeAt(k > m ? k + 1 : m + 2));
    return text.startsWith('http://', m) || text.startsWith('https://', m) || text.startsWith('www.', m);
  }

  /**
   * A list label ("1.", "2)") at the start of a sentence. Translators want the label with its
   * item; UD-IU gives a label that opens a paragraph a sentence of its own ("4." / "Не
   * підлягають…"). So: the label is its own sentence only where it opens the paragraph, and
   * when a second label turns up inside the same paragraph (an inline list "1. … 2. …") the
   * first one is joined back to its item. Returns whether to break after the label.
   */
  private labelBreak(): boolean {
    if (this.paragraphFirst < 0) this.paragraphFirst = this.skipWhitespace(0);
    if (this.sentenceFirstChar() === this.paragraphFirst) {
      this.paragraphLabelBreak = this.breaks.length; // the index the break is about to get
      return true;
    }
    if (this.paragraphLabelBreak >= 0) {
      this.breaks[this.paragraphLabelBreak] = -1;
      this.paragraphLabelBreak = -1;
      this.cancelled = true;
    }
    return false;
  }

  /** Whether 1–3 digits ending at `end` follow a colon and spaces: "такі: 1." (bounded look-back). */
  private labelAfterColon(end: number): boolean {
    const { text } = this;
    let k = end;
    while (k > 0 && end - k < 3 && isDigit(text.charCodeAt(k - 1))) k--;
    if (k === end || (k > 0 && isDigit(text.charCodeAt(k - 1)))) return false;
    let j = k;
    while (j > 0 && k - j < 10 && isWhitespace(text.charCodeAt(j - 1)) && !isLineBreak(text.charCodeAt(j - 1))) j--;
    return j < k && j > 0 && text.charCodeAt(j - 1) === 0x3a;
  }

  /** Whether the sentence so far is only a number of 1–3 digits ending at `end`: "2." */
  private numberLabelBefore(end: number): boolean {
    const first = this.sentenceFirstChar();
    const len = end - first;
    if (len < 1 || len > 3) return false;
    for (let k = first; k < end; k++) if (!isDigit(this.text.charCodeAt(k))) return false;
    return true;
  }

  private whitespaceStart(i: number): number {
    let j = i;
    while (j > 0 && isWhitespace(this.text.charCodeAt(j - 1))) j--;
    return j;
  }

  private openingBracket(i: number): number {
    const { text } = this;
    if (text.charCodeAt(i) === 0x28 && this.isEmoticonEyes(i)) {
      // ":(" is a frown, not a bracket: it may end a comment sentence like ":)" does.
      let j = i;
      while (text.charCodeAt(j) === 0x28) j++;
      if (this.breaksAfterEmoticon(j)) this.pushBreak(j);
      return j;
    }
    if (i === this.sentenceFirstChar()) this.bracketSentenceDepth = this.depth + 1;
    this.depth++;
    return i + 1;
  }

  private closingBracket(i: number): number {
    const { text } = this;
    if (this.depth > 0) {
      this.depth--;
      if (this.bracketSentenceDepth === this.depth + 1) {
        // "(Це окреме речення.) Далі" or "(Фото) Текст": a bracketed sentence ends here.
        this.bracketSentenceDepth = -1;
        const m = this.skipWhitespace(i + 1);
        if (m > i + 1 && m < this.n && this.startsNewSentence(m)) this.pushBreak(i + 1);
      }
      return i + 1;
    }
    if (text.charCodeAt(i) !== 0x29) return i + 1;
    // An unmatched ")" is a list marker ("5) Інерція") or a smiley ("дякую)))").
    let j = i;
    while (text.charCodeAt(j) === 0x29) j++;
    const first = this.sentenceFirstChar();
    if (j === i + 1 && this.isListLabel(first, i)) {
      const m = this.skipWhitespace(j);
      if (m > j && m < this.n && isUpper(text.codePointAt(m) ?? 0) && this.labelBreak()) this.pushBreak(j);
      return j;
    }
    if (j - i >= 2 || this.isSmileyBase(i)) {
      if (this.breaksAfterEmoticon(j)) this.pushBreak(j);
    }
    return j;
  }

  /** "5)" or "а)" starting the sentence (the label alone, up to 3 digits or one letter). */
  private isListLabel(first: number, close: number): boolean {
    const len = close - first;
    if (len < 1 || len > 3) return false;
    for (let k = first; k < close; k++) {
      const c = this.text.charCodeAt(k);
      if (!isDigit(c) && !(len === 1 && isLetter(c))) return false;
    }
    return true;
  }

  private isSmileyBase(close: number): boolean {
    const { text } = this;
    if (close === 0) return false;
    const prev = text.charCodeAt(close - 1);
    if (this.isEmoticonEyes(close)) return true;
    if (isTerminator(prev) || isClosingBracket(prev) || isClosingQuote(prev) || isWhitespace(prev)) return true;
    // "комент)" is a smile; "і А)" / "2)" inside a sentence are list labels.
    return isLetter(prev) && close >= 2 && isLetter(text.charCodeAt(close - 2));
  }

  /** ":)", ";)", "=)", ":-)" and the same before "(". */
  private isEmoticonEyes(at: number): boolean {
    const { text } = this;
    let k = at - 1;
    if (k >= 0 && text.charCodeAt(k) === 0x2d) k--; // nose
    if (k < 0) return false;
    const eyes = text.charCodeAt(k);
    return eyes === 0x3a || eyes === 0x3b || eyes === 0x3d;
  }

  /** After an emoticon, a new sentence starts at the next word (comment style, any case). */
  private breaksAfterEmoticon(j: number): boolean {
    const { text, n } = this;
    const m = this.skipWhitespace(j);
    if (m >= n) return false;
    const c = text.codePointAt(m) ?? 0;
    return isLetter(c) || isDigit(c) || c === 0x23 || c === 0x40 || isOpeningQuote(c) ||
      (m > j && (isDash(c) || isOpeningBracket(c)));
  }

  private terminators(i: number): number {
    const cluster = this.readCluster(i);
    if (cluster === undefined) return i + 1;
    // "Перемога!🇺🇦 Далі", "Дякуємо! 🙏 Разом…": emoji after the final punctuation belong to
    // the sentence they comment on, so the break moves behind them.
    cluster.candidate = this.emojiTail(cluster.candidate);
    this.lastDecided = cluster.candidate;
    if (this.decide(cluster)) this.pushBreak(cluster.candidate);
    return cluster.candidate;
  }

  /** Reads "?!", "...", "!!!" plus the closing quotes and brackets after them. */
  private readCluster(i: number): Cluster | undefined {
    const { text, n } = this;
    let j = i;
    let exclamatory = false;
    let dots = 0;
    let ellipsis = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isTerminator(c)) {
        if (c === 0x2e) dots++;
        else if (c === 0x2026) ellipsis = true;
        else exclamatory = true;
      } else if (!isAttached(c)) break;
      j++;
    }
    if (dots >= 2) ellipsis = true;
    // "(!)", "(?)", "(…)": a remark inside brackets, not the end of anything.
    if (i > 0 && isOpeningBracket(text.charCodeAt(i - 1)) && j < n && isClosingBracket(text.charCodeAt(j))) {
      return undefined;
    }
    // Punctuation or emoji before any word ("‼️ Увага") does not end a sentence.
    if (!this.hasWordBefore(i)) return { start: i, end: j, candidate: j, exclamatory: false, ellipsis: false, closedBy: 'none' };
    let k = j;
    let closedBy: ClosedBy = 'none';
    while (k < n) {
      const c = text.charCodeAt(k);
      if (isClosingQuote(c)) closedBy = 'quote';
      else if (isClosingBracket(c) && this.depth > 0) {
        this.depth--;
        if (this.bracketSentenceDepth > this.depth) this.bracketSentenceDepth = -1;
        closedBy = 'bracket';
      } else if (!isAttached(c)) break;
      k++;
    }
    return { start: i, end: j, candidate: k, exclamatory, ellipsis: ellipsis && !exclamatory, closedBy };
  }

  private decide(cl: Cluster): boolean {
    const { text, n } = this;
    if (!this.hasWordBefore(cl.start)) return false;
    const m = this.skipWhitespace(cl.candidate);
    if (m >= n) return false;
    const next = text.codePointAt(m) ?? 0;
    const glued = m === cl.candidate;
    const dot = !cl.exclamatory && !cl.ellipsis;

    if (glued) return this.decideGlued(cl, m, next, dot);

    // An unmatched ")" after the punctuation: a smiley that IU treats as its own sentence.
    if (next === 0x29 && this.depth === 0) return cl.closedBy === 'none';
    if (next === 0x2c || next === 0x3b || next === 0x3a || isClosingBracket(next)) return false;
    // «А ось і Поллі!» (2004): a bracket right after a closed quotation qualifies the quotation.
    if (next === 0x28 && cl.closedBy !== 'none') return false;
    if (isClosingQuote(next) && !isOpeningQuote(next)) return false;
    if (isDash(next)) return !this.lowerAfterDash(m);

    if (isLower(next)) {
      if (cl.exclamatory) return cl.closedBy === 'none'; // «Хто там?» спитав він
      if (cl.ellipsis) return false; // "дивився… і мовчав"
      if (this.linkAt(m)) return true;
      return this.dotBeforeLower(cl.start);
    }
    if (cl.exclamatory || cl.ellipsis) return true;
    if (cl.closedBy === 'none' && cl.end === cl.start + 1 && this.numberLabelBefore(cl.start)) return this.labelBreak();
    // "Вимоги такі: 1. Перша. 2. Друга.": a label right after a colon opens its item.
    if (cl.closedBy === 'none' && cl.end === cl.start + 1 && this.labelAfterColon(cl.start)) return false;
    return this.dotBeforeOther(cl.start, m, next);
  }

  /** After `from`, spaces on the same line and a run of emoji: where that run ends, else `from`. */
  private emojiTail(from: number): number {
    const { text, n } = this;
    let k = from;
    while (k < n && isWhitespace(text.charCodeAt(k)) && !isLineBreak(text.charCodeAt(k))) k++;
    let end = k;
    while (end < n) {
      const c = text.codePointAt(end) ?? 0;
      if (isEmoji(c)) end += c > 0xffff ? 2 : 1;
      else if (end > k && isAttached(text.charCodeAt(end))) end++;
      else break;
    }
    return end > k ? end : from;
  }

  /** Punctuation directly followed by a character, no space ("Катю!!!хто", "21.06", "U.S."). */
  private decideGlued(cl: Cluster, m: number, next: number, dot: boolean): boolean {
    // "романтично!!!!!)))": IU gives the smiley its own sentence.
    if (next === 0x29 && cl.closedBy === 'none') return true;
    if (!isLetter(next)) return false;
    if (this.inLink(cl.start)) return false;
    if (cl.exclamatory) return isLetter(this.text.codePointAt(cl.start - 1) ?? 0) || cl.closedBy !== 'none';
    if (cl.ellipsis) return isUpper(next) && cl.closedBy === 'none' && isLetter(this.text.charCodeAt(cl.start - 1));
    if (!dot) return false;
    // A missing space between two Cyrillic sentences: "вилиці.Була", "«Алексій».Отакий".
    const after = this.text.charCodeAt(m + 1);
    if (!(isCyrillic(next) && isUpper(next) && isCyrillic(after) && isLower(after))) return false;
    const prev = this.text.charCodeAt(cl.start - 1);
    if (isClosingQuote(prev) || isClosingBracket(prev)) return true;
    const word = this.wordBefore(cl.start);
    return word.kind === 'word' && word.last.length >= 3 && isCyrillic(word.last.charCodeAt(0)) &&
      isLower(word.last.charCodeAt(0)) && this.behaviour(word) === undefined;
  }

  /** ". — питає", "?» – цитує": lower case after a dash is the attribution, not a new sentence. */
  private lowerAfterDash(m: number): boolean {
    const { text, n } = this;
    let d = m;
    while (d < n && isDash(text.charCodeAt(d))) d++;
    const w = this.skipWhitespace(d);
    return w < n && isLower(text.codePointAt(w) ?? 0);
  }

  // ---- the word before a single dot -----------------------------------------------------

  private dotBeforeLower(dotAt: number): boolean {
    const word = this.wordBefore(dotAt);
    if (word.kind === 'number') return false; // "на 2. поверсі" is rare; "5. і" rarer still
    if (word.kind !== 'word') return true; // "…«Ардо». сказав" — after a quote, a stop is a stop
    const behaviour = this.behaviour(word);
    if (behaviour === 'title' || behaviour === 'mayEnd') return false;
    if (isOneLetterWord(word.last)) return true;
    if (word.initialism || word.last.length === 1) return false;
    return looksLikeWholeWord(word.last);
  }

  private dotBeforeOther(dotAt: number, m: number, next: number): boolean {
    const word = this.wordBefore(dotAt);
    if (word.kind !== 'word') return true;
    const behaviour = this.behaviour(word);
    if (behaviour === 'title') return false;
    if (behaviour === 'mayEnd') {
      // "У 2014 р. Росія…": a sentence cannot be just a preposition and a date.
      if (this.numberBefore(word.start) && this.fewWordsBefore(word.start)) return false;
      if (isUpper(next)) return !this.acronymAt(m); // "26 тис. дол. США" stays whole
      return isOpeningQuote(next);
    }
    if (behaviour === 'beforeNumber' && isDigit(next)) return false;
    // "Така можливість є. Але…", and "Є." answering a question: the verb, not an initial.
    if (word.last === 'є' || (word.last === 'Є' && word.start === this.sentenceFirstChar())) return true;
    if (word.initialism || (word.last.length === 1 && isLetter(word.last.charCodeAt(0)))) {
      // Initials: "С. О. Єфремов", "М. Помпео", "U.S. President".
      return !isLetter(next);
    }
    // An unlisted abbreviation before a number: "зб. 5", "арт. 12". Up to four letters, so a
    // short whole word before a list label still ends its sentence: "Перший пункт. 2. Другий".
    if (isDigit(next) && word.last.length <= 4 && !looksLikeWholeWord(word.last) && word.last === word.last.toLowerCase()) {
      return false;
    }
    return true;
  }

  private behaviour(word: WordBefore): ReturnType<typeof abbreviationBehaviour> {
    // Longest dotted compound first: "т.д" before "д", "p.s" before "s".
    const prefixes = word.prefixes;
    const longest = Math.min(prefixes.length, this.abbreviations.maxDottedParts - 1);
    for (let k = prefixes.length - longest; k < prefixes.length; k++) {
      let raw = word.last;
      for (let q = prefixes.length - 1; q >= k; q--) raw = `${prefixes[q] ?? ''}.${raw}`;
      const compound = abbreviationBehaviour(this.abbreviations, raw.toLowerCase(), raw, false);
      if (compound !== undefined) return compound;
    }
    return abbreviationBehaviour(this.abbreviations, word.key, word.rawKey, this.numberBefore(word.start));
  }

  /**
   * The letters before a dot, and before them up to two more "x." parts ("т. д", "U.S"):
   * bounded look-back, so a 10 MB word costs no more than a short one.
   */
  private wordBefore(dotAt: number): WordBefore {
    const { text } = this;
    let b = dotAt;
    while (b > 0 && dotAt - b < maxWord) {
      const c = text.charCodeAt(b - 1);
      if (isWordChar(c) || (c === 0x2d && b < dotAt && b >= 2 && isLetter(text.charCodeAt(b - 2)))) b--;
      else break;
    }
    const last = text.slice(b, dotAt);
    if (last.length === 0) {
      const prev = dotAt > 0 ? text.charCodeAt(dotAt - 1) : 0;
      const kind = isDigit(prev) ? 'number' : isClosingQuote(prev) || isClosingBracket(prev) ? 'closer' : 'other';
      return { kind, key: '', rawKey: '', last: '', prefixes: [], initialism: false, start: dotAt };
    }
    if (b > 0 && isDigit(text.charCodeAt(b - 1)) && !isLetter(last.charCodeAt(0))) {
      return { kind: 'number', key: '', rawKey: '', last, prefixes: [], initialism: false, start: b };
    }
    const parts = [last];
    let start = b;
    for (let round = 0; round < 3; round++) {
      let q: number;
      if (start > 0 && text.charCodeAt(start - 1) === 0x2e) q = start - 1;
      else if (start > 1 && isWhitespace(text.charCodeAt(start - 1)) && text.charCodeAt(start - 2) === 0x2e) q = start - 2;
      else break;
      let r = q;
      while (r > 0 && q - r < 6 && isWordChar(text.charCodeAt(r - 1))) r--;
      if (r === q || (r > 0 && isWordChar(text.charCodeAt(r - 1)))) break;
      parts.unshift(text.slice(r, q));
      start = r;
    }
    const initialism = parts.length >= 2 && last.length === 1 && parts[parts.length - 2]?.length === 1;
    return {
      kind: 'word',
      key: last.toLowerCase(),
      rawKey: last,
      last,
      prefixes: parts.slice(0, -1),
      initialism,
      start: b,
    };
  }

  /** A number, a Roman numeral or a unit right before the word: "5 м.", "XIX ст.", "млн дол.". */
  private numberBefore(wordStart: number): boolean {
    const { text } = this;
    let p = wordStart;
    if (p > 0 && isWhitespace(text.charCodeAt(p - 1))) p--;
    if (p === 0) return false;
    const c = text.charCodeAt(p - 1);
    if (isDigit(c)) return true;
    if (c === 0x2f) return this.unitBefore(p - 1); // "25 м/с.", "60 км/год."
    let q = p;
    if (c === 0x2e) q--; // "тис. грн"
    let r = q;
    while (r > 0 && q - r < 8 && isLetter(text.charCodeAt(r - 1))) r--;
    if (r === q || (r > 0 && isLetter(text.charCodeAt(r - 1)))) return false;
    const token = text.slice(r, q);
    if (q === p && /^[IVXLCDMІХ]+$/u.test(token)) return true;
    return isUnit(this.abbreviations, token);
  }

  /** Whether a unit ("м", "км") ends at `end`, as in a compound unit before "/". */
  private unitBefore(end: number): boolean {
    const { text } = this;
    let r = end;
    while (r > 0 && end - r < 8 && isLetter(text.charCodeAt(r - 1))) r--;
    return r < end && (r === 0 || !isLetter(text.charCodeAt(r - 1))) && isUnit(this.abbreviations, text.slice(r, end));
  }

  /** Whether the sentence has at most three words before `end` ("У 2014 р."). */
  private fewWordsBefore(end: number): boolean {
    const { text } = this;
    const first = this.sentenceFirstChar();
    if (end - first > 40) return false;
    let words = 1;
    for (let k = first + 1; k < end; k++) {
      if (isWhitespace(text.charCodeAt(k)) && !isWhitespace(text.charCodeAt(k - 1))) words++;
    }
    return words <= 3;
  }

  /** "США", "ЄС", "NATO": an all-capitals word (two letters or more). */
  private acronymAt(m: number): boolean {
    const second = this.text.charCodeAt(m + 1);
    return isUpper(second);
  }

  // ---- links ----------------------------------------------------------------------------

  /**
   * Whether the token before `at` is a URL, an e-mail address or a path: a "/" or "@" since the
   * last whitespace, within 256 characters. Queries come in ascending order, so the scan picks up
   * where the previous one stopped and each character is read once.
   */
  private inLink(at: number): boolean {
    const { text } = this;
    for (let k = Math.max(this.linkScannedTo, at - maxLinkLookBack); k < at; k++) {
      const c = text.charCodeAt(k);
      if (isWhitespace(c)) this.lastSpace = k;
      else if (c === 0x2f || c === 0x40) this.lastLinkMark = k; // / @
    }
    this.linkScannedTo = Math.max(this.linkScannedTo, at);
    return this.lastLinkMark > this.lastSpace && at - this.lastLinkMark <= maxLinkLookBack;
  }

  /** Whether a link starts at `m` ("pic.twitter.com/…", "https://…", "www.…"). */
  private linkAt(m: number): boolean {
    const { text, n } = this;
    for (let k = m; k < n && k - m < maxLinkLookBack; k++) {
      const c = text.charCodeAt(k);
      if (isWhitespace(c)) return false;
      if (c === 0x2f || c === 0x40) return true;
    }
    return false;
  }

  private startsNewSentence(m: number): boolean {
    const c = this.text.codePointAt(m) ?? 0;
    return isUpper(c) || c === 0x23 || c === 0x40 || isOpeningQuote(c);
  }

  private skipWhitespace(i: number): number {
    const { text, n } = this;
    let j = i;
    while (j < n && isWhitespace(text.charCodeAt(j))) j++;
    return j;
  }
}

/** "є" (is) is the one Ukrainian one-letter word that can end a sentence. */
function isOneLetterWord(word: string): boolean {
  return word === 'є';
}

/**
 * Ukrainian abbreviations are cut before a vowel and are short, so a word that ends in a vowel
 * or has six letters or more is taken to be a whole word ("бавовняні. пояси", "грубках. смак").
 */
function looksLikeWholeWord(word: string): boolean {
  if (word.length >= 6) return true;
  const lastChar = word.charCodeAt(word.length - 1);
  if (isVowelOrSoftSign(word.slice(-1).toLowerCase().charCodeAt(0))) return true;
  for (let k = 1; k < word.length; k++) if (isUpper(word.charCodeAt(k))) return true; // "ЗСУ"
  return isDigit(lastChar);
}

export function findBreaks(text: string, abbreviations: AbbreviationIndex): number[] {
  return new BoundaryScanner(text, abbreviations).scan();
}
