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
