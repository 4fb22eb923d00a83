// Planning DeepL requests: every sentence is its own text (so every translation is DeepL's own
// answer for that sentence, never rebuilt from tags it may move), the sentences of one article are
// packed into as few requests as DeepL's documented limits allow, and each request's free `context`
// holds that article only — its headline and the paragraphs around the request's sentences, trimmed
// to fit — because DeepL applies one context to every text of its request.
//
// Limits (developers.deepl.com, /v2/translate and "translating large volumes"): at most 50 texts and
// 128 KiB of body per request. Sizes are counted as deepl-node sends them: URLSearchParams form
// encoding, in which a Cyrillic letter costs 6 bytes. A request is also capped in billed characters,
// so that its expected latency stays well inside the per-attempt timeout (see `maxCharactersFor`).
import type { EngineSegment } from './engine.js';
import { billableCharacters } from './engine.js';
import { contentToTaggedXml } from './tags.js';
import type { Content, InlineCode } from '../model.js';

/** DeepL answers 413 above this request body size. */
export const DEEPL_MAX_BODY_BYTES = 128 * 1024;
/** DeepL refuses more texts than this in one request. */
export const DEEPL_MAX_TEXTS = 50;
/** Room kept below 128 KiB for what deepl-node adds that is not modelled here (and for a proxy's
 *  re-encoding); a 413 is still handled by splitting, this only makes it rare. */
export const SAFETY_BYTES = 4096;
/** Free context is capped: a longer one adds latency and nothing a sentence needs (the old design
 *  sent up to ~9,000 characters of mixed articles). */
export const CONTEXT_MAX_CHARS = 3000;

/**
 * Characters per second DeepL is assumed to translate in one request when it is slow (the issue's
 * 21,000-character requests overran a 20 s attempt: < 1,050/s). Requests are sized to finish in a
 * quarter of the per-attempt timeout at that rate, so a slow answer arrives before the client gives
 * up — a request abandoned on timeout may already be billed, and its retry is billed again.
 */
export const SLOW_CHARS_PER_SECOND = 1000;

export function maxCharactersFor(timeoutMs: number): number {
  return Math.max(500, Math.floor((timeoutMs / 1000) * SLOW_CHARS_PER_SECOND / 4));
}

/** Bytes of a value as URLSearchParams encodes it (the result is ASCII, so length = bytes). */
export function encodedLength(value: string): number {
  return new URLSearchParams([['', value]]).toString().length - 1;
}

/** Bytes of one `&name=value` parameter. */
export function formBytes(name: string, value: string): number {
  return 2 + name.length + encodedLength(value);
}

/** Body bytes of the parameters every request of a job carries (languages, options). */
export function fixedBodyBytes(params: Record<string, string | undefined>): number {
  let n = 0;
  for (const [name, value] of Object.entries(params)) if (value !== undefined) n += formBytes(name, value);
  return n;
}

/** A sentence as DeepL receives it: XML with `<x id="N"/>` placeholders when it carries inline
 *  codes (sent with tag_handling=xml), its plain text otherwise (sent without tag handling, so
 *  `&` and `<` are text, not markup). */
export function sentenceText(content: Content, codes: readonly InlineCode[] = []): { text: string; tagged: boolean } {
  const tagged = content.some((f) => typeof f !== 'string');
  return { text: tagged ? contentToTaggedXml(content, codes) : content.join(''), tagged };
}

export interface PlannedRequest {
  /** Indexes into the engine's segment list, in article order. */
  indexes: number[];
  /** Whether these sentences carry inline codes (tag_handling=xml for this request). */
  tagged: boolean;
  articleId: string;
  /** The `context` value, '' for none. */
  context: string;
}

export interface PlanOptions {
  /** Body bytes of the fixed parameters, by whether the request is tagged. */
  fixedBytes: (tagged: boolean) => number;
  maxBodyBytes?: number;
  maxTexts?: number;
  /** Billed characters per request (latency), see `maxCharactersFor`. */
  maxCharacters: number;
  /** Send the article's text as `context` (default true). */
  context?: boolean;
}

interface Sized { index: number; textBytes: number; chars: number }

/**
 * Pack each article's sentences, in article order, tagged and plain apart: a request is closed when
 * one more text would pass 50 texts, the character cap, or the body limit with room kept for the
 * headline. A sentence too large for a request on its own still goes alone (DeepL's 413 then
 * splits nothing further and the sentence is reported).
 */
