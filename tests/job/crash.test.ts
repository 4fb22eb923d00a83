// Crash safety: the job is killed (SIGKILL, as kill -9) at many points — named points through the
// PEREKLAD_CRASH_AT test hook (src/project/io.ts), then at random moments while DeepL answers
// slowly — and started again. After each kill and each restart: every XLIFF is valid, the reviewed
// units are untouched, and across both runs no text was billed twice for a language (except what was
// billed but not yet on disk when the process died — requests in flight beside the one being
// journaled — judged by what the run had done and left in its journal, not by time).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, SAMPLE_ARTICLE, CLI, type Workspace } from '../helpers/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { parseXliff } from '../../src/xliff/read.js';
import { reviewSegment } from '../memory/helpers.js';
import { isTempName } from '../../src/project/io.js';

const KEY = 'test-key:fx';
const LANGS = 'en-GB,de,pl';
const SAMPLE = '2025-06/lukashenko-kellogg-minsk';
// Reviewed and final units set up before the crashes, and never to be lost.
const REVIEWED: Array<{ lang: string; segment: string }> = [{ lang: 'en-GB', segment: 'p1-1' }, { lang: 'de', segment: 'p3-2' }];

function spawnJob(cwd: string, env: Record<string, string>): { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, 'translate', '--to', LANGS], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString('utf8'); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

function unitOf(xml: string, id: string): string {
  const m = xml.match(new RegExp(`<trans-unit id="${id}"[\\s\\S]*?</trans-unit>`, 'u'));
  if (!m) throw new Error(`unit ${id} not found`);
  return m[0];
}

/** Whether a run wrote any XLIFF of this language (the baseline's were all written by --engine none
 *  with no MT target, so an MT target means this run wrote the file). */
async function languageWritten(project: string, lang: string): Promise<boolean> {
  const dir = path.join(project, 'locales', lang);
  const files = (await readdir(dir, { recursive: true })).map(String).filter((n) => n.endsWith('.xlf'));
  for (const name of files) {
    const doc = parseXliff(await readFile(path.join(dir, name), 'utf8'), name);
    if ([...doc.targets.values()].some((t) => t.provenance?.origin === 'mt')) return true;
  }
  return false;
}

