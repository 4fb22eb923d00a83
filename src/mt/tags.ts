// Content ↔ XML text with inline codes as empty `<x id="N"/>` tags: the form in which engines with
// XML tag handling (DeepL `tagHandling: 'xml'`) carry protected spans untouched. A well-nested
// pair of markup codes (src/formats/) is one element around its text, `<g id="open" c="close">…</g>`,
// so the engine moves the formatting with the words it belongs to.
import type { Content, InlineCode } from '../model.js';
import { wellNested } from '../xliff/paired.js';

export function contentToTaggedXml(content: Content, codes: readonly InlineCode[] = []): string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const nested = wellNested(content, codes);
  let out = '';
  for (const fragment of content) {
    if (typeof fragment === 'string') { out += fragment.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); continue; }
    const code = byId.get(fragment.code);
    if (code?.role !== undefined && code.pair !== undefined && nested.has(code.id)) out += code.role === 'open' ? `<g id="${code.id}" c="${code.pair}">` : '</g>';
    else out += `<x id="${fragment.code}"/>`;
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
  const tag = /<x\s+id\s*=\s*"([^"]*)"\s*\/>|<x\s+id\s*=\s*"([^"]*)"\s*>\s*<\/x>|<g\s+id\s*=\s*"([^"]*)"\s+c\s*=\s*"([^"]*)"\s*>|(<\/g\s*>)|<[^>]*>/g;
  // Closes of open `<g>` elements, innermost last: `</g>` is the close code of the nearest open.
  const open: string[] = [];
  let cursor = 0;
  for (const m of xml.matchAll(tag)) {
    if (m.index > cursor) content.push(unescapeXml(xml.slice(cursor, m.index)));
    const id = m[1] ?? m[2] ?? m[3];
    if (id !== undefined) content.push({ code: id });
    if (m[4] !== undefined) open.push(m[4]);
    if (m[5] !== undefined) {
      const close = open.pop();
      if (close !== undefined) content.push({ code: close });
    }
    cursor = m.index + m[0].length;
  }
  if (cursor < xml.length) content.push(unescapeXml(xml.slice(cursor)));
  return content;
}

/**
 * Read DeepL's answer for one tagged sentence. The text is always kept; markup other than the
 * placeholders sent (an unclosed `<x id="1">`, a `</x>`, an invented element) is dropped and
 * flagged, never guessed at. Placeholders missing, doubled or with a changed id are judged with
 * the source's codes by the job (src/qa/codes.ts) and, for glossary terms and numbers, by
 * GlossaryEngine — one flag per problem.
 */
export function checkTaggedAnswer(xml: string): { content: Content; flags: string[] } {
  const flags: string[] = [];
  const strange = [...xml.matchAll(/<[^>]*>/g)].map((m) => m[0]).filter((t) => !/^<x\s+id\s*=\s*"[^"]*"\s*\/>$/u.test(t) && !/^<x\s+id\s*=\s*"[^"]*"\s*>$/u.test(t) && t !== '</x>' && !/^<g\s+id\s*=\s*"[^"]*"\s+c\s*=\s*"[^"]*"\s*>$/u.test(t) && !/^<\/g\s*>$/u.test(t));
  const opened = (xml.match(/<x\s+id\s*=\s*"[^"]*"\s*>/gu) ?? []).length;
  const closed = (xml.match(/<\/x\s*>/gu) ?? []).length;
  if (strange.length > 0) flags.push(`DeepL returned markup that was not sent (${strange.slice(0, 3).join(' ')}); it was dropped — check the text`);
  if (opened !== closed) flags.push('DeepL returned an inline placeholder broken open (an unclosed <x>); check where the protected text belongs');
  // A tag pair travels as one <g> element; an answer whose `</g>` comes before its `<g>`, or that
  // leaves one open, has lost where the formatting belongs.
  let depth = 0;
  let broken = false;
  for (const m of xml.matchAll(/<(\/?)g\b[^>]*>/gu)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth < 0) broken = true;
  }
  if (broken || depth !== 0) flags.push('DeepL returned a tag pair broken open (a <g> closed before it opened, or left open); check where the formatting belongs');
  return { content: taggedXmlToContent(xml.replace(/<\/x\s*>/gu, '').replace(/<x(\s+id\s*=\s*"[^"]*")\s*>/gu, '<x$1/>')), flags };
}
