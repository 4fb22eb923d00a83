// XLIFF as CAT tools write it back, read leniently into one shape for both versions: OmegaT's
// target/ output, memoQ (`mq:` attributes), Trados (`sdl:` attributes, `<mrk mtype="seg">`
// segmentation), Phrase (2.0 states). Only what an import needs is read: ids, source and target
// content, and every state signal the tool left. Nothing here is trusted yet: matching against
// the project decides what is applied.
import type { Content, InlineCode, SegmentState } from '../model.js';
import { BadInputError } from '../errors.js';
import { childElements, firstChild, textOf, type XmlElement } from '../xliff/xml.js';
import { XLIFF12_NS } from '../xliff/xliff12.js';
import { fromNmtoken, SUBSTATE_PREFIX, XLIFF20_NS } from '../xliff/xliff20.js';
import { parseSkeleton } from '../xliff/skeleton.js';
import { kindFromTypeName } from '../xliff/codec.js';
import { fromMemoqStatus, fromTradosConfirmation, fromXliff12Returned, fromXliff20Returned, lowestState } from '../xliff/states.js';

/** A code inside returned content: by the id the tool wrote and the text it holds. */
/** `role`: a half of a paired code (`<g>`/`<pc>` read as open and close, `<bx>`/`<sc>` open,
 *  `<ex>`/`<ec>` close), its id the id of the pair's open half, as tools keep it. */
export interface ReturnedCode { id: string; text: string; kind: InlineCode['kind']; role?: 'open' | 'close' }

/** Content whose codes refer to `codes` of the same unit's source. */
export interface ReturnedContent { content: Content; codes: ReturnedCode[] }

export interface ReturnedUnit {
  /** Segment id: 1.2 trans-unit id, 2.0 segment id (undefined when the tool left none). */
  id: string | undefined;
  line: number;
  source: ReturnedContent;
  /** Undefined or empty when the tool left no translation. */
  target?: ReturnedContent;
  translate: boolean;
  /** The state the tool's markup says, if it says one; `raw` names the markup for messages. */
  state?: { value: SegmentState; raw: string };
  /** The markup the tool left unchanged from what pereklad wrote, to tell "no state set" apart. */
  rawState: string;
  /** MT engine named by pereklad's own markup (1.2 phase, 2.0 subState), if still there. */
  engine?: string;
  /** The translator set this target in the CAT tool, even if unchanged (OmegaT: project_save.tmx holds it). */
  confirmed?: boolean;
}

export interface ReturnedFile {
  file: string;
  version: '1.2' | '2.0';
  sourceLang: string;
  targetLang: string;
  /** The `original` path (the article's source path) and the article id from pereklad's skeleton. */
  original: string;
  articleId?: string;
  units: ReturnedUnit[];
}

const MAX_DEPTH = 64;

function readContent(element: XmlElement, file: string, data: Map<string, string>): ReturnedContent {
  const content: Content = [];
  const codes: ReturnedCode[] = [];
  const push = (t: string): void => {
    if (typeof content[content.length - 1] === 'string') content[content.length - 1] += t;
    else content.push(t);
  };
  const code = (id: string, text: string, type: string | undefined, role?: 'open' | 'close'): void => {
    codes.push({ id, text, kind: kindFromTypeName(type), ...(role ? { role } : {}) });
    content.push({ code: String(codes.length - 1) });
  };
  const walk = (el: XmlElement, depth: number): void => {
    if (depth > MAX_DEPTH) throw new BadInputError(file, `inline markup nested deeper than ${MAX_DEPTH} levels`, el.line);
    for (const child of el.children) {
      if (typeof child === 'string') { push(child); continue; }
      switch (child.name) {
        case 'ph': {
          // 1.2: the code's text is the element's content; 2.0: originalData by dataRef, else equiv/disp.
          const ref = child.attrs.dataRef;
          const text = child.children.length > 0 ? textOf(child) : (ref !== undefined ? data.get(ref) : undefined) ?? child.attrs.equiv ?? child.attrs.disp ?? '';
          code(child.attrs.id ?? '', text, child.attrs.ctype ?? child.attrs.subType);
          break;
        }
        // Halves of pairs are known by id and role; their markup is the project's, never the tool's
        // (text '' as for <g>, so a returned source compares the same whichever form the tool kept).
        case 'bx': case 'sc':
          code(child.attrs.id ?? child.attrs.rid ?? '', '', child.attrs.ctype ?? child.attrs.subType, 'open');
          break;
        case 'ex':
          code(child.attrs.rid ?? child.attrs.id ?? '', '', child.attrs.ctype, 'close');
          break;
        case 'ec':
          code(child.attrs.startRef ?? child.attrs.id ?? '', '', child.attrs.subType, 'close');
          break;
        case 'x': case 'bpt': case 'ept': case 'it':
          code(child.attrs.id ?? child.attrs.rid ?? '', child.attrs['equiv-text'] ?? child.attrs.equiv ?? textOf(child), child.attrs.ctype ?? child.attrs.subType);
          break;
        case 'g': case 'pc':
          code(child.attrs.id ?? '', '', child.attrs.ctype ?? child.attrs.subType, 'open');
          walk(child, depth + 1);
          code(child.attrs.id ?? '', '', child.attrs.ctype ?? child.attrs.subType, 'close');
          break;
        case 'mrk':
          walk(child, depth + 1);
          break;
        case 'sub':
          break;
        default:
          throw new BadInputError(file, `unknown inline element <${child.name}>`, child.line);
      }
    }
  };
  walk(element, 0);
  return { content, codes };
}

