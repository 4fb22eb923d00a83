// TMX 1.4b in and out: the exchange format of OmegaT, memoQ and Trados.
//
// Inline codes are written in OmegaT's notation, as escaped text in <seg> (`&lt;h0/&gt;`), because
// that is what OmegaT 3.6 matches against its segments (TMX level-2 <ph> elements did not match;
// see ../shared/tools/README-xliff-check.md): the tag letter is the first letter of the code's text
// (else `f`), numbered in order; codes at the very start or end of a segment are left out, as
// OmegaT leaves them out of its segments. So that a re-import loses nothing (code texts and kinds,
// edge codes, provenance), each <tu> also carries the exact pereklad segment as JSON in a
// `x-pereklad-segment` prop; it is used only while it still agrees with the <seg> texts, so a
// translation edited in another tool wins.
import type { Content, InlineCode, ProtectedKind, Provenance, SegmentState } from '../model.js';
import { STORED_KINDS } from '../model.js';
import { BadInputError } from '../errors.js';
import { attrs, childElements, escapeText, parseXml, textOf, type XmlElement } from '../xliff/xml.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';
import type { TmContext, TmEntry } from './tm.js';

export const SOURCE_LANG = 'uk';
const STATES: readonly SegmentState[] = ['new', 'translated', 'reviewed', 'final'];
const KINDS: readonly ProtectedKind[] = STORED_KINDS;

/** OmegaT's tag letter for a code: the first letter of its text, lower-cased; `f` when none. */
export function omegatLetter(text: string): string {
  for (const ch of text) if (/\p{L}/u.test(ch) && ch.length === 1) return ch.toLowerCase();
  return 'f';
}

interface Notation {
  source: string;
  target: string;
}

/** Both sides in OmegaT notation; edge codes of the source are left out when the target has
 *  the same codes at its edges (otherwise nothing is left out and the pair is only for us). */
export function toOmegatNotation(source: Content, target: Content, codes: readonly InlineCode[]): Notation {
  const edges = (content: Content): { lead: number; trail: number } => {
    let lead = 0;
    while (lead < content.length && (typeof content[lead] !== 'string' || (content[lead] as string).trim() === '')) lead++;
    let trail = content.length;
    while (trail > lead && (typeof content[trail - 1] !== 'string' || (content[trail - 1] as string).trim() === '')) trail--;
    return { lead, trail };
  };
  const idsIn = (parts: Content): string[] => parts.flatMap((f) => (typeof f === 'string' ? [] : [f.code])).sort();
  const s = edges(source);
  const t = edges(target);
  const sEdge = idsIn([...source.slice(0, s.lead), ...source.slice(s.trail)]);
  const tEdge = idsIn([...target.slice(0, t.lead), ...target.slice(t.trail)]);
  // OmegaT cannot hide one half of a tag pair: edges are stripped only with both halves in them.
  const halves = new Set(sEdge);
  const pairsWhole = codes.every((c) => c.role === undefined || c.pair === undefined || halves.has(c.id) === halves.has(c.pair));
  const strip = sEdge.join('\u0000') === tEdge.join('\u0000') && pairsWhole;
  const sourceBody = strip ? source.slice(s.lead, s.trail) : source;
  const targetBody = strip ? target.slice(t.lead, t.trail) : target;
  // OmegaT numbers its tags in source order, a pair (`<g>` … `</g>` in the XLIFF) taking one
  // number for both halves, shown `<g0>` … `</g0>`; a placeholder is `<letter N/>`.
  const names = new Map<string, string>();
  const paired = new Set<string>();
  let n = 0;
  for (const f of sourceBody) {
    if (typeof f === 'string' || names.has(f.code)) continue;
    const code = codes.find((c) => c.id === f.code);
    if (code?.role === 'open' && code.pair !== undefined) {
      names.set(code.id, `g${n}`);
      names.set(code.pair, `g${n}`);
      paired.add(code.id);
      paired.add(code.pair);
    } else if (code?.role === undefined) names.set(f.code, `${omegatLetter(code?.text ?? '')}${n}`);
    else continue;
    n++;
  }
  const tagOf = (id: string): string => {
    const name = names.get(id) ?? `f${id}`;
    if (!paired.has(id)) return `<${name}/>`;
    return codes.find((c) => c.id === id)?.role === 'close' ? `</${name}>` : `<${name}>`;
  };
  const render = (content: Content): string => {
    const text = content.map((f) => (typeof f === 'string' ? f : tagOf(f.code))).join('');
    return strip ? text.trim() : text;
  };
  return { source: render(sourceBody), target: render(targetBody) };
}

