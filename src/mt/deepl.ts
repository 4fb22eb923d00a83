// The DeepL engine, through the official deepl-node client (`DeepLClient`, for v3 glossaries).
// Every sentence is its own text, so every translation is DeepL's answer for that sentence; the
// sentences of one article share requests whose free `context` is that article
// (src/mt/deepl-requests.ts). This module sends the requests: its own retry loop (deepl-node gets
// one attempt, so that a timed-out request — which DeepL may already have billed — is not silently
// bought again), splitting on 413, slowing down on 429, and a check of every answer.
import type * as deepl from 'deepl-node';
import { deeplNode } from './deepl-node.js';
import pLimit from 'p-limit';
import type { Engine, EngineResult, EngineSegment, EngineStats, EngineUsage, TranslateOptions } from './engine.js';
import { billableCharacters } from './engine.js';
import { contextFor, DEEPL_MAX_BODY_BYTES, fixedBodyBytes, formBytes, maxCharactersFor, planRequests, SAFETY_BYTES, sentenceText, type PlannedRequest } from './deepl-requests.js';
import { DeepLGlossaries } from './deepl-glossary.js';
import { checkTaggedAnswer } from './tags.js';
import type { GlossarySet } from '../glossary/glossary.js';
import { EngineAuthError, EngineError, QuotaExceededError } from '../errors.js';
import { baseLanguage, type Fragment, type InlineCode } from '../model.js';
import { redact } from '../project/redact.js';
import { thousands } from '../project/reporter.js';

/** Per-target-language options from the config (`deepl.languages`). */
export interface DeepLLanguageOptions {
  formality?: deepl.Formality;
  /** Default `quality_optimized`: the model a newsroom pays for, not whatever DeepL picks per key. */
  modelType?: deepl.ModelType;
  /** DeepL `custom_instructions` (up to 10, 300 characters each; de, en, es, fr, it, ja, ko, zh). */
  customInstructions?: string[];
  /** A DeepL style rule id (`style_id`). */
  styleId?: string;
}

export interface DeepLEngineOptions {
  authKey: string;
  serverUrl?: string;
  /** Parallel requests; halved while DeepL answers 429, grown back after successes. */
  concurrency?: number;
  /** Attempts per request for 5xx and connection failures (429 gets four times as many). */
  maxRetries?: number;
  /** Per-attempt timeout in ms; requests are sized so a slow answer still arrives inside it. */
  timeoutMs?: number;
  /** Options by target language (`de`, `en-GB`); a base language serves its regions. */
  languages?: Record<string, DeepLLanguageOptions>;
  glossaries?: GlossarySet;
  /** Names this project's DeepL glossary, so projects on one account never touch each other's. */
  projectId?: string;
  /** Send the article as `context` (default true). */
  context?: boolean;
  /** First back-off in ms after a 429/5xx (doubled per attempt, capped at 30 s); tests make it small. */
  backoffMs?: number;
  /** Billed characters per request; default from the timeout (`maxCharactersFor`). */
  maxCharactersPerRequest?: number;
  /** Only to measure v1 against v2 on the referee; the engine pins TAG_HANDLING_VERSION. */
  tagHandlingVersion?: deepl.TagHandlingVersion;
}

/**
 * Pinned, because DeepL picks the default per account (v2 for accounts that first used tag
 * handling after 2025-12-01, v1 before), so the same pereklad would behave differently per key.
 * v2: DeepL documents better placement of tags and strict XML parsing (a malformed text is a 400,
 * never a guess). pereklad sends one sentence per text with empty `<x id="N"/>` placeholders only,
 * always well-formed, and checks every answer; on the referee (tests/helpers/fake-deepl.ts, which
 * models v1's reported habit of dropping or doubling placeholders and v2's strict parsing) v2 gave
 * 0 flagged sentences where v1 gave one per damaged answer, at the same requests and bill
 * (tests/mt/deepl-referee.test.ts, "tag handling v1 against v2").
 */
