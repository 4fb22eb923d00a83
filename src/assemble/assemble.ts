// assemble: the translated article rebuilt from what an XLIFF file holds — its skeleton and
// targets — with the source's layout. Segments without a translation fall back to the source
// text and are counted, so an editor knows the copy is incomplete.
import type { TranslatedArticle } from '../model.js';
import { contentText } from '../model.js';

export interface AssembledArticle {
  text: string;
  /** Translatable segments shown in the source language because they have no target yet. */
  untranslated: number;
  /** Translatable segments in all. */
  segments: number;
}

export function assembleArticle(doc: TranslatedArticle): AssembledArticle {
  const { article } = doc;
  let text = article.leading + article.metadataText;
  let untranslated = 0;
  let segments = 0;
  for (const block of article.blocks) {
    text += block.before;
    for (const segment of block.segments) {
      const target = doc.targets.get(segment.id);
      if (block.kind === 'foreign') {
        text += segment.text;
      } else {
        segments++;
        if (target?.content) text += contentText(target.content, segment.codes);
        else {
          untranslated++;
          text += segment.text;
        }
      }
      text += segment.after;
    }
  }
  return { text: text + article.trailing, untranslated, segments };
}
