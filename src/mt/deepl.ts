// The DeepL engine, through the official deepl-node client. Requests are packed up to a safe
// body size, run with bounded concurrency, and every DeepL failure becomes a PerekladError.
import * as deepl from 'deepl-node';
import pLimit from 'p-limit';
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from './engine.js';
import { contentToTaggedXml, taggedXmlToContent } from './tags.js';
import { EngineAuthError, EngineError, QuotaExceededError } from '../errors.js';

export interface DeepLEngineOptions {
  authKey: string;
  serverUrl?: string;
  /** Parallel requests; DeepL answers 429 beyond a few. */
  concurrency?: number;
  /** deepl-node's own retry of 429/5xx and connection errors. */
  maxRetries?: number;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
}

// DeepL refuses bodies over 128 KiB. deepl-node form-encodes texts, so a Cyrillic letter costs
// 6 bytes (%D0%B0); pack well below the limit with the worst-case expansion counted.
const MAX_BODY_BYTES = 120 * 1024;

function formEncodedBytes(text: string): number {
  return Buffer.byteLength(encodeURIComponent(text), 'utf8') + '&text='.length;
}

/** Split texts into request batches whose encoded bodies stay under the DeepL limit. */
export function packRequests(texts: string[], maxBodyBytes = MAX_BODY_BYTES): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let size = 0;
  texts.forEach((text, index) => {
    const bytes = formEncodedBytes(text);
    if (current.length > 0 && size + bytes > maxBodyBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(index);
    size += bytes;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

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
  private readonly translator: deepl.Translator;
  private readonly concurrency: number;

  constructor(options: DeepLEngineOptions) {
    this.translator = new deepl.Translator(options.authKey, {
      ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
      maxRetries: options.maxRetries ?? 5,
      minTimeout: options.timeoutMs ?? 20_000,
      sendPlatformInfo: false,
      appInfo: { appName: 'pereklad', appVersion: '0.1.0' },
    });
    this.concurrency = options.concurrency ?? 4;
  }

  async translate(segments: EngineSegment[], sourceLang: string, targetLang: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    const texts = segments.map((segment) => contentToTaggedXml(segment.content));
    const results: EngineResult[] = new Array<EngineResult>(segments.length);
    const limit = pLimit(this.concurrency);
    await Promise.all(
      packRequests(texts).map((batch) =>
        limit(async () => {
          let answers: deepl.TextResult[];
          try {
            answers = await this.translator.translateText(
              batch.map((i) => texts[i]!),
              sourceLang as deepl.SourceLanguageCode,
              targetLang as deepl.TargetLanguageCode,
              { tagHandling: 'xml', splitSentences: 'off' },
            );
          } catch (err) {
            throw toDeepLError(err);
          }
          const done = batch.map((segmentIndex, k) => {
            const answer = answers[k];
            if (!answer) throw new EngineError(`DeepL answered ${answers.length} texts for ${batch.length} sent`);
            const result = { content: taggedXmlToContent(answer.text) };
            results[segmentIndex] = result;
            return { index: segmentIndex, result };
          });
          await options.onBatch?.(done);
        }),
      ),
    );
    return results;
  }
}
