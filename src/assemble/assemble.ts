// assemble: the translated article rebuilt from what an XLIFF file holds — its skeleton and
// targets — with the source's layout, in the source's format (src/formats/write.ts). Segments
// without a translation fall back to the source text and are counted, so an editor knows the
// copy is incomplete.
import type { TranslatedArticle } from '../model.js';
import { writeTranslated } from '../formats/write.js';

export interface AssembledArticle {
  text: string;
  /** Translatable segments shown in the source language because they have no target yet. */
  untranslated: number;
  /** Translatable segments in all. */
  segments: number;
}

export function assembleArticle(doc: TranslatedArticle): AssembledArticle {
  return writeTranslated(doc.article, (segment) => doc.targets.get(segment.id)?.content);
}
