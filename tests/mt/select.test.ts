// `--engine auto`: which engine serves each language, and what the user is told.
import { describe, it, expect } from 'vitest';
import { selectEngine } from '../../src/mt/select.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { apertiumMissing } from '../../src/mt/apertium.js';

describe('auto engine selection', () => {
  it('routes each language to the best engine available and says which', () => {
    const config = { ...DEFAULT_CONFIG, llm: { ...DEFAULT_CONFIG.llm } };
    const none = selectEngine('auto', config, {}, ['en-GB']);
    expect(none.engine).toBeNull();
    const llm = selectEngine('auto', config, { PEREKLAD_LLM_BASE_URL: 'http://127.0.0.1:1/v1', PEREKLAD_LLM_MODEL: 'm' }, ['en-GB']);
    expect(llm.engine?.name).toBe('llm');
    if (apertiumMissing() === null) {
      const mixed = selectEngine('auto', config, {}, ['en-GB', 'ru']);
      expect(mixed.engine?.forTarget?.('ru')?.name).toBe('apertium');
      expect(mixed.engine?.forTarget?.('en-GB')).toBeNull();
      expect(mixed.notice).toBe('auto: en-GB → none (left for translators), ru → apertium');
    }
    const deepl = selectEngine('auto', config, { DEEPL_AUTH_KEY: 'k:fx' }, ['en-GB', 'ru']);
    expect(deepl.engine?.name).toBe('deepl');
  });
});
