// Markdown articles (CommonMark + GFM + YAML front matter), as static-site and headless CMSs
// write them.
//
// Library: mdast-util-from-markdown with the micromark GFM and front-matter extensions — the
// parser under remark, CommonMark-conformant, giving every node its source offsets. Offsets are
// what matter here: the model keeps source bytes, not a re-serialized tree, so a document comes
// back byte for byte (remark-stringify would normalize `*`/`_`, list markers and spacing).
//
// Headings, paragraphs, list items, quotes and table cells are blocks; emphasis, strong,
// strikethrough and links are paired codes around their translatable text; an image is `![` and
// `](…)` around its alt text; code spans, autolinks, hard breaks, inline HTML and reference
// labels are standalone codes. Code blocks, HTML blocks, definitions and rules stay in the
// skeleton. Front matter is parsed with `yaml`, and only the configured fields' values are text.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { BlockKind, MarkupKind } from '../model.js';
import { BadInputError } from '../errors.js';
import { ArticleBuilder, type MarkupSpan } from './builder.js';
import type { ArticleFormat, ReadContext } from './format.js';
import { decodeEntity, htmlVisible, NO_VIEW, type ReaderText } from './visible.js';
import { escapeMarkdownHeadingEnd, escapeMarkdownRun, escapeMarkdownText, joinMarkdownBlankLines } from './escape.js';

export function parseMarkdownTree(text: string): Root {
  const root = fromMarkdown(text, {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
  // micromark drops a leading byte-order mark and counts offsets without it: shifted back onto
  // the text as read, or every block would lose its last character to the layout.
  if (text.startsWith('\uFEFF')) shiftOffsets(root, 1);
  return root;
}

function shiftOffsets(node: Nodes, by: number): void {
  if (node.position) {
    if (node.position.start.offset !== undefined) node.position.start.offset += by;
    if (node.position.end.offset !== undefined) node.position.end.offset += by;
  }
  if ('children' in node) for (const child of node.children) shiftOffsets(child, by);
}

/** A block scalar's (`description: >-` and its indented lines) paragraphs as fields: each run of
 *  non-blank lines one block, the line breaks inside it with their indentation codes (they stand
 *  as a space for the segmenter), blank lines and the `>-` header in the skeleton. `at`: where
 *  the front matter's text starts in the article. */
function blockScalarFields(value: string, s: number, e: number, at: number): Array<{ start: number; end: number; context: string; markup: MarkupSpan[] }> {
  const fields: Array<{ start: number; end: number; context: string; markup: MarkupSpan[] }> = [];
  const lines: Array<{ start: number; end: number }> = [];
  for (let from = value.indexOf('\n', s) + 1; from > 0 && from < e;) {
    const nl = value.indexOf('\n', from);
    const end = nl < 0 || nl > e ? e : nl;
    lines.push({ start: from, end });
    from = end + 1;
  }
  let paragraph: Array<{ start: number; end: number }> = [];
  const close = (): void => {
    const first = paragraph[0];
    const last = paragraph[paragraph.length - 1];
    paragraph = [];
    if (!first || !last) return;
    const textStart = first.start + (/^[ \t]*/u.exec(value.slice(first.start, first.end))?.[0].length ?? 0);
    const textEnd = last.start + value.slice(last.start, last.end).replace(/[ \t]+$/u, '').length;
    const indent = value.slice(first.start, textStart);
    const markup: MarkupSpan[] = [];
    // Each break with the blanks around it (the next line's indentation): one code, never text.
    for (const m of value.slice(textStart, textEnd).matchAll(/[ \t]*\n[ \t]*/gu)) markup.push({ start: at + textStart + m.index, end: at + textStart + m.index + m[0].length, kind: 'markup' });
    fields.push({ start: at + textStart, end: at + textEnd, context: `yaml-block:${indent}`, markup });
  };
  for (const line of lines) {
    if (value.slice(line.start, line.end).trim() === '') close();
    else paragraph.push(line);
  }
  close();
  return fields;
}

function offsets(node: Nodes): [number, number] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) throw new Error(`markdown node ${node.type} has no position`);
  return [start, end];
}

class MarkdownReader {
  private readonly builder: ArticleBuilder;

  constructor(private readonly source: string, private readonly context: ReadContext) {
    this.builder = new ArticleBuilder(source, context.sourceLang, context.rules, { softBreaks: true });
  }

  read(root: Root): void {
    this.flow(root.children, 'paragraph', false);
  }

