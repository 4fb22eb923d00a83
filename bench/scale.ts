// Archive scale: pereklad over 1,000 … 50,000 distinct articles with an instant engine (the
// built-in pseudo engine, in process, so what is measured is pereklad's own work), each step run
// as its own process through the real CLI:
//   first run, unchanged re-run, 1 % of the articles edited, 1 % new articles, status, review, publish.
// For each: wall time, CPU (user and system) and peak RSS of the process; and, beside the first run,
// what the durable writes of the files it wrote cost alone (bench/scale-floor.ts: the file system's
// floor, the same on any code that keeps every write crash-safe). Articles are made from the
// sentences of the sample article in source-texts/ (with names, places and numbers varied, so each
// is distinct and the memory holds many near neighbours, as a newsroom's archive does).
//
//   npm run bench -- scale                    (BENCH_SIZES=1000,3000,10000 to choose the sizes)
//   nice npm run bench -- scale               (on a shared machine)
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { splitSentences } from '../src/segment/split.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,3000,10000').split(',').map(Number);
const LANG = 'en-GB';
const here = import.meta.dirname;
const CHILD = path.join(here, 'scale-child.js');
const FLOOR = path.join(here, 'scale-floor.js');
const SAMPLE = path.resolve(here, '../../source-texts/2025-06/lukashenko-kellogg-minsk.txt');

const NAMES = ['Лукашенко', 'Келлог', 'Помпео', 'Трамп', 'Зеленський', 'Сибіга', 'Рубіо', 'Макрон', 'Туск', 'Стармер'];
const PLACES = ['Мінську', 'Києві', 'Варшаві', 'Вашингтоні', 'Брюсселі', 'Парижі', 'Берліні', 'Лондоні', 'Римі', 'Празі'];

async function sentencePool(): Promise<string[]> {
  const text = await readFile(SAMPLE, 'utf8');
  // Ukrainian prose only: the quoted English post and its attribution line stay out.
  return text.replace(/^date \S+\s*/u, '').split(/\n\s*\n/u).filter((p) => /[а-яіїєґ]/iu.test(p) && !p.includes('pic.twitter'))
    .flatMap((p) => splitSentences(p)).filter((s) => s.length > 20);
}

/** Article n: 5–10 paragraphs of 1–3 sentences from the pool, each varied by name, place and
 *  number so that no two articles share a sentence (a shared one would be translated once). */
