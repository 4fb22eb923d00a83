// An OpenAI-compatible chat-completions engine (`--engine llm`): a hosted LLM or a local server
// (llama.cpp, Ollama, vLLM all speak this API). The sentences of one article go by id, the
// article's text (as DeepL's context) and the matching glossary terms in the prompt, and a JSON schema asks for exactly
// one translation per id, which maps back to segments one to one.
import pLimit from 'p-limit';
import type { Engine, EngineResult, EngineSegment, EngineStats, TranslateOptions } from './engine.js';
import { contextFor } from './deepl-requests.js';
import { contentToTaggedXml, taggedXmlToContent } from './tags.js';
import type { GlossarySet } from '../glossary/glossary.js';
import { findTerms } from '../glossary/match.js';
import { EngineAuthError, EngineError } from '../errors.js';
import { baseLanguage } from '../model.js';

export interface LlmEngineOptions {
  /** e.g. http://127.0.0.1:8080/v1 (the part before /chat/completions). */
  baseUrl: string;
  model: string;
  /** Sent as a Bearer token; local servers usually need none. */
  apiKey?: string;
  concurrency?: number;
  /** Total attempts per request, for 429, 5xx, time-outs and answers that are not the JSON asked for. */
  maxRetries?: number;
  timeoutMs?: number;
  /** Source characters per request: small enough for a local model's context window. */
  maxCharsPerRequest?: number;
  glossaries?: GlossarySet;
  /** First back-off delay in ms (doubled each attempt). */
  backoffMs?: number;
  /** How a back-off waits; tests pass one that records the delays instead of sleeping through them. */
  sleep?: (ms: number) => Promise<void>;
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', de: 'German', pl: 'Polish', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese',
  ru: 'Russian', cs: 'Czech', sk: 'Slovak', lt: 'Lithuanian', lv: 'Latvian', et: 'Estonian', ro: 'Romanian',
  nl: 'Dutch', sv: 'Swedish', fi: 'Finnish', da: 'Danish', nb: 'Norwegian', bg: 'Bulgarian', hu: 'Hungarian',
};

const RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    translations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, text: { type: 'string' } },
        required: ['id', 'text'],
        additionalProperties: false,
      },
    },
  },
  required: ['translations'],
  additionalProperties: false,
} as const;

class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

export class LlmEngine implements Engine {
  readonly name = 'llm';
  readonly paid = false;
  readonly pseudo = false;
  readonly stats: EngineStats = { requests: 0, billedCharacters: 0, tokens: 0 };
  private readonly url: string;

