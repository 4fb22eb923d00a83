// Running an engine over one language's distinct segments for a job: the usage check before,
// the dry-run estimate, results collected as each batch arrives (so a job stopped by a quota or a
// fault keeps everything already paid for), and what was sent and billed.
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from './engine.js';
import { billableCharacters } from './engine.js';
import type { Reporter } from '../job/reporter.js';
import { PerekladError } from '../errors.js';

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
  /** What stopped the engine part-way (quota, key, fault); the results so far are kept. */
  error?: PerekladError;
}

export async function runEngine(engine: Engine, segments: EngineSegment[], sourceLang: string, targetLang: string, options: EngineRunOptions): Promise<EngineRun> {
  const run: EngineRun = {
    results: new Map(),
    sentSegments: segments.length,
    sentCharacters: segments.reduce((n, s) => n + billableCharacters(s.content), 0),
    billedCharacters: 0,
  };
  if (segments.length === 0) return run;
  // Only a paid engine's bill is predicted: for the others the estimate would be thrown away.
  const estimate = engine.paid ? engine.estimate?.(segments, sourceLang, targetLang) : undefined;
  if (engine.paid && estimate) {
    try {
      const usage = await engine.usage?.();
      if (usage) {
        const remaining = Math.max(0, usage.characterLimit - usage.characterCount);
        options.reporter.info(`${targetLang}: ${engine.name} will bill ${estimate.billedCharacters} characters in ${estimate.requests} request${estimate.requests === 1 ? '' : 's'}; ${remaining} of ${usage.characterLimit} remain this period`);
        if (remaining < estimate.billedCharacters) options.reporter.warn(`${targetLang}: the ${engine.name} quota is short by ${estimate.billedCharacters - remaining} characters: the job stops when it runs out, keeping what was translated`);
      }
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      // Nothing was sent: the usage check itself failed (a refused key).
      run.error = err;
      run.sentSegments = 0;
      run.sentCharacters = 0;
      return run;
    }
  }
  if (options.dryRun) {
    if (engine.paid) run.billedCharacters = estimate?.billedCharacters ?? run.sentCharacters;
    return run;
  }
  const billedBefore = engine.stats?.billedCharacters ?? 0;
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
    // Only what came back was sent and paid for.
    run.sentSegments = run.results.size;
    run.sentCharacters = [...run.results.keys()].reduce((n, i) => n + billableCharacters(segments[i]!.content), 0);
  }
  if (engine.paid) run.billedCharacters = engine.stats ? engine.stats.billedCharacters - billedBefore : 0;
  return run;
}
