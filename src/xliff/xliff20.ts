// XLIFF 2.0 codec. One <unit> per paragraph with one <segment> per sentence and the whitespace
// between sentences as <ignorable>, as the 2.0 core intends; states live on <segment>, the engine
// on subState, job facts in the metadata module. The layout also travels as a <skeleton>, so
// both versions rebuild articles the same way.
import { isKept } from '../model.js';
import type { Content, InlineCode, TargetSegment, TranslatedArticle } from '../model.js';
import { BadInputError } from '../errors.js';
import { attrs, childElements, escapeText, firstChild, textOf, unitsIn, type XmlElement } from './xml.js';
import { parseSkeleton, skeletonOf } from './skeleton.js';
import { articleFromSkeleton, emptyTarget, kindFromTypeName, PEREKLAD_TOOL, ph20, readInline, writeInline, type InlineDialect, type ReadSource, type XliffCodec } from './codec.js';
import { fromXliff20, toXliff20 } from './states.js';
import { type20, writePairedInline } from './paired.js';
import { matchesToWrite, mtcMatchesXml, readMtcMatches, splitMtOriginal } from './matches.js';

export const XLIFF20_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';
/** `subState` of a machine-translated segment: the prefix, then the engine. */
export const SUBSTATE_PREFIX = 'pereklad:mt-';

// XLIFF 2.0 unit, segment and note ids are NMTOKENs: no spaces, quotes, `$`, `{`, `/`… An i18next
// key may hold any of them ("Read more", "{{count}} comments"), so every other character is
// written as `:<hex>:` (`:` itself too, which keys rarely hold: it is i18next's namespace
// separator), and read back. The unit also carries the key as it stands in `name`, for people.
const NMTOKEN_SAFE = /^[\p{L}\p{Nd}._-]$/u;

export function toNmtoken(id: string): string {
  let out = '';
  for (const char of id) out += NMTOKEN_SAFE.test(char) ? char : `:${char.codePointAt(0)!.toString(16)}:`;
  return out;
}