function hasText(c: ReturnedContent | undefined): c is ReturnedContent {
  return c !== undefined && c.content.length > 0 && !(c.content.length === 1 && c.content[0] === '');
}

function skeletonArticle(json: string, file: string): string | undefined {
  try {
    return parseSkeleton(json, file).article;
  } catch {
    return undefined; // A tool that mangled the skeleton still has `original` to go by.
  }
}

function collect(el: XmlElement, name: string, out: XmlElement[], depth = 0): void {
  if (depth > MAX_DEPTH) throw new BadInputError('', `groups nested deeper than ${MAX_DEPTH} levels`, el.line);
  for (const child of childElements(el)) {
    if (child.name === name) out.push(child);
    else if (child.name === 'group' || child.name === 'body') collect(child, name, out, depth + 1);
  }
}

/** Trados keeps per-segment confirmation in <sdl:seg-defs><sdl:seg id=… conf=…>. */
function tradosStates(unit: XmlElement): SegmentState[] {
  const defs = childElements(unit).find((c) => c.name === 'seg-defs');
  if (!defs) return [];
  return childElements(defs, 'seg').map((s) => fromTradosConfirmation(s.attrs.conf)).filter((s): s is SegmentState => s !== undefined);
}

function read12(root: XmlElement, file: string): ReturnedFile[] {
  const files = childElements(root, 'file');
  if (files.length === 0) throw new BadInputError(file, 'has no <file> element', root.line);
  return files.map((fileEl) => {
    const header = firstChild(fileEl, 'header');
    const internal = header && firstChild(header, 'skl') && firstChild(firstChild(header, 'skl')!, 'internal-file');
    const phases = new Map<string, string>();
    const phaseGroup = header && firstChild(header, 'phase-group');
    for (const phase of phaseGroup ? childElements(phaseGroup, 'phase') : []) {
      if (phase.attrs['phase-name'] && phase.attrs['tool-id']) phases.set(phase.attrs['phase-name'], phase.attrs['tool-id']);
    }
    const unitEls: XmlElement[] = [];
    const body = firstChild(fileEl, 'body');
    if (body) collect(body, 'trans-unit', unitEls);
    const groupNo = new Set<XmlElement>();
    // translate="no" on a group applies to its units; OmegaT honours it, so do we.
    const markNo = (el: XmlElement, inherited: boolean): void => {
      for (const child of childElements(el)) {
        const no = inherited || child.attrs.translate === 'no';
        if (child.name === 'trans-unit' && no) groupNo.add(child);
        else if (child.name === 'group') markNo(child, no);
      }
    };
    if (body) markNo(body, false);
    const units = unitEls.map((unit): ReturnedUnit => {
      const sourceEl = firstChild(unit, 'source');
      if (!sourceEl) throw new BadInputError(file, `unit "${unit.attrs.id ?? '?'}" has no <source>`, unit.line);
      const targetEl = firstChild(unit, 'target');
      const target = targetEl ? readContent(targetEl, file, new Map()) : undefined;
      const states: SegmentState[] = [];
      const memoq = fromMemoqStatus(unit.attrs['mq:status']);
      const trados = tradosStates(unit);
      let raw = `state="${targetEl?.attrs.state ?? ''}" approved="${unit.attrs.approved ?? ''}"`;
      if (memoq) { states.push(memoq); raw = `mq:status="${unit.attrs['mq:status']}"`; }
      else if (trados.length > 0) { states.push(lowestState(trados)); raw = 'sdl:seg conf'; }
      const standard = fromXliff12Returned(targetEl?.attrs.state, unit.attrs.approved);
      const value = states[0] ?? standard;
      const engine = targetEl?.attrs['phase-name'] ? phases.get(targetEl.attrs['phase-name']) : undefined;
      return {
        id: unit.attrs.id, line: unit.line, source: readContent(sourceEl, file, new Map()),
        ...(hasText(target) ? { target } : {}),
        translate: unit.attrs.translate !== 'no' && !groupNo.has(unit),
        ...(value ? { state: { value, raw } } : {}),
        rawState: `state="${targetEl?.attrs.state ?? ''}" approved="${unit.attrs.approved ?? ''}"${memoq || trados.length > 0 ? ` ${raw}` : ''}`,
        ...(engine ? { engine } : {}),
      };
    });
    return {
      file, version: '1.2' as const,
      sourceLang: fileEl.attrs['source-language'] ?? '', targetLang: fileEl.attrs['target-language'] ?? '',
      original: fileEl.attrs.original ?? '',
      ...(internal ? { articleId: skeletonArticle(textOf(internal), file) } : {}),
      units,
    };
  });
}


