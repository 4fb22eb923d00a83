// `pereklad translate` as a newsroom runs it: in its own folder, with the built CLI.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile, readdir, stat, copyFile, mkdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  } catch {
    return [];
  }
}

describe('pereklad translate (CLI)', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt'));
  });
  afterEach(async () => { await ws.cleanup(); });

  it('has --help that names every option and exits 0', async () => {
    const r = await runCli(['translate', '--help'], ws.dir);
    expect(r.code).toBe(0);
    for (const flag of ['--to', '--engine', '--xliff', '--dry-run', 'DEEPL_AUTH_KEY']) expect(r.stdout).toContain(flag);
  });

  it('exits 2 with one clear line on bad usage', async () => {
    for (const args of [['translate', '--engine', 'google'], ['translate', '--xliff', '3.0'], ['translate', '--to', 'english!'], ['translate', '--bogus'], ['frobnicate']]) {
      const r = await runCli(args, ws.dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().length).toBeGreaterThan(0);
    }
    const deepl = await runCli(['translate', '--engine', 'deepl'], ws.dir);
    expect(deepl.code).toBe(2);
    expect(deepl.stderr).toContain('DEEPL_AUTH_KEY');
    expect(await listFiles(path.join(ws.dir, 'locales'))).toEqual([]);
    // After a real run, with a file touched (its stamp in the index goes stale): still nothing written.
    expect((await runCli(['translate', '--engine', 'pseudo'], ws.dir)).code).toBe(0);
    const xlf = path.join(ws.dir, 'locales/en-GB/2025-06/lukashenko-kellogg-minsk.xlf');
    await utimes(xlf, new Date(), new Date(Date.now() + 5000));
    const index = path.join(ws.dir, 'locales/.pereklad/index.sqlite');
    const before = await readFile(index);
    const indexStamp = (await stat(index)).mtimeMs;
    expect((await runCli(['translate', '--engine', 'pseudo', '--dry-run'], ws.dir)).code).toBe(0);
    expect((await readFile(index)).equals(before)).toBe(true);
    expect((await stat(index)).mtimeMs).toBe(indexStamp);
  });

  it('without a DeepL key runs end to end, leaves units for translators and says how to switch DeepL on', async () => {
    const r = await runCli(['translate', '--verbose'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/DEEPL_AUTH_KEY/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/2025-06\/lukashenko-kellogg-minsk → en-GB/);
    expect(r.stdout).toMatch(/^done: 1 article, \d+ segments/m);
    const xliff = await readFile(path.join(ws.dir, 'locales/en-GB/2025-06/lukashenko-kellogg-minsk.xlf'), 'utf8');
    expect(xliff).not.toContain('<target');
    // The review copy falls back to the source, every segment counted as untranslated.
    const review = await readFile(path.join(ws.dir, 'locales/en-GB/review/2025-06/lukashenko-kellogg-minsk.txt'), 'utf8');
    expect(review).toBe(await readFile(SAMPLE_ARTICLE, 'utf8'));
    expect(r.stdout).toMatch(/(\d+) segments, \1 untranslated/);
  });

  it('writes pseudo text only when asked, clearly marked, and a real run replaces it', async () => {
    const r = await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB,de'], ws.dir);
    expect(r.code).toBe(0);
    const files = await listFiles(path.join(ws.dir, 'locales'));
    expect(files).toEqual([
      '.pereklad/index.sqlite', '.pereklad/memory.sqlite',
      'de/2025-06/lukashenko-kellogg-minsk.xlf', 'de/review/2025-06/lukashenko-kellogg-minsk.txt',
      'en-GB/2025-06/lukashenko-kellogg-minsk.xlf', 'en-GB/review/2025-06/lukashenko-kellogg-minsk.txt',
    ]);
    const review = await readFile(path.join(ws.dir, 'locales/de/review/2025-06/lukashenko-kellogg-minsk.txt'), 'utf8');
    expect(review.startsWith(' date 2025-06 ⟦')).toBe(true);
    // Quoted English post and its attribution stay as they are.
    expect(review).toContain('Aleksandr #Lukashenko held a meeting with Keith #Kellogg');
    expect(review).toContain('– Maimunka News (@MaimunkaNews) June 21, 2025');
  });

  it('--dry-run writes nothing and reports what would be sent', async () => {
    const r = await runCli(['translate', '--engine', 'pseudo', '--dry-run'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dry run: 1 article.*would send [\d,]+ segments \([\d,]+ characters\)/);
    expect(await listFiles(path.join(ws.dir, 'locales'))).toEqual([]);
  });

  it('an unchanged re-run rewrites no file', async () => {
    expect((await runCli(['translate', '--engine', 'pseudo'], ws.dir)).code).toBe(0);
    const xlf = path.join(ws.dir, 'locales/en-GB/2025-06/lukashenko-kellogg-minsk.xlf');
    const before = await stat(xlf);
    const content = await readFile(xlf, 'utf8');
    const again = await runCli(['translate', '--engine', 'pseudo'], ws.dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/sent 0 segments/);
    expect((await stat(xlf)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(xlf, 'utf8')).toBe(content);
  });

  it('reports each bad input file in one line naming it, goes on with the others, and exits 1', async () => {
    await ws.write('source-texts/empty.txt', '');
    await ws.write('source-texts/binary.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    await ws.write('source-texts/latin1.txt', Uint8Array.from([...Buffer.from('Перший рядок.\nДругий '), 0xe9, 0x74, 0xe9]));
    await ws.write('source-texts/nul.txt', Buffer.concat([Buffer.from('Текст.\n\nЩе'), Buffer.from([0]), Buffer.from(' текст.')]));
    await ws.write('source-texts/good.txt', 'Добрий день. Це друга стаття.\n');
    // Tag soup a browser repairs by copying the open <b> into the next paragraph.
    await ws.write('source-texts/misnested.html', '<p>Текст <b>жирний\n<p>Далі.</p>\n');
    // Two files for one article id: neither is read, the others are.
    await ws.write('source-texts/twice.md', 'Перша версія.\n');
    await ws.write('source-texts/twice.html', '<p>Друга версія.</p>\n');
    const r = await runCli(['translate', '--engine', 'pseudo', '--verbose'], ws.dir);
    expect(r.code).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toHaveLength(6);
    expect(errors.find((l) => l.includes('same article id'))).toMatch(/source-texts\/twice\.(md|html) and source-texts\/twice\.(md|html) map to the same article id "twice"/);
    expect(r.stdout).not.toContain('twice → en-GB');
    expect(errors.find((l) => l.includes('source-texts/misnested.html:1:10'))).toMatch(/left open or closed out of order/);
    expect(errors.find((l) => l.includes('source-texts/empty.txt'))).toMatch(/empty/);
    expect(errors.find((l) => l.includes('source-texts/binary.txt'))).toMatch(/NUL byte|not a text file|UTF-8/);
    expect(errors.find((l) => l.includes('source-texts/latin1.txt:2'))).toMatch(/not valid UTF-8/);
    expect(errors.find((l) => l.includes('source-texts/nul.txt:3'))).toMatch(/NUL byte/);
    // The good articles were still translated.
    expect(r.stdout).toContain('good → en-GB');
    expect(r.stdout).toContain('2025-06/lukashenko-kellogg-minsk → en-GB');
    expect(r.stdout).toMatch(/6 errors/);
  });

  it('reads folders, targets and engine from pereklad.config.json, naming a bad key', async () => {
    await ws.write('pereklad.config.json', JSON.stringify({ sourceDir: 'source-texts', localesDir: 'out', targets: ['pl'], engine: 'pseudo', xliff: '2.0' }));
    const r = await runCli(['translate'], ws.dir);
    expect(r.code).toBe(0);
    const xliff = await readFile(path.join(ws.dir, 'out/pl/2025-06/lukashenko-kellogg-minsk.xlf'), 'utf8');
    expect(xliff).toContain('urn:oasis:names:tc:xliff:document:2.0');
    await ws.write('pereklad.config.json', JSON.stringify({ targets: 'pl' }));
    const bad = await runCli(['translate'], ws.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/pereklad\.config\.json: "targets" must be a list of strings/);
  });

  it('refuses a source pattern that climbs out of the source folder', async () => {
    const r = await runCli(['translate', '--include', '../*.txt'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/escapes the source folder/);
  });
});