  private flow(children: readonly RootContent[], kind: BlockKind, quoted: boolean): void {
    for (const node of children) {
      switch (node.type) {
        case 'yaml': this.frontMatter(node.value, offsets(node)[0]); break;
        case 'heading': this.phrasing(node, 'heading', quoted); break;
        case 'paragraph': this.phrasing(node, kind, quoted); break;
        case 'blockquote': this.flow(node.children, 'quote', true); break;
        case 'list': for (const item of node.children) this.flow(item.children, 'list-item', quoted); break;
        case 'footnoteDefinition': this.flow(node.children, kind, quoted); break;
        case 'table':
          for (const row of node.children) for (const cell of row.children) this.phrasing(cell, 'table-cell', quoted);
          break;
        // Code, HTML blocks, definitions (their destinations), thematic breaks: kept as they stand.
        default: break;
      }
    }
  }

  /** A block of inline content: from its first child's start to its last child's end. */
  private phrasing(node: Parents & { children: PhrasingContent[] }, kind: BlockKind, quoted: boolean): void {
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    if (!first || !last) return;
    const start = offsets(first)[0];
    const end = offsets(last)[1];
    const markup: MarkupSpan[] = [];
    for (const child of node.children) this.inline(child, markup);
    if (quoted) this.quotePrefixes(start, end, markup);
    this.builder.block(start, end, markup, { kind });
  }

  private pair(markup: MarkupSpan[], kind: MarkupKind, open: [number, number], close: [number, number]): void {
    const o = markup.length;
    markup.push({ start: open[0], end: open[1], kind, role: 'open', pair: o + 1 }, { start: close[0], end: close[1], kind, role: 'close', pair: o });
  }

  private inline(node: PhrasingContent, markup: MarkupSpan[]): void {
    const [start, end] = offsets(node);
    switch (node.type) {
      case 'text': {
        // A backslash escape (`\*`) or an entity (`&nbsp;`) is syntax, not text: a code, so a
        // translator sees one tag and never the characters that would be escaped again.
        for (const m of this.source.slice(start, end).matchAll(MD_ESCAPE_OR_ENTITY)) markup.push({ start: start + m.index, end: start + m.index + m[0].length, kind: 'entity' });
        return;
      }
      case 'emphasis': case 'strong': case 'delete': {
        const kind: MarkupKind = node.type === 'strong' ? 'bold' : node.type === 'emphasis' ? 'italic' : 'strike';
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        if (!first || !last) { markup.push({ start, end, kind }); return; }
        this.pair(markup, kind, [start, offsets(first)[0]], [offsets(last)[1], end]);
        for (const child of node.children) this.inline(child, markup);
        return;
      }
      case 'link': case 'linkReference': {
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        // An autolink (`<https://…>`, a bare GFM URL) or a shortcut reference (`[label]`, whose
        // text is the label that finds the destination): nothing in it may change.
        const shortcut = node.type === 'linkReference' && node.referenceType !== 'full';
        if (this.source[start] !== '[' || shortcut || !first || !last) { markup.push({ start, end, kind: 'link' }); return; }
        this.withTitle(markup, 'link', [start, offsets(first)[0]], [offsets(last)[1], end], node.type === 'link' ? node.title : null);
        for (const child of node.children) this.inline(child, markup);
        return;
      }
      case 'image': case 'imageReference': {
        const altEnd = this.altEnd(start, end);
        const shortcut = node.type === 'imageReference' && node.referenceType !== 'full';
        if (altEnd === undefined || shortcut || altEnd === start + 2) { markup.push({ start, end, kind: 'image' }); return; }
        this.withTitle(markup, 'image', [start, start + 2], [altEnd, end], node.type === 'image' ? node.title : null);
        return;
      }
      case 'break': markup.push({ start, end, kind: 'break' }); return;
      case 'inlineCode': markup.push({ start, end, kind: 'code' }); return;
      default: markup.push({ start, end, kind: 'markup' }); return;
    }
  }

