// HTML articles, as CMSs export them: a whole document or just the article body (WordPress's
// `entry-content`).
//
// Library: parse5, the WHATWG HTML parser (what jsdom and rehype-parse use), with source
// locations: the tree says what is a block and what is inline, the offsets keep the source's
// bytes (entities, attribute quoting, whitespace, comments) exactly as written.
//
// Block elements (p, h1–h6, li, td/th, figcaption, blockquote, a div holding text) make blocks of
// their inline content; inline elements (a, strong, em, b, i, span, sup, sub, …) are paired codes
// around their text, void ones (br, img, wbr) standalone codes, entities standalone codes too.
// Translatable attributes (alt, title, aria-label, placeholder; meta description and og: text in
// <head>) are units of their own where they stand outside running text; inside it, their value is
// text between the element's codes, so a sentence and the title of its link travel together.
// script, style, pre, code, template, iframe, svg and embedded posts (blockquote.twitter-tweet
// and the like) are kept as they stand. Nothing of <!DOCTYPE> or <head> becomes text except
// <title> and those meta values.
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { BlockKind } from '../model.js';
import { ArticleBuilder, type MarkupSpan } from './builder.js';
import type { ArticleFormat, ReadContext } from './format.js';
import { escapeHtmlAttribute, escapeHtmlText } from './escape.js';
import { decodeEntity, htmlVisible, NO_VIEW, type ReaderText } from './visible.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Kept as they stand wherever they are: between blocks in the skeleton, inside text as one code. */
const KEPT = new Set(['script', 'style', 'pre', 'template', 'iframe', 'svg', 'math', 'noscript', 'textarea', 'select', 'object', 'video', 'audio', 'canvas']);
/** Inline, but never translated: one standalone code each. */
const VERBATIM = new Set([...KEPT, 'code', 'kbd', 'samp', 'var']);
/** Containers whose blocks take the kind of the block around them. */
const TRANSPARENT = new Set(['html', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'form', 'fieldset', 'details', 'dialog', 'dl', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'hgroup', 'address']);
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'details', 'dialog', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'head']);
const VOID = new Set(['br', 'img', 'wbr', 'input', 'hr', 'area', 'embed', 'source', 'track', 'col', 'meta', 'link']);
/** Embedded posts from social networks: quoted as published, in their own language. */
const EMBED_CLASSES = ['twitter-tweet', 'instagram-media', 'tiktok-embed', 'facebook-post', 'telegram-post'];
const TRANSLATABLE_ATTRIBUTES = ['alt', 'title', 'aria-label', 'placeholder'];
const META_TEXT = new Set(['description', 'og:title', 'og:description', 'twitter:title', 'twitter:description']);

function kindOfTag(tag: string, around: BlockKind): BlockKind {
  if (TRANSPARENT.has(tag) || tag === 'p' || tag === 'dt' || tag === 'dd' || tag === 'summary') return around;
  if (/^h[1-6]$/u.test(tag)) return 'heading';
  if (tag === 'li') return 'list-item';
  if (tag === 'td' || tag === 'th') return 'table-cell';
  if (tag === 'figcaption' || tag === 'caption') return 'caption';
  if (tag === 'blockquote') return 'quote';
  return 'paragraph';
}

