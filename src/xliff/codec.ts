// What both XLIFF codecs share: the codec interface, provenance naming, and rebuilding the
// article model from a skeleton plus the segment sources read from units.
import { contentText, STORED_KINDS } from '../model.js';
import type { Article, Content, InlineCode, ProtectedKind, Segment, TargetSegment, TranslatedArticle } from '../model.js';
import { BadInputError } from '../errors.js';
import { attrs, escapeText, type XmlElement } from './xml.js';
import type { Skeleton } from './skeleton.js';
import { ctypeOf, kindFromStandardType, type20 } from './paired.js';

export type XliffVersion = '1.2' | '2.0';

export interface XliffCodec {
  readonly version: XliffVersion;
  write(doc: TranslatedArticle): string;
}

export const PEREKLAD_TOOL = { id: 'pereklad', name: 'pereklad', version: '0.1.0' } as const;

/** The protected-span kind as a ctype/subType value, and back. */
export function codeTypeName(kind: ProtectedKind): string {
  return `x-${kind}`;
}
const KINDS: readonly ProtectedKind[] = STORED_KINDS;
export function kindFromTypeName(name: string | undefined): ProtectedKind {
  const standard = kindFromStandardType(name);
  if (standard !== undefined) return standard as ProtectedKind;
  const bare = (name ?? '').replace(/^(?:x-|pereklad:)/u, '');
  return (KINDS as readonly string[]).includes(bare) ? (bare as ProtectedKind) : 'url';
}

/** A segment's source as read from a file: content plus the codes found in it. */
export interface ReadSource { content: Content; codes: InlineCode[] }


/** Rebuild the article from the skeleton and the sources that units carry. */
export function articleFromSkeleton(skeleton: Skeleton, sources: Map<string, ReadSource>, file: string): Article {
  return {
    id: skeleton.article,
    path: skeleton.path,
    sourceLang: skeleton.sourceLang,
    metadata: skeleton.metadata ?? {},
    metadataText: skeleton.metadataText,
    leading: skeleton.leading,
    trailing: skeleton.trailing,
    blocks: skeleton.blocks.map((block) => ({
      id: block.id,
      kind: block.kind,
      lang: block.lang,
      before: block.before,
      ...(block.context !== undefined ? { context: block.context } : {}),
      segments: block.segments.map(([id, after]): Segment => {
        const source = sources.get(id);
        if (!source) throw new BadInputError(file, `the skeleton names segment "${id}", which has no unit`);
        return { id, text: contentText(source.content, source.codes), content: source.content, codes: source.codes, after };
      }),
    })),
  };
}

export function emptyTarget(segmentId: string): TargetSegment {
  return { segmentId, state: 'new', flags: [] };
}

/** An inline element that stands for a protected span, as one XLIFF version writes it. */
export interface InlineCodeElement {
  id: string | undefined;
  text: string;
  kind: ProtectedKind;
  /** A half of a paired code, and its partner's id when the element names it. */
  role?: 'open' | 'close';
  pair?: string;
}

/** How a version writes inline content: which elements are codes, which are read through. */
export interface InlineDialect {
  code(element: XmlElement): InlineCodeElement | undefined;
  /** An element that is a pair around its content (1.2 `<g>`, 2.0 `<pc>`): its two halves. */
  paired?(element: XmlElement): { open: InlineCodeElement; close: InlineCodeElement } | undefined;
  /** Elements whose content is read as if they were not there (segment markers, paired tags). */
  wrappers: ReadonlySet<string>;
}

/** Read mixed content into text and code references. A source (no `sourceCodes`) defines its
 *  codes; a target refers to its source's codes by id — or by text, for a tool that renumbered. */
export function readInline(element: XmlElement, dialect: InlineDialect, sourceCodes: readonly InlineCode[] | undefined, file: string): ReadSource {
  const content: Content = [];
  const found: InlineCode[] = [];
  const emit = (code: InlineCodeElement, child: XmlElement): void => {
    let id: string;
    if (sourceCodes) {
      // Halves of a pair share their text (`**`): only their ids tell them apart.
      const known = code.role !== undefined
        ? sourceCodes.find((c) => c.id === code.id && c.role === code.role)
        : sourceCodes.find((c) => c.id === code.id) ?? sourceCodes.find((c) => c.text === code.text);
      // A code the source does not have cannot be written back as any text: refuse the file
      // here, where its line is known, rather than fail later in review or publish.
      if (!known) throw new BadInputError(file, `a target holds an inline code (<${child.name} id="${code.id ?? ''}">) that its source does not have`, child.line);
      id = known.id;
    } else {
      id = code.id && !found.some((c) => c.id === code.id) ? code.id : String(found.length + 1);
      found.push({ id, kind: code.kind, text: code.text, ...(code.role ? { role: code.role } : {}), ...(code.pair !== undefined ? { pair: code.pair } : {}) });
    }
    content.push({ code: id });
  };
  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (typeof child === 'string') {
        if (typeof content[content.length - 1] === 'string') content[content.length - 1] += child;
        else content.push(child);
        continue;
      }
      const pair = dialect.paired?.(child);
      if (pair) {
        // In a target the close is the source's partner of the open, whatever id the tool gave it.
        const open = sourceCodes?.find((c) => c.id === pair.open.id && c.role === 'open');
        emit(pair.open, child);
        walk(child);
        emit(open?.pair !== undefined ? { ...pair.close, id: open.pair } : pair.close, child);
        continue;
      }
      const code = dialect.code(child);
      if (code) {
        emit(code, child);
      } else if (dialect.wrappers.has(child.name)) {
        walk(child);
      } else {
        throw new BadInputError(file, `unsupported inline element <${child.name}>`, child.line);
      }
    }
  };
  walk(element);
  // A close names its open (`<ec startRef>`, `<ex rid>`); the open learns its partner here.
  for (const code of found) {
    if (code.role !== 'close' || code.pair === undefined) continue;
    const open = found.find((c) => c.id === code.pair && c.role === 'open');
    if (open && open.pair === undefined) open.pair = code.id;
  }
  return { content, codes: sourceCodes ? [...sourceCodes] : found };
}

/** Content as XML: text escaped, each inline code written by the version's own `code` writer. */
export function writeInline(content: Content, codes: readonly InlineCode[], code: (c: InlineCode) => string): string {
  let out = '';
  for (const fragment of content) {
    if (typeof fragment === 'string') out += escapeText(fragment);
    else {
      const found = codes.find((c) => c.id === fragment.code);
      if (found) out += code(found);
    }
  }
  return out;
}

/** XLIFF 1.2: the protected text itself inside `<ph>`. A half of a paired code written as a <ph>
 *  (a match in <alt-trans>, a namespace's units) takes an `x-` ctype: `bold`, `italic` and `link`
 *  are delimiter types, which the schema does not allow on <ph>. */
export function ph12(code: InlineCode): string {
  const ctype = code.role !== undefined ? `x-${code.kind}` : ctypeOf(code);
  return `<ph${attrs({ id: code.id, ctype })}>${escapeText(code.text)}</ph>`;
}

/** XLIFF 2.0: an empty `<ph>` carrying the text as `equiv`/`disp`, pointing at `<data>` when the unit has it. */
export function ph20(code: InlineCode, id: string, dataRef?: string): string {
  return `<ph${attrs({ id, dataRef, type: type20(code), subType: `pereklad:${code.kind}`, equiv: code.text, disp: code.text })}/>`;
}
