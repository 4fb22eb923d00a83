// The one interface every MT engine implements, and what the job needs to know about each.
import type { Content, InlineCode } from '../model.js';

/** A segment as an engine sees it: content with inline codes, plus the codes' kinds so an engine
 *  that cannot carry tags can still keep the text. */
export interface EngineSegment {
  content: Content;
  codes: InlineCode[];
}

export interface EngineResult {
  /** The translation; inline codes by the same ids as the source. */
  content: Content;
}

export interface TranslateOptions {
  onBatch?: (done: Array<{ index: number; result: EngineResult }>) => void | Promise<void>;
}

export interface Engine {
  /** Name recorded as provenance in XLIFF (`deepl`, `pseudo`). */
  readonly name: string;
  /** Whether the engine bills characters: decides what --dry-run and the summary report. */
  readonly paid: boolean;
  /** Pseudo output is for layout checks only: it is never carried over into a real run. */
  readonly pseudo: boolean;
  /** Translate in order; one result per segment. `onBatch` hears each batch of results as soon
   *  as the engine has them (and before the next is awaited), so a job can record paid work
   *  before anything else can fail. */
  translate(segments: EngineSegment[], sourceLang: string, targetLang: string, options?: TranslateOptions): Promise<EngineResult[]>;
}

/** Characters an engine bills for a segment: its text outside inline codes (DeepL bills source
 *  characters and does not count XML tags). Counted in code points, as DeepL does. */
export function billableCharacters(content: Content): number {
  let count = 0;
  for (const fragment of content) if (typeof fragment === 'string') count += [...fragment].length;
  return count;
}

/** A stable key for a segment's content, to send identical segments only once per job. */
export function contentKey(content: Content): string {
  return content.map((f) => (typeof f === 'string' ? f : `\u0000${f.code}\u0000`)).join('');
}
