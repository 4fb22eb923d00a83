// Target languages checked against what the engine translates into (DeepL's getTargetLanguages),
// before anything is planned or sent: `--to en` or `--to pt` (DeepL wants en-GB/en-US, pt-BR/pt-PT)
// or a typo is one line, not a job that fails per language after the plan, nor a second folder.
// The list is kept in the project for a week, so a job asks DeepL for it once, not every run. It is
// written only under the project lock, taken without waiting: the check runs before a translate
// waits for the lock (and in dry runs, which never write), and a write outside the lock raced the
// holder's clean-up of temporary files. A list not kept costs one request next time.
import path from 'node:path';
import type { Engine } from './engine.js';
import { EngineAuthError, PerekladError, UsageError } from '../errors.js';
import { readIfExists, writeAtomic } from '../project/io.js';
import { tryWithProject } from '../project/store.js';
import type { Reporter } from '../project/reporter.js';

const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

interface CachedTargets {
  engine: string;
  fetched: string;
  languages: string[];
}

function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

export function targetsCacheFile(localesDir: string, engine: string): string {
  return path.join(localesDir, '.pereklad', `${engine}-targets.json`);
}

async function listFor(engine: Engine, localesDir: string, now: Date, reporter: Reporter, keep: boolean): Promise<string[] | undefined> {
  const cacheFile = targetsCacheFile(localesDir, engine.name);
  const cachedText = await readIfExists(cacheFile);
  if (cachedText !== undefined) {
    try {
      const cached = JSON.parse(cachedText) as Partial<CachedTargets>;
      const age = now.getTime() - Date.parse(cached.fetched ?? '');
      if (cached.engine === engine.name && Array.isArray(cached.languages) && age >= 0 && age < MAX_AGE_MS) return cached.languages;
    } catch {
      // A damaged cache only costs one request to DeepL.
    }
  }
  let languages: string[];
  try {
    languages = (await engine.targetLanguages!()).map(canonical).sort();
  } catch (err) {
    // A refused key stops here in one line, as the job would stop at once.
    if (!(err instanceof PerekladError) || err instanceof EngineAuthError) throw err;
    // The list is advisory: an engine that cannot say still gets the job, which reports its own errors.
    reporter.warn(`warning: ${engine.name}'s target languages could not be read (${err.message}); the languages are not checked`);
    return undefined;
  }
  const record: CachedTargets = { engine: engine.name, fetched: now.toISOString(), languages };
  if (keep) await tryWithProject(localesDir, 'translate', () => writeAtomic(cacheFile, `${JSON.stringify(record)}\n`));
  return languages;
}

/** Refuse (UsageError) a target language the engine serving it does not translate into; a list
 *  fetched is kept in the project unless `keep` is false (a dry run writes nothing). */
export async function checkEngineTargets(engine: Engine | null, targets: readonly string[], localesDir: string, reporter: Reporter, keep: boolean, now = new Date()): Promise<void> {
  const lists = new Map<Engine, string[] | undefined>();
  for (const lang of targets) {
    const serving = engine?.forTarget ? engine.forTarget(lang) : engine;
    if (!serving?.targetLanguages) continue;
    if (!lists.has(serving)) lists.set(serving, await listFor(serving, localesDir, now, reporter, keep));
    const list = lists.get(serving);
    if (!list || list.includes(lang)) continue;
    const close = list.filter((l) => l.split('-')[0] === lang.split('-')[0]);
    throw new UsageError(`--to ${lang}: ${serving.name} does not translate into ${lang}` + (close.length > 0 ? `; it has ${close.join(', ')}` : `; its target languages are ${list.join(', ')}`));
  }
}
