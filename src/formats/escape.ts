// Escaping translated text for the syntax it is written into, so that the target reads back as
// the same text and the document keeps its structure.

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
