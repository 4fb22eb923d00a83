// The other engines as a user runs them: `--engine llm` against a local OpenAI-compatible server,
// `--engine apertium` offline for Russian, and `auto` choosing per language and saying which.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { parseXliff } from '../../src/xliff/read.js';
import { missing, titled } from '../helpers/requirements.js';

const noApertium = missing('apertium');

const ARTICLE = 'Привіт, світ. Зустріч відбулася у Мінську.\n\nЗустріч відбулася у Мінську https://example.org/a сьогодні.\n';

describe('engines from the command line', () => {
  let ws: Workspace;
  let llm: FakeLlm;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', ARTICLE);
    llm = await startFakeLlm();
  });
  afterEach(async () => {
    await llm.close();
    await ws.cleanup();
  });
  const stored = async (lang: string) => parseXliff(await readFile(path.join(ws.dir, `locales/${lang}/a.xlf`), 'utf8'), 'a.xlf');

  it('--engine llm takes its server and model from the environment, and the key never shows', async () => {
    const secret = 'llm-secret-key';
    const r = await runCli(['translate', '--engine', 'llm', '--to', 'de'], ws.dir, {
      PEREKLAD_LLM_BASE_URL: llm.url, PEREKLAD_LLM_MODEL: 'local-model', PEREKLAD_LLM_API_KEY: secret,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(llm.requests.every((q) => q.model === 'local-model')).toBe(true);
    const doc = await stored('de');
    expect([...doc.targets.values()].every((t) => t.provenance?.engine === 'llm' && t.state === 'translated')).toBe(true);
    expect(`${r.stdout}${await readFile(path.join(ws.dir, 'locales/de/a.xlf'), 'utf8')}`).not.toContain(secret);
  });

  it('--engine llm without a server is bad usage, said in one line', async () => {
    const r = await runCli(['translate', '--engine', 'llm'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PEREKLAD_LLM_BASE_URL/);
  });

  it.skipIf(noApertium !== undefined)(titled('--engine apertium translates into Russian offline', noApertium), async () => {
    const r = await runCli(['translate', '--engine', 'apertium', '--to', 'ru'], ws.dir);
    expect(r.code).toBe(0);
    const doc = await stored('ru');
    const first = doc.targets.get('p1-1');
    expect(first?.provenance?.engine).toBe('apertium');
    expect(first?.content?.join('')).toMatch(/Привет/u);
    // The link travelled as a protected code and came back.
    expect(doc.targets.get('p2-1')?.content).toContainEqual({ code: '1' });
  });

  it('auto picks per language and says which: no key → none for en-GB, Apertium for ru', async () => {
    const r = await runCli(['translate', '--to', 'en-GB,ru'], ws.dir);
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/en-GB → none/);
    if (noApertium === undefined) {
      expect(`${r.stdout}${r.stderr}`).toMatch(/ru → apertium/);
      expect((await stored('ru')).targets.get('p1-1')?.provenance?.engine).toBe('apertium');
    }
    expect((await stored('en-GB')).targets.get('p1-1')?.content).toBeUndefined();
  });
});
