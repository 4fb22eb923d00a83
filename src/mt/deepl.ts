// The DeepL engine, through the official deepl-node client. Each paragraph goes as one text with
// its sentences marked (src/mt/paragraphs.ts), paragraphs are packed into as few requests as the
// 128 KiB body limit allows with headlines as free `context` (src/mt/deepl-requests.ts), requests
// run with bounded concurrency, and every DeepL failure becomes a PerekladError.
import * as deepl from 'deepl-node';
import pLimit from 'p-limit';
import type { Engine, EngineResult, EngineSegment, EngineStats, EngineUsage, TranslateOptions } from './engine.js';
import { billableCharacters } from './engine.js';
import { paragraphUnits, splitMarkedAnswer, type ParagraphUnit } from './paragraphs.js';
import { deeplFixedBytes, planRequests, type PlannedRequest } from './deepl-requests.js';
import { DeepLGlossaries } from './deepl-glossary.js';
import type { GlossarySet } from '../glossary/glossary.js';
import { EngineAuthError, EngineError, QuotaExceededError } from '../errors.js';
import { baseLanguage } from '../model.js';

/** Per-target-language options from the config (`deepl.languages`). */
export interface DeepLLanguageOptions {
  formality?: deepl.Formality;
  modelType?: deepl.ModelType;
}

export interface DeepLEngineOptions {
  authKey: string;
  serverUrl?: string;
  /** Parallel requests; DeepL answers 429 beyond a few. */
  concurrency?: number;
  /** deepl-node's own retry of 429/5xx and connection errors (total attempts). */
  maxRetries?: number;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** Options by target language (`de`, `en-GB`); a base language serves its regions. */
  languages?: Record<string, DeepLLanguageOptions>;
  glossaries?: GlossarySet;
  /** Send headlines and partial paragraphs as `context` (default true). */
  context?: boolean;
}

// A dry run does not create glossaries; a DeepL glossary id is a UUID, this long in the body.
const GLOSSARY_ID_SIZE = '00000000-0000-0000-0000-000000000000';

