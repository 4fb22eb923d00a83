// Running an engine over one language's distinct segments for a job: the usage check before and
// after (advisory: DeepL's own count is set beside pereklad's when they differ),
// the dry-run estimate, results collected as each batch arrives (so a job stopped by a quota or a
// fault keeps everything already paid for), and what was sent and billed.
import type { Engine, EngineResult, EngineSegment, EngineUsage, TranslateOptions } from './engine.js';
import { billableCharacters, remainingCharacters } from './engine.js';
import type { Reporter } from '../project/reporter.js';
import { EngineAuthError, PerekladError } from '../errors.js';

export interface EngineRunOptions {
  dryRun: boolean;
  reporter: Reporter;
  /** Hears each batch as it arrives (a job journals paid results here). */
  onBatch?: TranslateOptions['onBatch'];
}

export interface EngineRun {
  /** Results by segment index; a segment without one was not translated. */
  results: Map<number, EngineResult>;
  sentSegments: number;
  sentCharacters: number;
  /** Characters billed (or that would be, in a dry run); 0 for free engines. */
  billedCharacters: number;
  /** Requests that timed out and were sent again, and their characters (an upper bound on what
   *  the engine billed twice, which `billedCharacters` does not hold). */
  timedOutRequests: number;
  maybeBilledTwiceCharacters: number;
  /** The account's own count of characters billed during this language (usage after − before), when both reads worked. */
  accountBilledCharacters?: number;
  /** What stopped the engine part-way (quota, key, fault); the results so far are kept. */
  error?: PerekladError;
}

export async function runEngine(engine: Engine, segments: EngineSegment[], sourceLang: string, targetLang: string, options: EngineRunOptions): Promise<EngineRun> {
  const run: EngineRun = {
    results: new Map(),
    sentSegments: segments.length,
    sentCharacters: segments.reduce((n, s) => n + billableCharacters(s.content), 0),
    billedCharacters: 0,
    timedOutRequests: 0,
    maybeBilledTwiceCharacters: 0,
  };
  if (segments.length === 0) return run;
  // Only a paid engine's bill is predicted: for the others the estimate would be thrown away.
  const estimate = engine.paid ? engine.estimate?.(segments, sourceLang, targetLang) : undefined;
  // DeepL's own count before and after the language, so the report can set it beside pereklad's.
  // Advisory: a failed check is one line and the language is translated anyway; only a refused
  // key (which would refuse every request too) stops it.
  let before: EngineUsage | undefined;
  if (engine.paid && engine.usage) {
    try {
      before = await engine.usage();
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      if (err instanceof EngineAuthError) {
        run.error = err;
        run.sentSegments = 0;
        run.sentCharacters = 0;
        return run;
      }
      options.reporter.warn(`${targetLang}: ${err.message}; ${options.dryRun ? 'estimating' : 'translating anyway'}, without the quota check`);
    }
  }
  if (estimate) {
    const requests = `${estimate.requests} request${estimate.requests === 1 ? '' : 's'}`;
    const remaining = before ? remainingCharacters(before) : undefined;
    if (!before) options.reporter.info(`${targetLang}: ${engine.name} will bill ${estimate.billedCharacters} characters in ${requests}`);
    else if (remaining === undefined) options.reporter.info(`${targetLang}: ${engine.name} will bill ${estimate.billedCharacters} characters in ${requests}; the account has no character limit`);
    else {
      const of = before.keyCharacterLimit !== undefined ? `of this key's ${before.keyCharacterLimit}` : `of ${before.characterLimit}`;
      options.reporter.info(`${targetLang}: ${engine.name} will bill ${estimate.billedCharacters} characters in ${requests}; ${remaining} ${of} remain this period`);
      if (remaining < estimate.billedCharacters) options.reporter.warn(`${targetLang}: the ${engine.name} quota is short by ${estimate.billedCharacters - remaining} characters: the job stops when it runs out, keeping what was translated`);
    }
  }
  if (options.dryRun) {
    if (engine.paid) run.billedCharacters = estimate?.billedCharacters ?? run.sentCharacters;
    return run;
  }
  const billedBefore = engine.stats?.billedCharacters ?? 0;
  const timedOutBefore = engine.stats?.timedOutRequests ?? 0;
  const twiceBefore = engine.stats?.maybeBilledTwiceCharacters ?? 0;
  try {
    const results = await engine.translate(segments, sourceLang, targetLang, {
      onBatch: async (done) => {
        for (const { index, result } of done) run.results.set(index, result);
        await options.onBatch?.(done);
      },
    });
    results.forEach((result, index) => { if (!run.results.has(index)) run.results.set(index, result); });
  } catch (err) {
    if (!(err instanceof PerekladError)) throw err;
    run.error = err;
  }
  // Only what the engine answered counts as sent: a sentence whose requests all failed (5xx,
  // time-outs, 429s, a refused request; `transient`) or that a stopped language never sent was
  // not processed, and "sent" beside "billed" must not read as bought.
  const answered = [...run.results].filter(([, result]) => result.transient !== true).map(([index]) => index);
  run.sentSegments = answered.length;
  run.sentCharacters = answered.reduce((n, i) => n + billableCharacters(segments[i]!.content), 0);
  if (engine.paid) run.billedCharacters = engine.stats ? engine.stats.billedCharacters - billedBefore : 0;
  run.timedOutRequests = (engine.stats?.timedOutRequests ?? 0) - timedOutBefore;
  run.maybeBilledTwiceCharacters = (engine.stats?.maybeBilledTwiceCharacters ?? 0) - twiceBefore;
  if (before && engine.usage) {
    try {
      const after = await engine.usage();
      run.accountBilledCharacters = after.characterCount - before.characterCount;
      if (run.accountBilledCharacters !== run.billedCharacters) {
        options.reporter.warn(`${targetLang}: ${engine.name} counted ${run.accountBilledCharacters} characters on the account during this language, pereklad ${run.billedCharacters} (another job on the account, or requests that timed out and were sent again)`);
      }
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      options.reporter.warn(`${targetLang}: ${err.message}; the account's own count after this language is unknown`);
    }
  }
  return run;
}
