// The translation memory: every translation the project holds (XLIFF targets under locales/,
// translations kept as previous versions, imported TMX), indexed in memory for in-context exact,
// exact and fuzzy lookup. The files stay the source of truth; this index is rebuilt per job
// (news articles are short: thousands of segments index in milliseconds, see docs/ARCHITECTURE.md).
import type { Content, InlineCode, Provenance, Segment, SegmentState, TmMatch, TranslatedArticle } from '../model.js';
import { allSegments } from '../model.js';
import { CODE_MARK, normalizeForMatch, TrigramIndex } from './fuzzy.js';

export interface TmContext {
  /** Source text of the segment before (in article order), '' at the start. */
  prev: string;
  /** Source text of the segment after, '' at the end. */
  next: string;
}

export interface TmEntry {
  /** Target language. */
  lang: string;
  source: Content;
  /** The source's inline codes; `text` is '' when the file did not say (OmegaT-notation TMX). */
  codes: InlineCode[];
  /** The translation, codes by the same ids as `source`. */
  target: Content;
  state: SegmentState;
  provenance?: Provenance;
  /** File the entry came from, relative to the project. */
  origin: string;
  context?: TmContext;
  /** False when the codes' texts are unknown: such an entry matches any codes in the same places. */
  codesKnown: boolean;
}

/** How far a memory entry is trusted, higher first: final, reviewed, a person's, then MT. */
export function trustRank(entry: Pick<TmEntry, 'state' | 'provenance'>): number {
  if (entry.state === 'final') return 4;
  if (entry.state === 'reviewed') return 3;
  return entry.provenance?.origin === 'mt' ? 1 : 2;
}

/** The text with every code as its own text: what "exact" compares. */
export function exactText(content: Content, codes: readonly InlineCode[]): string {
  return content.map((f) => (typeof f === 'string' ? f : `${CODE_MARK}${codes.find((c) => c.id === f.code)?.text ?? ''}${CODE_MARK}`)).join('');
}

/** The text with every code as one placeholder: what fuzzy and code-blind exact compare. */
export function shapeText(content: Content): string {
  return content.map((f) => (typeof f === 'string' ? f : CODE_MARK)).join('');
}

/** Code ids in order of appearance. */
export function codeOrder(content: Content): string[] {
  const out: string[] = [];
  for (const f of content) if (typeof f !== 'string') out.push(f.code);
  return out;
}

/** A memory translation re-expressed with a segment's code ids, by position (the i-th code of
 *  the memory's source is the i-th code of the segment). */
export function mapTargetCodes(target: Content, from: Content, to: Content): Content {
  const fromIds = codeOrder(from);
  const toIds = codeOrder(to);
  return target.map((f) => {
    if (typeof f === 'string') return f;
    const at = fromIds.indexOf(f.code);
    return at >= 0 && toIds[at] !== undefined ? { code: toIds[at] } : f;
  });
}

export interface Leverage {
  /** The best exact match (in-context first), usable as a target that still needs review. */
  exact?: { entry: TmEntry; kind: 'in-context' | 'exact' };
  /** Matches to offer translators, best first. */
  matches: TmMatch[];
}

export interface LookupOptions {
  /** Which entries may be used at all (e.g. pseudo text only for a pseudo run). */
  usable?: (entry: TmEntry) => boolean;
  /** Lowest fuzzy score offered. */
  threshold?: number;
  /** Most matches offered per segment. */
  limit?: number;
}

export const DEFAULT_FUZZY_THRESHOLD = 70;
export const DEFAULT_MATCH_LIMIT = 3;

export function matchOf(entry: TmEntry, kind: TmMatch['kind'], quality: number): TmMatch {
  return { kind, quality, origin: entry.origin, source: entry.source, codes: entry.codes, target: entry.target, state: entry.state };
}

/** Where lookups find entries: the in-memory index below, or the project's memory on disk
 *  (src/memory/disk.ts). Both give candidates; `lookupMemory` ranks them the same way. */
export interface MemoryIndex {
  /** Entries whose source is the segment's text exactly (codes included; or, for entries whose
   *  code texts are unknown, the same text with codes in the same places). May hold more than the
   *  best; a large set is cut to the most promising (in context, most trusted, newest). */
  exactCandidates(segment: Pick<Segment, 'content' | 'codes'>, lang: string, context: TmContext | undefined): TmEntry[];
  /** Entries whose normalized shape text scores at least `threshold` against `text`, best first. */
  fuzzyCandidates(text: string, lang: string, threshold: number, limit: number): Array<{ item: TmEntry; score: number }>;
}

/** Every entry a stored article gives the memory: its targets, and the previous versions kept as matches in it. */
export function documentEntries(doc: TranslatedArticle, origin: string): TmEntry[] {
  const lang = doc.targetLang;
  const segments = [...allSegments(doc.article)];
  const entries: TmEntry[] = [];
  segments.forEach((segment, i) => {
    const target = doc.targets.get(segment.id);
    if (!target) return;
    if (target.content && target.content.length > 0 && target.state !== 'new') {
      entries.push({
        lang, source: segment.content, codes: segment.codes, target: target.content, state: target.state,
        ...(target.provenance ? { provenance: target.provenance } : {}),
        origin, context: contextOf(segments, i), codesKnown: true,
      });
    }
    // A reviewed translation whose source later changed lives on only as a previous version.
    for (const m of target.matches ?? []) {
      if (m.kind !== 'previous') continue;
      entries.push({ lang, source: m.source, codes: m.codes, target: m.target, state: m.state, provenance: { origin: 'human' }, origin: m.origin, codesKnown: true });
    }
  });
  return entries;
}

