// Translation-memory matches in XLIFF, as CAT tools show them: 1.2 `<alt-trans>` after a unit's
// target and notes (`alttranstype="previous-version"` for a reviewed translation whose source has
// since changed, `proposal` otherwise; `match-quality` 101 = in-context exact, 100 = exact); 2.0
// the matches module (`<mtc:matches>` first in the unit, `type="icm"` for in-context exact, the
// state of the matched translation in the metadata module). Each match carries its own source
// and codes, since a fuzzy match's source is not the unit's.
import type { Content, InlineCode, SegmentState, TargetSegment, TmMatch } from '../model.js';
import { attrs, childElements, firstChild, textOf, type XmlElement } from './xml.js';
import { fromXliff12, fromXliff20, toXliff12, toXliff20 } from './states.js';
import { PEREKLAD_TOOL, ph12, ph20, writeInline } from './codec.js';

export const MATCHES20_NS = 'urn:oasis:names:tc:xliff:matches:2.0';

// The machine translation a person edited (TargetSegment.mtOriginal) travels as one more match:
// 1.2 `<alt-trans origin="mt:<engine>">`, 2.0 `<mtc:match type="mt">`, both for the unit's own source.
const MT_ORIGIN = 'mt:';

function kindOf(quality: number, previous: boolean, origin: string | undefined): TmMatch['kind'] {
  if (previous) return 'previous';
  if (origin?.startsWith(MT_ORIGIN)) return 'mt';
  return quality > 100 ? 'in-context' : quality === 100 ? 'exact' : 'fuzzy';
}

/** `<alt-trans>` lines for a trans-unit, indented to sit inside it. */
export function altTransXml(matches: readonly TmMatch[] | undefined, indent: string): string[] {
  const lines: string[] = [];
  for (const m of matches ?? []) {
    const state = toXliff12(m.state, false).state;
    lines.push(`${indent}<alt-trans${attrs({ 'match-quality': String(m.quality), 'tool-id': PEREKLAD_TOOL.id, origin: m.origin, alttranstype: m.kind === 'previous' ? 'previous-version' : 'proposal' })}>`);
    lines.push(`${indent}  <source>${writeInline(m.source, m.codes, ph12)}</source>`);
    lines.push(`${indent}  <target${attrs({ state })}>${writeInline(m.target, m.codes, ph12)}</target>`);
    lines.push(`${indent}</alt-trans>`);
  }
  return lines;
}

type ReadSide = (el: XmlElement, codes: InlineCode[] | undefined) => { content: Content; codes: InlineCode[] };

/** The matches of a 1.2 trans-unit; `read` is the codec's own inline reader. */
export function readAltTrans(unit: XmlElement, read: ReadSide): TmMatch[] {
  const out: TmMatch[] = [];
  for (const alt of childElements(unit, 'alt-trans')) {
    const sourceEl = firstChild(alt, 'source');
    const targetEl = firstChild(alt, 'target');
    if (!sourceEl || !targetEl) continue;
    const source = read(sourceEl, undefined);
    const target = read(targetEl, source.codes).content;
    const quality = Number.parseFloat(alt.attrs['match-quality'] ?? '');
    out.push({
      kind: kindOf(quality, alt.attrs.alttranstype === 'previous-version', alt.attrs.origin),
      quality: Number.isFinite(quality) ? quality : 0,
      origin: alt.attrs.origin ?? '',
      source: source.content, codes: source.codes, target,
      state: fromXliff12(targetEl.attrs.state, undefined, target.length > 0),
    });
  }
  return out;
}

