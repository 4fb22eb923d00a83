// parse: article text → metadata + blocks (paragraphs) + segments, keeping every character of
// layout (indentation, blank lines, the whitespace between sentences) so reassembly is byte-exact.
import type { Article, Block, BlockKind, Segment } from '../model.js';
import { sentenceSpans, type SegmentationRules } from '../segment/split.js';
import { protectSpans } from '../protect/protect.js';

// The newsroom's export puts `date YYYY-MM[-DD]` before the first paragraph, on the same line.
const METADATA = /^date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|$)/u;

// A paragraph: from a non-space character up to the last character before a blank line. Written
// as a loop instead of one regex so that long inputs stay linear.
function paragraphRanges(text: string, from: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let i = from;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/u.test(text[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let lastNonSpace = i;
    let lineHasText = true;
    let blankLine = false;
    while (i < n) {
      const ch = text[i]!;
      if (ch === '\n') {
        if (!lineHasText) { blankLine = true; break; }
        lineHasText = false;
      } else if (!/\s/u.test(ch)) {
        lineHasText = true;
        lastNonSpace = i;
      }
      i++;
    }
    ranges.push([start, lastNonSpace + 1]);
    if (blankLine) i = lastNonSpace + 1;
  }
  return ranges;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const ENGLISH_WORD = /\b(?:the|of|and|with|for|to|in|is|was|a|an|on|at|by|from)\b/iu;

/** A block with Latin letters and no Cyrillic is quoted foreign text (an embedded post, its
 *  attribution line): kept as it stands rather than sent to MT as if it were Ukrainian. */
export function blockLanguage(text: string, sourceLang: string): { kind: BlockKind; lang: string } {
  if (CYRILLIC.test(text) || !LATIN.test(text)) return { kind: 'paragraph', lang: sourceLang };
  return { kind: 'foreign', lang: ENGLISH_WORD.test(text) ? 'en' : 'und-Latn' };
}

export function segmentBlockText(blockId: string, text: string, lang: string, rules?: SegmentationRules): Segment[] {
  const spans = sentenceSpans(text, lang, rules);
  return spans.map((span, index) => {
    const sentence = text.slice(span.start, span.end);
    const next = spans[index + 1];
    const { content, codes } = protectSpans(sentence);
    return {
      id: `${blockId}-${index + 1}`,
      text: sentence,
      content,
      codes,
      after: next ? text.slice(span.end, next.start) : text.slice(span.end),
    };
  });
}

/** `rules`: the project's segmentation rules for the source language (default: built-in). */
export function parseArticle(text: string, id: string, path: string, sourceLang = 'uk', rules?: SegmentationRules): Article {
  const leadingLength = text.length - text.trimStart().length;
  const leading = text.slice(0, leadingLength);
  const meta = METADATA.exec(text.slice(leadingLength));
  const metadataText = meta ? meta[0] : '';
  const bodyStart = leadingLength + metadataText.length;

  const blocks: Block[] = [];
  let cursor = bodyStart;
  for (const [start, end] of paragraphRanges(text, bodyStart)) {
    const blockText = text.slice(start, end);
    const blockId = `p${blocks.length + 1}`;
    const { kind, lang } = blockLanguage(blockText, sourceLang);
    blocks.push({ id: blockId, kind, lang, before: text.slice(cursor, start), segments: segmentBlockText(blockId, blockText, lang, lang === sourceLang ? rules : undefined) });
    cursor = end;
  }
  return {
    id,
    path,
    sourceLang,
    metadata: meta ? { date: meta[1] } : {},
    metadataText,
    leading,
    blocks,
    trailing: text.slice(cursor),
  };
}

/** The source text again, from the model: the identity reassembly. */
export function articleSourceText(article: Article): string {
  let out = article.leading + article.metadataText;
  for (const block of article.blocks) {
    out += block.before;
    for (const segment of block.segments) out += segment.text + segment.after;
  }
  return out + article.trailing;
}
