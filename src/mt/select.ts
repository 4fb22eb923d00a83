// Choosing the engine for a job: `auto` takes DeepL when a key is set and otherwise leaves units
// for translators — it never writes pseudo text unasked.
import type { Engine } from './engine.js';
import { DeepLEngine } from './deepl.js';
import { PseudoEngine } from './pseudo.js';
import type { EngineChoice, PerekladConfig } from '../config.js';
import { UsageError } from '../errors.js';

export interface EngineSelection {
  engine: Engine | null;
  /** One line for the user when the choice is not what they might assume. */
  notice?: string;
}

// DeepL names English and Portuguese targets by variant; a bare code is refused by the API.
const DEEPL_NEEDS_VARIANT: Record<string, string> = { en: 'en-GB or en-US', pt: 'pt-PT or pt-BR' };

export function selectEngine(choice: EngineChoice, config: PerekladConfig, env: NodeJS.ProcessEnv, targets: string[]): EngineSelection {
  const key = env.DEEPL_AUTH_KEY?.trim();
  const useDeepL = choice === 'deepl' || (choice === 'auto' && Boolean(key));
  if (useDeepL) {
    if (!key) throw new UsageError('--engine deepl needs a DeepL API key in DEEPL_AUTH_KEY');
    for (const lang of targets) {
      const variant = DEEPL_NEEDS_VARIANT[lang.toLowerCase()];
      if (variant) throw new UsageError(`DeepL needs a regional target instead of "${lang}": use ${variant}`);
    }
    const serverUrl = env.DEEPL_SERVER_URL?.trim() || config.deepl.serverUrl;
    return {
      engine: new DeepLEngine({ authKey: key, ...(serverUrl ? { serverUrl } : {}), concurrency: config.deepl.concurrency, maxRetries: config.deepl.maxRetries, timeoutMs: config.deepl.timeoutMs }),
    };
  }
  if (choice === 'pseudo') return { engine: new PseudoEngine() };
  if (choice === 'none') return { engine: null };
  return {
    engine: null,
    notice: 'No DeepL key (DEEPL_AUTH_KEY is not set): units are left untranslated for translators. Set DEEPL_AUTH_KEY to translate with DeepL, or use --engine pseudo to try the whole path.',
  };
}
