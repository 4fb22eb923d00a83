// Building an article from a structured source: a reader walks its parser's tree in source order
// and says "this range is a block of this kind, with markup at these offsets"; everything between
// blocks is kept verbatim as the next block's `before` (or the article's `trailing`). The builder
// does what every format needs the same way: sentence segmentation that never cuts inside a paired
// code, protected spans (URLs, handles, …) in the text runs, and code ids per segment.
import type { Article, Block, BlockKind, Content, InlineCode, MarkupKind, Segment } from '../model.js';
import { sentenceSpans, type SegmentationRules } from '../segment/split.js';
import { protectSpans } from '../protect/protect.js';
import { blockLanguage } from '../source/parse.js';
import { entityChar } from './escape.js';

/** One piece of markup inside a block, by absolute offsets in the source. */
export interface MarkupSpan {
  start: number;
  end: number;
  kind: MarkupKind;
  role?: 'open' | 'close';
  /** For a paired half: the index of the other half in the same list. */
  pair?: number;
}

export interface BlockOptions {
  kind: BlockKind;
  /** Kept as it stands whatever its language: `foreign`, or `embed` when `kind` says so (a post
   *  embedded from a social network). */
  keep?: boolean;
  /** Where a translation of this block is written (a YAML plain scalar, a double-quoted attribute):
   *  read by the format's writer to escape for that place. */
  context?: string;
}

const WHITESPACE = /\s/u;

/** A block that starts inside the one before it: the parser built the tree from text it had
 *  already placed (HTML that a browser repairs by copying an unclosed tag into the next block). */
export class OverlapError extends Error {
  constructor(readonly at: number, readonly previousEnd: number) {
    super(`block at ${at} overlaps the previous one (ends ${previousEnd})`);
  }
}

export class ArticleBuilder {
  private cursor = 0;
  private readonly blocks: Block[] = [];

  constructor(
    private readonly source: string,
    private readonly sourceLang: string,
    private readonly rules: SegmentationRules | undefined,
    private readonly options: { softBreaks?: boolean } = {},
  ) {}

  /** The text `[start, end)` (offsets into the source) as a block; markup inside it by offsets.
   *  Leading and trailing whitespace stays outside; a range without text is no block. */
  block(start: number, end: number, markup: readonly MarkupSpan[], options: BlockOptions): void {
    if (start < this.cursor) throw new OverlapError(start, this.cursor);
    while (start < end && WHITESPACE.test(this.source[start]!)) start++;
    while (end > start && WHITESPACE.test(this.source[end - 1]!)) end--;
    const inside = markup.filter((m) => m.start >= start && m.end <= end);
    if (!hasText(this.source, start, end, inside)) return;
    // Markup at either edge stays with the block (a heading's closing `</h2>` belongs to the skeleton,
    // but `**…**` that wraps the whole line is the sentence's).
    const text = this.source.slice(start, end);
    const plain = plainText(this.source, start, end, inside);
    const language = options.keep ? { kind: 'foreign' as const, lang: blockLanguage(plain, this.sourceLang).lang } : blockLanguage(plain, this.sourceLang);
    const kind: BlockKind = options.keep && options.kind === 'embed' ? 'embed' : language.kind === 'foreign' ? 'foreign' : options.kind;
    const id = `p${this.blocks.length + 1}`;
    const relative = inside.map((m) => ({ ...m, start: m.start - start, end: m.end - start }));
    const remap = new Map(markup.map((m, i) => [m, i]));
    // Pair indexes point into `markup`; re-point them into `inside`.
    const indexIn = new Map(inside.map((m, i) => [remap.get(m)!, i]));
    const spans = relative.map((m) => ({ ...m, pair: m.pair !== undefined ? indexIn.get(m.pair) : undefined }));
    this.blocks.push({
      id,
      kind,
      lang: language.lang,
      before: this.source.slice(this.cursor, start),
      segments: segmentWithMarkup(id, text, spans, language.lang, language.lang === this.sourceLang ? this.rules : undefined, this.options.softBreaks ?? false),
      ...(options.context !== undefined ? { context: options.context } : {}),
    });
    this.cursor = end;
  }

  finish(id: string, path: string, format: string): Article {
    return {
      id,
      path,
      sourceLang: this.sourceLang,
      metadata: { format },
      metadataText: '',
      leading: '',
      blocks: this.blocks,
      trailing: this.source.slice(this.cursor),
    };
  }
}

function hasText(source: string, start: number, end: number, markup: readonly MarkupSpan[]): boolean {
  return /[\p{L}\p{N}]/u.test(plainText(source, start, end, markup));
}

/** The block's text without its markup: what language detection looks at. */
function plainText(source: string, start: number, end: number, markup: readonly MarkupSpan[]): string {
  let out = '';
  let at = start;
  for (const m of [...markup].sort((a, b) => a.start - b.start)) {
    if (m.start > at) out += source.slice(at, m.start);
    at = Math.max(at, m.end);
  }
  return out + source.slice(at, end);
}

interface Region { start: number; end: number }

// What the segmenter reads in place of a code: paired markup is nothing (`**Увага!**` is the
// sentence `Увага!`), a hard break or a quote's `>` is a space, an entity its character; other
// codes their own text, so URLs and handles look to it as they always did.

function stand(m: MarkupSpan, text: string): string {
  const source = text.slice(m.start, m.end);
  if (m.role !== undefined) return '';
  if (m.kind === 'break' || (m.kind === 'markup' && /^[\s>]*$/u.test(source))) return ' ';
  if (m.kind === 'entity') return entityChar(source) ?? 'x';
  return source;
}

