// The library as a newsroom script uses it: everything through src/index.ts.
import { describe, it, expect } from 'vitest';
import * as pereklad from '../src/index.js';

describe('public API', () => {
  it('splits, parses and reassembles through the exported functions', () => {
    expect(pereklad.splitSentences('Зустріч відбулася у м. Мінську. Її провів М. Помпео.')).toEqual(['Зустріч відбулася у м. Мінську.', 'Її провів М. Помпео.']);
    const article = pereklad.parseArticle('date 2025-06 Перше речення. Друге!\n\nАбзац два.\n', 'a', 'a.txt');
    expect(pereklad.articleSourceText(article)).toBe('date 2025-06 Перше речення. Друге!\n\nАбзац два.\n');
    const srx = pereklad.rulesToSrx(pereklad.defaultRules('uk'));
    expect(pereklad.splitSentences('Див. ст. 119 КК. Далі.', 'uk', pereklad.srxToRules(srx, 'uk'))).toEqual(['Див. ст. 119 КК.', 'Далі.']);
    for (const name of ['runTranslateJob', 'runImport', 'runReviewJob', 'runPublishJob', 'makeKit', 'qaFindings', 'loadMemory', 'DeepLEngine', 'LlmEngine', 'ApertiumEngine', 'PseudoEngine'] as const) {
      expect(typeof pereklad[name]).toBe('function');
    }
  });
});
