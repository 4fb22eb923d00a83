// A segment and its target as the checks read them: the texts with protected spans replaced by
// a placeholder, so that the digits of a URL are not numbers and a hashtag is not a word.
import type { Content, Segment, TargetSegment } from '../model.js';

/** Stands for an inline code in the plain texts (Unicode's object replacement character). */
export const CODE_MARK = '\uFFFC';

export interface SegmentView {
  segment: Segment;
  target: Content;
  targetSegment: TargetSegment;
  targetLang: string;
  sourcePlain: string;
  targetPlain: string;
}

export function plainText(content: Content): string {
  return content.map((f) => (typeof f === 'string' ? f : CODE_MARK)).join('');
}