  /** A link's or image's closing `](dest "title")`: when the title is written plainly, it is text
   *  between a standalone `](dest "` and the closing `")`, so translators translate it too. */
  private withTitle(markup: MarkupSpan[], kind: MarkupKind, open: [number, number], close: [number, number], title: string | null | undefined): void {
    const tail = this.source.slice(close[0], close[1]);
    const m = title ? /(["'(])([^"'()\\]*)(["')])\s*\)$/u.exec(tail) : null;
    const raw = m?.[2];
    if (!m || raw === undefined || raw !== title || raw.trim() === '') { this.pair(markup, kind, open, close); return; }
    const titleStart = close[0] + m.index + 1;
    const titleEnd = titleStart + raw.length;
    const o = markup.length;
    markup.push(
      { start: open[0], end: open[1], kind, role: 'open', pair: o + 2 },
      { start: close[0], end: titleStart, kind: 'markup' },
      { start: titleEnd, end: close[1], kind, role: 'close', pair: o },
    );
  }

  /** Where an image's alt text ends: the `]` that closes its `![`, brackets inside balanced. */
  private altEnd(start: number, end: number): number | undefined {
    let depth = 0;
    for (let i = start + 2; i < end; i++) {
      const ch = this.source[i];
      if (ch === '\\') { i++; continue; }
      if (ch === '[') depth++;
      else if (ch === ']') {
        if (depth === 0) return i;
        depth--;
      }
    }
    return undefined;
  }

  /** In a quote, the `>` markers that start each continued line are markup inside the block. */
  private quotePrefixes(start: number, end: number, markup: MarkupSpan[]): void {
    const re = /\n([ \t]*>[ \t>]*)/gu;
    re.lastIndex = start;
    for (let m = re.exec(this.source); m && m.index < end; m = re.exec(this.source)) {
      const s = m.index + 1;
      const e = s + m[1]!.length;
      if (!markup.some((x) => x.start < e && x.end > s)) markup.push({ start: s, end: e, kind: 'markup' });
    }
  }

  /** The configured top-level fields of the YAML front matter whose values are plain or quoted
   *  strings become blocks; keys, other values and the `---` fences stay in the skeleton. */
  private frontMatter(value: string, nodeStart: number): void {
    const valueStart = this.source.indexOf(value, nodeStart);
    const doc = parseDocument(value, { keepSourceTokens: false });
    if (doc.errors.length > 0) {
      const error = doc.errors[0]!;
      const line = this.source.slice(0, valueStart).split('\n').length + (error.linePos?.[0].line ?? 1) - 1;
      throw new BadInputError(this.context.path, `front matter is not valid YAML: ${error.message.split('\n')[0]}`, line);
    }
    if (!isMap(doc.contents)) return;
    const wanted = new Set(this.context.config.frontMatterFields);
    const fields: Array<{ start: number; end: number; context: string; markup: MarkupSpan[] }> = [];
    for (const item of doc.contents.items) {
      if (!isScalar(item.key) || !wanted.has(String(item.key.value)) || !isScalar(item.value) || typeof item.value.value !== 'string' || !item.value.range) continue;
      const [s, e] = item.value.range;
      const type = item.value.type;
      if (type === 'PLAIN') fields.push({ start: valueStart + s, end: valueStart + e, context: 'yaml-plain', markup: [] });
      else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
        const start = valueStart + s + 1;
        const end = valueStart + e - 1;
        // The quoting's own escapes (`\"`, `\n`, `\u0456` in double quotes, `''` in single) are
        // codes, never text: a translator sees a tag, and a quote they type is escaped on writing.
        const escapes = type === 'QUOTE_DOUBLE' ? /\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S])/gu : /''/gu;
        const markup = [...this.source.slice(start, end).matchAll(escapes)].map((m): MarkupSpan => ({ start: start + m.index, end: start + m.index + m[0].length, kind: 'markup' }));
        fields.push({ start, end, context: type === 'QUOTE_DOUBLE' ? 'yaml-double' : 'yaml-single', markup });
      } else if (type === 'BLOCK_FOLDED' || type === 'BLOCK_LITERAL') fields.push(...blockScalarFields(value, s, e, valueStart));
    }
    for (const field of fields.sort((a, b) => a.start - b.start)) this.builder.block(field.start, field.end, field.markup, { kind: 'attribute', context: field.context });
  }

  finish(): ReturnType<ArticleBuilder['finish']> {
    return this.builder.finish(this.context.id, this.context.path, 'markdown');
  }
}

/** A translated YAML plain scalar that YAML would read differently (`Уряд: нові` → `Government: new`)
 *  is written double-quoted. */
function yamlPlainSafe(text: string): boolean {
  try {
    const doc = parseDocument(`k: ${text}`);
    const value: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
    return typeof value === 'object' && value !== null && (value as Record<string, unknown>).k === text;
  } catch {
    return false;
  }
}

function mdNodeText(node: Nodes): string {
  switch (node.type) {
    case 'text': case 'inlineCode': return node.value;
    case 'break': return '\n';
    case 'image': return node.alt ?? '';
    case 'html': return htmlVisible(node.value);
    case 'footnoteReference': case 'footnoteDefinition': case 'definition': return '';
    default: return 'children' in node ? node.children.map(mdNodeText).join('') : '';
  }
}

