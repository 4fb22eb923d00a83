// Tree shapes for comparing a published copy with its source: Markdown by the same CommonMark
// parser (node types and order, heading depths, list kinds, link and image destinations), HTML by
// parse5 (elements, order, attributes except the translated ones and the document's language).
import { parse as parseYaml } from 'yaml';
import type { Nodes } from 'mdast';
import { parseMarkdownTree } from '../../src/formats/markdown.js';
import { parseHtmlTree } from '../../src/formats/html.js';

export interface Shape { type: string; props?: Record<string, unknown>; children?: Shape[] }

function mdShape(node: Nodes): Shape {
  const props: Record<string, unknown> = {};
  if (node.type === 'heading') props.depth = node.depth;
  if (node.type === 'list') props.ordered = node.ordered;
  if (node.type === 'link' || node.type === 'image' || node.type === 'definition') props.url = node.url;
  if (node.type === 'linkReference' || node.type === 'imageReference' || node.type === 'definition' || node.type === 'footnoteReference') props.identifier = node.identifier;
  if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') props.value = node.value;
  if (node.type === 'yaml') props.keys = Object.keys(parseYaml(node.value) as Record<string, unknown>);
  // Text nodes are the translation's own business (a translation may add words before a tag).
  const children = 'children' in node ? (node.children as Nodes[]).filter((c) => c.type !== 'text').map(mdShape) : undefined;
  return { type: node.type, ...(Object.keys(props).length > 0 ? { props } : {}), ...(children ? { children } : {}) };
}

export function markdownShape(text: string): Shape {
  return mdShape(parseMarkdownTree(text));
}

const TRANSLATED = new Set(['alt', 'title', 'aria-label', 'placeholder']);

type HtmlNode = ReturnType<typeof parseHtmlTree>['childNodes'][number];

function htmlNodeShape(node: HtmlNode, root: boolean): Shape | undefined {
  if (!('tagName' in node)) return undefined;
  const meta = node.tagName === 'meta' && node.attrs.some((a) => a.name === 'name' && a.value === 'description');
  const attrs = node.attrs
    .filter((a) => !TRANSLATED.has(a.name) && !(root && (a.name === 'lang' || a.name === 'dir')) && !(meta && a.name === 'content'))
    .map((a) => `${a.name}=${a.value}`).sort();
  const children = node.childNodes.map((c) => htmlNodeShape(c, false)).filter((s): s is Shape => s !== undefined);
  return { type: node.tagName, props: { attrs }, children };
}

export function htmlShape(text: string): Shape[] {
  return parseHtmlTree(text).childNodes.map((n) => htmlNodeShape(n, n.nodeName === 'html' || parseHtmlTree(text).childNodes.filter((c) => 'tagName' in c).length === 1)).filter((s): s is Shape => s !== undefined);
}
