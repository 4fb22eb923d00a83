// The project lock under real concurrency: two writers started together never interleave. Bounded
// waits only (the lock's own timeout); no sleeps that assume a speed.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { TransliterationEngine, LINKS_ARTICLE } from '../kit/project.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { makeKit } from '../../src/kit/kit.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { parseXliff } from '../../src/xliff/read.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

const KEY = 'test-key:fx';
const KYIV = 'Новини з Києва надходять щогодини. Редакція перевіряє кожне повідомлення.\n\nФото: #Київ 🇺🇦\n';


/** Every file under dir, by its path, with its bytes' hash. */
async function treeOf(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    tree.set(path.relative(dir, file), createHash('sha256').update(await readFile(file)).digest('hex'));
  }
  return tree;
}

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('two writers at once', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  beforeAll(async () => {
    ws = await makeWorkspace();
    fake = await startFakeDeepL({ keys: [KEY], latencyMs: 150 });
  });
  afterAll(async () => { await fake?.close(); await ws?.cleanup(); });

  it('two translates together: 0 characters billed twice; with no wait the second stops with the lock line', async () => {
    const project = path.join(ws.dir, 'two');
    await cp(SAMPLE_ARTICLE, path.join(project, 'source-texts/minsk.txt'));
    await writeFile(path.join(project, 'source-texts/kyiv.txt'), KYIV);
    const from = fake.requests.length;
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url, PEREKLAD_LOCK_WAIT_MS: '120000' };
    const [a, b] = await Promise.all([runCli(['translate', '--to', 'de,pl'], project, env), runCli(['translate', '--to', 'de,pl'], project, env)]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    const seen = new Set<string>();
    let twice = 0;
    for (const r of fake.requests.slice(from)) {
      if (r.status !== 200) continue;
      for (const text of r.texts) {
        const key = `${r.targetLang}\u0000${text}`;
        if (seen.has(key)) twice += text.length;
        seen.add(key);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(twice).toBe(0);

    // Without waiting: one line naming pid, command and since; exit 1.
    await writeFile(path.join(project, 'source-texts/more.txt'), 'Ще одна новина надійшла ввечері. Її перевіряють.\n');
    const noWait = { ...env, PEREKLAD_LOCK_WAIT_MS: '0' };
    const runs = await Promise.all([runCli(['translate', '--to', 'de,pl'], project, noWait), runCli(['translate', '--to', 'de,pl'], project, noWait)]);
    const stopped = runs.filter((r) => r.code === 1);
    // Both may also run one after the other when the first finishes before the second starts.
    for (const r of stopped) expect(r.output).toMatch(/locales is in use by pereklad translate \(pid \d+, since \d{4}-\d\d-\d\dT[\d:]+Z\); try again when it has finished/u);
    expect(runs.every((r) => r.code === 0 || r.output.includes('in use by'))).toBe(true);
  }, 240_000);

  it('translate and import started together (10 trials, random offsets): no reviewed unit lost', async () => {
    const base = path.join(ws.dir, 'base');
    await cp(SAMPLE_ARTICLE, path.join(base, 'source-texts/minsk.txt'));
    await writeFile(path.join(base, 'source-texts/links.txt'), LINKS_ARTICLE);
    await writeFile(path.join(base, 'source-texts/kyiv.txt'), KYIV);
    const summary = await runTranslateJob({ cwd: base, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine: new TransliterationEngine(), xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });
    expect(summary.errors).toEqual([]);
    await makeKit({ cwd: base, localesDir: 'locales', kind: 'xliff', lang: 'en-GB', out: 'returned' });
    const reviewed = new Map<string, string>();
    for (const id of ['minsk', 'links', 'kyiv']) {
      const file = path.join(base, 'returned', `${id}.xlf`);
      const text = `Reviewed opening of ${id}.`;
      await writeFile(file, (await readFile(file, 'utf8')).replace(/(<trans-unit id="p1-1"[\s\S]*?<target[^>]*>)[\s\S]*?(<\/target>)/u, `$1${text}$2`));
      reviewed.set(id, text);
    }
    // A source edit after the kit left: translate has MT to buy and rewrites every language file.
    await writeFile(path.join(base, 'source-texts/kyiv.txt'), KYIV.replace('кожне повідомлення', 'усі повідомлення'));
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url, PEREKLAD_LOCK_WAIT_MS: '120000' };
    for (let trial = 0; trial < 10; trial++) {
      const project = path.join(ws.dir, 'trial');
      await rm(project, { recursive: true, force: true });
      await cp(base, project, { recursive: true });
      const offset = Math.floor(Math.random() * 400);
      const importFirst = trial % 2 === 0;
      const translate = (): Promise<CliResult> => runCli(['translate', '--to', 'en-GB'], project, env);
      const importing = (): Promise<CliResult> => runCli(['import', '--partial', 'returned'], project, env);
      const [first, second] = await Promise.all([
        importFirst ? importing() : translate(),
        later(offset).then(() => (importFirst ? translate() : importing())),
      ]);
      const when = `trial ${trial} (offset ${offset} ms, ${importFirst ? 'import' : 'translate'} first)`;
      for (const r of [first, second]) expect(r.output, when).not.toMatch(/\n\s+at /u);
      for (const [id, text] of reviewed) {
        const doc = parseXliff(await readFile(path.join(project, `locales/en-GB/${id}.xlf`), 'utf8'), id);
        const t = doc.targets.get('p1-1')!;
        expect(t.content?.join(''), `${when}: ${id} ${first.output} ${second.output}`).toBe(text);
        expect(t.state, when).toBe('reviewed');
      }
    }
  }, 300_000);

  it('while another command holds the lock, readers and commands that stop before it write nothing in the project', async () => {
    const project = path.join(ws.dir, 'held');
    await cp(SAMPLE_ARTICLE, path.join(project, 'source-texts/minsk.txt'));
    await writeFile(path.join(project, 'source-texts/kyiv.txt'), KYIV);
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url, PEREKLAD_LOCK_WAIT_MS: '0' };
    expect((await runCli(['translate', '--to', 'de'], project, env)).code).toBe(0);
    await writeFile(path.join(project, 'source-texts/more.txt'), 'Ще одна новина надійшла ввечері. Її перевіряють.\n');
    // The kept target list is gone, so every command below asks DeepL for it again.
    await rm(path.join(project, 'locales/.pereklad/deepl-targets.json'));
    // This test process holds the lock, as a live import would.
    await writeFile(path.join(project, 'locales/.pereklad/lock'), `${JSON.stringify({ pid: process.pid, host: hostname(), command: 'import', since: new Date().toISOString(), token: 'held' })}\n`);
    const before = await treeOf(path.join(project, 'locales'));
    const sent = fake.requests.length;
    const runs: Array<[string[], number]> = [
      [['status', '--engine', 'deepl', '--to', 'de'], 0],
      [['translate', '--dry-run', '--to', 'de'], 0],
      [['translate', '--to', 'sw'], 2],
      [['translate', '--to', 'de'], 1],
    ];
    for (const [args, code] of runs) {
      const r = await runCli(args, project, env);
      expect(r.code, `${args.join(' ')}: ${r.output}`).toBe(code);
      expect(r.output, args.join(' ')).not.toMatch(/\n\s+at /u);
    }
    expect(await treeOf(path.join(project, 'locales'))).toEqual(before);
    expect(fake.requests.length).toBe(sent);
    // Once the lock is free, the list is kept again.
    await rm(path.join(project, 'locales/.pereklad/lock'));
    expect((await runCli(['translate', '--to', 'sw'], project, env)).code).toBe(2);
    expect(JSON.parse(await readFile(path.join(project, 'locales/.pereklad/deepl-targets.json'), 'utf8'))).toMatchObject({ engine: 'deepl' });
  }, 120_000);
});

describe('a dead holder', () => {
  it('is taken over with one line saying whose lock it was', async () => {
    const ws = await makeWorkspace();
    try {
      await ws.write('source-texts/a.txt', KYIV);
      // A process that has ended: its pid is no longer running (the kill -9 of an earlier job).
      const { spawnSync } = await import('node:child_process');
      const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
      const lock = path.join(ws.dir, 'locales/.pereklad/lock');
      await ws.write('locales/.pereklad/lock', `${JSON.stringify({ pid: Number(gone), host: hostname(), command: 'translate', since: '2026-12-03T10:00:00Z', token: 'dead' })}\n`);
      const r = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB'], ws.dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^note: locales was locked by pereklad translate \\(pid ${gone}, since 2026-12-03T10:00:00Z\\), which is no longer running`, 'mu'));
      expect(r.stderr.match(/no longer running/gu)).toHaveLength(1);
      // Released at the end, as any lock of its own.
      await expect(readFile(lock, 'utf8')).rejects.toThrow(/ENOENT/u);
    } finally {
      await ws.cleanup();
    }
  });
});