export const TAG_HANDLING_VERSION: deepl.TagHandlingVersion = 'v2';
export const DEFAULT_MODEL_TYPE: deepl.ModelType = 'quality_optimized';

// A dry run does not create glossaries; a DeepL glossary id is a UUID, this long in the body.
const GLOSSARY_ID_SIZE = '00000000-0000-0000-0000-000000000000';
/** DeepL reports this limit for an account (or key) without one. */
const NO_LIMIT = 1e12;

export function toDeepLError(err: unknown): Error {
  if (err instanceof deeplNode().AuthorizationError) {
    return new EngineAuthError('DeepL refused the key (403): check DEEPL_AUTH_KEY');
  }
  if (err instanceof deeplNode().QuotaExceededError) {
    return new QuotaExceededError('DeepL character quota is used up (456): what was translated so far is saved; raise the quota or wait for the next billing period');
  }
  if (err instanceof deeplNode().DeepLError) return new EngineError(redact(`DeepL failed: ${oneLine(err.message)}`));
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Why an answer DeepL sent with a success status could not be used, or undefined when DeepL never
 * answered (a connection that failed before a status line: nothing billed, sent again). deepl-node
 * throws a DeepLError "Error parsing response JSON" only after the status check passed (2xx), and
 * a ConnectionError whose axios error carries the response when the body broke off after it.
 */
export function unreadableAnswer(err: unknown): string | undefined {
  if (!(err instanceof deeplNode().DeepLError)) return undefined;
  if (!(err instanceof deeplNode().ConnectionError)) {
    if (!/^Error parsing response JSON/u.test(err.message)) return undefined;
    return /SyntaxError/u.test(err.message) ? 'it is not valid JSON' : 'it is not the JSON DeepL documents';
  }
  const status = responseStatus(err.error);
  return status !== undefined && status >= 200 && status < 300 ? 'it was cut off before its end' : undefined;
}

/** The HTTP status of the response an axios error was raised on, if one had arrived. */
function responseStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response: unknown = error.response;
  if (typeof response !== 'object' || response === null || !('status' in response)) return undefined;
  return typeof response.status === 'number' ? response.status : undefined;
}

function oneLine(message: string): string {
  return message.replace(/\s+/gu, ' ').replace(/, content: .*$/u, '').slice(0, 300);
}

type Outcome =
  | { kind: 'answers'; answers: deepl.TextResult[] }
  | { kind: 'split' }
  /** Not sent: the language stopped first (quota, key); no result, the sentence stays for a later run. */
  | { kind: 'skipped' }
  | { kind: 'failed'; reason: string; transient?: true };

export class DeepLEngine implements Engine {
  readonly name = 'deepl';
  readonly paid = true;
  readonly pseudo = false;
  /** `timeouts` counts every attempt that timed out (resent or not); `split413` counts requests
   *  split after a 413 or a 504. */
  readonly stats: EngineStats & { timeouts: number; retried429: number; split413: number; timedOutRequests: number; maybeBilledTwiceCharacters: number } = {
    requests: 0, billedCharacters: 0, tokens: 0, timeouts: 0, retried429: 0, split413: 0, timedOutRequests: 0, maybeBilledTwiceCharacters: 0,
  };
  private readonly client: deepl.DeepLClient;
  private readonly options: DeepLEngineOptions;
  private readonly serverUrl: string;
  private readonly glossaries: DeepLGlossaries | undefined;
  private readonly maxCharacters: number;

