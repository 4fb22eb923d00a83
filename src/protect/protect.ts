// protect: find the spans of a sentence that must reach the target unchanged (URLs, e-mail,
// @handles, #hashtags, emoji) and turn them into inline codes, so that no MT engine can
// translate, re-space or "correct" them.
import type { Content, InlineCode, ProtectedKind } from '../model.js';

interface Span { start: number; end: number; kind: ProtectedKind }

// Each pattern is linear: character classes with a single quantifier, no nested repetition.
const PATTERNS: Array<[ProtectedKind, RegExp]> = [
  ['url', /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"«»]+/giu],
  // Scheme-less links as social networks print them: pic.twitter.com/…, t.co/…, youtu.be/…
  ['url', /\b(?:[a-z0-9-]+\.)+(?:com|org|net|ua|by|ru|io|co|me|be|tv|info|gov|edu|eu|uk|de|pl|ly)\/[^\s<>"«»]*/giu],
  ['email', /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu],
  ['handle', /(?<![\p{L}\p{N}_@.])@[A-Za-z0-9_]{1,30}(?![A-Za-z0-9_@])/gu],
  ['hashtag', /(?<![\p{L}\p{N}_#&/])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu],
  // A run of emoji: flag pairs, keycaps, pictographs with their variation selectors, skin tones
  // and zero-width-joiner sequences. Kept whole so a sequence is never cut in two.
  ['emoji', /(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*)+/gu],
];

// Sentence punctuation right after a link belongs to the sentence, not to the link.
const TRAILING_PUNCTUATION = /[.,;:!?…)\]»”'"]+$/u;

export function findProtectedSpans(text: string): Span[] {
  const found: Span[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      let value = m[0];
      if (kind === 'url') {
        const cut = TRAILING_PUNCTUATION.exec(value);
        // Keep a closing bracket when the URL itself opened one (Wikipedia links).
        if (cut && !(cut[0].startsWith(')') && value.includes('('))) value = value.slice(0, value.length - cut[0].length);
      }
      if (value === '') continue;
      found.push({ start: m.index, end: m.index + value.length, kind });
    }
  }
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
