// Articles go through a job in windows (src/job/translate.ts): whatever the window, a content is
// bought once per language (a later window finds an earlier one's answer in the journal), the
// figures are those of one pass, and a job killed between windows finishes on restart without
// buying anything twice.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from '../../src/mt/engine.js';
import { IdentityEngine } from '../helpers/identity-engine.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { parseXliff } from '../../src/xliff/read.js';

const KEY = 'c0ffee00-1234-4abc-9def-000000000000:fx';
const SHARED = 'Читайте також інші новини дня.';
const ARTICLES = [1, 2, 3, 4, 5].map((n) => `Стаття номер ${n} починається тут. ${n % 3 === 1 ? SHARED : `Своє речення статті ${n}.`}\n\nДругий абзац статті ${n}.\n`);

class CountingEngine extends IdentityEngine implements Engine {
  sent: string[] = [];
  override async translate(segments: EngineSegment[], source: string, target: string, options?: TranslateOptions): Promise<EngineResult[]> {
    this.sent.push(...segments.map((s) => s.content.join('')));
    return super.translate(segments, source, target, options);
  }
}

let ws: Workspace | undefined;
let fake: FakeDeepL | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; await ws?.cleanup(); ws = undefined; });

describe('windows of articles', () => {
  it('windows of 2 give what one pass gives: each content sent once, the same files and figures', async () => {
    const results: Array<{ sent: string[]; files: string[]; summary: Awaited<ReturnType<typeof runTranslateJob>> }> = [];
    for (const window of [2, 500]) {
      ws = await makeWorkspace();
      for (const [i, text] of ARTICLES.entries()) await ws.write(`source-texts/a${i + 1}.txt`, text);
      const engine = new CountingEngine();
      const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['de', 'pl'], engine, xliffVersion: '1.2', dryRun: false, reporter: collectingReporter(), window });
      const files: string[] = [];
      for (let i = 1; i <= ARTICLES.length; i++) {
        files.push(await readFile(path.join(ws.dir, `locales/de/review/a${i}.txt`), 'utf8'));
        const doc = parseXliff(await readFile(path.join(ws.dir, `locales/pl/a${i}.xlf`), 'utf8'), 'x');
        expect([...doc.targets.values()].every((t) => t.content !== undefined), `a${i}`).toBe(true);
      }
      results.push({ sent: engine.sent, files, summary });
      await ws.cleanup();
      ws = undefined;
    }
    const [small, whole] = results;
    expect(small!.sent.filter((s) => s === SHARED)).toHaveLength(2);
    expect(small!.sent.sort()).toEqual(whole!.sent.sort());
    expect(small!.files).toEqual(whole!.files);
    expect(small!.files[0]).toBe(ARTICLES[0]);
    const figures = ({ summary }: typeof results[number]) => ({ ...summary, errors: summary.errors.length });
    expect(figures(small!)).toEqual(figures(whole!));
    expect(small!.summary.resumedAnswers).toBe(0);
  });

  it('killed between windows, a job finishes on restart and buys nothing twice', async () => {
    ws = await makeWorkspace();
    for (const [i, text] of ARTICLES.entries()) await ws.write(`source-texts/a${i + 1}.txt`, text);
    fake = await startFakeDeepL({ keys: [KEY] });
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url, PEREKLAD_WINDOW: '2' };
    // plan:2 is reached once the first window's files are written and the second is planned.
    const killed = await runCli(['translate', '--to', 'de'], ws.dir, { ...env, PEREKLAD_CRASH_AT: 'plan:2' });
    expect(killed.code).not.toBe(0);
    const billed = new Set(fake.billedTexts);
    const restart = await runCli(['translate', '--to', 'de'], ws.dir, env);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toMatch(/; 0 left untranslated/u);
    for (const text of fake.billedTexts.slice(billed.size)) expect(billed.has(text), text).toBe(false);
    expect(fake.billedTexts.length).toBe(new Set(fake.billedTexts).size);
  });

  it('a job of several windows shows one progress for the whole job, not one per window and step', async () => {
    ws = await makeWorkspace();
    for (let i = 1; i <= 10; i++) await ws.write(`source-texts/b${i}.txt`, `Стаття ${i} про новини дня. Ще одне речення статті ${i}.\n`);
    const r = await runCli(['translate', '--to', 'de,pl', '--engine', 'pseudo'], ws.dir, { PEREKLAD_WINDOW: '3' });
    expect(r.code, r.stderr).toBe(0);
    const progress = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /^[\w -]+: [\d,]+\/[\d,]+ /u.test(l));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(10);
    expect(progress.every((l) => l.startsWith('translate: ') && l.includes('/20 articles × languages'))).toBe(true);
  });
});