/** Equal scores: the better-reviewed translation first, then a fixed order by content, so that
 *  the offer does not depend on the order entries were stored in. */
function byOffer(a: { item: TmEntry; score: number }, b: { item: TmEntry; score: number }): number {
  return b.score - a.score || trustRank(b.item) - trustRank(a.item) || compare(a.item.origin, b.item.origin) || compare(shapeText(a.item.source), shapeText(b.item.source)) || compare(exactText(a.item.target, a.item.codes), exactText(b.item.target, b.item.codes));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sameContext = (e: TmEntry, context: TmContext | undefined): boolean => context !== undefined && e.context !== undefined && e.context.prev === context.prev && e.context.next === context.next;

/** The best exact candidates first: in context, most trusted, newest. */
export function byExactRank(context: TmContext | undefined): (a: TmEntry, b: TmEntry) => number {
  return (a, b) => Number(sameContext(b, context)) - Number(sameContext(a, context)) || trustRank(b) - trustRank(a) || (b.provenance?.date ?? '').localeCompare(a.provenance?.date ?? '');
}

/** What the memory offers a segment: the best exact match (in context first), and matches to show. */
export function lookupMemory(memory: MemoryIndex, segment: Pick<Segment, 'content' | 'codes'>, lang: string, context: TmContext | undefined, options: LookupOptions = {}): Leverage {
  const usable = options.usable ?? (() => true);
  const threshold = options.threshold ?? DEFAULT_FUZZY_THRESHOLD;
  const limit = options.limit ?? DEFAULT_MATCH_LIMIT;
  const exactCandidates = memory.exactCandidates(segment, lang, context).filter(usable);
  exactCandidates.sort(byExactRank(context));
  const best = exactCandidates[0];
  const matches: TmMatch[] = [];
  const seen = new Set<string>();
  const offer = (entry: TmEntry, kind: TmMatch['kind'], quality: number): void => {
    const key = `${shapeText(entry.source)}\u0000${exactText(entry.target, entry.codes)}`;
    if (seen.has(key) || matches.length >= limit) return;
    seen.add(key);
    matches.push(matchOf(entry, kind, quality));
  };
  const exact = best ? { entry: best, kind: sameContext(best, context) ? 'in-context' as const : 'exact' as const } : undefined;
  if (exact) offer(exact.entry, exact.kind, exact.kind === 'in-context' ? 101 : 100);
  const exactSet = new Set(exactCandidates);
  const found = memory.fuzzyCandidates(normalizeForMatch(shapeText(segment.content)), lang, threshold, limit * 4);
  found.sort(byOffer);
  for (const { item, score } of found) {
    if (exactSet.has(item) || !usable(item)) continue;
    offer(item, 'fuzzy', Math.min(score, 99));
  }
  return { ...(exact ? { exact } : {}), matches };
}

/** The memory held in this process: built from files per job (`pereklad tm export`, a dry run
 *  without the memory on disk, tests), and the layer of files newer than the memory on disk. */
export class TranslationMemory implements MemoryIndex {
  private readonly entries: TmEntry[] = [];
  private readonly byExact = new Map<string, TmEntry[]>();
  private readonly byShape = new Map<string, TmEntry[]>();
  private readonly fuzzy = new Map<string, TrigramIndex<TmEntry>>();

  get size(): number {
    return this.entries.length;
  }

  all(): readonly TmEntry[] {
    return this.entries;
  }

  add(entry: TmEntry): void {
    this.entries.push(entry);
    const push = (map: Map<string, TmEntry[]>, key: string): void => {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    };
    if (entry.codesKnown) push(this.byExact, `${entry.lang}\u0000${exactText(entry.source, entry.codes)}`);
    else push(this.byShape, `${entry.lang}\u0000${shapeText(entry.source)}`);
    let index = this.fuzzy.get(entry.lang);
    // The index recomputes a candidate's text from its entry rather than keep a second copy of it.
    if (!index) this.fuzzy.set(entry.lang, (index = new TrigramIndex<TmEntry>((e) => normalizeForMatch(shapeText(e.source)))));
    index.add(entry, normalizeForMatch(shapeText(entry.source)));
  }

  /** Add every target of a stored article, and the previous versions kept as matches in it. */
  addDocument(doc: TranslatedArticle, origin: string): void {
    for (const entry of documentEntries(doc, origin)) this.add(entry);
  }

  exactCandidates(segment: Pick<Segment, 'content' | 'codes'>, lang: string): TmEntry[] {
    return [
      ...(this.byExact.get(`${lang}\u0000${exactText(segment.content, segment.codes)}`) ?? []),
      ...(this.byShape.get(`${lang}\u0000${shapeText(segment.content)}`) ?? []),
    ];
  }

  fuzzyCandidates(text: string, lang: string, threshold: number, limit: number): Array<{ item: TmEntry; score: number }> {
    return this.fuzzy.get(lang)?.search(text, threshold, limit) ?? [];
  }

  lookup(segment: Pick<Segment, 'content' | 'codes'>, lang: string, context: TmContext | undefined, options: LookupOptions = {}): Leverage {
    return lookupMemory(this, segment, lang, context, options);
  }
}

export function contextOf(segments: readonly Pick<Segment, 'text'>[], i: number): TmContext {
  return { prev: segments[i - 1]?.text ?? '', next: segments[i + 1]?.text ?? '' };
}