/** Sentence spans of `text` (offsets into it) found on the text as the segmenter should read it. */
function sentenceSpansAround(text: string, sorted: readonly MarkupSpan[], lang: string, rules: SegmentationRules | undefined, softBreaks: boolean): Array<{ start: number; end: number }> {
  let plain = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  const copy = (upTo: number): void => {
    for (; at < upTo; at++) { plain += softBreaks && (text[at] === '\n' || text[at] === '\r') ? ' ' : text[at]; from.push(at); to.push(at + 1); }
  };
  for (const m of sorted) {
    if (m.start < at) continue;
    copy(m.start);
    const stands = stand(m, text);
    if (stands === text.slice(m.start, m.end)) copy(m.end);
    else for (const ch of stands) { plain += ch; from.push(m.start); to.push(m.end); }
    at = m.end;
  }
  copy(text.length);
  return sentenceSpans(plain, lang, rules).map((s) => ({ start: from[s.start]!, end: to[s.end - 1]! }));
}

/** Sentences of a block whose markup is given by offsets into `text`. A boundary inside a code or
 *  between the halves of a pair is dropped (the sentences stay one unit): OmegaT and xliff-check
 *  both accept a unit whose `<g>` holds two sentences, while a pair cut in two needs `<bx>`/`<ex>`
 *  in two units that no CAT tool lets a translator keep balanced. */
/** `softBreaks`: a line break inside a block is a space (Markdown, HTML), not the end of a line
 *  the plain-text segmenter may read as a headline's. */
export function segmentWithMarkup(blockId: string, text: string, markup: readonly MarkupSpan[], lang: string, rules?: SegmentationRules, softBreaks = false): Segment[] {
  const sorted = markup.map((m, i) => ({ ...m, index: i })).sort((a, b) => a.start - b.start);
  const raw = sentenceSpansAround(text, sorted, lang, rules, softBreaks);
  // A sentence that ends right before closing markup (`**Увага!**`) takes the markup with it, and
  // one that starts right after opening markup takes that.
  for (let i = 0; i < raw.length; i++) {
    const span = raw[i]!;
    const floor = i > 0 ? raw[i - 1]!.end : 0;
    for (let moved = true; moved;) {
      moved = false;
      for (const m of sorted) {
        if (m.role === 'close' && m.start === span.end) { span.end = m.end; moved = true; }
        if (m.role === 'open' && m.end === span.start && m.start >= floor) { span.start = m.start; moved = true; }
      }
    }
    const next = raw[i + 1];
    if (next && next.start < span.end) next.start = span.end;
  }
  // Nothing of the block may fall outside its sentences: leading or trailing markup joins them.
  const first = raw[0];
  const last = raw[raw.length - 1];
  if (first) first.start = 0;
  if (last) last.end = text.length;
  const spans = raw.filter((s) => s.end > s.start);
  const regions: Region[] = [];
  for (const m of sorted) {
    if (m.role === 'open' && m.pair !== undefined) regions.push({ start: m.start, end: markup[m.pair]!.end });
    else if (m.role === undefined) regions.push({ start: m.start, end: m.end });
  }
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    // A code or pair that crosses the end of the previous sentence or the start of this one ties
    // them; one wholly between them stays there, in the whitespace kept after the first.
    if (last && regions.some((r) => (r.start < last.end && r.end > last.end) || (r.start < span.start && r.end > span.start))) last.end = span.end;
    else merged.push({ start: span.start, end: span.end });
  }
  if (merged.length === 0) merged.push({ start: 0, end: text.length });
  return merged.map((span, k) => {
    const next = merged[k + 1];
    const { content, codes } = contentWithMarkup(text, span.start, span.end, sorted, markup);
    return {
      id: `${blockId}-${k + 1}`,
      text: text.slice(span.start, span.end),
      content,
      codes,
      after: next ? text.slice(span.end, next.start) : text.slice(span.end),
    };
  });
}

function contentWithMarkup(text: string, start: number, end: number, sorted: ReadonlyArray<MarkupSpan & { index: number }>, all: readonly MarkupSpan[]): { content: Content; codes: InlineCode[] } {
  const content: Content = [];
  const codes: InlineCode[] = [];
  const idOf = new Map<number, string>();
  const addRun = (run: string): void => {
    if (run === '') return;
    const protectedRun = protectSpans(run);
    const renumber = new Map<string, string>();
    for (const code of protectedRun.codes) {
      const id = String(codes.length + 1);
      renumber.set(code.id, id);
      codes.push({ ...code, id });
    }
    for (const f of protectedRun.content) {
      const fragment = typeof f === 'string' ? f : { code: renumber.get(f.code)! };
      if (typeof fragment === 'string' && typeof content[content.length - 1] === 'string') content[content.length - 1] += fragment;
      else content.push(fragment);
    }
  };
  let at = start;
  for (const m of sorted) {
    if (m.start < start || m.end > end) continue;
    addRun(text.slice(at, m.start));
    const id = String(codes.length + 1);
    idOf.set(m.index, id);
    codes.push({ id, kind: m.kind, text: text.slice(m.start, m.end), ...(m.role ? { role: m.role } : {}) });
    content.push({ code: id });
    at = m.end;
  }
  addRun(text.slice(at, end));
  for (const m of sorted) {
    const id = idOf.get(m.index);
    if (id === undefined || m.pair === undefined || all[m.pair] === undefined) continue;
    const other = idOf.get(m.pair);
    const code = codes.find((c) => c.id === id)!;
    if (other !== undefined) code.pair = other;
    else delete code.role; // the other half fell outside this sentence: cannot happen after merging, kept safe
  }
  return { content, codes };
}
