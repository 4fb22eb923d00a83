// Leverage: what a language of an article gets before any MT is asked.
//  1. carry over: every target the article's own XLIFF holds for an unchanged sentence stays as it
//     is, state and matches included (so a reviewed unit survives re-runs byte for byte);
//  2. previous version: a sentence whose source changed keeps its old human translation as a
//     match (`previous`), so the reviewer sees it next to the new MT — it is never overwritten;
//     a reviewed one whose edit touched no word stays the target, needing review (source-edit.ts);
//  3. memory: an in-context exact or exact match from anywhere in the memory fills the target,
//     as `translated` (needing review, never reviewed or final by itself); fuzzy matches are
//     only offered. What is still without a target goes to MT.
import type { Article, Segment, TargetSegment, TmMatch, TranslatedArticle } from '../model.js';
import { allSegments, isKept } from '../model.js';
import type { Engine } from '../mt/engine.js';
import { carryOver } from './reuse.js';
import { contextOf, lookupMemory, mapTargetCodes, shapeText, trustRank, type MemoryIndex, type TmEntry } from './tm.js';
import { normalizeForMatch, similarity } from './fuzzy.js';
import { keptAcrossEdit, type SourceEditOptions } from './source-edit.js';

export interface LeveragedLanguage {
  /** Targets that need no MT: carried over, or filled from an exact memory match. */
  kept: Map<string, TargetSegment>;
  /** Matches for the segments that still need a translation, to show beside it. */
  matches: Map<string, TmMatch[]>;
  carried: number;
  /** Segments filled from an exact memory match. */
  leveraged: number;
}

/** Pseudo text is only ever reused by another pseudo run. */
export function usableFor(engine: Engine | null): (entry: TmEntry) => boolean {
  return (entry) => !(entry.provenance?.engine === 'pseudo' && !engine?.pseudo);
}

function previousVersion(segment: Segment, previous: TranslatedArticle | undefined, previousSegments: ReadonlyMap<string, Segment>, origin: string): TmMatch | undefined {
  if (!previous) return undefined;
  const old = previousSegments.get(segment.id);
  const target = old && previous.targets.get(old.id);
  if (!old || !target?.content || old.text === segment.text) return undefined;
  // MT can be bought again; a person's translation cannot.
  if (trustRank(target) < 2 || target.provenance?.engine === 'pseudo') return undefined;
  const quality = similarity(normalizeForMatch(shapeText(old.content)), normalizeForMatch(shapeText(segment.content)));
  return { kind: 'previous', quality, origin, source: old.content, codes: old.codes, target: target.content, state: target.state };
}

export function leverageLanguage(
  article: Article,
  lang: string,
  previous: TranslatedArticle | undefined,
  previousOrigin: string,
  memory: MemoryIndex,
  engine: Engine | null,
  sourceEdits: SourceEditOptions = {},
): LeveragedLanguage {
  const kept = carryOver(article, previous, engine);
  const carried = kept.size;
  const matches = new Map<string, TmMatch[]>();
  let leveraged = 0;
  const segments = [...allSegments(article)];
  const previousSegments = new Map(previous ? [...allSegments(previous.article)].map((s): [string, Segment] => [s.id, s]) : []);
  const foreign = new Set(article.blocks.filter((b) => isKept(b.kind)).flatMap((b) => b.segments.map((s) => s.id)));
  segments.forEach((segment, i) => {
    if (kept.has(segment.id) || foreign.has(segment.id)) return;
    const found = lookupMemory(memory, segment, lang, contextOf(segments, i), { usable: usableFor(engine) });
    const old = previousVersion(segment, previous, previousSegments, previousOrigin);
    // A reviewed sentence whose source edit touched no word keeps its translation (needs review).
    const keptEdit = old && keptAcrossEdit(old, previous!.targets.get(segment.id)!, segment.content, sourceEdits);
    if (keptEdit) {
      kept.set(segment.id, keptEdit);
      return;
    }
    const offered = old
      ? [old, ...found.matches.filter((m) => !(shapeText(m.source) === shapeText(old.source) && JSON.stringify(m.target) === JSON.stringify(old.target)))]
      : found.matches;
    if (found.exact) {
      const { entry } = found.exact;
      leveraged++;
      kept.set(segment.id, {
        segmentId: segment.id,
        state: 'translated',
        content: mapTargetCodes(entry.target, entry.source, segment.content),
        provenance: entry.provenance ?? { origin: 'human' },
        flags: [],
        ...(offered.length > 0 ? { matches: offered } : {}),
      });
    } else if (offered.length > 0) {
      matches.set(segment.id, offered);
    }
  });
  return { kept, matches, carried, leveraged };
}
