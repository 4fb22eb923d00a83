// Escaping translated text for the syntax it is written into, so that the target reads back as
// the same text and the document keeps its structure.

const ENTITY_CHARS: Record<string, string> = { nbsp: '\u00a0', mdash: '—', ndash: '–', laquo: '«', raquo: '»', hellip: '…', quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', bdquo: '„', shy: '\u00ad', thinsp: '\u2009' };

/** The character an HTML entity (`&nbsp;`, `&#39;`, `&#x2014;`) stands for; undefined for a name
 *  not in the short list news text uses. */
export function entityChar(entity: string): string | undefined {
  const name = entity.replace(/^&/u, '').replace(/;$/u, '');
  const code = name.startsWith('#x') || name.startsWith('#X') ? Number.parseInt(name.slice(2), 16) : name.startsWith('#') ? Number.parseInt(name.slice(1), 10) : Number.NaN;
  if (Number.isInteger(code) && code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
  return ENTITY_CHARS[name];
}

// CommonMark reads these anywhere in a line (emphasis, links, code, HTML, entities, GFM tables
// and strikethrough).
const MD_INLINE = /[\\`*_[\]<>|~&]/gu;

export function escapeMarkdownText(text: string): string {
  return text.replace(MD_INLINE, (ch) => `\\${ch}`);
}

// These CommonMark reads only where a line's content starts: an ATX heading, a bullet or ordered
// list item, a setext underline or thematic break (`=`, `-`). `>`, `` ` ``, `~`, `<`, `|`, `[`,
// `*` and `_` are escaped everywhere already.
// A `-`, `+` or `=` first on a line is escaped whatever follows: it may start a list item, a
// setext underline or a thematic break (`---- -`, `- - -` too), and `\-` always reads as `-`.
const MD_LINE_START = /^(?:(#{1,6})(?=[ \t]|$)|([-+=])|(\d{1,9})([.)])(?=[ \t]|$))/u;

/** A line's already inline-escaped text, where it starts the line: leading blanks dropped (four
 *  would make code; CommonMark shows none of them) and a block marker escaped. */
export function escapeMarkdownLineStart(line: string): string {
  return line.replace(/^[ \t]+/u, '').replace(MD_LINE_START, (m, hashes?: string, mark?: string, digits?: string, dot?: string) =>
    hashes ?? mark ? `\\${m}` : `${digits}\\${dot}`);
}

const LINE_BREAK = /\r\n|\r|\n/u;

/** A translated run written into a Markdown block, as text that cannot change the block's
 *  structure. `lineStart`: the run begins a line (the block's start, or after a break inside it).
 *  `oneLine`: the block cannot hold a line break (an ATX heading, a table cell), so a break is a
 *  space. A blank line would end the block, so blank lines are one break; blanks before a break
 *  would make it a hard break, and are dropped. */
export function escapeMarkdownRun(text: string, options: { lineStart: boolean; oneLine: boolean }): string {
  // At a line's start a break would leave the line empty (an empty list item, a blank line).
  const escaped = options.lineStart ? escapeMarkdownText(text).replace(/^\s+/u, '') : escapeMarkdownText(text);
  if (options.oneLine) {
    const flat = escaped.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/gu, ' ');
    return options.lineStart ? escapeMarkdownLineStart(flat) : flat;
  }
  const breaks = escaped.match(/\r\n|\r|\n/gu) ?? [];
  const lines = joinMarkdownBlankLines(escaped).split(LINE_BREAK);
  const newline = breaks[0] ?? '\n';
  return lines
    .map((line, i) => {
      const body = i < lines.length - 1 ? line.replace(/[ \t]+$/u, '') : line;
      return i > 0 || options.lineStart ? escapeMarkdownLineStart(body) : body;
    })
    .join(newline);
}

/** An ATX heading's text ending in a run of `#` after a blank would lose it as the closing sequence. */
export function escapeMarkdownHeadingEnd(text: string): string {
  return text.replace(/(^|[ \t])(#+)([ \t]*)$/u, '$1\\$2$3');
}

/** A block of inline content never holds a blank line (it would end the block); one made where a
 *  translated run's break meets a code's (a hard break's `  \n`) is one break. */
export function joinMarkdownBlankLines(text: string): string {
  return text.replace(/(\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+/gu, '$1');
}

/** HTML text content: `&` and `<` would start an entity or a tag; `>` for symmetry with serializers. */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** An HTML attribute value inside the given quote (or unquoted, where a space would end it). */
export function escapeHtmlAttribute(text: string, quote: '"' | "'" | ''): string {
  const base = text.replace(/&/gu, '&amp;');
  if (quote === '"') return base.replace(/"/gu, '&quot;');
  if (quote === "'") return base.replace(/'/gu, '&#39;');
  return base.replace(/[\s"'=<>`]/gu, (ch) => `&#${ch.codePointAt(0)!};`);
}