/** OmegaT-style date: 20250601T120000Z. */
function tmxDate(iso: string | undefined): string | undefined {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/u);
  return m ? `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z` : undefined;
}

interface SegmentJson {
  source: Content;
  codes: InlineCode[];
  target: Content;
  provenance?: Provenance;
}

export function writeTmx(entries: readonly TmEntry[]): string {
  const lines: string[] = [];
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push('<tmx version="1.4">');
  lines.push(`  <header${attrs({ creationtool: PEREKLAD_TOOL.name, creationtoolversion: PEREKLAD_TOOL.version, segtype: 'sentence', 'o-tmf': 'pereklad', adminlang: 'en', srclang: SOURCE_LANG, datatype: 'plaintext' })}/>`);
  lines.push('  <body>');
  for (const entry of entries) {
    const notation = toOmegatNotation(entry.source, entry.target, entry.codes);
    const json: SegmentJson = { source: entry.source, codes: entry.codes, target: entry.target, ...(entry.provenance ? { provenance: entry.provenance } : {}) };
    lines.push('    <tu>');
    const prop = (type: string, value: string): void => { lines.push(`      <prop${attrs({ type })}>${escapeText(value)}</prop>`); };
    prop('x-state', entry.state);
    prop('x-pereklad-origin', entry.origin);
    if (entry.provenance?.origin === 'mt' && entry.provenance.engine) prop('x-pereklad-engine', entry.provenance.engine);
    if (entry.context) {
      prop('x-pereklad-context-prev', entry.context.prev);
      prop('x-pereklad-context-next', entry.context.next);
    }
    if (entry.codesKnown) prop('x-pereklad-segment', JSON.stringify(json));
    const date = tmxDate(entry.provenance?.date);
    lines.push(`      <tuv${attrs({ 'xml:lang': SOURCE_LANG })}><seg>${escapeText(notation.source)}</seg></tuv>`);
    // OmegaT shows a match's creationid as its author: "MT deepl" tells a translator it is MT.
    const author = entry.provenance?.origin === 'mt' ? `MT ${entry.provenance.engine ?? ''}`.trim() : undefined;
    lines.push(`      <tuv${attrs({ 'xml:lang': entry.lang, changedate: date, creationid: author })}><seg>${escapeText(notation.target)}</seg></tuv>`);
    lines.push('    </tu>');
  }
  lines.push('  </body>');
  lines.push('</tmx>');
  return lines.join('\n') + '\n';
}

/** OmegaT and others write `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`. Our XML reader refuses DTDs
 *  (no entity expansion, ever); a bare external reference is blanked out, line count kept, so it is
 *  never fetched. One with an internal subset stays and is refused. */
