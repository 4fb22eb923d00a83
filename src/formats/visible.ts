// What a reader of the rendered document sees of a sentence's source syntax, for plain-text
// copies: a code span's content, an autolink's address, a line break for a hard break or <br>,
// an entity's character; nothing of tags, emphasis markers or a link's destination and title.
// Each format reads its own syntax (markdown.ts, html.ts); here is what they share: the view's
// shape, and HTML's text content and entities as parse5 (the WHATWG parser) decodes them.
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { InlineCode } from '../model.js';

export interface CodeView {
  /** The code's text as the page shows it. */
  text: string;
  /** The text run after it is inside the markup (a link's title, an attribute's value), not on the page. */
  hidesNext: boolean;
}

/** A format's reading of its own syntax for plain text. */
export interface ReaderText {
  code(code: InlineCode): CodeView;
  /** Source text between codes, or between sentences, as it shows. */
  source(text: string): string;
}

type HtmlNode = DefaultTreeAdapterMap['childNode'];
const HTML_HIDDEN = new Set(['script', 'style', 'template', 'noscript']);

function htmlNodeText(node: HtmlNode): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!('tagName' in node)) return '';
  if (node.tagName === 'br') return '\n';
  if (HTML_HIDDEN.has(node.tagName)) return '';
  return node.childNodes.map(htmlNodeText).join('');
}

/** An HTML fragment's text content, entities decoded, `<br>` a line break. */
export function htmlVisible(html: string): string {
  return parseFragment(html).childNodes.map(htmlNodeText).join('');
}

/** The character(s) an HTML entity (`&copy;`, `&#8364;`) stands for, by the HTML5 list parse5
 *  decodes with; undefined for one it does not know (`&unknown;` shows as written). */
export function decodeEntity(entity: string): string | undefined {
  const decoded = htmlVisible(entity);
  return decoded === entity ? undefined : decoded;
}

export const NO_VIEW: CodeView = { text: '', hidesNext: false };
