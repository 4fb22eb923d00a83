// The deepl engine against DeepL's official mock server (github.com/DeepLcom/deepl-mock), with
// DeepL's documented limits enforced by a small proxy in front of it (the mock does not check the
// 50-text cap): a job of 172 distinct articles, made from the sample article in source-texts/, into
// en-GB, de and pl. Not part of CI or `npm run bench` (it needs the mock checked out); see
// docs/BENCHMARKS.md, "DeepL's official mock".
//
//   git clone https://github.com/DeepLcom/deepl-mock ../deepl-mock && (cd ../deepl-mock && npm install)
//   npx tsc -p tsconfig.json && node dist/bench/deepl-mock.js      (DEEPL_MOCK_DIR=… to use another checkout)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { selectEngine } from '../src/mt/select.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { runTranslateJob } from '../src/job/translate.js';
import { collectingReporter } from '../src/project/reporter.js';
import { parseArticle } from '../src/source/parse.js';
import { allSegments } from '../src/model.js';
import { billableCharacters, contentKey } from '../src/mt/engine.js';
import { parseXliff } from '../src/xliff/read.js';
import fg from 'fast-glob';

const REPO = path.resolve(import.meta.dirname, '../..');
const MOCK_DIR = process.env.DEEPL_MOCK_DIR ?? path.resolve(REPO, '../deepl-mock');
const ARTICLES = Number(process.env.MOCK_ARTICLES ?? 172);
const TARGETS = ['en-GB', 'de', 'pl'];
// A Pro-style key (no ":fx"): the mock then reports the key-level fields too.
const KEY = 'pereklad-mock-key';
const MAX_TEXTS = 50;
const MAX_BODY = 128 * 1024;

const NAMES = ['Лукашенко', 'Келлог', 'Зеленський', 'Сибіга', 'Рубіо', 'Туск', 'Мерц'];
const PLACES = ['Мінську', 'Києві', 'Варшаві', 'Берліні', 'Брюсселі', 'Вільнюсі'];