export function fromNmtoken(id: string): string {
  return id.replace(/:([0-9a-f]{1,6}):/gu, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}

// Inline ids must be unique in a unit, and a target's <ph> must repeat its source's id.
function phId(segmentIndex: number, codeId: string): string {
  return `s${segmentIndex}c${codeId}`;
}

// Paired codes: `<pc>` around a well-nested pair, `<sc>`/`<ec>` otherwise (`isolated` when the
// partner is missing or out of order); the markup is in <originalData>, and in `disp` for tools.
function contentXml(content: Content, codes: readonly InlineCode[], segmentIndex: number, plain = false): string {
  const id = (code: InlineCode): string => phId(segmentIndex, code.id);
  // An i18next namespace keeps every code a <ph>, the form the `xliff` package reads.
  if (plain) return writeInline(content, codes, (code) => ph20(code, id(code), `d${id(code)}`));
  const kind = (code: InlineCode): Record<string, string> => ({ type: type20(code), subType: `pereklad:${code.kind}` });
  const order = new Map<string, number>();
  content.forEach((f, k) => { if (typeof f !== 'string' && !order.has(f.code)) order.set(f.code, k); });
  return writePairedInline(content, codes, {
    standalone: (code) => ph20(code, id(code), `d${id(code)}`),
    open: (code, close) => `<pc${attrs({ id: id(code), dataRefStart: `d${id(code)}`, dataRefEnd: `d${id(close)}`, ...kind(code), dispStart: code.text, dispEnd: close.text })}>`,
    close: () => '</pc>',
    isolated: (code, partner) => {
      const here = order.get(code.id) ?? 0;
      const there = partner ? order.get(partner.id) : undefined;
      if (code.role === 'open') {
        return `<sc${attrs({ id: id(code), dataRef: `d${id(code)}`, ...kind(code), disp: code.text, isolated: there !== undefined && there > here ? undefined : 'yes' })}/>`;
      }
      return there !== undefined && there < here && partner
        ? `<ec${attrs({ startRef: id(partner), dataRef: `d${id(code)}`, ...kind(code), disp: code.text })}/>`
        : `<ec${attrs({ id: id(code), dataRef: `d${id(code)}`, ...kind(code), disp: code.text, isolated: 'yes' })}/>`;
    },
  });
}

export const xliff20: XliffCodec = {
  version: '2.0',
  write(doc: TranslatedArticle): string {
    const { article, targetLang } = doc;
    const namespace = article.metadata.i18next !== undefined;
    const engines = new Set<string>();
    for (const t of doc.targets.values()) if (t.content && t.provenance?.origin === 'mt' && t.provenance.engine) engines.add(t.provenance.engine);
    const lines: string[] = [];
    lines.push('<?xml version="1.0" encoding="UTF-8"?>');
    lines.push(`<xliff xmlns="${XLIFF20_NS}" xmlns:mda="${MDA_NS}" version="2.0"${attrs({ srcLang: article.sourceLang, trgLang: targetLang })}>`);
    lines.push(`  <file${attrs({ id: 'f1', original: article.path })}>`);
    lines.push(`    <skeleton>${escapeText(JSON.stringify(skeletonOf(article)))}</skeleton>`);
    lines.push('    <mda:metadata>');
    lines.push('      <mda:metaGroup category="pereklad">');
    lines.push(`        <mda:meta type="tool">${escapeText(`${PEREKLAD_TOOL.name} ${PEREKLAD_TOOL.version}`)}</mda:meta>`);
    lines.push(`        <mda:meta type="written">${escapeText(doc.written)}</mda:meta>`);
    if (article.metadata.date) lines.push(`        <mda:meta type="article-date">${escapeText(article.metadata.date)}</mda:meta>`);
    for (const engine of [...engines].sort()) lines.push(`        <mda:meta type="engine">${escapeText(engine)}</mda:meta>`);
    lines.push('      </mda:metaGroup>');
    lines.push('    </mda:metadata>');
    for (const block of article.blocks) {
      const foreign = isKept(block.kind);
      const unitId = toNmtoken(block.id);
      lines.push(`    <unit${attrs({ id: unitId, name: unitId !== block.id ? block.id : undefined, translate: foreign ? 'no' : undefined })}>`);
      const targets = block.segments.map((s) => doc.targets.get(s.id) ?? emptyTarget(s.id));
      lines.push(...mtcMatchesXml(targets.map((t, i) => ({ id: toNmtoken(t.segmentId), matches: matchesToWrite(t, block.segments[i]!.content, block.segments[i]!.codes) })), '      '));
      const notes: string[] = [];
      targets.forEach((t) => t.flags.forEach((flag, k) => {
        notes.push(`        <note${attrs({ id: `${toNmtoken(t.segmentId)}.${k + 1}`, category: 'pereklad:flag', appliesTo: 'target' })}>${escapeText(`${t.segmentId}: ${flag}`)}</note>`);
      }));
      if (foreign) notes.push(`        <note${attrs({ id: `${unitId}.lang`, category: 'pereklad:lang' })}>${escapeText(`Quoted text in ${block.lang}: kept as it stands.`)}</note>`);
      if (notes.length > 0) lines.push('      <notes>', ...notes, '      </notes>');
      const data: string[] = [];
      block.segments.forEach((s, i) => s.codes.forEach((c) => data.push(`        <data${attrs({ id: `d${phId(i + 1, c.id)}` })}>${escapeText(c.text)}</data>`)));
      if (data.length > 0) lines.push('      <originalData>', ...data, '      </originalData>');
      block.segments.forEach((segment, i) => {
        const target = targets[i]!;
        const state = target.content ? target.state : 'new';
        const engine = target.provenance?.origin === 'mt' ? target.provenance.engine : undefined;
        lines.push(`      <segment${attrs({ id: toNmtoken(segment.id), state: toXliff20(state), subState: target.content && engine ? `${SUBSTATE_PREFIX}${engine}` : undefined })}>`);
        lines.push(`        <source xml:space="preserve">${contentXml(segment.content, segment.codes, i + 1, namespace)}</source>`);
        if (target.content) lines.push(`        <target xml:space="preserve">${contentXml(target.content, segment.codes, i + 1, namespace)}</target>`);
        lines.push('      </segment>');
        if (segment.after !== '') lines.push(`      <ignorable><source xml:space="preserve">${escapeText(segment.after)}</source></ignorable>`);
      });
      lines.push('    </unit>');
    }
    lines.push('  </file>');
    lines.push('</xliff>');
    return lines.join('\n') + '\n';
  },
};

// A unit's <ph> elements point at its <originalData> by dataRef; their ids carry the segment prefix.
function dialect20(data: ReadonlyMap<string, string>): InlineDialect {
  const bare = (id: string | undefined): string | undefined => (id ?? '').replace(/^d?s\d+c/u, '') || undefined;
  const text = (ref: string | undefined, fallback: string | undefined): string => (ref !== undefined ? data.get(ref) : undefined) ?? fallback ?? '';
  return {
    code: (el) => {
      const kind = kindFromTypeName(el.attrs.subType);
      if (el.name === 'ph') return { id: bare(el.attrs.id), text: text(el.attrs.dataRef, el.attrs.equiv), kind };
      if (el.name === 'sc') return { id: bare(el.attrs.id), text: text(el.attrs.dataRef, el.attrs.disp), kind, role: 'open' };
      if (el.name === 'ec') {
        const id = bare(el.attrs.dataRef) ?? bare(el.attrs.id);
        const open = bare(el.attrs.startRef);
        return { id, text: text(el.attrs.dataRef, el.attrs.disp), kind, role: 'close', ...(open !== undefined ? { pair: open } : {}) };
      }
      return undefined;
    },
    paired: (el) => {
      if (el.name !== 'pc') return undefined;
      const kind = kindFromTypeName(el.attrs.subType);
      const openId = bare(el.attrs.id);
      const closeId = bare(el.attrs.dataRefEnd) ?? openId;
      return {
        open: { id: openId, text: text(el.attrs.dataRefStart, el.attrs.dispStart), kind, role: 'open', ...(closeId !== undefined ? { pair: closeId } : {}) },
        close: { id: closeId, text: text(el.attrs.dataRefEnd, el.attrs.dispEnd), kind, role: 'close', ...(openId !== undefined ? { pair: openId } : {}) },
      };
    },
    wrappers: new Set(['mrk']),
  };
}

function readContent(element: XmlElement, data: ReadonlyMap<string, string>, source: ReadSource | undefined, file: string): ReadSource {
  return readInline(element, dialect20(data), source?.codes, file);
}

export function readXliff20(root: XmlElement, file: string): TranslatedArticle {
  const fileEl = firstChild(root, 'file');
  if (!fileEl) throw new BadInputError(file, 'has no <file> element', root.line);
  const skeletonEl = firstChild(fileEl, 'skeleton');
  if (!skeletonEl) throw new BadInputError(file, 'has no pereklad <skeleton>: was it written by pereklad?', fileEl.line);
  const skeleton = parseSkeleton(textOf(skeletonEl), file);
  let written = '';
  for (const el of childElements(fileEl, 'metadata')) {
    for (const group of childElements(el, 'metaGroup')) {
      for (const meta of childElements(group, 'meta')) if (meta.attrs.type === 'written') written = textOf(meta);
    }
  }
  const sources = new Map<string, ReadSource>();
  const targets = new Map<string, TargetSegment>();
  const units = unitsIn(fileEl, 'unit');
  for (const unit of units) {
    const data = new Map<string, string>();
    const original = firstChild(unit, 'originalData');
    for (const d of original ? childElements(original, 'data') : []) if (d.attrs.id) data.set(d.attrs.id, textOf(d));
    const notes = firstChild(unit, 'notes');
    const flagNotes = notes ? childElements(notes, 'note').filter((n) => n.attrs.category === 'pereklad:flag') : [];
    const unitMatches = readMtcMatches(unit, (el, codes) => readContent(el, new Map(), codes ? { content: [], codes } : undefined, file));
    for (const segmentEl of childElements(unit, 'segment')) {
      if (!segmentEl.attrs.id) throw new BadInputError(file, '<segment> without id', segmentEl.line);
      const id = fromNmtoken(segmentEl.attrs.id);
      if (sources.has(id)) throw new BadInputError(file, `duplicate segment id "${id}"`, segmentEl.line);
      const sourceEl = firstChild(segmentEl, 'source');
      if (!sourceEl) throw new BadInputError(file, `segment "${id}" has no <source>`, segmentEl.line);
      const source = readContent(sourceEl, data, undefined, file);
      sources.set(id, source);
      const targetEl = firstChild(segmentEl, 'target');
      const target = targetEl ? readContent(targetEl, data, source, file).content : undefined;
      const hasTarget = target !== undefined && target.length > 0;
      const subState = segmentEl.attrs.subState ?? '';
      const engine = subState.startsWith(SUBSTATE_PREFIX) ? subState.slice(SUBSTATE_PREFIX.length) : undefined;
      const prefix = `${id}: `;
      targets.set(id, {
        segmentId: id,
        state: fromXliff20(segmentEl.attrs.state, hasTarget),
        ...(hasTarget ? { content: target, provenance: engine ? { origin: 'mt' as const, engine } : { origin: 'human' as const } } : {}),
        flags: flagNotes.map(textOf).filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length)),
        ...splitMtOriginal(unitMatches.get(segmentEl.attrs.id)),
      });
    }
  }
  return {
    article: articleFromSkeleton(skeleton, sources, file),
    targetLang: root.attrs.trgLang ?? '',
    written,
    targets,
  };
}
