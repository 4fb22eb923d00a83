// protect: find the spans of a sentence that must reach the target unchanged (URLs, e-mail,
// @handles, #hashtags, emoji) and turn them into inline codes, so that no MT engine can
// translate, re-space or "correct" them.
import type { Content, InlineCode, ProtectedKind } from '../model.js';

interface Span { start: number; end: number; kind: ProtectedKind }

// Every pattern must stay linear on any input (a 1 MB token without spaces included): each is
// anchored on a character that starts its kind (`h`/`w` of a scheme, `@`, `#`, an emoji) and
// then takes one greedy class, with no nested repetition that could backtrack. E-mail and
// scheme-less links grow around their `@` or `.tld/`, by hand, because a regex that starts at
// every letter of a long word and looks for those is quadratic.
const PATTERNS: Array<[ProtectedKind, RegExp]> = [
  ['url', /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"«»]+/giu],
  ['handle', /(?<![\p{L}\p{N}_@.])@[A-Za-z0-9_]{1,30}(?![A-Za-z0-9_@])/gu],
  // A hashtag needs a letter; the look-ahead finds it without backtracking ([\p{N}_] and \p{L} do not overlap).
  ['hashtag', /(?<![\p{L}\p{N}_#&/])#(?=[\p{N}_]*\p{L})[\p{L}\p{N}_]+/gu],
  // A run of emoji: flag pairs, keycaps, pictographs with their variation selectors, skin tones
  // and zero-width-joiner sequences. Kept whole so a sequence is never cut in two.
  ['emoji', /(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*)+/gu],
];

// Scheme-less links as social networks print them (pic.twitter.com/…, t.co/…, youtu.be/…): found
// by their `.tld/`, then grown left over the host name and right over the path.
const SCHEMELESS_TLD = /\.(?:com|org|net|ua|by|ru|io|co|me|be|tv|info|gov|edu|eu|uk|de|pl|ly)\//giu;
const HOST_CHAR = /[a-z0-9.-]/iu;
const PATH_CHAR = /[^\s<>"«»]/u;
const MAX_HOST = 253;

function schemelessUrls(text: string, found: Span[]): void {
  SCHEMELESS_TLD.lastIndex = 0;
  for (let m = SCHEMELESS_TLD.exec(text); m !== null; m = SCHEMELESS_TLD.exec(text)) {
    let start = m.index;
    while (start > 0 && m.index - start < MAX_HOST && HOST_CHAR.test(text[start - 1]!)) start--;
    // The host must start with a letter or digit, and not continue a longer word or path.
    while (start < m.index && !/[a-z0-9]/iu.test(text[start]!)) start++;
    if (start === m.index || (start > 0 && /[\p{L}\p{N}_@/]/u.test(text[start - 1]!))) continue;
    let end = m.index + m[0].length;
    while (end < text.length && PATH_CHAR.test(text[end]!)) end++;
    found.push({ start, end: start + withoutTrailingPunctuation(text.slice(start, end)).length, kind: 'url' });
  }
}

// E-mail: grown around each `@` (local part and domain are bounded by the RFC's lengths).
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;

function emails(text: string, found: Span[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start === at) continue;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && DOMAIN_CHAR.test(text[end]!)) end++;
    // The domain ends with a label of two or more letters after a dot: trim what follows it.
    const domain = text.slice(at + 1, end);
    const last = /^(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/u.exec(domain.length > 0 && /[\p{L}\p{N}]/u.test(domain[0]!) ? domain : '');
    if (!last) continue;
    found.push({ start, end: at + 1 + last[0].length, kind: 'email' });
  }
}

// Sentence punctuation right after a link belongs to the sentence, not to the link; a closing
// bracket stays when the link itself opened it (Wikipedia's `Мінськ_(місто)`).
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '…', ']', '»', '”', "'", '"']);

function withoutTrailingPunctuation(url: string): string {
  let open = 0;
  let close = 0;
  for (const ch of url) {
    if (ch === '(') open++;
    else if (ch === ')') close++;
  }
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1]!;
    if (TRAILING.has(ch)) end--;
    else if (ch === ')' && close > open) { end--; close--; }
    else break;
  }
  return url.slice(0, end);
}

// Each pattern has a character without which it cannot match (a URL's `//` or `www.`, whose `w`
// no other character case-folds to; a handle's `@`; a hashtag's `#`; the `/` after a scheme-less
// link's `.tld`): a text without it is not searched at all.
const WWW = /www\./iu;
const mayMatch: Partial<Record<ProtectedKind, (text: string) => boolean>> = {
  url: (text) => text.includes('//') || WWW.test(text),
  handle: (text) => text.includes('@'),
  hashtag: (text) => text.includes('#'),
};

export function findProtectedSpans(text: string): Span[] {
  const found: Span[] = [];
  for (const [kind, pattern] of PATTERNS) {
    const may = mayMatch[kind];
    if (may && !may(text)) continue;
    // What text.matchAll(pattern) yields, without the copy of the RegExp that matchAll makes on
    // every call. None of the patterns matches the empty string (each takes at least one character).
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const value = kind === 'url' ? withoutTrailingPunctuation(m[0]) : m[0];
      if (value === '') continue;
      found.push({ start: m.index, end: m.index + value.length, kind });
    }
  }
  if (text.includes('/')) schemelessUrls(text, found);
  emails(text, found);
  // Earliest first, longest first at the same start; then drop spans inside an accepted one.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  let reach = 0;
  for (const span of found) {
    if (span.start < reach) continue;
    spans.push(span);
    reach = span.end;
  }
  return spans;
}

export function protectSpans(text: string): { content: Content; codes: InlineCode[] } {
  const content: Content = [];
  const codes: InlineCode[] = [];
  let cursor = 0;
  for (const span of findProtectedSpans(text)) {
    if (span.start > cursor) content.push(text.slice(cursor, span.start));
    const id = String(codes.length + 1);
    codes.push({ id, kind: span.kind, text: text.slice(span.start, span.end) });
    content.push({ code: id });
    cursor = span.end;
  }
  if (cursor < text.length) content.push(text.slice(cursor));
  return { content, codes };
}