function read20(root: XmlElement, file: string): ReturnedFile[] {
  const files = childElements(root, 'file');
  if (files.length === 0) throw new BadInputError(file, 'has no <file> element', root.line);
  return files.map((fileEl) => {
    const skeleton = firstChild(fileEl, 'skeleton');
    const unitEls: XmlElement[] = [];
    collect(fileEl, 'unit', unitEls);
    const units: ReturnedUnit[] = [];
    for (const unit of unitEls) {
      const data = new Map<string, string>();
      const original = firstChild(unit, 'originalData');
      for (const d of original ? childElements(original, 'data') : []) if (d.attrs.id) data.set(d.attrs.id, textOf(d));
      for (const segment of childElements(unit, 'segment')) {
        const sourceEl = firstChild(segment, 'source');
        if (!sourceEl) throw new BadInputError(file, `segment "${segment.attrs.id ?? '?'}" has no <source>`, segment.line);
        const targetEl = firstChild(segment, 'target');
        const target = targetEl ? readContent(targetEl, file, data) : undefined;
        const value = fromXliff20Returned(segment.attrs.state);
        const subState = segment.attrs.subState ?? '';
        const rawState = `state="${segment.attrs.state ?? ''}" subState="${subState}"`;
        units.push({
          id: segment.attrs.id === undefined ? undefined : fromNmtoken(segment.attrs.id), line: segment.line, source: readContent(sourceEl, file, data),
          ...(hasText(target) ? { target } : {}),
          translate: unit.attrs.translate !== 'no',
          ...(value ? { state: { value, raw: `state="${segment.attrs.state}"` } } : {}),
          rawState,
          ...(subState.startsWith(SUBSTATE_PREFIX) ? { engine: subState.slice(SUBSTATE_PREFIX.length) } : {}),
        });
      }
    }
    return {
      file, version: '2.0' as const,
      sourceLang: root.attrs.srcLang ?? '', targetLang: root.attrs.trgLang ?? '',
      // i18next's XLIFF tools (the `xliff` package, locize) name a namespace by the file's id.
      original: fileEl.attrs.original ?? (skeleton ? '' : fileEl.attrs.id ?? ''),
      ...(skeleton ? { articleId: skeletonArticle(textOf(skeleton), file) } : {}),
      units,
    };
  });
}

/** The files (XLIFF `<file>` elements) of a parsed document. */
export function readReturned(root: XmlElement, file: string): ReturnedFile[] {
  if (root.name !== 'xliff') throw new BadInputError(file, `is not XLIFF (root element <${root.name}>)`, root.line);
  try {
    if (root.ns === XLIFF12_NS) return read12(root, file);
    if (root.ns === XLIFF20_NS) return read20(root, file);
  } catch (err) {
    // Errors raised deep in the tree do not know the file's name.
    if (err instanceof BadInputError && err.file === '') throw new BadInputError(file, err.problem, err.line, err.column);
    throw err;
  }
  throw new BadInputError(file, `has an XLIFF namespace pereklad does not read: "${root.ns}" (1.2 and 2.0 are read)`, root.line);
}
