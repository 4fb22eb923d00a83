// Choosing the engine for a job. `auto` picks, for each target language, the best engine available:
// DeepL when a key is set, else an LLM server when one is configured, else Apertium for Russian
// when it is installed, else none (units stay for translators) — and says which. It never writes
// pseudo text unasked. Every engine but pseudo runs inside GlossaryEngine (protected terms, checks).
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from './engine.js';
import { DeepLEngine } from './deepl.js';
import { LlmEngine } from './llm.js';
import { ApertiumEngine, apertiumMissing, apertiumServes } from './apertium.js';
import { PseudoEngine } from './pseudo.js';
import { GlossaryEngine } from './glossary-engine.js';
import { GlossarySet } from '../glossary/glossary.js';
import type { EngineChoice, PerekladConfig } from '../config.js';
import { EngineError, UsageError } from '../errors.js';

export interface EngineSelection {
  engine: Engine | null;
  /** One line for the user when the choice is not what they might assume. */
  notice?: string;
}

// DeepL names English and Portuguese targets by variant; a bare code is refused by the API.
const DEEPL_NEEDS_VARIANT: Record<string, string> = { en: 'en-GB or en-US', pt: 'pt-PT or pt-BR' };

/** An engine per target language, for `auto`; the job asks `forTarget` before translating. */
export class RoutedEngine implements Engine {
  readonly name = 'auto';
  readonly pseudo = false;

  constructor(private readonly routes: ReadonlyMap<string, Engine | null>) {}

  get paid(): boolean {
    return [...this.routes.values()].some((e) => e?.paid === true);
  }

  forTarget(targetLang: string): Engine | null {
    return this.routes.get(targetLang) ?? null;
  }

  translate(segments: EngineSegment[], sourceLang: string, targetLang: string, options?: TranslateOptions): Promise<EngineResult[]> {
    const engine = this.forTarget(targetLang);
    if (!engine) return Promise.reject(new EngineError(`no engine serves ${targetLang}`));
    return engine.translate(segments, sourceLang, targetLang, options);
  }
}

function llmSettings(config: PerekladConfig, env: NodeJS.ProcessEnv): { baseUrl: string; model: string } | undefined {
  const baseUrl = env.PEREKLAD_LLM_BASE_URL?.trim() || config.llm.baseUrl;
  const model = env.PEREKLAD_LLM_MODEL?.trim() || config.llm.model;
  return baseUrl && model ? { baseUrl, model } : undefined;
}

export function selectEngine(choice: EngineChoice, config: PerekladConfig, env: NodeJS.ProcessEnv, targets: string[], glossaries: GlossarySet = new GlossarySet()): EngineSelection {
  const key = env.DEEPL_AUTH_KEY?.trim();
  const withGlossary = (engine: Engine): Engine => new GlossaryEngine(engine, glossaries);
  let deeplEngine: Engine | undefined;
  const deepl = (): Engine => {
    if (!key) throw new UsageError('--engine deepl needs a DeepL API key in DEEPL_AUTH_KEY');
    for (const lang of targets) {
      const variant = DEEPL_NEEDS_VARIANT[lang.toLowerCase()];
      if (variant) throw new UsageError(`DeepL needs a regional target instead of "${lang}": use ${variant}`);
    }
    const serverUrl = env.DEEPL_SERVER_URL?.trim() || config.deepl.serverUrl;
    deeplEngine ??= withGlossary(new DeepLEngine({
      authKey: key,
      ...(serverUrl ? { serverUrl } : {}),
      concurrency: config.deepl.concurrency,
      maxRetries: config.deepl.maxRetries,
      timeoutMs: config.deepl.timeoutMs,
      context: config.deepl.context,
      languages: config.deepl.languages,
      ...(config.deepl.projectId ? { projectId: config.deepl.projectId } : {}),
      glossaries,
    }));
    return deeplEngine;
  };
  // Without a project id, every such project on the account shares the glossary "pereklad default".
  const unnamedGlossary = (): { notice?: string } => (glossaries.glossaries.length > 0 && !config.deepl.projectId
    ? { notice: 'DeepL glossary: set "deepl": {"projectId": "…"} in pereklad.config.json, so that projects sharing a DeepL account never share (and overwrite) one glossary; using "pereklad default"' }
    : {});
  let llmEngine: Engine | undefined;
  const llm = (): Engine => {
    const settings = llmSettings(config, env);
    if (!settings) throw new UsageError('--engine llm needs a server and a model: "llm": {"baseUrl", "model"} in the config, or PEREKLAD_LLM_BASE_URL and PEREKLAD_LLM_MODEL');
    const apiKey = env.PEREKLAD_LLM_API_KEY?.trim();
    llmEngine ??= withGlossary(new LlmEngine({
      ...settings,
      ...(apiKey ? { apiKey } : {}),
      concurrency: config.llm.concurrency,
      maxRetries: config.llm.maxRetries,
      timeoutMs: config.llm.timeoutMs,
      maxCharsPerRequest: config.llm.maxCharsPerRequest,
      glossaries,
    }));
    return llmEngine;
  };

  switch (choice) {
    case 'deepl': return { engine: deepl(), ...unnamedGlossary() };
    case 'llm': return { engine: llm() };
    case 'apertium': {
      const other = targets.filter((t) => !apertiumServes(t));
      if (other.length > 0) throw new UsageError(`--engine apertium translates into Russian only (ru), not ${other.join(', ')}`);
      const missing = apertiumMissing();
      if (missing) throw new UsageError(`--engine apertium: ${missing}`);
      return { engine: withGlossary(new ApertiumEngine()) };
    }
    case 'pseudo': return { engine: new PseudoEngine() };
    case 'none': return { engine: null };
    case 'auto': break;
  }

  const routes = new Map<string, Engine | null>();
  const apertiumReady = targets.some(apertiumServes) && apertiumMissing() === null;
  let apertiumEngine: Engine | undefined;
  for (const lang of targets) {
    if (key) routes.set(lang, deepl());
    else if (llmSettings(config, env)) routes.set(lang, llm());
    else if (apertiumReady && apertiumServes(lang)) routes.set(lang, (apertiumEngine ??= withGlossary(new ApertiumEngine())));
    else routes.set(lang, null);
  }
  const chosen = [...routes.values()];
  if (chosen.every((e) => e === null)) {
    return {
      engine: null,
      notice: 'No DeepL key (DEEPL_AUTH_KEY is not set): units are left untranslated for translators. Set DEEPL_AUTH_KEY to translate with DeepL, or use --engine pseudo to try the whole path.',
    };
  }
  const names = new Set(chosen.map((e) => e?.name ?? 'none'));
  if (names.size === 1 && chosen[0]) return { engine: chosen[0], ...(key ? unnamedGlossary() : {}) };
  return {
    engine: new RoutedEngine(routes),
    notice: `auto: ${[...routes].map(([lang, e]) => `${lang} → ${e?.name ?? 'none (left for translators)'}`).join(', ')}`,
  };
}
