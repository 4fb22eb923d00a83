// XLIFF 1.2 codec. One <group> per paragraph holding one <trans-unit> per sentence: every
// sentence then carries its own state and approval, which Translate Toolkit and OmegaT read per
// unit (with <mrk mtype="seg"> inside a paragraph unit, 1.2 can hold only one state per paragraph).
// The layout travels as a skeleton in <header><skl><internal-file>.
import { isKept } from '../model.js';
import type { Content, InlineCode, TargetSegment, TranslatedArticle } from '../model.js';
import { BadInputError } from '../errors.js';
import { attrs, childElements, escapeText, firstChild, textOf, unitsIn, type XmlElement } from './xml.js';
import { parseSkeleton, skeletonOf, SKELETON_MEDIA_TYPE } from './skeleton.js';
import { articleFromSkeleton, emptyTarget, kindFromTypeName, PEREKLAD_TOOL, ph12, readInline, writeInline, type InlineCodeElement, type InlineDialect, type ReadSource, type XliffCodec } from './codec.js';
import { fromXliff12, toXliff12 } from './states.js';
import { writePairedInline, ctypeOf, type CodeWriters } from './paired.js';
import type { Skeleton } from './skeleton.js';
import { altTransXml, matchesToWrite, readAltTrans, splitMtOriginal } from './matches.js';

export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';

// Paired codes: `<g>` around a well-nested pair, `<bx>`/`<ex>` (linked by `rid`, the markup as
// `equiv-text`) otherwise. `<g>` carries no text, so the markup itself is in the skeleton's `pairs`.
const WRITERS_12: CodeWriters = {
  standalone: ph12,
  open: (code) => `<g${attrs({ id: code.id, ctype: ctypeOf(code) })}>`,
  close: () => '</g>',
  isolated: (code) => code.role === 'open'
    ? `<bx${attrs({ id: code.id, rid: code.id, ctype: ctypeOf(code), 'equiv-text': code.text })}/>`
    : `<ex${attrs({ id: code.id, rid: code.pair ?? code.id, 'equiv-text': code.text })}/>`,
};

// An i18next namespace keeps every code a <ph> holding its text: the layout the `xliff` package
// and locize read, whose readers know no <g>. The package itself writes no states, provenance,
// matches or exact whitespace, so pereklad writes the layout with its own codec; the package is
// the tests' reference reader and writer of i18next's XLIFF (tests/formats/i18next.*.test.ts).
function contentXml(content: Content, codes: readonly InlineCode[], plain = false): string {
  return plain ? writeInline(content, codes, ph12) : writePairedInline(content, codes, WRITERS_12);
}

/** Phase name for an engine on a day: a target's provenance is its phase. */
function phaseName(engine: string, date: string | undefined): string {
  return `mt-${engine}${date ? `-${date.slice(0, 10)}` : ''}`;
}

