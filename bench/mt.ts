// Machine-translation benchmark: a job of 1,000 articles against the DeepL-compatible fake server
// (50 texts and 128 KiB per request enforced) answering every request after a fixed latency.
// Reports requests per article against the fewest DeepL's limits allow when a request's context
// may hold one article only, billed characters against the characters of the unique untranslated
// segments, and wall time against the ideal (requests ÷ concurrency × latency); then the same job
// restarted (nothing may be billed again). The marker design's figures (one text per paragraph,
// articles mixed in a request) are printed beside them from docs/BENCHMARKS.md.
//
//   npm run bench -- mt         (or: npx tsc -p tsconfig.json && node dist/bench/mt.js)
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FakeDeepLCounts } from './fake-deepl-worker.js';
import { DeepLEngine } from '../src/mt/deepl.js';
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from '../src/mt/engine.js';
import { billableCharacters } from '../src/mt/engine.js';
import { maxCharactersFor, minimumRequests } from '../src/mt/deepl-requests.js';
import { runTranslateJob } from '../src/job/translate.js';
import { collectingReporter } from '../src/project/reporter.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const KEY = 'bench-key:fx';

const NAMES = ['Лукашенко', 'Келлог', 'Помпео', 'Трамп', 'Зеленський', 'Сибіга', 'Рубіо'];
const PLACES = ['Мінську', 'Києві', 'Варшаві', 'Вашингтоні', 'Брюсселі', 'Москві'];
const VERBS = ['заявив', 'повідомив', 'наголосив', 'зазначив', 'пообіцяв'];

/** Deterministic news-like articles: 4–12 paragraphs of 1–5 sentences, and a boilerplate closing
 *  line shared by every article (sent once per job). */
function article(n: number): string {
  let seed = n * 2654435761 % 4294967296;
  const rand = (k: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const paragraphs: string[] = [];
  const count = 4 + rand(9);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    const s = 1 + rand(5);
    for (let k = 0; k < s; k++) {
      sentences.push(`${NAMES[rand(NAMES.length)]} ${VERBS[rand(VERBS.length)]} у ${PLACES[rand(PLACES.length)]}, що переговори № ${n}.${p}.${k} тривали ${1 + rand(9)} годин і завершилися домовленістю про наступну зустріч.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  paragraphs.push('Читайте також наш Telegram-канал.');
  return `${paragraphs.join('\n\n')}\n`;
}

/** Hears what the job hands the engine and how long the engine takes. */
class Measured implements Engine {
  segments: EngineSegment[] = [];
  ms = 0;
  constructor(readonly inner: DeepLEngine) {}
  get name(): string { return this.inner.name; }
  get paid(): boolean { return this.inner.paid; }
  get pseudo(): boolean { return this.inner.pseudo; }
  get stats(): Engine['stats'] { return this.inner.stats; }
  async translate(segments: EngineSegment[], s: string, t: string, o?: TranslateOptions): Promise<EngineResult[]> {
    this.segments.push(...segments);
    const start = performance.now();
    try {
      return await this.inner.translate(segments, s, t, o);
    } finally {
      this.ms += performance.now() - start;
    }
  }
}

/** The fake DeepL server in a worker thread, with its counters read by message. */
async function startFakeInWorker(): Promise<{ url: string; counts(): Promise<FakeDeepLCounts>; close(): Promise<void> }> {
  const worker = new Worker(new URL('./fake-deepl-worker.js', import.meta.url), { workerData: { keys: [KEY], latencyMs: LATENCY_MS, latencyMode: 'total', characterLimit: 1e9 } });
  const next = <T>(): Promise<T> => new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  const { url } = await next<{ url: string }>();
  return {
    url,
    counts: () => { const answer = next<FakeDeepLCounts>(); worker.postMessage('counts'); return answer; },
    close: async () => { worker.postMessage('close'); await new Promise((resolve) => worker.once('exit', resolve)); },
  };
}

export async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-bench-mt-'));
  const fake = await startFakeInWorker();
  try {
    await mkdir(path.join(dir, 'source-texts'), { recursive: true });
    for (let n = 0; n < ARTICLES; n++) await writeFile(path.join(dir, 'source-texts', `a${String(n).padStart(4, '0')}.txt`), article(n));
    const make = (): Measured => new Measured(new DeepLEngine({ authKey: KEY, serverUrl: fake.url, concurrency: CONCURRENCY, maxRetries: 3 }));
    const job = (engine: Engine | null) => runTranslateJob({ cwd: dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });

    const engine = make();
    const startJob = performance.now();
    const summary = await job(engine);
    const jobMs = performance.now() - startJob;
    if (summary.errors.length > 0) throw new Error(summary.errors.join('; '));

    const minimum = minimumRequests(engine.segments, { maxCharacters: maxCharactersFor(20_000) });
    const uniqueChars = engine.segments.reduce((n, s) => n + billableCharacters(s.content), 0);
    const afterFirst = await fake.counts();
    const requests = afterFirst.requests;
    const ideal = (requests / CONCURRENCY) * LATENCY_MS;
    const billedFirst = afterFirst.billedCharacters;
    const restart = await job(make());
    const billedAgain = (await fake.counts()).billedCharacters - billedFirst;

    const pct = (a: number, b: number): string => `${b === 0 ? 0 : ((a / b - 1) * 100).toFixed(1)} %`;
    // The marker design on the same generator (docs/BENCHMARKS.md, before issue 11).
    const old = ARTICLES === 1000 ? { requests: 126, billed: 2_790_018, unique: 2_774_081, engine: '6.85–7.03 s vs 6.30 s' } : undefined;
    const rows: Array<[string, string, string]> = [
      ['articles / segments', `${ARTICLES} / ${summary.segments} (${engine.segments.length} unique sent, one text each)`, old ? '1000 / 24,915 (7,979 paragraph texts)' : ''],
      ['requests (per article)', `${requests} (${(requests / ARTICLES).toFixed(2)}); fewest the limits allow: ${minimum}`, old ? `${old.requests} (0.13), articles mixed in one context` : ''],
      ['billed / unique characters', `${billedFirst} / ${uniqueChars} = ${(billedFirst / uniqueChars).toFixed(4)}`, old ? `${old.billed} / ${old.unique} = ${(old.billed / old.unique).toFixed(4)}` : ''],
      ['engine wall time vs ideal', `${(engine.ms / 1000).toFixed(2)} s vs ${(ideal / 1000).toFixed(2)} s (${pct(engine.ms, ideal)}; concurrency ${CONCURRENCY}, latency ${LATENCY_MS} ms)`, old ? old.engine : ''],
      ['whole job wall time', `${(jobMs / 1000).toFixed(2)} s (parse, XLIFF, review copies included)`, old ? '24.4 s' : ''],
      ['restarted job', `${restart.sentSegments} segments sent, ${billedAgain} characters billed again`, old ? '0 sent, 0 billed again' : ''],
    ];
    process.stdout.write(`${'measure'.padEnd(30)} ${'one sentence per text (now)'.padEnd(80)} marker design (before)\n`);
    for (const [k, v, o] of rows) process.stdout.write(`${k.padEnd(30)} ${v.padEnd(80)} ${o}\n`);
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench/mt: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
