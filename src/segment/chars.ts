// Character classes the scanner asks about, one UTF-16 code unit at a time (or one code point
// where letters outside the BMP matter). ASCII and Cyrillic take a switch/range fast path;
// only other scripts fall back to a Unicode-property regex on a one-character string.

const upperRe = /^\p{Lu}$/u;
const lowerRe = /^\p{Ll}$/u;
const letterRe = /^\p{L}$/u;
const markRe = /^\p{M}$/u;
// Pictographs, flags (regional indicators) and skin-tone modifiers; not "#", "*" or digits,
// which Unicode also counts as emoji.
const emojiRe = /^[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}]$/u;

export function isWhitespace(c: number): boolean {
  // The same set as JavaScript's \s and String.prototype.trim.
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x0b || c === 0x0c;
}

/** Characters that can end a sentence. */
export function isTerminator(c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x21: // !
    case 0x3f: // ?
    case 0x2026: // …
    case 0x203c: // ‼
    case 0x2047: // ⁇
    case 0x2048: // ⁈
    case 0x2049: // ⁉
    case 0x061f: // Arabic question mark
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff1f: // ？
      return true;
    default:
      return false;
  }
}

/** Quotes that may close a quotation after its final punctuation. */
export function isClosingQuote(c: number): boolean {
  return (
    c === 0x22 || c === 0x27 || c === 0xbb /* » */ || c === 0x201d /* ” */ ||
    c === 0x201c /* “ closes „…“ */ || c === 0x2019 /* ’ */ || c === 0x203a /* › */
  );
}

export function isOpeningQuote(c: number): boolean {
  return (
    c === 0x22 || c === 0xab /* « */ || c === 0x201e /* „ */ || c === 0x201c /* “ */ ||
    c === 0x2018 /* ‘ */ || c === 0x201a /* ‚ */ || c === 0x2039 /* ‹ */ || c === 0x27
  );
}

export function isOpeningBracket(c: number): boolean {
  return c === 0x28 || c === 0x5b || c === 0x7b;
}

export function isClosingBracket(c: number): boolean {
  return c === 0x29 || c === 0x5d || c === 0x7d;
}

/** An emoji code point that is not also sentence punctuation (‼ and ⁉ are terminators). */
export function isEmoji(cp: number): boolean {
  // Below U+2000 only © and ® are pictographs, and "© Укрінформ" opens a credit, not a comment.
  if (cp < 0x2000 || isTerminator(cp)) return false;
  return emojiRe.test(String.fromCodePoint(cp));
}

/** Characters that mark a bulleted line: • ‣ ⁃ ∙ ▪ ● ◦ and "*". */
export function isBullet(c: number): boolean {
  return c === 0x2022 || c === 0x2023 || c === 0x2043 || c === 0x2219 || c === 0x25aa || c === 0x25cf ||
    c === 0x25e6 || c === 0x2a;
}

/** Hyphen and the dashes used for direct speech and attribution. */
export function isDash(c: number): boolean {
  return c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/** Marks that belong to the preceding character: never break in front of them. */
export function isAttached(c: number): boolean {
  if (c >= 0xdc00 && c <= 0xdfff) return true; // low surrogate
  if (c === 0x200d || c === 0xfe0e || c === 0xfe0f || c === 0x20e3) return true; // ZWJ, VS, keycap
  if (c < 0x0300) return false;
  return markRe.test(String.fromCharCode(c));
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isUpper(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  if (c >= 0x0410 && c <= 0x042f) return true; // А-Я
  if (c >= 0x0430 && c <= 0x045f) return false; // а-я, ѐ-џ
  if (c === 0x0404 || c === 0x0406 || c === 0x0407 || c === 0x0490 || c === 0x0401) return true; // Є І Ї Ґ Ё
  return upperRe.test(String.fromCodePoint(c));
}

export function isLower(c: number): boolean {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  if (c >= 0x0430 && c <= 0x045f) return true;
  if (c >= 0x0400 && c <= 0x042f) return false;
  if (c === 0x0491) return true; // ґ
  return lowerRe.test(String.fromCodePoint(c));
}

export function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x0400 && c <= 0x04ff) return true;
  return letterRe.test(String.fromCodePoint(c));
}

export function isCyrillic(c: number): boolean {
  return c >= 0x0400 && c <= 0x04ff;
}

/** A word character for abbreviation look-ups: letter, or the apostrophes inside Ukrainian words. */
export function isWordChar(c: number): boolean {
  return isLetter(c) || c === 0x27 || c === 0x2019 || c === 0x2bc;
}

const vowels = new Set('аеєиіїоуюяьaeiouyаеиоу'.split('').map((ch) => ch.codePointAt(0) ?? 0));

/** Ukrainian abbreviations are cut before a vowel, so a word ending in one is a whole word. */
export function isVowelOrSoftSign(c: number): boolean {
  return vowels.has(c);
}