  constructor(private readonly options: LlmEngineOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/u, '')}/chat/completions`;
  }

  estimate(segments: EngineSegment[]): { requests: number; billedCharacters: number } {
    return { requests: this.batches(segments).length, billedCharacters: 0 };
  }

  async translate(segments: EngineSegment[], _sourceLang: string, targetLang: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    const results: EngineResult[] = new Array<EngineResult>(segments.length);
    const limit = pLimit(this.options.concurrency ?? 2);
    let stop: Error | undefined;
    await Promise.all(this.batches(segments).map((batch) => limit(async () => {
      if (stop) return;
      let answers: Map<string, string>;
      try {
        answers = await this.request(batch, segments, targetLang);
        // Sentences the answer left out are asked for once more, alone: the answered ones never.
        const missing = batch.filter((index) => !answers.get(String(index))?.trim());
        if (missing.length > 0 && missing.length < batch.length) {
          for (const [id, text] of await this.request(missing, segments, targetLang)) if (missing.includes(Number(id))) answers.set(id, text);
        }
      } catch (err) {
        stop ??= err instanceof Error ? err : new Error(String(err));
        return;
      }
      // One answer per sentence id, taken as it stands: a missing or empty one fails that sentence
      // only (it stays for translators); an id the prompt did not hold is ignored.
      const done = batch.map((index) => {
        const text = answers.get(String(index));
        const result: EngineResult = text === undefined || text.trim() === ''
          ? { content: [], failed: 'the LLM returned no translation for this sentence' }
          : { content: taggedXmlToContent(text) };
        results[index] = result;
        return { index, result };
      });
      await options.onBatch?.(done);
    })));
    if (stop) throw stop;
    return results;
  }

  /** Sentences of one article per request (its text is the prompt's context), up to the size cap. */
  private batches(segments: readonly EngineSegment[]): number[][] {
    const max = this.options.maxCharsPerRequest ?? 4000;
    const byArticle = new Map<string, number[]>();
    segments.forEach((s, i) => {
      const key = s.context?.articleId ?? `\u0000${i}`;
      const list = byArticle.get(key) ?? [];
      list.push(i);
      byArticle.set(key, list);
    });
    const batches: number[][] = [];
    for (const indexes of byArticle.values()) {
      let current: number[] = [];
      let size = 0;
      for (const i of indexes) {
        const length = contentToTaggedXml(segments[i]!.content, segments[i]!.codes).length;
        if (current.length > 0 && size + length > max) {
          batches.push(current);
          current = [];
          size = 0;
        }
        current.push(i);
        size += length;
      }
      if (current.length > 0) batches.push(current);
    }
    return batches;
  }

  private prompt(batch: readonly number[], segments: readonly EngineSegment[], targetLang: string): { system: string; user: string } {
    const base = baseLanguage(targetLang);
    const language = `${LANGUAGE_NAMES[base] ?? targetLang}${targetLang.includes('-') ? ` (${targetLang})` : ''}`;
    const glossary = this.options.glossaries?.forTarget(targetLang);
    const terms = new Map<string, string>();
    const sentences = batch.map((index) => {
      const xml = contentToTaggedXml(segments[index]!.content, segments[index]!.codes);
      if (glossary) for (const m of findTerms(xml, glossary)) terms.set(m.entry.source, m.entry.target);
      return { id: String(index), text: xml };
    });
    // The same article text DeepL gets as context: headline and the paragraphs around the sentences.
    const context = contextFor(segments, batch, Number.MAX_SAFE_INTEGER);
    const system = [
      `You are a professional news translator. Translate Ukrainian news sentences into ${language}.`,
      'The sentences come from one article, given as context; translate every sentence so that it reads right in the article (pronouns, names, tense), one translation per id, never merging or splitting sentences.',
      'Keep every tag such as <x id="1"/> exactly as written, in the right place in the translation; do not translate the context itself.',
      ...(terms.size > 0 ? ['Use these glossary translations (the Ukrainian terms may appear inflected):', ...[...terms].map(([s, t]) => `- ${s} → ${t}`)] : []),
      'Answer with JSON only: {"translations":[{"id":"…","text":"…"}]}.',
    ].join('\n');
    return { system, user: JSON.stringify({ context, sentences }) };
  }

  private async request(batch: readonly number[], segments: readonly EngineSegment[], targetLang: string): Promise<Map<string, string>> {
    const { system, user } = this.prompt(batch, segments, targetLang);
    const body = JSON.stringify({
      model: this.options.model,
      temperature: 0,
      messages: [{ role: 'system', content: system }, { role: 'user', content: user }],
      response_format: { type: 'json_schema', json_schema: { name: 'translations', strict: true, schema: RESPONSE_SCHEMA } },
    });
    const attempts = Math.max(1, this.options.maxRetries ?? 4);
    let last: Error = new EngineError('the LLM server was not asked');
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.once(body);
      } catch (err) {
        if (!(err instanceof RetryableError)) throw err;
        last = err;
        if (attempt < attempts) await (this.options.sleep ?? sleep)(err.retryAfterMs ?? (this.options.backoffMs ?? 500) * 2 ** (attempt - 1));
      }
    }
    throw new EngineError(`the LLM server failed after ${attempts} attempts: ${last.message}`);
  }

  private async once(body: string): Promise<Map<string, string>> {
    this.stats.requests++;
    let response: Response;
    // Redirects are followed by hand, and only within the server's own origin: fetch would send the
    // key to wherever a redirect points (another host, another port).
    let url = this.url;
    for (let hops = 0; ; hops++) {
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        });
      } catch (err) {
        // Time-outs and refused connections: the server may come back.
        throw new RetryableError(err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'connection failed');
      }
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) break;
      const next = new URL(location, url);
      if (next.origin !== new URL(this.url).origin || hops >= 3) {
        throw new EngineError(`the LLM server redirected to ${next.origin}; pereklad does not send the key to another origin (set PEREKLAD_LLM_BASE_URL to the server that answers)`);
      }
      url = next.href;
    }
    if (response.status === 401 || response.status === 403) {
      throw new EngineAuthError(`the LLM server refused the key (${response.status}): check PEREKLAD_LLM_API_KEY`);
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new RetryableError(`HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    if (!response.ok) throw new EngineError(`the LLM server answered HTTP ${response.status} (check the model name and base URL)`);
    // Whatever a server answers (an HTML error page, `null`, a body cut by a time-out) is a retry,
    // never an exception that ends the job.
    let json: { choices?: Array<{ message?: { content?: string } }>; usage?: { total_tokens?: number } } | null;
    try {
      json = await response.json() as typeof json;
    } catch {
      throw new RetryableError('the server\'s answer was not JSON');
    }
    this.stats.tokens += json?.usage?.total_tokens ?? 0;
    const content = json?.choices?.[0]?.message?.content;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content ?? '');
    } catch {
      throw new RetryableError('the answer was not the JSON asked for');
    }
    const list = parsed !== null && typeof parsed === 'object' ? (parsed as { translations?: unknown }).translations : undefined;
    if (!Array.isArray(list)) throw new RetryableError('the answer had no translations list');
    const answers = new Map<string, string>();
    for (const item of list as unknown[]) {
      if (item === null || typeof item !== 'object') continue;
      const { id, text } = item as { id?: unknown; text?: unknown };
      if (typeof id === 'string' && typeof text === 'string' && !answers.has(id)) answers.set(id, text);
    }
    return answers;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
