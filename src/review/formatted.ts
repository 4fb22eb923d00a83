// A segment as formatted text for the review page: the markup codes of Markdown and HTML
// articles become the formatting they stand for (bold, italic, code, links, line breaks), so an
// editor reads the sentence as readers will, without markup. Never the source's own HTML: only
// these few elements are written, with the text escaped, so a page stays script-free.
import type { Content, InlineCode } from '../model.js';
import { isMarkupKind } from '../model.js';
import { escapeHtml as h } from './html.js';
import { entityChar } from '../formats/escape.js';
import { wellNested } from '../xliff/paired.js';

const ELEMENT: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', link: 'u', image: 'span', markup: 'span' };

/** Formatted HTML of the content, or undefined when it has no markup codes (plain text will do). */
export function formattedHtml(content: Content, codes: readonly InlineCode[]): string | undefined {
  if (!codes.some((c) => isMarkupKind(c.kind))) return undefined;
  const byId = new Map(codes.map((c) => [c.id, c]));
  const nested = wellNested(content, codes);
  let out = '';
  for (const fragment of content) {
    if (typeof fragment === 'string') { out += h(fragment); continue; }
    const code = byId.get(fragment.code);
    if (!code) continue;
    if (!isMarkupKind(code.kind)) { out += h(code.text); continue; }
    if (code.role !== undefined) {
      // A half whose partner is missing or crossed is shown as nothing: QA reports it.
      if (!nested.has(code.id)) continue;
      const tag = ELEMENT[code.kind] ?? 'span';
      out += code.role === 'open' ? `<${tag} class="md-${code.kind}">` : `</${tag}>`;
      continue;
    }
    if (code.kind === 'break') out += '<br>';
    else if (code.kind === 'entity') out += h(entityChar(code.text) ?? code.text);
    else if (code.kind === 'code') out += `<code>${h(code.text.replace(/^`+|`+$/gu, '').replace(/^<code[^>]*>|<\/code>$/gu, ''))}</code>`;
    else if (code.kind === 'image' || code.kind === 'link') out += `<span class="md-${code.kind}" title="${h(code.text)}">⧉</span>`;
  }
  return out;
}
