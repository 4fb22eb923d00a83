// Content ↔ XML text with inline codes as empty `<x id="N"/>` tags: the form in which engines with
// XML tag handling (DeepL `tagHandling: 'xml'`) carry protected spans untouched.
import type { Content } from '../model.js';

export function contentToTaggedXml(content: Content): string {
  let out = '';
  for (const fragment of content) {
    out += typeof fragment === 'string'
      ? fragment.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      : `<x id="${fragment.code}"/>`;
  }
  return out;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITY[name] ?? whole;
  });
}

/** Parse an engine's tagged answer back into content. Tags other than `<x id=…/>` (an engine
 *  inventing markup) are dropped; missing or unknown ids are for the caller to judge. */
export function taggedXmlToContent(xml: string): Content {
  const content: Content = [];
  const tag = /<x\s+id\s*=\s*"([^"]*)"\s*\/>|<x\s+id\s*=\s*"([^"]*)"\s*>\s*<\/x>|<[^>]*>/g;
  let cursor = 0;
  for (const m of xml.matchAll(tag)) {
    if (m.index > cursor) content.push(unescapeXml(xml.slice(cursor, m.index)));
    const id = m[1] ?? m[2];
    if (id !== undefined) content.push({ code: id });
    cursor = m.index + m[0].length;
  }
  if (cursor < xml.length) content.push(unescapeXml(xml.slice(cursor)));
  return content;
}