export function blankDoctype(text: string): string {
  return text.replace(/<!DOCTYPE\s+tmx(?:\s+(?:SYSTEM|PUBLIC)(?:\s+"[^"]*"|\s+'[^']*'){1,2})?\s*>/u, (m) => m.replace(/[^\n]/gu, ' '));
}

function canonicalLang(lang: string): string {
  const [primary, ...rest] = lang.split(/[-_]/u);
  return [primary!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}

const NOTATION_TAG = /<(\/?)(\p{L})(\d+)(\/?)>/gu;

interface ReadSeg {
  content: Content;
  /** Codes met in a source <seg> (texts '' for notation tags), ids "1", "2", … */
  codes: InlineCode[];
  /** Tag name (`h0`, `ph:…`) → code id, to resolve the target's tags. */
  names: Map<string, string>;
}

/** A <seg> as content: text, OmegaT-notation tags and TMX inline elements all become codes. A
 *  target <seg> resolves its tags through the source's names; one the source lacks is dropped. */
function readSeg(seg: XmlElement, sourceNames?: Map<string, string>): ReadSeg {
  const content: Content = [];
  const codes: InlineCode[] = [];
  const names = new Map<string, string>();
  const pushText = (t: string): void => {
    if (t === '') return;
    if (typeof content[content.length - 1] === 'string') content[content.length - 1] += t;
    else content.push(t);
  };
  const code = (name: string, text: string): void => {
    if (sourceNames) {
      const id = sourceNames.get(name);
      if (id !== undefined) content.push({ code: id });
      return;
    }
    const id = String(codes.length + 1);
    codes.push({ id, kind: 'url', text });
    names.set(name, id);
    content.push({ code: id });
  };
  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (typeof child === 'string') {
        let cursor = 0;
        for (const m of child.matchAll(NOTATION_TAG)) {
          pushText(child.slice(cursor, m.index));
          code(`${m[1]}${m[2]}${m[3]}${m[4]}`, '');
          cursor = m.index + m[0].length;
        }
        pushText(child.slice(cursor));
      } else if (child.name === 'hi') walk(child);
      else if (child.name !== 'sub') code(`${child.name}${child.attrs.x ?? child.attrs.i ?? ''}:${textOf(child)}`, textOf(child));
    }
  };
  walk(seg);
  return { content, codes, names };
}

function isContent(value: unknown): value is Content {
  return Array.isArray(value) && value.every((f) => typeof f === 'string' || (typeof f === 'object' && f !== null && typeof (f as { code?: unknown }).code === 'string'));
}

function parseSegmentJson(json: string): SegmentJson | undefined {
  try {
    const v = JSON.parse(json) as Partial<SegmentJson>;
    const codesOk = Array.isArray(v.codes) && v.codes.every((c) => typeof c?.id === 'string' && typeof c.text === 'string' && KINDS.includes(c.kind));
    if (!isContent(v.source) || !isContent(v.target) || !codesOk) return undefined;
    return v as SegmentJson;
  } catch {
    return undefined;
  }
}

export interface TmxReadResult {
  entries: TmEntry[];
  /** Units that could not be used (the rest of the file still is). */
  problems: BadInputError[];
}

/** Read a TMX file; a file that is not XML or not TMX throws, a bad <tu> is a problem and skipped. */
export function readTmx(text: string, file: string, origin = file): TmxReadResult {
  const root = parseXml(blankDoctype(text), file);
  if (root.name !== 'tmx') throw new BadInputError(file, `is not TMX (root element <${root.name}>)`, root.line);
  const header = childElements(root, 'header')[0];
  const body = childElements(root, 'body')[0];
  if (!body) throw new BadInputError(file, 'has no <body>', root.line);
  const srclang = canonicalLang(header?.attrs.srclang ?? SOURCE_LANG);
  const entries: TmEntry[] = [];
  const problems: BadInputError[] = [];
  for (const tu of childElements(body, 'tu')) {
    const props = new Map<string, string>();
    for (const p of childElements(tu, 'prop')) if (p.attrs.type) props.set(p.attrs.type, textOf(p));
    const tuvs = childElements(tu, 'tuv').map((tuv) => ({ lang: canonicalLang(tuv.attrs['xml:lang'] ?? tuv.attrs.lang ?? ''), seg: childElements(tuv, 'seg')[0], line: tuv.line }));
    const sameLang = (a: string, b: string): boolean => a === b || a.split('-')[0] === b.split('-')[0];
    const sourceTuv = tuvs.find((t) => sameLang(t.lang, srclang) && t.seg);
    if (!sourceTuv?.seg) {
      problems.push(new BadInputError(file, `<tu> has no <tuv> in the source language ${srclang}; skipped`, tu.line));
      continue;
    }
    const stateProp = props.get('x-state') as SegmentState | undefined;
    const state: SegmentState = stateProp && STATES.includes(stateProp) && stateProp !== 'new' ? stateProp : 'translated';
    const context: TmContext | undefined = props.has('x-pereklad-context-prev') || props.has('x-pereklad-context-next')
      ? { prev: props.get('x-pereklad-context-prev') ?? '', next: props.get('x-pereklad-context-next') ?? '' }
      : undefined;
    const json = props.has('x-pereklad-segment') ? parseSegmentJson(props.get('x-pereklad-segment')!) : undefined;
    const engine = props.get('x-pereklad-engine');
    for (const tuv of tuvs) {
      if (tuv === sourceTuv || !tuv.seg || sameLang(tuv.lang, srclang)) continue;
      const base = { lang: tuv.lang, state, origin: props.get('x-pereklad-origin') ?? origin, ...(context ? { context } : {}) };
      if (json) {
        const notation = toOmegatNotation(json.source, json.target, json.codes);
        if (notation.source === textOf(sourceTuv.seg) && notation.target === textOf(tuv.seg)) {
          entries.push({ ...base, source: json.source, codes: json.codes, target: json.target, ...(json.provenance ? { provenance: json.provenance } : {}), codesKnown: true });
          continue;
        }
      }
      const { content: source, codes, names } = readSeg(sourceTuv.seg);
      const target = readSeg(tuv.seg, names).content;
      if (source.length === 0 || target.length === 0) {
        problems.push(new BadInputError(file, '<tu> with an empty segment; skipped', tuv.line));
        continue;
      }
      entries.push({ ...base, source, codes, target, provenance: engine ? { origin: 'mt', engine } : { origin: 'human' }, codesKnown: codes.every((c) => c.text !== '') });
    }
  }
  return { entries, problems };
}
