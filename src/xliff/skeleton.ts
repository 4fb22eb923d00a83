// The article's layout as the XLIFF file carries it: everything that is not segment text
// (metadata, blank lines, the whitespace between sentences), so that the translated article can be
// rebuilt from the XLIFF file alone. JSON because its escaping is exact for any character,
// including the CRs and tabs a hand-made template would have to invent rules for.
import type { Article, Block, BlockKind } from '../model.js';
import { BadInputError } from '../errors.js';

export const SKELETON_FORMAT = 'pereklad-skeleton/1';
export const SKELETON_MEDIA_TYPE = 'application/x-pereklad-skeleton+json';

export interface SkeletonBlock {
  id: string;
  kind: BlockKind;
  lang: string;
  before: string;
  /** Segment ids in order, each with the whitespace after it. */
  segments: Array<[id: string, after: string]>;
  /** The block's `context` (src/formats/), when it has one. */
  context?: string;
}

export interface Skeleton {
  format: typeof SKELETON_FORMAT;
  article: string;
  path: string;
  sourceLang: string;
  metadata: Article['metadata'];
  leading: string;
  metadataText: string;
  blocks: SkeletonBlock[];
  trailing: string;
  /** Paired markup codes by segment id, `[id, text, role, pair, kind]`: XLIFF 1.2 `<g>`/`<bx>`/`<ex>`
   *  carry no text, so the markup they stand for is kept here. Absent when no segment has any. */
  pairs?: Record<string, Array<[id: string, text: string, role: 'open' | 'close', pair: string, kind: string]>>;
}

export function skeletonOf(article: Article): Skeleton {
  return {
    format: SKELETON_FORMAT,
    article: article.id,
    path: article.path,
    sourceLang: article.sourceLang,
    metadata: article.metadata,
    leading: article.leading,
    metadataText: article.metadataText,
    blocks: article.blocks.map((block: Block) => ({
      id: block.id,
      kind: block.kind,
      lang: block.lang,
      before: block.before,
      segments: block.segments.map((s): [string, string] => [s.id, s.after]),
      ...(block.context !== undefined ? { context: block.context } : {}),
    })),
    trailing: article.trailing,
    ...pairsOf(article),
  };
}

function pairsOf(article: Article): Pick<Skeleton, 'pairs'> {
  const pairs: NonNullable<Skeleton['pairs']> = {};
  for (const block of article.blocks) {
    for (const segment of block.segments) {
      const paired = segment.codes.filter((c) => c.role !== undefined && c.pair !== undefined);
      if (paired.length > 0) pairs[segment.id] = paired.map((c) => [c.id, c.text, c.role!, c.pair!, c.kind]);
    }
  }
  return Object.keys(pairs).length > 0 ? { pairs } : {};
}

function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

export function parseSkeleton(json: string, file: string): Skeleton {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new BadInputError(file, 'its pereklad skeleton is not valid JSON (the file was edited by hand?)');
  }
  const s = value as Partial<Skeleton>;
  const ok =
    s !== null && typeof s === 'object' && s.format === SKELETON_FORMAT &&
    typeof s.article === 'string' && typeof s.path === 'string' && typeof s.leading === 'string' &&
    typeof s.metadataText === 'string' && typeof s.trailing === 'string' && Array.isArray(s.blocks) &&
    s.blocks.every((b) => typeof b?.id === 'string' && typeof b.before === 'string' && Array.isArray(b.segments) && b.segments.every(isStringPair));
  if (!ok) throw new BadInputError(file, `its skeleton is not in ${SKELETON_FORMAT} format`);
  return s as Skeleton;
}