/** `<mtc:matches>` lines for a 2.0 unit (the module declares its own namespace). */
export function mtcMatchesXml(segments: ReadonlyArray<{ id: string; matches?: readonly TmMatch[] }>, indent: string): string[] {
  const lines: string[] = [];
  let k = 0;
  for (const segment of segments) {
    for (const m of segment.matches ?? []) {
      k++;
      // Inline ids are unique in a unit: the match's codes get their own prefix, removed on reading.
      const prefix = `m${k}c`;
      const type = m.kind === 'in-context' ? 'icm' : m.kind === 'mt' ? 'mt' : 'tm';
      lines.push(`${indent}  <mtc:match${attrs({ ref: `#${segment.id}`, matchQuality: String(Math.min(100, m.quality)), similarity: String(Math.min(100, m.quality)), origin: m.origin, type, subType: `pereklad:${m.kind}` })}>`);
      lines.push(`${indent}    <mda:metadata><mda:metaGroup category="pereklad"><mda:meta type="state">${toXliff20(m.state)}</mda:meta></mda:metaGroup></mda:metadata>`);
      lines.push(`${indent}    <source xml:space="preserve">${writeInline(m.source, m.codes, (c) => ph20(c, `${prefix}${c.id}`))}</source>`);
      lines.push(`${indent}    <target xml:space="preserve">${writeInline(m.target, m.codes, (c) => ph20(c, `${prefix}${c.id}`))}</target>`);
      lines.push(`${indent}  </mtc:match>`);
    }
  }
  if (lines.length === 0) return lines;
  return [`${indent}<mtc:matches xmlns:mtc="${MATCHES20_NS}">`, ...lines, `${indent}</mtc:matches>`];
}

/** The matches of a 2.0 unit by segment id; `read` is the codec's own inline reader. */
export function readMtcMatches(unit: XmlElement, read: ReadSide): Map<string, TmMatch[]> {
  const out = new Map<string, TmMatch[]>();
  for (const matches of childElements(unit, 'matches')) {
    if (matches.ns !== MATCHES20_NS) continue;
    for (const match of childElements(matches, 'match')) {
      const segmentId = (match.attrs.ref ?? '').replace(/^#/u, '');
      const sourceEl = firstChild(match, 'source');
      const targetEl = firstChild(match, 'target');
      if (!sourceEl || !targetEl) continue;
      const source = read(sourceEl, undefined);
      const target = read(targetEl, source.codes).content;
      // Codes were written with a per-match prefix; give them back their own ids.
      const bare = (id: string): string => id.replace(/^m\d+c/u, '');
      const codes = source.codes.map((c) => ({ ...c, id: bare(c.id) }));
      const unprefix = (content: Content): Content => content.map((f) => (typeof f === 'string' ? f : { code: bare(f.code) }));
      let state: SegmentState = 'translated';
      for (const meta of match.children) {
        if (typeof meta === 'string' || meta.name !== 'metadata') continue;
        for (const group of childElements(meta, 'metaGroup')) for (const m of childElements(group, 'meta')) if (m.attrs.type === 'state') state = fromXliff20(textOf(m), true);
      }
      const subType = match.attrs.subType ?? '';
      const quality = Number.parseFloat(match.attrs.matchQuality ?? '');
      const kind: TmMatch['kind'] = subType === 'pereklad:previous' ? 'previous' : match.attrs.type === 'mt' ? 'mt' : match.attrs.type === 'icm' ? 'in-context' : quality >= 100 ? 'exact' : 'fuzzy';
      const list = out.get(segmentId) ?? [];
      list.push({
        kind, quality: kind === 'in-context' ? 101 : Number.isFinite(quality) ? quality : 0, origin: match.attrs.origin ?? '',
        source: unprefix(source.content), codes, target: unprefix(target), state,
      });
      out.set(segmentId, list);
    }
  }
  return out;
}

/** The target's matches plus its kept machine translation, as written to XLIFF. */
export function matchesToWrite(target: TargetSegment, source: Content, codes: InlineCode[]): TmMatch[] {
  const matches = [...(target.matches ?? [])];
  if (target.mtOriginal) {
    matches.push({ kind: 'mt', quality: 100, origin: `${MT_ORIGIN}${target.mtOriginal.engine ?? 'unknown'}`, source, codes, target: target.mtOriginal.content, state: 'translated' });
  }
  return matches;
}

/** Read matches back apart: the kept machine translation, and the memory's matches. */
export function splitMtOriginal(matches: TmMatch[] | undefined): Pick<TargetSegment, 'matches' | 'mtOriginal'> {
  const mt = matches?.find((m) => m.kind === 'mt');
  const rest = matches?.filter((m) => m.kind !== 'mt');
  const engine = mt?.origin.startsWith(MT_ORIGIN) ? mt.origin.slice(MT_ORIGIN.length) : undefined;
  return {
    ...withMatches(rest),
    ...(mt ? { mtOriginal: { content: mt.target, ...(engine && engine !== 'unknown' ? { engine } : {}) } } : {}),
  };
}

/** `{ matches }` only when there are some, so a target without matches looks as it always did. */
export function withMatches(matches: TmMatch[] | undefined): { matches?: TmMatch[] } {
  return matches && matches.length > 0 ? { matches } : {};
}
