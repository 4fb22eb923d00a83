// The document model that every stage speaks: article → block → segment, and the
// translated view of it (targets with states and provenance) that XLIFF stores.

/** One stretch of protected text (URL, @handle, #hashtag, emoji, …) that must reach the
 *  target unchanged. In XLIFF it travels as an inline code; MT engines see a placeholder tag. */
export interface InlineCode {
  /** Unique inside its segment, "1", "2", … in order of appearance in the source. */
  id: string;
  kind: ProtectedKind;
  /** The exact source characters. */
  text: string;
  /** Markup codes come in pairs (`**` … `**`, `<a href="…">` … `</a>`): `open` and `close` halves,
   *  each naming the other's id in `pair`. Absent for a standalone code (a URL, an image, `<br>`). */
  role?: 'open' | 'close';
  pair?: string;
}

export type ProtectedKind = 'url' | 'email' | 'handle' | 'hashtag' | 'emoji'
  /** What i18next interprets in a resource value (src/formats/i18next/syntax.ts): `{{name}}`
   *  interpolation, `$t(key)` nesting, react-i18next/HTML markup and entities. */
  | 'placeholder' | 'nesting' | 'markup'
  /** Engine-side protection only (src/mt/glossary-engine.ts): numbers that must stay and glossary
   *  "do not translate" terms; they never appear in a Segment's codes or in XLIFF. */
  | 'number' | 'term'
  /** Markup of a source format (src/formats/): kept as the source wrote it, shown to translators
   *  as tags. `markup` is any other inline markup (inline HTML, a link's title delimiters, …). */
  | MarkupKind;

export type MarkupKind = 'bold' | 'italic' | 'strike' | 'code' | 'link' | 'image' | 'break' | 'entity' | 'markup';
export const MARKUP_KINDS: readonly MarkupKind[] = ['bold', 'italic', 'strike', 'code', 'link', 'image', 'break', 'entity', 'markup'];

export function isMarkupKind(kind: ProtectedKind): kind is MarkupKind {
  return (MARKUP_KINDS as readonly string[]).includes(kind);
}

/** Segment content: plain text runs interleaved with inline codes. */
export type Fragment = string | { code: string };
export type Content = Fragment[];

export interface Segment {
  /** Stable inside its article: `<block id>-<n>`, e.g. `p3-2`. */
  id: string;
  /** The sentence exactly as it stands in the source (trimmed). */
  text: string;
  /** `text` with protected spans replaced by inline code references. */
  content: Content;
  codes: InlineCode[];
  /** Whitespace that follows the segment inside its block (the last segment has ''). */
  after: string;
}

/** `foreign` and `embed` blocks are kept as they stand (isKept); every other kind is translated. The kinds besides
 *  `paragraph` come from structured formats (src/formats/): `attribute` is a translatable attribute
 *  or front-matter value (`alt`, `title`, meta description, YAML `title`). */
export type BlockKind = 'paragraph' | 'foreign' | 'embed' | 'heading' | 'list-item' | 'quote' | 'table-cell' | 'caption' | 'attribute';

/** Blocks kept as they stand, never translated: text quoted in another language (`foreign`) and
 *  posts embedded from a social network (`embed`, quoted as published). */
export function isKept(kind: BlockKind): boolean {
  return kind === 'foreign' || kind === 'embed';
}

export interface Block {
  /** `p1`, `p2`, … in order. */
  id: string;
  kind: BlockKind;
  /** Language of the block's text: `uk` for article text; another code for text quoted in
   *  another language (an embedded English post), which is kept as it stands. */
  lang: string;
  /** Everything between the previous block (or the metadata) and this block's first character:
   *  blank lines, indentation. Kept verbatim so that reassembly is byte-exact. */
  before: string;
  segments: Segment[];
  /** Where the format writes this block's translation when that needs its own escaping (a YAML
   *  plain scalar, a quoted HTML attribute); read only by the block's format (src/formats/). */
  context?: string;
}