describe('a job killed at any moment finishes on restart without losing or re-buying anything', () => {
  let ws: Workspace;
  let baseline: string;
  let fake: FakeDeepL;
  const reviewedUnits = new Map<string, string>();

  beforeAll(async () => {
    ws = await makeWorkspace();
    baseline = path.join(ws.dir, 'baseline');
    const project = path.join(ws.dir, 'project');
    await cp(SAMPLE_ARTICLE, path.join(project, `source-texts/${SAMPLE}.txt`));
    await ws.write('project/source-texts/minsk.txt', 'Зустріч відбулася у Палаці Незалежности в Мінську. У переговорах взяли участь делегації обох сторін.\n\nДеталі: https://example.org/news та @handle.\n');
    await ws.write('project/source-texts/kyiv.txt', 'Новини з Києва надходять щогодини. Редакція перевіряє кожне повідомлення.\n\nФото: #Київ 🇺🇦\n');
    expect((await runCli(['translate', '--to', LANGS, '--engine', 'none'], project)).code).toBe(0);
    await reviewSegment(path.join(project, 'locales/en-GB', `${SAMPLE}.xlf`), 'p1-1', ["Belarus's self-proclaimed president Alexander Lukashenko met in Minsk with US President Donald Trump's special envoy Keith Kellogg."], 'reviewed');
    await reviewSegment(path.join(project, 'locales/de', `${SAMPLE}.xlf`), 'p3-2', ['An den Verhandlungen nahmen Delegationen beider Seiten teil – die belarussische und die amerikanische.'], 'final');
    for (const { lang, segment } of REVIEWED) {
      reviewedUnits.set(`${lang}/${segment}`, unitOf(await readFile(path.join(project, 'locales', lang, `${SAMPLE}.xlf`), 'utf8'), segment));
    }
    await cp(project, baseline, { recursive: true });
    fake = await startFakeDeepL({ keys: [KEY] });
  }, 30_000);
  afterAll(async () => {
    await fake?.close();
    await ws.cleanup();
  });

  async function reset(): Promise<string> {
    const project = path.join(ws.dir, 'project');
    await rm(project, { recursive: true, force: true });
    await cp(baseline, project, { recursive: true });
    return project;
  }

  /** Answers billed by a killed run and not on disk when it died (requests in flight beside the
   *  one just journaled): what no client can keep, so each may be bought once more. */
  const inFlight = new Set<string>();

  /** Texts billed twice for one language since request `from`, beyond the in-flight exception. */
  function billedTwice(from: number): Array<{ lang: string; text: string }> {
    const seen = new Set<string>();
    const twice: Array<{ lang: string; text: string }> = [];
    for (const r of fake.requests.slice(from)) {
      if (r.status !== 200) continue;
      for (const text of r.texts) {
        const key = `${r.targetLang}\u0000${text}`;
        if (seen.has(key) && !inFlight.has(key)) twice.push({ lang: r.targetLang, text });
        seen.add(key);
      }
    }
    return twice;
  }

  /** After a kill: the answers the killed run was billed for that its journal does not hold. */
  async function noteInFlight(project: string, runFrom: number): Promise<void> {
    const journal = await readFile(path.join(project, 'locales/.pereklad/journal.jsonl'), 'utf8').catch(() => '');
    const kept = new Set<string>();
    for (const line of journal.split('\n')) {
      try {
        const entry = JSON.parse(line) as { lang: string; key: string };
        // A journal key marks codes as NUL-delimited ids; the request sent them as placeholders.
        kept.add(`${entry.lang}\u0000${entry.key.replace(/\u0000([^\u0000]+)\u0000/gu, '<x id="$1"/>')}`);
      } catch { /* a torn last line */ }
    }
    for (const r of fake.requests.slice(runFrom)) {
      if (r.status !== 200) continue;
      for (const text of r.texts) if (!kept.has(`${r.targetLang}\u0000${text}`)) inFlight.add(`${r.targetLang}\u0000${text}`);
    }
  }

  async function checkFiles(project: string, when: string): Promise<void> {
    const entries = await readdir(path.join(project, 'locales'), { recursive: true, withFileTypes: true });
    for (const e of entries.filter((x) => x.isFile() && x.name.endsWith('.xlf'))) {
      const file = path.join(e.parentPath, e.name);
      expect(() => parseXliff('', file), when).toThrow();
      parseXliff(await readFile(file, 'utf8'), file);
    }
    for (const { lang, segment } of REVIEWED) {
      const xml = await readFile(path.join(project, 'locales', lang, `${SAMPLE}.xlf`), 'utf8');
      expect(unitOf(xml, segment), `${when}: ${lang} ${segment}`).toBe(reviewedUnits.get(`${lang}/${segment}`));
    }
  }

  async function finish(project: string, when: string): Promise<void> {
    const restart = await spawnJob(project, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url }).done;
    expect(restart.code, `${when}: ${restart.output}`).toBe(0);
    expect(restart.output).toMatch(/; 0 left untranslated/u);
    await checkFiles(project, `${when}, after the restart`);
    const leftovers = (await readdir(path.join(project, 'locales'), { recursive: true })).filter((n) => isTempName(path.basename(String(n))));
    expect(leftovers, when).toEqual([]);
  }

  it('at 20+ named points (PEREKLAD_CRASH_AT), each restart killed again at the next point', async () => {
    // Each run is both the restart of the killed one before it and a kill at the next point, so a
    // point is reached with whatever work is left; when a run finishes before its point, the
    // project is reset and the point tried again on a fresh job.
    const points = [
      'plan:1', 'journal:1', 'rename:1', 'journal:1', 'xliff:1', 'review:1', 'settle:1',
      'rename:2', 'xliff:2', 'journal:2', 'review:3', 'rename:5', 'settle:2',
      'xliff:4', 'rename:9', 'review:5', 'journal:3', 'xliff:6', 'rename:13', 'settle:3',
      'review:6', 'rename:17',
    ];
    const hit: string[] = [];
    let project = await reset();
    let from = fake.requests.length;
    let fresh = true;
    for (let i = 0; i < points.length;) {
      const point = points[i]!;
      const runFrom = fake.requests.length;
      const run = await spawnJob(project, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url, PEREKLAD_CRASH_AT: point }).done;
      const when = `run ${hit.length + 1}, crash point ${point}`;
      await checkFiles(project, when);
      // Only a kill at a journal append can leave answers in flight: at every other point the
      // language's answers are all journaled.
      if (run.signal === 'SIGKILL' && point.startsWith('journal')) await noteInFlight(project, runFrom);
      expect(billedTwice(from), when).toEqual([]);
      if (run.signal === 'SIGKILL') {
        hit.push(point);
        fresh = false;
        i++;
        continue;
      }
      expect(run.code, `${when}: ${run.output}`).toBe(0);
      expect(fresh, `${point} is never reached by a fresh job`).toBe(false);
      await finish(project, when);
      expect(billedTwice(from), when).toEqual([]);
      project = await reset();
      from = fake.requests.length;
      fresh = true;
    }
    await finish(project, 'last restart');
    expect(billedTwice(from)).toEqual([]);
    expect(new Set(hit).size).toBeGreaterThanOrEqual(20);
  }, 400_000); // 22+ full CLI runs: minutes on a loaded 2-core machine

  it('at random moments while DeepL answers slowly', async () => {
    const slow = await startFakeDeepL({ keys: [KEY], latencyMs: 120 });
    try {
      const deadline = Date.now() + 15_000;
      let rounds = 0;
      while (rounds < 4 || (Date.now() < deadline && rounds < 10)) {
        rounds++;
        const project = await reset();
        const from = slow.requests.length;
        const job = spawnJob(project, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: slow.url });
        const delay = 150 + Math.floor(Math.random() * 900);
        const timer = setTimeout(job.kill, delay);
        const first = await job.done;
        clearTimeout(timer);
        const when = `random kill after ${delay} ms (${first.signal ?? `exit ${first.code}`})`;
        await checkFiles(project, when);
        const killed = slow.requests.slice(from).filter((r) => r.status === 200);
        // The language the killed run was working on: languages are done one after another, so
        // every earlier one had its answers journaled and its XLIFF written before the next began.
        const current = killed.at(-1)?.targetLang;
        const xliffWritten = current !== undefined && await languageWritten(project, current);
        const restartFrom = slow.requests.length;
        const restart = await spawnJob(project, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: slow.url }).done;
        expect(restart.code, `${when}: ${restart.output}`).toBe(0);
        await checkFiles(project, `${when}, after the restart`);
        const paid = new Set(killed.flatMap((r) => r.texts.map((t) => `${r.targetLang}\u0000${t}`)));
        const again = slow.requests.slice(restartFrom).filter((r) => r.status === 200)
          .flatMap((r) => r.texts.filter((t) => paid.has(`${r.targetLang}\u0000${t}`)).map((text) => ({ lang: r.targetLang, text })));
        // What no client can keep is an answer billed but not yet on disk when the process died:
        // only the language in progress, and only before any of its XLIFF was written (the journal
        // is fsynced before that). Judged by what the killed run did, not by the clock, which a
        // loaded machine stretches.
        for (const t of again) {
          expect(t.lang === current && !xliffWritten, `${when}: "${t.text}" (${t.lang}) bought again though it was already on disk`).toBe(true);
        }
      }
    } finally {
      await slow.close();
    }
  }, 90_000);
});