export function planRequests(segments: readonly EngineSegment[], options: PlanOptions): PlannedRequest[] {
  const maxBody = (options.maxBodyBytes ?? DEEPL_MAX_BODY_BYTES) - SAFETY_BYTES;
  const maxTexts = options.maxTexts ?? DEEPL_MAX_TEXTS;
  const withContext = options.context !== false;
  const requests: PlannedRequest[] = [];
  // Group by article (first appearance order), then by tagged/plain.
  const groups = new Map<string, Map<boolean, Sized[]>>();
  segments.forEach((segment, index) => {
    const articleId = segment.context?.articleId ?? `\u0000${index}`;
    let byKind = groups.get(articleId);
    if (!byKind) groups.set(articleId, (byKind = new Map()));
    const { text, tagged } = sentenceText(segment.content, segment.codes);
    let list = byKind.get(tagged);
    if (!list) byKind.set(tagged, (list = []));
    list.push({ index, textBytes: formBytes('text', text), chars: billableCharacters(segment.content) });
  });
  for (const [articleId, byKind] of groups) {
    for (const [tagged, sized] of byKind) {
      const first = segments[sized[0]!.index]!;
      // The headline always goes when there is context: keep room for it in every request.
      const headlineBytes = withContext && first.context ? formBytes('context', (first.context.paragraphs[0] ?? '').slice(0, CONTEXT_MAX_CHARS)) : 0;
      const limit = maxBody - options.fixedBytes(tagged) - headlineBytes;
      let current: Sized[] = [];
      let bytes = 0;
      let chars = 0;
      const flush = (): void => {
        if (current.length === 0) return;
        const indexes = current.map((s) => s.index);
        const room = maxBody - options.fixedBytes(tagged) - bytes;
        requests.push({ indexes, tagged, articleId, context: withContext ? contextFor(segments, indexes, room) : '' });
        current = [];
        bytes = 0;
        chars = 0;
      };
      for (const s of sized) {
        if (current.length > 0 && (current.length + 1 > maxTexts || chars + s.chars > options.maxCharacters || bytes + s.textBytes > limit)) flush();
        current.push(s);
        bytes += s.textBytes;
        chars += s.chars;
      }
      flush();
    }
  }
  return requests;
}

/**
 * The free context for a request: its article's headline, then the paragraphs that hold its
 * sentences, then their neighbours outwards (before, after, before, …), in article order, while the
 * character cap and the body room allow; the last piece that does not fit whole is cut at a word.
 */
export function contextFor(segments: readonly EngineSegment[], indexes: readonly number[], roomBytes: number): string {
  const ctx = segments[indexes[0]!]!.context;
  if (!ctx || ctx.paragraphs.length === 0) return '';
  const own = [...new Set(indexes.map((i) => segments[i]!.context?.paragraphIndex ?? ctx.paragraphIndex))].sort((a, b) => a - b);
  const order: number[] = [0, ...own.filter((p) => p !== 0)];
  for (let d = 1; order.length < ctx.paragraphs.length; d++) {
    const before = own[0]! - d;
    const after = own[own.length - 1]! + d;
    if (before < 0 && after >= ctx.paragraphs.length) break;
    if (before > 0 && !order.includes(before)) order.push(before);
    if (after < ctx.paragraphs.length && !order.includes(after)) order.push(after);
  }
  const budgetBytes = roomBytes - formBytes('context', '');
  const chosen = new Map<number, string>();
  let chars = 0;
  let bytes = 0;
  for (const p of order) {
    const text = ctx.paragraphs[p]!;
    const sep = chosen.size === 0 ? 0 : 2;
    const textBytes = encodedLength(text) + sep * 3;
    if (chars + sep + text.length <= CONTEXT_MAX_CHARS && bytes + textBytes <= budgetBytes) {
      chosen.set(p, text);
      chars += sep + text.length;
      bytes += textBytes;
      continue;
    }
    // Cut to what is left, at a word boundary; a cut below a few words is not worth sending.
    const leftChars = CONTEXT_MAX_CHARS - chars - sep - 2;
    // Worst case 12 bytes a character (a 4-byte UTF-8 character percent-encoded).
    const leftByBytes = Math.floor((budgetBytes - bytes - sep * 3) / 12);
    const cut = text.slice(0, Math.max(0, Math.min(leftChars, leftByBytes))).replace(/\s+\S*$/u, '');
    if (cut.length >= 40) chosen.set(p, `${cut} …`);
    break;
  }
  return [...chosen.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('\n\n');
}

/** The fewest requests the documented limits allow for these segments if each article's texts
 *  could share requests with no waste: per article and kind, max(texts ÷ 50, characters ÷ cap). */
export function minimumRequests(segments: readonly EngineSegment[], options: Pick<PlanOptions, 'maxCharacters' | 'maxTexts'>): number {
  const counts = new Map<string, { texts: number; chars: number }>();
  segments.forEach((segment, index) => {
    const key = `${segment.context?.articleId ?? `\u0000${index}`}\u0000${sentenceText(segment.content, segment.codes).tagged}`;
    const c = counts.get(key) ?? { texts: 0, chars: 0 };
    c.texts++;
    c.chars += billableCharacters(segment.content);
    counts.set(key, c);
  });
  let n = 0;
  for (const c of counts.values()) n += Math.max(1, Math.ceil(c.texts / (options.maxTexts ?? DEEPL_MAX_TEXTS)), Math.ceil(c.chars / options.maxCharacters));
  return n;
}