/** Article n: the sample's paragraphs rotated and cut, names and places varied per sentence. */
function makeArticle(sample: string, n: number): string {
  const paragraphs = sample.replace(/^date \S+\s*/u, '').split(/\n\s*\n/u).map((p) => p.trim()).filter(Boolean);
  const count = Math.max(4, paragraphs.length - (n % 5));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let p = paragraphs[(i + n) % paragraphs.length]!;
    p = p.replace(/Лукашенк\p{L}*/gu, (m) => (n % 3 === 0 ? m : NAMES[(n + i) % NAMES.length]!))
      .replace(/Мінську/gu, PLACES[(n * 7 + i) % PLACES.length]!);
    out.push(i === 0 ? `Новина ${n + 1}. ${p}` : p);
  }
  return `date 2025-06\n\n${out.join('\n\n')}\n`;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startMock(): Promise<{ url: string; child: ChildProcess }> {
  if (!existsSync(path.join(MOCK_DIR, 'index.js'))) throw new Error(`no deepl-mock at ${MOCK_DIR}: clone github.com/DeepLcom/deepl-mock there and npm install it (or set DEEPL_MOCK_DIR)`);
  const port = await freePort();
  const child = spawn(process.execPath, ['index.js'], { cwd: MOCK_DIR, env: { ...process.env, DEEPL_MOCK_SERVER_PORT: String(port), DEEPL_MOCK_PROXY_SERVER_PORT: String(await freePort()) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/v2/usage`);
      return { url, child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  throw new Error('the mock did not start');
}

interface ProxyStats { requests: number; refused413: number; maxTexts: number; maxBodyBytes: number; texts: number }

/** In front of the mock: DeepL's documented limits (413), a session header, and what was sent. */
async function startLimitProxy(target: string): Promise<{ url: string; stats: ProxyStats; close(): Promise<void> }> {
  const stats: ProxyStats = { requests: 0, refused413: 0, maxTexts: 0, maxBodyBytes: 0, texts: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        if (req.url?.startsWith('/v2/translate')) {
          stats.requests++;
          const texts = new URLSearchParams(body.toString('utf8')).getAll('text').length;
          stats.maxTexts = Math.max(stats.maxTexts, texts);
          stats.maxBodyBytes = Math.max(stats.maxBodyBytes, body.length);
          if (texts > MAX_TEXTS || body.length > MAX_BODY) {
            stats.refused413++;
            res.writeHead(413, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
            return;
          }
          stats.texts += texts;
        }
        const headers: Record<string, string> = { 'mock-server-session': 'pereklad-bench' };
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
        const answer = await fetch(target + (req.url ?? '/'), { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body } : {}) });
        const text = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      })().catch((err: unknown) => {
        res.writeHead(502);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stats, close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) };
}

async function usageCount(url: string): Promise<number> {
  const r = await fetch(`${url}/v2/usage`, { headers: { Authorization: `DeepL-Auth-Key ${KEY}`, 'User-Agent': 'pereklad-bench', 'mock-server-session': 'pereklad-bench' } });
  return ((await r.json()) as { character_count: number }).character_count;
}

async function main(): Promise<void> {
  const sample = await readFile(path.join(REPO, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt'), 'utf8');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-mock-'));
  const mock = await startMock();
  const proxy = await startLimitProxy(mock.url);
  try {
    await mkdir(path.join(dir, 'source-texts'), { recursive: true });
    const unique = new Set<string>();
    let uniqueChars = 0;
    let segments = 0;
    for (let n = 0; n < ARTICLES; n++) {
      const text = makeArticle(sample, n);
      await writeFile(path.join(dir, 'source-texts', `a${String(n).padStart(3, '0')}.txt`), text);
      for (const s of allSegments(parseArticle(text, `a${n}`, `a${n}.txt`))) {
        segments++;
        const key = contentKey(s.content);
        if (!unique.has(key)) { unique.add(key); uniqueChars += billableCharacters(s.content); }
      }
    }
    const { engine } = selectEngine('deepl', DEFAULT_CONFIG, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: proxy.url }, TARGETS);
    const reporter = collectingReporter();
    await usageCount(mock.url);
    const before = await usageCount(mock.url);
    const start = performance.now();
    const summary = await runTranslateJob({ cwd: dir, sourceDir: 'source-texts', localesDir: 'locales', targets: TARGETS, engine, xliffVersion: '1.2', dryRun: false, reporter });
    const ms = performance.now() - start;
    const after = await usageCount(mock.url);
    const rows: Array<[string, string]> = [
      ['articles / segments', `${summary.articles} / ${segments} (${unique.size} distinct sentences, ${uniqueChars} characters)`],
      ['languages', TARGETS.join(', ')],
      ['translate requests', `${proxy.stats.requests} (${(proxy.stats.requests / ARTICLES / TARGETS.length).toFixed(2)} per article and language), ${proxy.stats.refused413} refused with 413`],
      ['largest request', `${proxy.stats.maxTexts} texts, ${proxy.stats.maxBodyBytes} bytes (limits ${MAX_TEXTS}, ${MAX_BODY})`],
      ['billed: pereklad / mock', `${summary.billedCharacters} / ${after - before} (unique × languages: ${uniqueChars * TARGETS.length})`],
      ['untranslated / flagged', `${summary.untranslated} / ${summary.flagged}`],
      ['errors', summary.errors.length === 0 ? 'none' : summary.errors.join('; ')],
      ['wall time', `${(ms / 1000).toFixed(2)} s`],
    ];
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(26)} ${v}\n`);
    // What the flags say, by kind (the mock's "translations" are not real ones: QA notices).
    const kinds = new Map<string, number>();
    for (const lang of TARGETS) {
      for (const file of await fg('**/*.xlf', { cwd: path.join(dir, 'locales', lang), ignore: ['review/**'] })) {
        const doc = parseXliff(await readFile(path.join(dir, 'locales', lang, file), 'utf8'), file);
        for (const t of doc.targets.values()) for (const f of t.flags) { const k = f.replace(/:.*$/u, '').trim(); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
      }
    }
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) process.stdout.write(`${'flag'.padEnd(26)} ${n} × ${k}\n`);
    for (const w of reporter.warnings.slice(0, 5)) process.stdout.write(`warning: ${w}\n`);
    if (summary.errors.length > 0 || summary.untranslated > 0) process.exitCode = 1;
  } finally {
    await proxy.close();
    mock.child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/deepl-mock: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
