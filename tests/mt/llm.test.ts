// The OpenAI-compatible engine against a local fake chat-completions server.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { selectEngine } from '../../src/mt/select.js';
import { DEFAULT_CONFIG, type PerekladConfig } from '../../src/config.js';
import { parseGlossary, GlossarySet } from '../../src/glossary/glossary.js';
import { parseXliff } from '../../src/xliff/read.js';
import { runJob } from './helpers.js';

describe('LLM engine (OpenAI-compatible chat completions)', () => {
  let ws: Workspace;
  let fake: FakeLlm;
  beforeEach(async () => {
    ws = await makeWorkspace();
    fake = await startFakeLlm();
  });
  afterEach(async () => {
    await fake.close();
    await ws.cleanup();
  });
  const glossaries = new GlossarySet([parseGlossary('Лукашенко\tLukashenko\n', 'uk-en.tsv', 'tsv', 'uk', 'en')]);
  const engine = (env: Record<string, string> = {}) => {
    const config: PerekladConfig = { ...DEFAULT_CONFIG, llm: { ...DEFAULT_CONFIG.llm, baseUrl: fake.url, model: 'test-model', maxRetries: 3 } };
    return selectEngine('llm', config, env, ['en-GB'], glossaries).engine!;
  };
  const stored = async (id: string) => parseXliff(await readFile(path.join(ws.dir, `locales/en-GB/${id}.xlf`), 'utf8'), 'x');

  it('sends paragraphs with their sentences, the headline and matching glossary terms, and maps answers back one to one', async () => {
    await ws.write('source-texts/a.txt', 'Заголовок про Мінськ.\n\nЗустріч з Лукашенком. Деталі на https://example.org/x сьогодні.\n');
    const { summary } = await runJob(ws, engine({ PEREKLAD_LLM_API_KEY: 'llm-secret' }));
    expect(summary.errors).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.model).toBe('test-model');
    expect(request!.authorization).toBe('Bearer llm-secret');
    expect(request!.user.headlines).toEqual(['Заголовок про Мінськ.']);
    expect(request!.user.paragraphs.map((p) => p.sentences.length)).toEqual([1, 2]);
    expect(request!.system).toContain('Лукашенко → Lukashenko');
    expect(JSON.stringify(request!.responseFormat)).toContain('json_schema');
    const doc = await stored('a');
    expect(doc.targets.get('p2-1')!.content!.join('')).toMatch(/^EN:Зустріч/u);
    expect(doc.targets.get('p2-1')!.provenance?.engine).toBe('llm');
    // The protected URL went as a tag and came back.
    expect(request!.user.paragraphs[1]!.sentences[1]!.text).toContain('<x id="1"/>');
    expect(doc.targets.get('p2-2')!.content).toContainEqual({ code: '1' });
  });

  it('retries 429, 500, an HTML page, `null` and an answer that is not JSON', async () => {
    await ws.write('source-texts/b.txt', 'Зустріч відбулася у Мінську.\n');
    fake.setFaults([429, 'bad-json', 500, 'html', 'null']);
    const cfg: PerekladConfig = { ...DEFAULT_CONFIG, llm: { ...DEFAULT_CONFIG.llm, baseUrl: fake.url, model: 'm', maxRetries: 6 } };
    const { summary } = await runJob(ws, selectEngine('llm', cfg, {}, ['en-GB']).engine!);
    expect(summary.errors).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 500, 200, 200, 200]);
  }, 20_000);

  it('a sentence the LLM left out stays for translators', async () => {
    await ws.write('source-texts/c.txt', 'Перше речення. Друге речення.\n');
    fake.setFaults(['drop-id']);
    const { summary, reporter } = await runJob(ws, engine());
    expect(summary.untranslated).toBe(1);
    expect(reporter.warnings.join('\n')).toMatch(/1 segment came back unusable from llm/u);
  });

  it('a refused key is one error line without the key', async () => {
    await ws.write('source-texts/d.txt', 'Речення.\n');
    fake.setFaults([401]);
    const { summary, reporter } = await runJob(ws, engine({ PEREKLAD_LLM_API_KEY: 'llm-secret' }));
    expect(summary.errors.join('')).toMatch(/refused the key \(401\)/u);
    expect(JSON.stringify(reporter)).not.toContain('llm-secret');
  });
});