function makeArticle(pool: readonly string[], n: number, edit = 0): string {
  let seed = (n * 2654435761) % 4294967296;
  const rand = (k: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const paragraphs: string[] = [];
  const count = 5 + rand(6);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    const s = 1 + rand(3);
    for (let k = 0; k < s; k++) {
      const base = pool[rand(pool.length)]!;
      const varied = base.replace('Лукашенко', NAMES[rand(NAMES.length)]!).replace('Мінську', PLACES[rand(PLACES.length)]!);
      sentences.push(`${varied.replace(/[.!?…"»]+$/u, '')}, повідомлення ${n}-${p}-${k}${edit > 0 && p === 0 && k === 0 ? ` (оновлено ${edit})` : ''}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return `date 2025-06\n\n${paragraphs.join('\n\n')}\n`;
}

const articlePath = (dir: string, n: number): string => path.join(dir, 'source-texts', String(Math.floor(n / 1000)).padStart(3, '0'), `a${n}.txt`);

async function writeArticles(dir: string, pool: readonly string[], from: number, to: number, edit = 0): Promise<void> {
  for (let n = from; n < to; n++) {
    const file = articlePath(dir, n);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, makeArticle(pool, n, edit));
  }
}

interface Measure { step: string; wallS: number; userS: number; systemS: number; cpuS: number; rssMb: number; code: number }

interface ChildUsage { wallMs?: number; userUs?: number; systemUs?: number; maxRssKb?: number; files?: number }

/** Run a bench child in `dir`; it reports its usage as JSON on file descriptor 3. */
function spawnChild(dir: string, step: string, args: string[]): { usage: ChildUsage; wallMs: number; code: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const wallMs = performance.now() - start;
  if (child.status !== 0) process.stderr.write(`${step}: exit ${child.status}\n${child.stderr.toString().slice(0, 2000)}\n`);
  return { usage: JSON.parse(child.output[3]?.toString() || '{}') as ChildUsage, wallMs, code: child.status ?? -1 };
}

function measure(step: string, wallMs: number, usage: ChildUsage, code: number): Measure {
  const userS = (usage.userUs ?? 0) / 1e6;
  const systemS = (usage.systemUs ?? 0) / 1e6;
  return { step, wallS: wallMs / 1000, userS, systemS, cpuS: userS + systemS, rssMb: (usage.maxRssKb ?? 0) / 1024, code };
}

function run(dir: string, step: string, args: string[]): Measure {
  const { usage, wallMs, code } = spawnChild(dir, step, [CHILD, ...args, '--quiet']);
  return measure(step, wallMs, usage, code);
}

/** The durable writes alone of what the first run wrote (bench/scale-floor.ts, which times its
 *  writes only, not its reads), then removed. */
async function floor(dir: string): Promise<Measure> {
  const { usage, code } = spawnChild(dir, 'durable writes alone', [FLOOR, LANG]);
  await rm(path.join(dir, 'floor'), { recursive: true, force: true });
  return measure(`durable writes alone (${(usage.files ?? 0).toLocaleString('en-US')} files)`, usage.wallMs ?? 0, { ...usage, maxRssKb: 0 }, code);
}

const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const pool = await sentencePool();
  process.stdout.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start\n`);
  process.stdout.write(`seed: ${pool.length} sentences of the sample article; engine: pseudo (in process, instant); one target language (${LANG})\n\n`);
  process.stdout.write('| articles | step | wall s | user s | system s | CPU ms/article | peak RSS MB |\n|---|---|---|---|---|---|---|\n');
  for (const size of SIZES) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-scale-'));
    try {
      await writeArticles(dir, pool, 0, size);
      const translate = ['translate', '--engine', 'pseudo', '--to', LANG];
      const steps: Measure[] = [];
      steps.push(run(dir, 'first run', translate));
      const writes = await floor(dir);
      steps.push(run(dir, 'unchanged re-run', translate));
      const onePercent = Math.max(1, Math.round(size / 100));
      // 1 % edited: a sentence of the first paragraph changed, spread over the archive.
      for (let i = 0; i < onePercent; i++) {
        const n = Math.floor((i * size) / onePercent);
        await writeFile(articlePath(dir, n), makeArticle(pool, n, 1));
      }
      steps.push(run(dir, '1 % edited', translate));
      await writeArticles(dir, pool, size, size + onePercent);
      steps.push(run(dir, '1 % new', translate));
      steps.push(run(dir, 'status', ['status', '--engine', 'pseudo', '--to', LANG]));
      steps.push(run(dir, 'review', ['review', '--to', LANG]));
      // Every XLIFF read and gated (pseudo text is never published: nothing is copied, the
      // articles namespace and its source-language fallback are still written).
      steps.push(run(dir, 'publish', ['publish', '--to', LANG, '--allow-mt']));
      const row = (m: Measure): string => `| ${size.toLocaleString('en-US')} | ${m.step}${m.code === 0 ? '' : ` (exit ${m.code})`} | ${fmt(m.wallS)} | ${fmt(m.userS)} | ${fmt(m.systemS)} | ${fmt((m.cpuS * 1000) / size, 2)} | ${m.rssMb > 0 ? fmt(m.rssMb, 0) : '–'} |\n`;
      process.stdout.write(row(steps[0]!) + row(writes));
      for (const m of steps.slice(1)) process.stdout.write(row(m));
      const [first, rerun, , added] = steps;
      const note = (what: string, value: string): void => { process.stdout.write(`|  | ${what} | ${value} |  |  |  |  |\n`); };
      note('first run − durable writes alone, per article', `${fmt(((first!.wallS - writes.wallS) * 1000) / size, 2)} ms wall, ${fmt(((first!.cpuS - writes.cpuS) * 1000) / size, 2)} ms CPU`);
      note('first ÷ re-run', `${fmt(first!.wallS / rerun!.wallS, 1)}×`);
      note('1 % new − re-run, per new article', `${fmt(((added!.wallS - rerun!.wallS) * 1000) / onePercent, 1)} ms`);
    } finally {
      // BENCH_KEEP=1 keeps the last project, to profile a step by hand.
      if (process.env.BENCH_KEEP === '1') process.stdout.write(`kept: ${dir}\n`);
      else await rm(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end\n`);
}

await main();
