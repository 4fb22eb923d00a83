// The OpenAI-compatible engine against a local fake chat-completions server.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { selectEngine } from '../../src/mt/select.js';
import { LlmEngine } from '../../src/mt/llm.js';
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

  it('sends an article\'s sentences by id with the article as context and matching glossary terms, and maps answers back one to one', async () => {
    await ws.write('source-texts/a.txt', 'Заголовок про Мінськ.\n\nЗустріч з Лукашенком. Деталі на https://example.org/x сьогодні.\n');
    const { summary } = await runJob(ws, engine({ PEREKLAD_LLM_API_KEY: 'llm-secret' }));
    expect(summary.errors).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.model).toBe('test-model');
    expect(request!.authorization).toBe('Bearer llm-secret');
    expect(request!.user.context).toBe('Заголовок про Мінськ.\n\nЗустріч з Лукашенком. Деталі на https://example.org/x сьогодні.');
    expect(request!.user.sentences.map((s) => s.id)).toEqual(['0', '1', '2']);
    expect(request!.system).toContain('Лукашенко → Lukashenko');
    expect(JSON.stringify(request!.responseFormat)).toContain('json_schema');
    const doc = await stored('a');
    expect(doc.targets.get('p2-1')!.content!.join('')).toMatch(/^EN:Зустріч/u);
    expect(doc.targets.get('p2-1')!.provenance?.engine).toBe('llm');
    // The protected URL went as a tag and came back.
    expect(request!.user.sentences[2]!.text).toContain('<x id="1"/>');
    expect(doc.targets.get('p2-2')!.content).toContainEqual({ code: '1' });
  });

  it('retries 429, 500, an HTML page, `null` and an answer that is not JSON', async () => {
    await ws.write('source-texts/b.txt', 'Зустріч відбулася у Мінську.\n');
    fake.setFaults([429, 'bad-json', 500, 'html', 'null']);
    // The back-off is recorded, not slept through (it would be 0.5 + 1 + 2 + 4 + 8 s).
    const waits: number[] = [];
    const llm = new LlmEngine({ baseUrl: fake.url, model: 'm', maxRetries: 6, sleep: async (ms) => { waits.push(ms); } });
    const { summary } = await runJob(ws, llm);
    expect(summary.errors).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 500, 200, 200, 200]);
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('a sentence the LLM left out is asked for once more, alone; left out again, it stays for translators', async () => {
    await ws.write('source-texts/c.txt', 'Перше речення. Друге речення.\n');
    fake.setFaults(['drop-id']);
    const first = await runJob(ws, engine());
    expect(first.summary.untranslated).toBe(0);
    expect(fake.requests.map((r) => r.user.sentences.map((s) => s.text))).toEqual([['Перше речення.', 'Друге речення.'], ['Друге речення.']]);
    await ws.write('source-texts/d.txt', 'Третє речення. Четверте речення.\n');
    fake.setFaults(['drop-id', 'drop-id']);
    const { summary } = await runJob(ws, engine());
    expect(summary.untranslated).toBe(1);
    // Said, not silent: one error line (exit 1), and the unit is flagged for translators.
    expect(summary.errors.join('\n')).toMatch(/en-GB: 1 segment without a usable llm translation \(the LLM returned no translation for this sentence\): flagged for translators, not sent again/u);
    expect((await stored('d')).targets.get('p1-2')!.flags.join('')).toMatch(/^no usable llm translation: /u);
    // Only the sentence without an answer was asked again; the answered one never.
    expect(fake.requests.slice(2).map((r) => r.user.sentences.map((s) => s.text))).toEqual([['Третє речення.', 'Четверте речення.'], ['Четверте речення.']]);
    // The next run does not ask (and pay) for it again; it says what it holds back, and exits 0.
    const again = await runJob(ws, engine());
    expect(fake.requests).toHaveLength(4);
    expect(again.summary.errors).toEqual([]);
    expect(again.reporter.warnings.join('\n')).toMatch(/en-GB: 1 segment llm gave no usable translation for on an earlier run stays for translators/u);
    // Another article with the same sentence is not sent for either.
    await ws.write('source-texts/e.txt', 'Четверте речення.\n');
    await runJob(ws, engine());
    expect(fake.requests).toHaveLength(4);
    expect((await stored('e')).targets.get('p1-1')!.flags.join('')).toMatch(/^no usable llm translation: /u);
  });

  it('a refused key is one error line without the key', async () => {
    await ws.write('source-texts/d.txt', 'Речення.\n');
    fake.setFaults([401]);
    const { summary, reporter } = await runJob(ws, engine({ PEREKLAD_LLM_API_KEY: 'llm-secret' }));
    expect(summary.errors.join('')).toMatch(/refused the key \(401\)/u);
    expect(JSON.stringify(reporter)).not.toContain('llm-secret');
  });
});
