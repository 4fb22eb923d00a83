// Writing a translation back in its source's format: the source's own bytes for everything that
// is not translated text (skeleton, inline codes), and each target text run escaped for the place
// it goes. A run that also stands in the segment's source is written as the source had it (already
// in the format's syntax), so the identity translation gives the source back byte for byte.
import { isKept } from '../model.js';
import type { Article, Content, Segment } from '../model.js';
import { formatOf } from './registry.js';

/** Whether the text after `piece` stands at a line's start (a break, then blanks and quote markers
 *  only), given whether the text before it did. Kept piece by piece: testing the block's whole text
 *  so far at every run would cost a block of n sentences n² (a 4,000-sentence paragraph: seconds). */
function lineStartAfter(before: boolean, piece: string): boolean {
  const last = Math.max(piece.lastIndexOf('\n'), piece.lastIndexOf('\r'));
  if (!/^[ \t>]*$/u.test(piece.slice(last + 1))) return false;
  return last >= 0 || before;
}

export interface WrittenDocument {
  text: string;
  /** Translatable segments written in the source language because they have no target. */
  untranslated: number;
  segments: number;
}

/** The article with every segment that has a target (`targetOf`) translated. `targetLang` lets the
 *  format mark the document's language (HTML `lang`/`dir`); without it the document is left as is. */
export function writeTranslated(article: Article, targetOf: (segment: Segment) => Content | undefined, targetLang?: string): WrittenDocument {
  const format = formatOf(article);
  let text = article.leading + article.metadataText;
  let untranslated = 0;
  let segments = 0;
  for (const block of article.blocks) {
    text += block.before;
    let written = '';
    // A block begins a line in every structured format.
    let lineStart = true;
    const append = (piece: string): void => {
      written += piece;
      lineStart = lineStartAfter(lineStart, piece);
    };
    let source = '';
    for (const segment of block.segments) {
      source += segment.text + segment.after;
      const target = isKept(block.kind) ? undefined : targetOf(segment);
      if (!isKept(block.kind)) {
        segments++;
        if (!target) untranslated++;
      }
      if (!target) { append(segment.text + segment.after); continue; }
      const sourceRuns = new Set(segment.content.filter((f): f is string => typeof f === 'string'));
      target.forEach((f, k) => {
        const next = target[k + 1];
        const fresh = (run: unknown): run is string => typeof run === 'string' && !sourceRuns.has(run);
        if (typeof f === 'string') { append(fresh(f) ? format.escapeText(f, block, { lineStart }) : f); return; }
        const code = segment.codes.find((c) => c.id === f.code);
        if (!code) throw new Error(`inline code ${f.code} has no source span`);
        append(fresh(next) && format.codeBeforeRun ? format.codeBeforeRun(code, next) : code.text);
      });
      append(segment.after);
    }
    text += format.finishBlock ? format.finishBlock(written, block, source) : written;
  }
  text += article.trailing;
  if (targetLang !== undefined && format.finishDocument) text = format.finishDocument(text, targetLang);
  return { text, untranslated, segments };
}