export const xliff12: XliffCodec = {
  version: '1.2',
  write(doc: TranslatedArticle): string {
    const { article, targetLang } = doc;
    const phases = new Map<string, { engine: string; date: string | undefined }>();
    for (const target of doc.targets.values()) {
      const p = target.provenance;
      if (target.content && p?.origin === 'mt' && p.engine) phases.set(phaseName(p.engine, p.date), { engine: p.engine, date: p.date });
    }
    const engines = [...new Set([...phases.values()].map((p) => p.engine))].sort();
    const lines: string[] = [];
    lines.push('<?xml version="1.0" encoding="UTF-8"?>');
    lines.push(`<xliff version="1.2" xmlns="${XLIFF12_NS}">`);
    lines.push(`  <file${attrs({ original: article.path, 'source-language': article.sourceLang, 'target-language': targetLang, datatype: 'plaintext', date: doc.written, 'tool-id': PEREKLAD_TOOL.id })}>`);
    lines.push('    <header>');
    lines.push(`      <skl><internal-file${attrs({ form: SKELETON_MEDIA_TYPE })}>${escapeText(JSON.stringify(skeletonOf(article)))}</internal-file></skl>`);
    if (phases.size > 0) {
      lines.push('      <phase-group>');
      for (const [name, p] of [...phases].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`        <phase${attrs({ 'phase-name': name, 'process-name': 'translation', 'tool-id': p.engine, date: p.date })}/>`);
      }
      lines.push('      </phase-group>');
    }
    lines.push(`      <tool${attrs({ 'tool-id': PEREKLAD_TOOL.id, 'tool-name': PEREKLAD_TOOL.name, 'tool-version': PEREKLAD_TOOL.version })}/>`);
    for (const engine of engines) lines.push(`      <tool${attrs({ 'tool-id': engine, 'tool-name': engine === 'deepl' ? 'DeepL API (deepl-node)' : engine })}/>`);
    const meta = article.metadata.date ? `, dated ${article.metadata.date}` : '';
    lines.push(`      <note from="pereklad">Article ${escapeText(article.id)}${escapeText(meta)}. Machine-translated targets need review.</note>`);
    lines.push('    </header>');
    lines.push('    <body>');
    // An i18next namespace has no paragraphs: its units sit in <body> keyed by i18next key, the
    // layout i18next's own XLIFF tools (the `xliff` package, locize) read and write.
    const grouped = !article.metadata.i18next;
    for (const block of article.blocks) {
      const foreign = isKept(block.kind);
      if (grouped) lines.push(`      <group${attrs({ id: block.id, restype: 'x-paragraph', translate: foreign ? 'no' : undefined })}>`);
      for (const segment of block.segments) {
        const target: TargetSegment = doc.targets.get(segment.id) ?? emptyTarget(segment.id);
        const machine = target.provenance?.origin === 'mt';
        const mapped = toXliff12(target.content ? target.state : 'new', machine);
        lines.push(`        <trans-unit${attrs({ id: segment.id, approved: target.content ? mapped.approved : undefined, translate: foreign ? 'no' : undefined, 'xml:space': 'preserve' })}>`);
        lines.push(`          <source${attrs({ 'xml:lang': foreign ? block.lang : undefined })}>${contentXml(segment.content, segment.codes, !grouped)}</source>`);
        if (target.content) {
          const p = target.provenance;
          lines.push(`          <target${attrs({ state: mapped.state, 'state-qualifier': mapped.qualifier, 'phase-name': machine && p?.engine ? phaseName(p.engine, p.date) : undefined })}>${contentXml(target.content, segment.codes, !grouped)}</target>`);
        }
        for (const flag of target.flags) lines.push(`          <note${attrs({ from: 'pereklad', annotates: 'target', priority: '1' })}>${escapeText(flag)}</note>`);
        lines.push(...altTransXml(matchesToWrite(target, segment.content, segment.codes), '          '));
        lines.push('        </trans-unit>');
      }
      if (grouped) lines.push('      </group>');
    }
    lines.push('    </body>');
    lines.push('  </file>');
    lines.push('</xliff>');
    return lines.join('\n') + '\n';
  },
};

type SkeletonPairs = NonNullable<Skeleton['pairs']>[string];

/** The 1.2 dialect for one unit; `pairs` is the skeleton's markup for its paired codes. */
function dialect12(pairs: SkeletonPairs | undefined, file: string): InlineDialect {
  const half = (el: XmlElement, id: string | undefined, role: 'open' | 'close'): InlineCodeElement => {
    const entry = pairs?.find(([pid, , r]) => pid === id && r === role);
    if (!entry && pairs !== undefined) throw new BadInputError(file, `<${el.name} id="${id ?? ''}"> is a paired code the skeleton does not hold`, el.line);
    return { id, text: entry?.[1] ?? el.attrs['equiv-text'] ?? '', kind: kindFromTypeName(entry?.[4] ?? el.attrs.ctype), role, ...(entry ? { pair: entry[3] } : {}) };
  };
  return {
    code: (el) => el.name === 'ph' ? { id: el.attrs.id, text: textOf(el), kind: kindFromTypeName(el.attrs.ctype) }
      : el.name === 'x' ? { id: el.attrs.id, text: el.attrs['equiv-text'] ?? '', kind: kindFromTypeName(el.attrs.ctype) }
      : el.name === 'bx' ? half(el, el.attrs.id ?? el.attrs.rid, 'open')
      : el.name === 'ex' ? half(el, el.attrs.id, 'close')
      : undefined,
    paired: (el) => {
      if (el.name !== 'g') return undefined;
      const open = half(el, el.attrs.id, 'open');
      return { open, close: half(el, open.pair, 'close') };
    },
    wrappers: new Set(['mrk']),
  };
}