  constructor(options: DeepLEngineOptions) {
    this.options = options;
    this.serverUrl = options.serverUrl ?? (options.authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');
    this.client = new (deeplNode()).DeepLClient(options.authKey, {
      serverUrl: this.serverUrl,
      // maxRetries counts attempts in deepl-node: one, so every retry is decided here.
      maxRetries: 1,
      minTimeout: options.timeoutMs ?? 20_000,
      sendPlatformInfo: false,
      appInfo: { appName: 'pereklad', appVersion: '0.1.0' },
    });
    this.maxCharacters = options.maxCharactersPerRequest ?? maxCharactersFor(options.timeoutMs ?? 20_000);
    this.glossaries = options.glossaries ? new DeepLGlossaries(this.client, options.glossaries, options.projectId) : undefined;
  }

  async targetLanguages(): Promise<string[]> {
    try {
      return (await this.client.getTargetLanguages()).map((l) => l.code);
    } catch (err) {
      const error = toDeepLError(err);
      throw error instanceof EngineError ? error : new EngineError(`DeepL's target languages could not be read: ${oneLine(error.message)}`);
    }
  }

  /**
   * GET /v2/usage, read directly: deepl-node's getUsage drops the key-level fields
   * (`api_key_character_count/limit`). One attempt with a short timeout: the check is advisory.
   */
  async usage(): Promise<EngineUsage> {
    let response: Response;
    try {
      response = await fetch(new URL('/v2/usage', this.serverUrl), {
        headers: { Authorization: `DeepL-Auth-Key ${this.options.authKey}`, 'User-Agent': 'pereklad/0.1.0' },
        signal: AbortSignal.timeout(Math.min(10_000, this.options.timeoutMs ?? 20_000)),
      });
    } catch (err) {
      throw new EngineError(`DeepL usage check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (response.status === 403) throw new EngineAuthError('DeepL refused the key (403): check DEEPL_AUTH_KEY');
    if (!response.ok) throw new EngineError(`DeepL usage check failed: HTTP ${response.status}`);
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const num = (key: string): number | undefined => (typeof body?.[key] === 'number' ? body[key] : undefined);
    const limit = (n: number | undefined): number | undefined => (n === undefined || n >= NO_LIMIT ? undefined : n);
    const count = num('character_count');
    if (count === undefined) throw new EngineError('DeepL usage check failed: the answer has no character_count');
    const usage: EngineUsage = { characterCount: count };
    const accountLimit = limit(num('character_limit'));
    if (accountLimit !== undefined) usage.characterLimit = accountLimit;
    const keyLimit = limit(num('api_key_character_limit'));
    if (keyLimit !== undefined) {
      usage.keyCharacterLimit = keyLimit;
      usage.keyCharacterCount = num('api_key_character_count') ?? 0;
    }
    return usage;
  }

  estimate(segments: EngineSegment[], _sourceLang: string, targetLang: string): { requests: number; billedCharacters: number } {
    const glossaryId = this.glossaries?.covers(targetLang) ? GLOSSARY_ID_SIZE : undefined;
    return {
      requests: this.plan(segments, targetLang, glossaryId).length,
      billedCharacters: segments.reduce((n, s) => n + billableCharacters(s.content), 0),
    };
  }

  async translate(segments: EngineSegment[], sourceLang: string, targetLang: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    let glossaryId: string | undefined;
    try {
      glossaryId = await this.glossaries?.idFor(sourceLang, targetLang);
    } catch (err) {
      throw err instanceof EngineError ? err : toDeepLError(err);
    }
    const results: EngineResult[] = new Array<EngineResult>(segments.length);
    const wanted = this.options.concurrency ?? 4;
    const limit = pLimit(wanted);
    let stop: Error | undefined;
    let calm = 0;
    const onAnswer = (): void => {
      // Grow back one slot per 8 answers without a 429.
      if (limit.concurrency < wanted && ++calm >= 8) { limit.concurrency++; calm = 0; }
    };
    const on429 = (): void => {
      calm = 0;
      limit.concurrency = Math.max(1, Math.floor(limit.concurrency / 2));
    };
    const run = async (request: PlannedRequest): Promise<void> => {
      if (stop) return;
      let outcome: Outcome;
      try {
        // The slot is held while the request is on the wire only.
        outcome = await limit(() => this.send(request, segments, sourceLang, targetLang, glossaryId, { onAnswer, on429, stopped: () => stop !== undefined }));
      } catch (err) {
        // Quota or key: no further request starts; those in flight finish and are kept.
        const error = toDeepLError(err);
        if (!stop) stop = await this.explain(error, request.indexes.reduce((n, i) => n + billableCharacters(segments[i]!.content), 0));
        return;
      }
      if (outcome.kind === 'split') {
        this.stats.split413++;
        await Promise.all(this.halves(request, segments, targetLang, glossaryId).map(run));
        return;
      }
      if (outcome.kind === 'skipped') return;
      const done: Array<{ index: number; result: EngineResult }> = [];
      request.indexes.forEach((index, k) => {
        const result = outcome.kind === 'failed'
          ? { content: [], failed: outcome.reason, ...(outcome.transient ? { transient: true as const } : {}) }
          : this.resultFor(segments[index]!, request.tagged, outcome.answers[k]!);
        results[index] = result;
        done.push({ index, result });
      });
      // The journal (a job's onBatch, with an fsync) runs outside the request slot.
      await options.onBatch?.(done);
    };
    await Promise.all(this.plan(segments, targetLang, glossaryId).map(run));
    if (stop) throw stop;
    return results;
  }

  /** One request with pereklad's retry policy; throws only for what stops the language (403, 456). */
  private async send(
    request: PlannedRequest, segments: readonly EngineSegment[], sourceLang: string, targetLang: string, glossaryId: string | undefined,
    hooks: { onAnswer: () => void; on429: () => void; stopped: () => boolean },
  ): Promise<Outcome> {
    const texts = request.indexes.map((i) => sentenceText(segments[i]!.content, segments[i]!.codes).text);
    const textOptions = this.textOptions(targetLang, request, glossaryId);
    const maxAttempts = Math.max(1, this.options.maxRetries ?? 5);
    let failures = 0;
    let tooMany = 0;
    let timedOut = 0;
    let backoff = this.options.backoffMs ?? 1000;
    for (;;) {
      if (hooks.stopped()) return { kind: 'skipped' };
      let answers: deepl.TextResult[];
      try {
        this.stats.requests++;
        answers = await this.client.translateText(texts, sourceLang as deepl.SourceLanguageCode, targetLang as deepl.TargetLanguageCode, textOptions);
      } catch (err) {
        if (err instanceof deeplNode().AuthorizationError || err instanceof deeplNode().QuotaExceededError) throw err;
        const message = err instanceof Error ? err.message : String(err);
        const unreadable = unreadableAnswer(err);
        if (unreadable !== undefined) {
          // DeepL answered 200, so it translated and billed the request; sending it again would buy
          // it twice. Its characters are counted as billed (the answer's own count is lost with it)
          // and its sentences recorded for translators, as for any other unusable answer.
          hooks.onAnswer();
          this.stats.billedCharacters += request.indexes.reduce((n, i) => n + billableCharacters(segments[i]!.content), 0);
          return { kind: 'failed', reason: `DeepL answered but the answer could not be read (${unreadable}); it is billed, so it is not bought again unasked` };
        }
        if (/status code: 413\b/u.test(message)) {
          if (request.indexes.length > 1) return { kind: 'split' };
          return { kind: 'failed', reason: 'DeepL refused this sentence as too large (413) even alone' };
        }
        // DeepL's own time limit for a request (504): nothing was billed; the same size would time
        // out again, so halves go instead.
        if (/status code: 504\b/u.test(message) && request.indexes.length > 1) return { kind: 'split' };
        if (err instanceof deeplNode().TooManyRequestsError) {
          hooks.on429();
          this.stats.retried429++;
          // A 429 is not billed: wait it out for longer than other failures.
          if (++tooMany >= maxAttempts * 4) return { kind: 'failed', reason: `DeepL answered 429 (too many requests) ${tooMany} times; sent again next run`, transient: true };
        } else if (err instanceof deeplNode().ConnectionError && /timeout/iu.test(message)) {
          // DeepL may have translated (and billed) a request the client stopped waiting for: it is
          // tried once more only, and counted, so the report can say what may be billed twice.
          this.stats.timeouts++;
          const ms = thousands(this.options.timeoutMs ?? 20_000);
          if (++timedOut >= 2) {
            // One sentence alone that cannot be translated in time would time out (and may be
            // billed) again on every run: it is recorded for translators instead.
            if (request.indexes.length === 1) return { kind: 'failed', reason: `DeepL did not answer this sentence within ${ms} ms, twice (each attempt may be billed); raise deepl.timeoutMs to have it machine-translated` };
            return { kind: 'failed', reason: `DeepL did not answer within ${ms} ms twice; sent again next run`, transient: true };
          }
          this.stats.timedOutRequests++;
          this.stats.maybeBilledTwiceCharacters += request.indexes.reduce((n, i) => n + billableCharacters(segments[i]!.content), 0);
        } else if ((err instanceof deeplNode().ConnectionError && err.shouldRetry) || /status code: 5\d\d|Service unavailable|Internal server/iu.test(message)) {
          if (++failures >= maxAttempts) return { kind: 'failed', reason: `DeepL failed ${failures} times (${oneLine(message)}); sent again next run`, transient: true };
        } else {
          return { kind: 'failed', reason: `DeepL refused the request: ${oneLine(message)}`, transient: true };
        }
        await new Promise((resolve) => setTimeout(resolve, backoff * (0.8 + Math.random() * 0.4)));
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      hooks.onAnswer();
      if (answers.length !== texts.length) return { kind: 'failed', reason: `DeepL answered ${answers.length} texts for ${texts.length} sent` };
      for (const answer of answers) this.stats.billedCharacters += answer.billedCharacters ?? 0;
      return { kind: 'answers', answers };
    }
  }

  /** A sentence's result from its own answer: the text is always kept; damaged tags are flagged. */
  private resultFor(segment: EngineSegment, tagged: boolean, answer: deepl.TextResult): EngineResult {
    if (answer.text.trim() === '') return { content: [], failed: 'DeepL returned an empty translation' };
    if (!tagged) return { content: [answer.text] };
    const checked = checkTaggedAnswer(answer.text);
    const flags = [...checked.flags, ...pairOrder(checked.content, segment.codes)];
    return flags.length > 0 ? { content: checked.content, flags } : { content: checked.content };
  }

  private textOptions(targetLang: string, request: PlannedRequest, glossaryId: string | undefined): deepl.TranslateTextOptions {
    const own = this.optionsFor(targetLang);
    return {
      // One sentence per text: DeepL must not split it again.
      splitSentences: 'off',
      ...(request.tagged ? { tagHandling: 'xml' as const, tagHandlingVersion: this.options.tagHandlingVersion ?? TAG_HANDLING_VERSION } : {}),
      modelType: own.modelType ?? DEFAULT_MODEL_TYPE,
      ...(own.formality ? { formality: own.formality } : {}),
      ...(own.customInstructions && own.customInstructions.length > 0 ? { customInstructions: own.customInstructions } : {}),
      ...(own.styleId ? { styleRule: own.styleId } : {}),
      ...(glossaryId ? { glossary: glossaryId } : {}),
      ...(request.context ? { context: request.context } : {}),
    };
  }

  private optionsFor(targetLang: string): DeepLLanguageOptions {
    return { ...this.options.languages?.[baseLanguage(targetLang)], ...this.options.languages?.[targetLang] };
  }

  /** Body bytes of everything but texts and context, as deepl-node sends it. */
  private fixedBytes(targetLang: string, tagged: boolean, glossaryId: string | undefined): number {
    const own = this.optionsFor(targetLang);
    let n = fixedBodyBytes({
      source_lang: 'uk', target_lang: targetLang, show_billed_characters: '1', split_sentences: '0',
      tag_handling: tagged ? 'xml' : undefined, tag_handling_version: tagged ? this.options.tagHandlingVersion ?? TAG_HANDLING_VERSION : undefined,
      model_type: own.modelType ?? DEFAULT_MODEL_TYPE, formality: own.formality, glossary_id: glossaryId, style_id: own.styleId,
    });
    for (const instruction of own.customInstructions ?? []) n += fixedBodyBytes({ custom_instructions: instruction });
    return n;
  }

  private plan(segments: readonly EngineSegment[], targetLang: string, glossaryId: string | undefined): PlannedRequest[] {
    return planRequests(segments, {
      fixedBytes: (tagged) => this.fixedBytes(targetLang, tagged, glossaryId),
      maxCharacters: this.maxCharacters,
      context: this.options.context ?? true,
    });
  }

  /** After a 413: the two halves of a request, each with its own (re-trimmed) context. */
  private halves(request: PlannedRequest, segments: readonly EngineSegment[], targetLang: string, glossaryId: string | undefined): PlannedRequest[] {
    const mid = Math.ceil(request.indexes.length / 2);
    return [request.indexes.slice(0, mid), request.indexes.slice(mid)].map((indexes) => {
      const textBytes = indexes.reduce((n, i) => n + formBytes('text', sentenceText(segments[i]!.content, segments[i]!.codes).text), 0);
      const room = DEEPL_MAX_BODY_BYTES - SAFETY_BYTES - this.fixedBytes(targetLang, request.tagged, glossaryId) - textBytes;
      return { ...request, indexes, context: request.context ? contextFor(segments, indexes, room) : '' };
    });
  }

  /** A spent quota says how much is left, so the user knows what the next run can do. */
  private async explain(err: Error, needed: number): Promise<Error> {
    if (!(err instanceof QuotaExceededError)) return err;
    try {
      const usage = await this.usage();
      const limit = usage.keyCharacterLimit ?? usage.characterLimit;
      if (limit === undefined) return err;
      const remaining = Math.max(0, Math.min(
        usage.characterLimit === undefined ? Infinity : usage.characterLimit - usage.characterCount,
        usage.keyCharacterLimit === undefined ? Infinity : usage.keyCharacterLimit - (usage.keyCharacterCount ?? 0),
      ));
      return new QuotaExceededError(
        // DeepL may answer 456 at a limit its usage count does not show (a cost control set in the
        // account): then the count left is not "fewer than the request needs", and saying so would mislead.
        `DeepL character quota is used up (456): ${thousands(remaining)} of ${thousands(limit)} characters remain this billing period${usage.keyCharacterLimit !== undefined ? ' on this key' : ''}` +
        `${remaining < needed ? `, fewer than the request needed (${thousands(needed)})` : ` by its usage count, enough for the request (${thousands(needed)}): a limit that count does not show (a cost control set in the DeepL account) stopped it`}; what was translated so far is saved`,
        remaining,
      );
    } catch {
      return err;
    }
  }
}

/** A paired code (`**`…`**`, `<a>`…`</a>`) whose closing half came back before its opening half:
 *  DeepL placed the placeholders so that the markup would not nest; a person must place it. */
function pairOrder(content: readonly Fragment[], codes: readonly InlineCode[]): string[] {
  const at = new Map<string, number>();
  content.forEach((f, i) => { if (typeof f !== 'string' && !at.has(f.code)) at.set(f.code, i); });
  const flags: string[] = [];
  for (const code of codes) {
    if (code.role !== 'open' || code.pair === undefined) continue;
    const open = at.get(code.id);
    const close = at.get(code.pair);
    if (open !== undefined && close !== undefined && close < open) flags.push(`DeepL put the end of "${code.text}" before its start; place the markup by hand`);
  }
  return flags;
}