export interface ArticleMetadata {
  /** `2025-06` from a leading `date 2025-06` marker. */
  date?: string;
  /** Set when the "article" is an i18next namespace of the site's own strings
   *  (src/formats/i18next/): each segment is one key, its id the key. */
  i18next?: { namespace: string; source: string };
  /** The source format's name (src/formats/), when not plain text. */
  format?: string;
}

/** Every inline-code kind that XLIFF and TMX carry (engine-only kinds excluded). */
export const STORED_KINDS: readonly ProtectedKind[] = ['url', 'email', 'handle', 'hashtag', 'emoji', 'placeholder', 'nesting', ...MARKUP_KINDS];

export interface Article {
  /** Path under the source folder without extension, `/`-separated: `2025-06/lukashenko-kellogg-minsk`. */
  id: string;
  /** Source path relative to the source folder, with extension. */
  path: string;
  sourceLang: string;
  metadata: ArticleMetadata;
  /** The metadata text exactly as it stands before the first block (`date 2025-06`), '' if none. */
  metadataText: string;
  /** Leading text before the metadata (whitespace). */
  leading: string;
  blocks: Block[];
  /** Whitespace after the last block. */
  trailing: string;
}

/** One model of translation states for both XLIFF versions. */
export type SegmentState = 'new' | 'translated' | 'reviewed' | 'final';

/** Who produced a target: an MT engine or a person (`human`). */
export interface Provenance {
  origin: 'mt' | 'human';
  /** Engine name for MT (`deepl`, `pseudo`, …). */
  engine?: string;
  /** ISO date-time the target was produced. */
  date?: string;
}

export interface TargetSegment {
  segmentId: string;
  state: SegmentState;
  /** Target content, inline codes by id; undefined when there is no translation yet. */
  content?: Content;
  provenance?: Provenance;
  /** Problems found with this target (a dropped protected span, …), shown to translators. */
  flags: string[];
  /** Translation-memory matches offered to translators (1.2 `<alt-trans>`, 2.0 `<mtc:match>`);
   *  suggestions only, never the target without review. */
  matches?: TmMatch[];
  /** The machine translation a person edited into this target, when it was kept (import of a
   *  reviewed file, or a store that keeps it); the review page shows the edit as a diff. */
  mtOriginal?: { content: Content; engine?: string };
}

/** How a translation-memory match relates to the segment it is offered for. */
export type TmMatchKind = 'in-context' | 'exact' | 'fuzzy' | 'previous' | 'mt';

/** A translation from the memory offered for a segment, with its own source and codes. */
export interface TmMatch {
  kind: TmMatchKind;
  /** Percentage as CAT tools show it: 101 in-context exact, 100 exact, below 100 fuzzy. */
  quality: number;
  /** Where the match came from: a file relative to the project (`locales/de/a.xlf`, `tm/x.tmx`). */
  origin: string;
  /** The memory's source (which may differ from the segment's), codes by `codes`' ids. */
  source: Content;
  codes: InlineCode[];
  /** The memory's translation, codes by the same ids as `source`. */
  target: Content;
  /** State of the translation where it came from. */
  state: SegmentState;
}

/** An article as stored for one target language: the source model plus targets. */
export interface TranslatedArticle {
  article: Article;
  targetLang: string;
  /** ISO date-time of the job that wrote the file. */
  written: string;
  targets: Map<string, TargetSegment>;
}

/** The text of content with every inline code restored from its segment's codes. */
export function contentText(content: Content, codes: readonly InlineCode[]): string {
  let out = '';
  for (const fragment of content) {
    if (typeof fragment === 'string') out += fragment;
    else {
      const code = codes.find((c) => c.id === fragment.code);
      if (!code) throw new Error(`inline code ${fragment.code} has no source span`);
      out += code.text;
    }
  }
  return out;
}

export function* allSegments(article: Article): Generator<Segment> {
  for (const block of article.blocks) yield* block.segments;
}

/** The language without region, lower-cased: `en` for `en-GB`. */
export function baseLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? lang;
}