function readContent(element: XmlElement, codes: InlineCode[] | undefined, file: string, pairs?: SkeletonPairs): ReadSource {
  return readInline(element, dialect12(pairs, file), codes, file);
}

export function readXliff12(root: XmlElement, file: string): TranslatedArticle {
  const fileEl = firstChild(root, 'file');
  if (!fileEl) throw new BadInputError(file, 'has no <file> element', root.line);
  const header = firstChild(fileEl, 'header');
  const skeletonEl = header && firstChild(header, 'skl');
  const internal = skeletonEl && firstChild(skeletonEl, 'internal-file');
  if (!internal) throw new BadInputError(file, 'has no pereklad skeleton (<header><skl><internal-file>): was it written by pereklad?', fileEl.line);
  const skeleton = parseSkeleton(textOf(internal), file);
  const phases = new Map<string, { engine: string; date?: string }>();
  const phaseGroup = header && firstChild(header, 'phase-group');
  for (const phase of phaseGroup ? childElements(phaseGroup, 'phase') : []) {
    const name = phase.attrs['phase-name'];
    if (name) phases.set(name, { engine: phase.attrs['tool-id'] ?? name, ...(phase.attrs.date ? { date: phase.attrs.date } : {}) });
  }
  const body = firstChild(fileEl, 'body');
  if (!body) throw new BadInputError(file, 'has no <body>', fileEl.line);
  const sources = new Map<string, ReadSource>();
  const targets = new Map<string, TargetSegment>();
  const units = unitsIn(body, 'trans-unit');
  for (const unit of units) {
    const id = unit.attrs.id;
    if (!id) throw new BadInputError(file, '<trans-unit> without id', unit.line);
    if (sources.has(id)) throw new BadInputError(file, `duplicate unit id "${id}"`, unit.line);
    const sourceEl = firstChild(unit, 'source');
    if (!sourceEl) throw new BadInputError(file, `unit "${id}" has no <source>`, unit.line);
    const pairs = skeleton.pairs?.[id];
    const source = readContent(sourceEl, undefined, file, pairs);
    sources.set(id, source);
    const targetEl = firstChild(unit, 'target');
    const target = targetEl ? readContent(targetEl, source.codes, file, pairs).content : undefined;
    const hasTarget = target !== undefined && target.length > 0;
    const phase = targetEl?.attrs['phase-name'] ? phases.get(targetEl.attrs['phase-name']) : undefined;
    const flags = childElements(unit, 'note').filter((n) => n.attrs.from === 'pereklad').map(textOf);
    targets.set(id, {
      segmentId: id,
      state: fromXliff12(targetEl?.attrs.state, unit.attrs.approved, hasTarget),
      ...(hasTarget ? { content: target } : {}),
      ...(hasTarget ? { provenance: phase ? { origin: 'mt' as const, engine: phase.engine, ...(phase.date ? { date: phase.date } : {}) } : { origin: 'human' as const } } : {}),
      flags,
      ...splitMtOriginal(readAltTrans(unit, (el, codes) => readContent(el, codes, file))),
    });
  }
  return {
    article: articleFromSkeleton(skeleton, sources, file),
    targetLang: fileEl.attrs['target-language'] ?? '',
    written: fileEl.attrs.date ?? '',
    targets,
  };
}
