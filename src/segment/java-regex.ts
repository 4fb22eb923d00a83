// SRX patterns are Java regular expressions (OmegaT, Okapi and LanguageTool run them with
// java.util.regex). This turns one into an equivalent JavaScript RegExp source for the `u` flag,
// translating the constructs the two dialects spell differently and refusing the few that
// JavaScript cannot express, so a rule never silently means something else.

import { SrxError } from './srx-error.js';

export interface JsPattern {
  source: string;
  /** Extra flags from a leading inline group such as "(?i)". */
  flags: string;
}

/** Java property names that JavaScript spells differently (or not at all). */
const properties: Record<string, string> = {
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaWhitespace: '\\s',
  javaAlphabetic: '\\p{Alphabetic}',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\s',
  IsPunctuation: '\\p{P}',
  Lower: '[a-z]',
  Upper: '[A-Z]',
  Alpha: '[A-Za-z]',
  Digit: '[0-9]',
  Alnum: '[A-Za-z0-9]',
  Punct: '[!-\\/:-@\\[-`{-~]',
  Space: '[ \\t\\n\\x0B\\f\\r]',
  InCyrillic: '[\\u0400-\\u04FF]',
  IsCyrillic: '\\p{Script=Cyrillic}',
  IsLatin: '\\p{Script=Latin}',
};

/** Characters that JavaScript's `u` mode lets a backslash escape outside a class. */
const syntaxChars = new Set('^$\\.*+?()[]{}|/');

export function javaToJs(pattern: string, where = 'pattern'): JsPattern {
  let flags = '';
  let p = pattern;
  const inline = /^\(\?([imsux]+)\)/u.exec(p);
  if (inline !== null) {
    const given = inline[1] ?? '';
    if (given.includes('i')) flags += 'i';
    if (given.includes('s')) flags += 's';
    if (given.includes('m')) flags += 'm';
    p = p.slice(inline[0].length);
  }
  let out = '';
  let inClass = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] ?? '';
    if (ch === '\\') {
      const next = p[i + 1];
      if (next === undefined) throw new SrxError(`${where}: trailing backslash in ${JSON.stringify(pattern)}`);
      if (next === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        const literal = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
        out += escapeLiteral(literal, inClass > 0);
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      if (next === 'p' || next === 'P') {
        const m = /^\{([^}]*)\}/u.exec(p.slice(i + 2));
        if (m === null) throw new SrxError(`${where}: \\${next} without {…} in ${JSON.stringify(pattern)}`);
        out += property(next, m[1] ?? '', inClass > 0, where);
        i += 1 + m[0].length;
        continue;
      }
      const translated = escape(next, p, i, inClass > 0, where);
      out += translated.text;
      i += translated.consumed;
      continue;
    }
    if (inClass > 0) {
      if (ch === '[') throw new SrxError(`${where}: nested character classes are not supported: ${JSON.stringify(pattern)}`);
      if (ch === '&' && p[i + 1] === '&') throw new SrxError(`${where}: class intersection (&&) is not supported: ${JSON.stringify(pattern)}`);
      if (ch === ']') inClass = 0;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = 1;
      out += ch;
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]'; // Java allows a leading "]" as a literal
        i++;
      }
      continue;
    }
    if (ch === '(' && p[i + 1] === '?') {
      if (p[i + 2] === '>') {
        out += '(?:'; // atomic group: same matches for the anchored checks SRX makes
        i += 2;
        continue;
      }
      if (/[imsux-]/u.test(p[i + 2] ?? '')) {
        throw new SrxError(`${where}: inline flags are only supported at the start: ${JSON.stringify(pattern)}`);
      }
    }
    if ((ch === '+') && i > 0 && /[*+?}]/u.test(p[i - 1] ?? '') && p[i - 2] !== '\\') {
      continue; // possessive quantifier: drop the "+" (JavaScript has none)
    }
    out += ch;
  }
  try {
    new RegExp(out, `u${flags}`);
  } catch (e) {
    throw new SrxError(`${where}: ${JSON.stringify(pattern)} is not a usable regular expression (${(e as Error).message})`);
  }
  return { source: out, flags };
}

function property(kind: string, name: string, inClass: boolean, where: string): string {
  const negate = kind === 'P';
  const mapped = properties[name];
  if (mapped === undefined) {
    // \p{Lu}, \p{L}, \p{IsLu}, \p{sc=Cyrillic}, \p{script=Latin}, \p{IsL}
    const general = name.startsWith('Is') && /^Is[A-Z][a-z]?$/u.test(name) ? name.slice(2) : name;
    const fixed = general.replace(/^script=/iu, 'Script=').replace(/^sc=/u, 'Script=').replace(/^block=|^blk=/u, 'Block=');
    if (fixed.startsWith('Block=') || /^In[A-Z]/u.test(fixed)) {
      throw new SrxError(`${where}: Unicode block \\p{${name}} has no JavaScript equivalent`);
    }
    return `\\${negate ? 'P' : 'p'}{${fixed}}`;
  }
  if (!negate) return inClass && mapped.startsWith('[') ? mapped.slice(1, -1) : mapped;
  if (mapped.startsWith('\\p')) return `\\P${mapped.slice(2)}`;
  if (mapped === '\\s') return '\\S';
  if (inClass) throw new SrxError(`${where}: \\P{${name}} inside a class is not supported`);
  return `[^${mapped.slice(1, -1)}]`;
}

function escape(next: string, p: string, i: number, inClass: boolean, where: string): { text: string; consumed: number } {
  switch (next) {
    case 'h':
      return { text: inClass ? ' \\t\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000' : '[ \\t\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000]', consumed: 1 };
    case 'R':
      if (inClass) throw new SrxError(`${where}: \\R inside a class`);
      return { text: '(?:\\r\\n|[\\n\\v\\f\\r\\u0085\\u2028\\u2029])', consumed: 1 };
    case 'A':
      return { text: '^', consumed: 1 };
    case 'z':
      return { text: '$', consumed: 1 };
    case 'Z':
      return { text: '(?=\\n?$)', consumed: 1 };
    case 'e':
      return { text: '\\x1B', consumed: 1 };
    case 'a':
      return { text: '\\x07', consumed: 1 };
    case 'x': {
      const braced = /^\{([0-9a-fA-F]+)\}/u.exec(p.slice(i + 2));
      if (braced !== null) return { text: `\\u{${braced[1] ?? ''}}`, consumed: 1 + braced[0].length };
      return { text: '\\x', consumed: 1 };
    }
    case '0': {
      const octal = /^[0-7]{1,3}/u.exec(p.slice(i + 2));
      const code = octal === null ? 0 : parseInt(octal[0], 8);
      return { text: `\\u{${code.toString(16)}}`, consumed: 1 + (octal?.[0].length ?? 0) };
    }
    case 'G':
      throw new SrxError(`${where}: \\G has no meaning in a segmentation rule`);
    default:
      break;
  }
  if (/[A-Za-z0-9]/u.test(next)) return { text: `\\${next}`, consumed: 1 };
  // Java lets a backslash escape any other character; JavaScript's `u` mode only some.
  if (syntaxChars.has(next) || (inClass && next === '-')) return { text: `\\${next}`, consumed: 1 };
  return { text: next, consumed: 1 };
}

function escapeLiteral(literal: string, inClass: boolean): string {
  return literal.replace(inClass ? /[\\\]^-]/gu : /[\\^$.*+?()[\]{}|/]/gu, (c) => `\\${c}`);
}

/** Escape `literal` for a pattern both dialects read the same way. */
export function escapeForPattern(literal: string): string {
  return escapeLiteral(literal, false);
}