export function toDeepLError(err: unknown): Error {
  if (err instanceof deepl.AuthorizationError) {
    return new EngineAuthError('DeepL refused the key (403): check DEEPL_AUTH_KEY');
  }
  if (err instanceof deepl.QuotaExceededError) {
    return new QuotaExceededError('DeepL character quota is used up (456): what was translated so far is saved; raise the quota or wait for the next billing period');
  }
  if (err instanceof deepl.DeepLError) return new EngineError(`DeepL failed: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

export class DeepLEngine implements Engine {
  readonly name = 'deepl';
  readonly paid = true;
  readonly pseudo = false;
  readonly stats: EngineStats = { requests: 0, billedCharacters: 0, tokens: 0 };
  private readonly translator: deepl.Translator;
  private readonly concurrency: number;
  private readonly languages: Record<string, DeepLLanguageOptions>;
  private readonly glossaries: DeepLGlossaries | undefined;
  private readonly context: boolean;

  constructor(options: DeepLEngineOptions) {
    this.translator = new deepl.Translator(options.authKey, {
      ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
      maxRetries: options.maxRetries ?? 5,
      minTimeout: options.timeoutMs ?? 20_000,
      sendPlatformInfo: false,
      appInfo: { appName: 'pereklad', appVersion: '0.1.0' },
    });
    this.concurrency = options.concurrency ?? 4;
    this.languages = options.languages ?? {};
    this.context = options.context ?? true;
    this.glossaries = options.glossaries ? new DeepLGlossaries(this.translator, options.glossaries) : undefined;
  }

  async usage(): Promise<EngineUsage> {
    try {
      const usage = await this.translator.getUsage();
      return { characterCount: usage.character?.count ?? 0, characterLimit: usage.character?.limit ?? 0 };
    } catch (err) {
      throw toDeepLError(err);
    }
  }

  estimate(segments: EngineSegment[], _sourceLang: string, targetLang: string): { requests: number; billedCharacters: number } {
    const units = paragraphUnits(segments);
    return { requests: this.plan(units, targetLang, this.glossaries?.covers(targetLang) ? GLOSSARY_ID_SIZE : undefined).length, billedCharacters: billedFor(units, segments) };
  }

  async translate(segments: EngineSegment[], sourceLang: string, targetLang: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    const units = paragraphUnits(segments);
    let glossaryId: string | undefined;
    try {
      glossaryId = await this.glossaries?.idFor(sourceLang, targetLang);
    } catch (err) {
      throw toDeepLError(err);
    }
    const textOptions: deepl.TranslateTextOptions = {
      tagHandling: 'xml',
      // pereklad has split the sentences; DeepL must not split them again (or across markers).
      splitSentences: 'off',
      ...this.optionsFor(targetLang),
      ...(glossaryId ? { glossary: glossaryId } : {}),
    };
    const results: EngineResult[] = new Array<EngineResult>(segments.length);
    const limit = pLimit(this.concurrency);
    let stop: Error | undefined;
    // A request slot is freed as soon as its answer is parsed; `onBatch` (a job journals paid results
    // there, with an fsync) runs outside the slot, so it never holds back the next request.
    // translate() still resolves only after every onBatch has.
    await Promise.all(
      this.plan(units, targetLang, glossaryId).map((request) =>
        limit(async (): Promise<Array<{ index: number; result: EngineResult }> | undefined> => {
          if (stop) return undefined;
          let answers: deepl.TextResult[];
          try {
            this.stats.requests++;
            answers = await this.translator.translateText(
              request.units.map((u) => units[u]!.xml),
              sourceLang as deepl.SourceLanguageCode,
              targetLang as deepl.TargetLanguageCode,
              request.context ? { ...textOptions, context: request.context } : textOptions,
            );
          } catch (err) {
            // Stop sending (queued requests see `stop` and return); requests already in flight finish
            // and their paid answers are kept.
            const error = toDeepLError(err);
            stop ??= error;
            if (stop === error) stop = await this.explain(error);
            return undefined;
          }
          if (answers.length !== request.units.length) {
            stop ??= new EngineError(`DeepL answered ${answers.length} texts for ${request.units.length} sent`);
            return undefined;
          }
          const done: Array<{ index: number; result: EngineResult }> = [];
          request.units.forEach((u, k) => {
            const unit = units[u]!;
            const answer = answers[k]!;
            this.stats.billedCharacters += answer.billedCharacters ?? 0;
            splitMarkedAnswer(answer.text, unit.indexes.length).forEach((result, s) => {
              const index = unit.indexes[s]!;
              results[index] = result;
              done.push({ index, result });
            });
          });
          return done;
        }).then(async (done) => {
          if (done) await options.onBatch?.(done);
        }),
      ),
    );
    if (stop) throw stop;
    return results;
  }

  private optionsFor(targetLang: string): DeepLLanguageOptions {
    return { ...this.languages[baseLanguage(targetLang)], ...this.languages[targetLang] };
  }

  private plan(units: ParagraphUnit[], targetLang: string, glossaryId: string | undefined): PlannedRequest[] {
    const fixedBytes = deeplFixedBytes(targetLang, this.optionsFor(targetLang), glossaryId);
    return planRequests(units, { fixedBytes, context: this.context });
  }

  /** A spent quota says how much is left, so the user knows what the next run can do. */
  private async explain(err: Error): Promise<Error> {
    if (!(err instanceof QuotaExceededError)) return err;
    try {
      const usage = await this.usage();
      const remaining = Math.max(0, usage.characterLimit - usage.characterCount);
      return new QuotaExceededError(
        `DeepL character quota is used up (456): ${remaining} of ${usage.characterLimit} characters remain this billing period, fewer than the next request needs; what was translated so far is saved`,
        remaining,
      );
    } catch {
      return err;
    }
  }
}

/** What DeepL bills for these units: their text outside tags, one character per code point,
 *  including the one space between marked sentences. */
function billedFor(units: readonly ParagraphUnit[], segments: readonly EngineSegment[]): number {
  let n = 0;
  for (const unit of units) {
    for (const i of unit.indexes) n += billableCharacters(segments[i]!.content);
    n += unit.indexes.length - 1;
  }
  return n;
}
