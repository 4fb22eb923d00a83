// Safe XML reading into a small tree, and escaping for writing.
//
// Library: saxes, a small, typed, conformant streaming parser. It never fetches external
// entities and expands only the five predefined ones (plus character references), so XXE and
// "billion laughs" cannot happen; we also refuse any DOCTYPE outright, since XLIFF needs none.
// A tree (not events) is built because codecs need mixed content — text and inline elements —
// in document order with whitespace exactly as written, which object-mapping parsers such as
// the `xliff` package or fast-xml-parser's default mode do not keep.
import { XLIFF_MAX_BYTES } from '../project/limits.js';
import { SaxesParser } from 'saxes';
import { BadInputError } from '../errors.js';

export interface XmlElement {
  /** Local name (without prefix). */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by qualified name as written (`xml:space`, `state`, `its:translate`). */
  attrs: Record<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

export const DEFAULT_MAX_XML_BYTES = XLIFF_MAX_BYTES;

/** XLIFF is a few levels deep; far deeper nesting is an attack on the parser (and on every tree
 *  walk after it), refused while parsing. */
export const MAX_XML_DEPTH = 256;

export function parseXml(text: string, file: string, maxBytes = DEFAULT_MAX_XML_BYTES): XmlElement {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new BadInputError(file, `larger than the ${Math.round(maxBytes / 1048576)} MiB limit for XML files`);
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: BadInputError | undefined;
  const fail = (message: string): void => {
    failure ??= new BadInputError(file, message, parser.line, parser.column);
  };
  parser.on('error', (err) => fail(err.message.replace(/^(?:[^:]*:)?\d+:\d+: /u, '')));
  parser.on('doctype', () => fail('has a DOCTYPE declaration; DTDs and entities are refused'));
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [qname, attr] of Object.entries(tag.attributes)) {
      if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
      attrs[qname] = attr.value;
    }
    if (stack.length >= MAX_XML_DEPTH) throw new BadInputError(file, `elements nested deeper than ${MAX_XML_DEPTH} levels`, parser.line, parser.column);
    const element: XmlElement = { name: tag.local, ns: tag.uri, attrs, children: [], line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof BadInputError) failure ??= err;
    else fail(err instanceof Error ? err.message.replace(/^(?:[^:]*:)?\d+:\d+: /u, '') : String(err));
  }
  if (failure) throw failure;
  if (!root) throw new BadInputError(file, 'has no root element');
  return root;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.name === name) return child;
  }
  return undefined;
}

/** Every `name` element below `root`, in document order, looking inside `<group>`s (XLIFF's nesting). */
export function unitsIn(root: XmlElement, name: string): XmlElement[] {
  const units: XmlElement[] = [];
  const collect = (el: XmlElement): void => {
    for (const child of childElements(el)) {
      if (child.name === name) units.push(child);
      else if (child.name === 'group') collect(child);
    }
  };
  collect(root);
  return units;
}

/** All text inside an element, inline markup dropped. */
export function textOf(element: XmlElement): string {
  let out = '';
  for (const child of element.children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

// XML 1.0 cannot carry most C0 controls even escaped; sources are checked before they get here,
// so meeting one is a bug worth failing loudly on rather than writing an unreadable file.
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

// What the replacements below act on: a text holding none of it (most sentences) is returned as it is.
const TEXT_ESCAPED = /[&<>\r]/;
const ATTR_ESCAPED = /["\t\n]/;

export function escapeText(text: string): string {
  if (INVALID_XML_CHAR.test(text)) throw new Error(`text holds a character XML cannot carry: ${JSON.stringify(text)}`);
  if (!TEXT_ESCAPED.test(text)) return text;
  // A raw CR would be turned into LF by every XML reader; the reference keeps CRLF sources exact.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(text: string): string {
  const escaped = escapeText(text);
  if (!ATTR_ESCAPED.test(escaped)) return escaped;
  return escaped.replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** `name="value"` pairs for the attributes that are defined, in the given order. */
export function attrs(pairs: Record<string, string | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(pairs)) {
    if (value !== undefined) out += ` ${name}="${escapeAttr(value)}"`;
  }
  return out;
}
