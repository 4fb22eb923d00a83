// Splitting a marked paragraph answer back into sentences, with every way a marker can be lost.
import { describe, it, expect } from 'vitest';
import { splitMarkedAnswer, markSentences, paragraphUnits } from '../../src/mt/paragraphs.js';
import { parseArticle } from '../../src/source/parse.js';
import { selectEngine } from '../../src/mt/select.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { apertiumMissing } from '../../src/mt/apertium.js';

const text = (r: { content: unknown[] } | undefined): string => (r?.content ?? []).map((f) => (typeof f === 'string' ? f : `{${(f as { code: string }).code}}`)).join('');

describe('marked paragraphs', () => {
  it('marks several sentences and leaves one as it is', () => {
    expect(markSentences([['Один.'], ['Два ', { code: '1' }, '.']])).toBe('<s i="0">Один.</s> <s i="1">Два <x id="1"/>.</s>');
    expect(markSentences([['Один.']])).toBe('Один.');
  });

  it('splits intact answers by marker', () => {
    const r = splitMarkedAnswer('<s i="0">One.</s> <s i="1">Two <x id="1"/>.</s>', 2);
    expect(r.map(text)).toEqual(['One.', 'Two {1}.']);
    expect(r.every((x) => !x.flags && !x.failed)).toBe(true);
  });

  it('recovers one lost marker from between its neighbours and flags it', () => {
    const r = splitMarkedAnswer('<s i="0">One.</s> Two.</s> <s i="2">Three.</s>', 3);
    expect(r.map(text)).toEqual(['One.', 'Two.', 'Three.']);
    expect(r[1]!.flags?.[0]).toMatch(/recovered/u);
  });

  it('gives merged sentences\' text to the first and leaves the others empty, all flagged', () => {
    const r = splitMarkedAnswer('<s i="0">One and two together.</s> <s i="2">Three.</s>', 4);
    expect(text(r[0])).toBe('One and two together.');
    expect(r[1]!.failed).toMatch(/lost/u);
    expect(text(r[3])).toBe('');
    const merged = splitMarkedAnswer('One and two, merged. <s i="2">Three.</s>', 3);
    expect(text(merged[0])).toBe('One and two, merged.');
    expect(merged[1]!.content).toEqual([]);
    expect(merged[1]!.flags?.[0]).toMatch(/merged/u);
  });

  it('does not trust duplicated or out-of-order markers', () => {
    const r = splitMarkedAnswer('<s i="1">Two.</s> <s i="0">One.</s>', 2);
    expect(text(r[1])).toBe('Two.');
    expect(r[0]!.failed ?? r[0]!.flags).toBeDefined();
  });
});

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

describe('paragraph context', () => {
  it('sends no extra context for a whole paragraph that holds a protected span', () => {
    const article = parseArticle('Деталі на https://example.org/x сьогодні. Друге речення.\n', 'a', 'a.txt');
    const block = article.blocks[0]!;
    const paragraph = block.segments.map((s) => s.text).join(' ');
    const units = paragraphUnits(block.segments.map((s) => ({ content: s.content, codes: s.codes, context: { articleId: 'a', paragraphKey: 'a#p1', headline: '', paragraph } })));
    expect(units).toHaveLength(1);
    expect(units[0]!.missingContext).toBeUndefined();
    const partial = paragraphUnits([{ content: block.segments[1]!.content, codes: block.segments[1]!.codes, context: { articleId: 'a', paragraphKey: 'a#p1', headline: '', paragraph } }]);
    expect(partial[0]!.missingContext).toBe(paragraph);
  });
});