function markupKind(tag: string): MarkupSpan['kind'] {
  switch (tag) {
    case 'strong': case 'b': return 'bold';
    case 'em': case 'i': return 'italic';
    case 's': case 'del': case 'strike': return 'strike';
    case 'a': return 'link';
    case 'br': return 'break';
    case 'img': return 'image';
    default: return 'markup';
  }
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isEmbed(el: Element): boolean {
  const classes = (attribute(el, 'class') ?? '').split(/\s+/u);
  return EMBED_CLASSES.some((c) => classes.includes(c));
}

/** An element that holds blocks cannot be inline markup, whatever its tag (`<a><div>…</div></a>`). */
function holdsBlocks(el: Element): boolean {
  return el.childNodes.some((c) => isElement(c) && (BLOCK.has(c.tagName) || holdsBlocks(c)));
}

const ENTITY = /&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/gu;

class HtmlReader {
  private readonly builder: ArticleBuilder;

  constructor(private readonly source: string, private readonly context: ReadContext) {
    this.builder = new ArticleBuilder(source, context.sourceLang, context.rules, { softBreaks: true });
  }

  /** Children of a block container: runs of inline nodes become blocks, block children recurse. */
  flow(parent: ParentNode, kind: BlockKind): void {
    let run: Node[] = [];
    const flush = (): void => {
      if (run.length > 0) this.run(run, kind);
      run = [];
    };
    for (const node of parent.childNodes) {
      if (!isElement(node)) {
        if (node.nodeName === '#text' || node.nodeName === '#comment') run.push(node);
        continue;
      }
      const tag = node.tagName;
      if (tag === 'head') { flush(); this.head(node); continue; }
      if (KEPT.has(tag)) { flush(); continue; }
      if (isEmbed(node)) { flush(); this.embed(node); continue; }
      if (BLOCK.has(tag) || holdsBlocks(node)) {
        flush();
        this.attributes(node);
        this.flow(node, BLOCK.has(tag) ? kindOfTag(tag, kind) : kind);
        continue;
      }
      run.push(node);
    }
    flush();
  }

  /** An embedded post: a block of its own (kind `embed`), never translated, its markup as codes so
   *  review pages and plain copies show its text. */
  private embed(el: Element): void {
    const loc = el.sourceCodeLocation;
    if (!loc) return;
    const start = loc.startTag?.endOffset ?? loc.startOffset;
    const end = loc.endTag?.startOffset ?? loc.endOffset;
    const markup: MarkupSpan[] = [];
    const walk = (parent: ParentNode): void => {
      for (const node of parent.childNodes) {
        const at = node.sourceCodeLocation;
        if (!at) continue;
        if (node.nodeName === '#text') markup.push(...this.entities(at.startOffset, at.endOffset));
        else if (!isElement(node)) markup.push({ start: at.startOffset, end: at.endOffset, kind: 'markup' });
        else {
          const open = node.sourceCodeLocation?.startTag;
          const close = node.sourceCodeLocation?.endTag;
          if (open) markup.push({ start: open.startOffset, end: open.endOffset, kind: markupKind(node.tagName) });
          walk(node);
          if (close) markup.push({ start: close.startOffset, end: close.endOffset, kind: markupKind(node.tagName) });
        }
      }
    };
    walk(el);
    this.builder.block(start, end, markup, { kind: 'embed', keep: true });
  }

  private head(head: Element): void {
    for (const node of head.childNodes) {
      if (!isElement(node)) continue;
      if (node.tagName === 'title') this.flow(node, 'heading');
      else if (node.tagName === 'meta') {
        const name = attribute(node, 'name') ?? attribute(node, 'property');
        if (name !== undefined && META_TEXT.has(name.toLowerCase())) this.attributeBlock(node, 'content');
      }
    }
  }

  /** The translatable attributes of an element outside running text, each its own unit. */
  private attributes(el: Element): void {
    for (const name of TRANSLATABLE_ATTRIBUTES) this.attributeBlock(el, name);
  }

  private attributeBlock(el: Element, name: string): void {
    const range = this.attributeValue(el, name);
    if (!range) return;
    this.builder.block(range.start, range.end, this.entities(range.start, range.end), { kind: 'attribute', context: `attr${range.quote}` });
  }

  /** Where an attribute's value stands in the source, without its quotes. */
  private attributeValue(el: Element, name: string): { start: number; end: number; quote: '"' | "'" | '' } | undefined {
    const loc = el.sourceCodeLocation?.attrs?.[name];
    if (!loc || attribute(el, name)?.trim() === '') return undefined;
    const raw = this.source.slice(loc.startOffset, loc.endOffset);
    const eq = raw.indexOf('=');
    if (eq < 0) return undefined;
    let start = loc.startOffset + eq + 1;
    while (/\s/u.test(this.source[start]!)) start++;
    const q = this.source[start];
    const quote = q === '"' || q === "'" ? q : '';
    return { start: start + quote.length, end: loc.endOffset - quote.length, quote };
  }

  private entities(start: number, end: number): MarkupSpan[] {
    const spans: MarkupSpan[] = [];
    ENTITY.lastIndex = start;
    for (let m = ENTITY.exec(this.source); m && m.index + m[0].length <= end; m = ENTITY.exec(this.source)) {
      spans.push({ start: m.index, end: m.index + m[0].length, kind: 'entity' });
    }
    return spans;
  }

  /** Tags inside a text node's source range that the parser dropped (an end tag with no open
   *  element): codes, so their bytes stay as they were and are never taken for text. */
  private ignoredTags(node: Node, loc: { startOffset: number; endOffset: number }): MarkupSpan[] {
    const raw = this.source.slice(loc.startOffset, loc.endOffset);
    if (!raw.includes('<') || (node as DefaultTreeAdapterMap['textNode']).value.includes('<')) return [];
    return [...raw.matchAll(/<\/?[A-Za-z][^>]*>/gu)].map((m) => ({ start: loc.startOffset + m.index, end: loc.startOffset + m.index + m[0].length, kind: 'markup' as const }));
  }

  /** A run of inline nodes as blocks: the element tags as codes, text between them. Nodes the
   *  parser put side by side that are not side by side in the source (text after `</body>`,
   *  moved into the body) are separate runs, so no tag between them is taken for text. */
  private run(nodes: Node[], kind: BlockKind): void {
    let group: Node[] = [];
    let end = -1;
    for (const node of nodes) {
      const loc = node.sourceCodeLocation;
      if (!loc) continue;
      // parse5 joins whitespace from both sides of `</body>` into one text node spanning the tag.
      // Text with letters around a tag the parser ignored (a stray `</a>` after nested links) is
      // text of this run; the stray tag becomes a code (see `inline`).
      const spansTags = node.nodeName === '#text' && this.ignoredTags(node, loc).length > 0 && !/[\p{L}\p{N}]/u.test((node as DefaultTreeAdapterMap['textNode']).value);
      if (group.length > 0 && (loc.startOffset !== end || spansTags)) { this.contiguousRun(group, kind); group = []; }
      if (spansTags) { end = -1; continue; }
      group.push(node);
      end = loc.endOffset;
    }
    if (group.length > 0) this.contiguousRun(group, kind);
  }

  private contiguousRun(nodes: Node[], kind: BlockKind): void {
    const located = nodes.filter((n) => n.sourceCodeLocation);
    const first = located[0];
    const last = located[located.length - 1];
    if (!first || !last) return;
    const start = first.sourceCodeLocation!.startOffset;
    const end = last.sourceCodeLocation!.endOffset;
    const markup: MarkupSpan[] = [];
    for (const node of nodes) this.inline(node, markup);
    const ownText = markup.length === 0 || nodes.some((n) => n.nodeName === '#text' && /[\p{L}\p{N}]/u.test((n as DefaultTreeAdapterMap['textNode']).value));
    if (!ownText && nodes.every((n) => !isElement(n) || VOID.has(n.tagName) || n.nodeName === '#comment')) {
      // Only images and the like: their attributes are the units (a figure's alt text).
      for (const node of nodes) if (isElement(node)) this.attributes(node);
      return;
    }
    this.builder.block(start, end, markup, { kind });
  }

  private inline(node: Node, markup: MarkupSpan[]): void {
    const loc = node.sourceCodeLocation;
    if (!loc) {
      if (isElement(node)) for (const child of node.childNodes) this.inline(child, markup);
      return;
    }
    if (node.nodeName === '#text') { markup.push(...this.entities(loc.startOffset, loc.endOffset), ...this.ignoredTags(node, loc)); return; }
    if (!isElement(node)) { markup.push({ start: loc.startOffset, end: loc.endOffset, kind: 'markup' }); return; }
    const tag = node.tagName;
    if (VERBATIM.has(tag)) { markup.push({ start: loc.startOffset, end: loc.endOffset, kind: tag === 'code' ? 'code' : 'markup' }); return; }
    const elementLoc = node.sourceCodeLocation;
    const kind = markupKind(tag);
    const startTag = elementLoc?.startTag ?? { startOffset: loc.startOffset, endOffset: loc.endOffset };
    // The start tag, cut around the values of translatable attributes, which are text.
    const values = TRANSLATABLE_ATTRIBUTES.map((name) => this.attributeValue(node, name)).filter((v) => v !== undefined).sort((a, b) => a.start - b.start);
    const openEnd = values[0]?.start ?? startTag.endOffset;
    const open = markup.length;
    markup.push({ start: startTag.startOffset, end: openEnd, kind, ...(VOID.has(tag) || !elementLoc?.endTag ? {} : { role: 'open' as const }) });
    let at = openEnd;
    for (const value of values) {
      if (value.start > at) markup.push({ start: at, end: value.start, kind: 'markup' });
      markup.push(...this.entities(value.start, value.end));
      at = value.end;
    }
    if (values.length > 0) markup.push({ start: at, end: startTag.endOffset, kind: 'markup' });
    for (const child of node.childNodes) this.inline(child, markup);
    const endTag = elementLoc?.endTag;
    if (!VOID.has(tag) && endTag) {
      markup[open]!.pair = markup.length;
      markup.push({ start: endTag.startOffset, end: endTag.endOffset, kind, role: 'close', pair: open });
    }
  }

  finish(): ReturnType<ArticleBuilder['finish']> {
    return this.builder.finish(this.context.id, this.context.path, 'html');
  }
}

/** A whole document (it has a doctype or an `<html>`), or an article body as a fragment: parsing a
 *  body as a document would invent `<html><head><body>` around it. */
export function parseHtmlTree(text: string): ParentNode {
  const whole = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype|html[\s>])/iu.test(text);
  return whole ? parse(text, { sourceCodeLocationInfo: true }) : parseFragment(text, { sourceCodeLocationInfo: true });
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

/** The document's language: `lang` (and `dir`, when it had one or the language is written right to
 *  left) on `<html>`, or on a fragment's one top-level element (a fragment of several has no
 *  element that holds them all, and is left as it is). Only those attribute values change. */
export function setDocumentLanguage(text: string, lang: string): string {
  const top = parseHtmlTree(text).childNodes.filter(isElement);
  const root = top.length === 1 ? top[0] : undefined;
  const tag = root?.sourceCodeLocation?.startTag;
  if (!root || !tag) return text;
  const rtl = RTL.has(lang.toLowerCase().split('-')[0] ?? '');
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const set = (name: string, value: string, always: boolean): void => {
    const loc = root.sourceCodeLocation?.attrs?.[name];
    if (loc) edits.push({ start: loc.startOffset, end: loc.endOffset, text: `${name}="${value}"` });
    else if (always) {
      const at = tag.startOffset + 1 + root.tagName.length;
      edits.push({ start: at, end: at, text: ` ${name}="${value}"` });
    }
  };
  set('lang', lang, true);
  set('dir', rtl ? 'rtl' : 'ltr', rtl);
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Plain text of HTML: what a browser shows of the codes and of the text between sentences. */
const htmlReaderText: ReaderText = {
  code(code) {
    if (code.kind === 'entity') return { text: decodeEntity(code.text) ?? code.text, hidesNext: false };
    // A start tag cut around a translatable attribute's value (`<a href="…" title="`, `" alt="`):
    // the text after it, up to the rest of the tag (`">`), is the value.
    if (!code.text.endsWith('>')) return { text: '', hidesNext: true };
    if (!code.text.startsWith('<')) return NO_VIEW;
    return { text: htmlVisible(code.text), hidesNext: false };
  },
  // Between sentences an HTML article has whitespace, tags (`<br>`) and comments.
  source: (text) => (/[<&]/u.test(text) ? htmlVisible(text) : text),
};


export const htmlFormat: ArticleFormat = {
  name: 'html',
  extensions: ['.html', '.htm'],
  read(text, context) {
    const reader = new HtmlReader(text, context);
    reader.flow(parseHtmlTree(text), 'paragraph');
    return reader.finish();
  },
  escapeText(text, block) {
    if (block.context === 'attr"') return escapeHtmlAttribute(text, '"');
    if (block.context === "attr'") return escapeHtmlAttribute(text, "'");
    if (block.context === 'attr') return escapeHtmlAttribute(text, '');
    // Quotes too: a run may be an attribute's value inside running text (a link's title).
    return escapeHtmlText(text).replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');
  },
  finishDocument: setDocumentLanguage,
  readerText: htmlReaderText,
};