// What CommonMark reads in a text run: a backslash before ASCII punctuation, and entities.
const MD_ESCAPE_OR_ENTITY = /\\([!-/:-@[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/gu;

function markdownSource(text: string): string {
  return text
    .replace(/\\(\r\n|\r|\n)/gu, '$1') // a hard break
    .replace(/(\r\n|\r|\n)[ \t]*>[ \t>]*/gu, '$1') // a quote's markers on a continued line
    .replace(/(?<!\\)<\/?[A-Za-z][^<>]*>/gu, (tag) => htmlVisible(tag)) // inline HTML between sentences
    .replace(MD_ESCAPE_OR_ENTITY, (m, escaped?: string) => escaped ?? decodeEntity(m) ?? m);
}

/** Plain text of Markdown: what the rendered page shows of the codes and of the source text. */
const markdownReaderText: ReaderText = {
  code(code) {
    if (code.role !== undefined) return NO_VIEW;
    if (code.kind === 'break') return { text: '\n', hidesNext: false };
    // `](dest "` before a link's or image's title: the title is markup, not the sentence.
    if (/^\]\(/u.test(code.text)) return { text: '', hidesNext: true };
    // A quote's `>` markers on a continued line.
    if (/^[\s>]*$/u.test(code.text)) return NO_VIEW;
    // A footnote's call is its label, raised on the page as HTML's `<sup>1</sup>` is.
    const footnote = /^\[\^([^\]]*)\]$/u.exec(code.text);
    if (footnote) return { text: footnote[1]!, hidesNext: false };
    // A shortcut or collapsed reference shows its label.
    const reference = /^!?\[([\s\S]*)\](?:\[\])?$/u.exec(code.text);
    if (reference) return { text: markdownSource(reference[1]!), hidesNext: false };
    // A letter first, so that the code is read where it stood, inside a line of text.
    const tree = parseMarkdownTree(`a${code.text}`);
    return { text: mdNodeText(tree).slice(1), hidesNext: false };
  },
  source: markdownSource,
};

export const markdownFormat: ArticleFormat = {
  name: 'markdown',
  extensions: ['.md', '.markdown'],
  read(text, context) {
    const reader = new MarkdownReader(text, context);
    reader.read(parseMarkdownTree(text));
    return reader.finish();
  },
  escapeText(text, block, place) {
    switch (block.context) {
      case 'yaml-double': return JSON.stringify(text).slice(1, -1);
      case 'yaml-single': return text.replace(/'/gu, "''");
      case 'yaml-plain': return text;
      default: {
        if (block.context?.startsWith('yaml-block:')) {
          // Inside a block scalar every character is literal; a line must keep the block's
          // indentation (less would end the scalar, more would change its folding).
          const indent = block.context.slice('yaml-block:'.length);
          const lines = text.split(/[ \t]*(?:\r\n|\r|\n)[ \t]*/u).join(`\n${indent}`);
          return place.lineStart ? lines.replace(/^[ \t]+/u, '') : lines;
        }
        // A heading or a table cell is one line: a break in it would end the block.
        return escapeMarkdownRun(text, { lineStart: place.lineStart, oneLine: block.kind === 'heading' || block.kind === 'table-cell' });
      }
    }
  },
  // A GFM bare URL (`www.…`, `https://…` without `<>`) ends where its characters end: a translation
  // that writes text right after it would lengthen the link, so it is written as an explicit link.
  codeBeforeRun(code, run) {
    const bare = code.kind === 'link' && code.role === undefined && !/^[<[]/u.test(code.text);
    if (!bare || /^\s/u.test(run)) return code.text;
    const url = /^[a-z][a-z0-9+.-]*:/iu.test(code.text) ? code.text : /@/u.test(code.text) && !code.text.includes('/') ? `mailto:${code.text}` : `http://${code.text}`;
    return `[${escapeMarkdownText(code.text)}](<${url}>)`;
  },
  finishBlock(text, block, sourceText) {
    if (text === sourceText) return text;
    // A heading's own text never ends in a blank and `#`s (the parser leaves a closing sequence
    // out of it); a translation's would be read as one and lost. Harmless in a setext heading.
    if (block.context === undefined) return block.kind === 'heading' ? escapeMarkdownHeadingEnd(joinMarkdownBlankLines(text)) : joinMarkdownBlankLines(text);
    if (block.context !== 'yaml-plain' || yamlPlainSafe(text)) return text;
    return JSON.stringify(text);
  },
  readerText: markdownReaderText,
};
