// The one interface every MT engine implements, and what the job needs to know about each.
import type { Content, InlineCode } from '../model.js';

/** A segment as an engine sees it: content with inline codes, plus the codes' kinds so an engine
 *  that cannot carry tags can still keep the text. */
export interface EngineSegment {
  content: Content;
  codes: InlineCode[];
  /** Where the segment stands in its article, for engines that translate with context. */
  context?: SegmentContext;
}

export interface SegmentContext {
  articleId: string;
  /** Plain text of each paragraph of the article, in order (the headline first); one array shared
   *  by every segment of the article. Free context for DeepL, prompt text for the LLM. */
  paragraphs: readonly string[];
  /** Index of this segment's paragraph in `paragraphs`. */
  paragraphIndex: number;
}

export interface EngineResult {
  /** The translation; inline codes by the same ids as the source. */
  content: Content;
  /** Problems the engine or pereklad found with this translation (a lost sentence marker, a glossary
   *  term not used), shown to translators with the target. */
  flags?: string[];
  /** Set when the engine produced nothing usable for this segment (the reason): `content` is then
   *  empty and must not be stored; the segment stays for translators. Recorded on the unit so the
   *  next run does not ask again (src/mt/failure.ts), unless `transient`. */
  failed?: string;
  /** The failure may pass (429, 5xx, a time-out, a refused request): nothing was answered (so
   *  nothing counts as sent), and the next run sends the segment again. */
  transient?: true;
}

/** What an engine has spent so far, read by the job before and after a language. */
export interface EngineStats {
  requests: number;
  /** Characters billed, as the engine reported them (DeepL `billed_characters`). */
  billedCharacters: number;
  /** Tokens used, for engines that bill tokens (LLM). */
  tokens: number;
  /** Requests that timed out and were sent again: the engine may have billed both attempts. */
  timedOutRequests?: number;
  /** The billable characters of those requests: an upper bound on what was billed twice. */
  maybeBilledTwiceCharacters?: number;
}

/** The account's usage for the current billing period (DeepL `getUsage`). */
export interface EngineUsage {
  characterCount: number;
  /** undefined: the account has no character limit (DeepL reports 10^12 for "no limit"). */
  characterLimit?: number;
  /** Limits set on this API key alone (DeepL `api_key_character_count/limit`), when there is one. */
  keyCharacterCount?: number;
  keyCharacterLimit?: number;
}

/** Characters the account (and the key) may still use this period; undefined when nothing limits it. */
export function remainingCharacters(usage: EngineUsage): number | undefined {
  const left: number[] = [];
  if (usage.characterLimit !== undefined) left.push(usage.characterLimit - usage.characterCount);
  if (usage.keyCharacterLimit !== undefined) left.push(usage.keyCharacterLimit - (usage.keyCharacterCount ?? 0));
  return left.length === 0 ? undefined : Math.max(0, Math.min(...left));
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
  /** Counters of work done so far. */
  readonly stats?: EngineStats;
  /** The engine that serves a target language (`auto` routes per language); null: none does. */
  forTarget?(targetLang: string): Engine | null;
  /** What translating these segments would send and bill, without sending anything (dry run). */
  estimate?(segments: EngineSegment[], sourceLang: string, targetLang: string): { requests: number; billedCharacters: number };
  /** The account's usage before a job, for engines with a quota. */
  usage?(): Promise<EngineUsage>;
  /** The target languages the engine translates into, as it names them (DeepL getTargetLanguages). */
  targetLanguages?(): Promise<string[]>;
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
