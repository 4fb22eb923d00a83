// kill -9 at every step of an import's commit and of `kit`: the next command (of any kind, here
// `status`, a reader) leaves the project either fully before or fully after, with no temporary
// file and no commit record left (src/project/commit.ts).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { TransliterationEngine, LINKS_ARTICLE } from '../kit/project.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { makeKit } from '../../src/kit/kit.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { isTempName } from '../../src/project/io.js';


/** Every file of a folder (path → content), and the temporary files and commit records in it. */
async function state(dir: string): Promise<{ files: Map<string, string>; leftovers: string[] }> {
  const files = new Map<string, string>();
  const leftovers: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (isTempName(e.name) || e.name === 'commit.json' || /^\.lock-/u.test(e.name)) leftovers.push(rel);
    if (!e.isFile() || rel.split(path.sep).includes('.pereklad')) continue;
    // The import stamps its date into what it writes: runs differ only there.
    files.set(rel, (await readFile(path.join(e.parentPath, e.name), 'utf8')).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/gu, 'DATE'));
  }
  return { files, leftovers };
}

function edit(xml: string, id: string, text: string): string {
  return xml.replace(new RegExp(`(<trans-unit id="${id}"[\\s\\S]*?<target[^>]*>)[\\s\\S]*?(</target>)`, 'u'), `$1${text}$2`);
}

describe('kill -9 during a commit', () => {
  let ws: Workspace;
  let base: string;
  let before: Map<string, string>;
  let after: Map<string, string>;
  const ARTICLES = ['2025-06/lukashenko-kellogg-minsk', 'links', 'kyiv'];

  beforeAll(async () => {
    ws = await makeWorkspace();
    base = path.join(ws.dir, 'base');
    await cp(SAMPLE_ARTICLE, path.join(base, `source-texts/${ARTICLES[0]}.txt`));
    await ws.write('base/source-texts/links.txt', LINKS_ARTICLE);
    await ws.write('base/source-texts/kyiv.txt', 'Новини з Києва надходять щогодини. Редакція перевіряє кожне повідомлення.\n\nФото: #Київ 🇺🇦\n');
    const summary = await runTranslateJob({ cwd: base, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine: new TransliterationEngine(), xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });
    expect(summary.errors).toEqual([]);
    await makeKit({ cwd: base, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'returned' });
    for (const id of ARTICLES) {
      const file = path.join(base, 'returned', `${id}.xlf`);
      await writeFile(file, edit(await readFile(file, 'utf8'), 'p1-1', `Reviewed first sentence of ${id}.`));
    }
    before = (await state(path.join(base, 'locales'))).files;
    const reference = path.join(ws.dir, 'reference');
    await cp(base, reference, { recursive: true });
    const done = await runCli(['import', 'returned'], reference);
    expect(done.code, done.output).toBe(0);
    after = (await state(path.join(reference, 'locales'))).files;
    expect(after).not.toEqual(before);
  }, 60_000);
  afterAll(async () => { await ws?.cleanup(); });

  it('of an import, at 20+ points: the next command leaves all of it applied or none', async () => {
    // 3 articles × (XLIFF, review copy, QA report) staged: each temp write and each rename is a point.
    const points = ['commit-staging:1', 'rename:1', ...Array.from({ length: 9 }, (_, i) => `commit-temp:${i + 1}`), 'rename:2', 'commit-point:1',
      ...Array.from({ length: 9 }, (_, i) => `commit-apply:${i + 1}`), 'commit-done:1'];
    const outcomes = { before: 0, after: 0 };
    let killed = 0;
    for (const point of points) {
      const project = path.join(ws.dir, 'trial');
      await rm(project, { recursive: true, force: true });
      await cp(base, project, { recursive: true });
      const r = await runCli(['import', 'returned'], project, { PEREKLAD_CRASH_AT: point });
      if (r.signal !== 'SIGKILL') {
        // Fewer files than points (an article without QA findings): the import finished.
        expect(r.code, `${point}: ${r.output}`).toBe(0);
        continue;
      }
      killed++;
      const next = await runCli(['status'], project);
      expect(next.code === 0 || next.code === 1, next.stderr).toBe(true);
      const { files, leftovers } = await state(path.join(project, 'locales'));
      expect(leftovers, point).toEqual([]);
      const same = (m: Map<string, string>): boolean => m.size === files.size && [...m].every(([k, v]) => files.get(k) === v);
      const which = same(before) ? 'before' : same(after) ? 'after' : 'between';
      expect(which, point).not.toBe('between');
      outcomes[which as 'before' | 'after']++;
    }
    expect(killed).toBeGreaterThanOrEqual(20);
    expect(outcomes.before).toBeGreaterThan(0);
    expect(outcomes.after).toBeGreaterThan(0);
  }, 300_000);

  it('of kit: the next command leaves no kit or the whole kit, never a half one, and no temporary folder', async () => {
    const reference = path.join(ws.dir, 'kit-reference');
    await rm(reference, { recursive: true, force: true });
    await cp(base, reference, { recursive: true });
    expect((await runCli(['kit', '--for', 'omegat', '--to', 'en-GB'], reference)).code).toBe(0);
    const fullKit = [...(await state(path.join(reference, 'kits/omegat-en-GB'))).files.keys()].sort();
    expect(fullKit.length).toBeGreaterThan(5);
    const points = [...Array.from({ length: fullKit.length }, (_, i) => `kit-file:${i + 1}`), 'commit-staging:1', 'commit-point:1', 'commit-done:1'];
    let killed = 0;
    for (const point of points) {
      const project = path.join(ws.dir, 'kit-trial');
      await rm(project, { recursive: true, force: true });
      await cp(base, project, { recursive: true });
      const r = await runCli(['kit', '--for', 'omegat', '--to', 'en-GB'], project, { PEREKLAD_CRASH_AT: point });
      expect(r.signal, `${point}: ${r.output}`).toBe('SIGKILL');
      killed++;
      expect((await runCli(['status'], project)).code).not.toBeNull();
      const kits = await readdir(path.join(project, 'kits')).catch(() => []);
      expect(kits.filter((n) => n !== 'omegat-en-GB'), point).toEqual([]);
      const kit = [...(await state(path.join(project, 'kits/omegat-en-GB'))).files.keys()].sort();
      expect(kit.length === 0 || JSON.stringify(kit) === JSON.stringify(fullKit), `${point}: ${kit.join(', ')}`).toBe(true);
      // The next kit is refused only when the whole kit is there (it may hold a translator's work).
      const again = await runCli(['kit', '--for', 'omegat', '--to', 'en-GB'], project);
      expect(again.code, `${point}: ${again.output}`).toBe(kit.length === 0 ? 0 : 2);
    }
    expect(killed).toBeGreaterThanOrEqual(8);
  }, 300_000);
});
