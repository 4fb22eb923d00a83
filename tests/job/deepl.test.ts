// The DeepL engine end to end: the CLI with DEEPL_AUTH_KEY and DEEPL_SERVER_URL pointed at a
// DeepL-compatible server on 127.0.0.1; nothing leaves loopback.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile, copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { parseArticle } from '../../src/source/parse.js';
import { parseXliff } from '../../src/xliff/read.js';
import { contentToTaggedXml } from '../../src/mt/tags.js';
import { allSegments } from '../../src/model.js';

const KEY = 'test-key:fx';

describe('translate with DeepL (deepl-node against a local DeepL-compatible server)', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt'));
    fake = await startFakeDeepL({ keys: [KEY] });
  });
  afterEach(async () => {
    await fake.close();
    await ws.cleanup();
  });
  const env = (): Record<string, string> => ({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });

  it('sends every segment once, from uk to the target, and stores the answers as MT needing review', async () => {
    expect(new URL(fake.url).hostname).toBe('127.0.0.1');
    const r = await runCli(['translate', '--to', 'en-GB'], ws.dir, env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const article = parseArticle(await readFile(SAMPLE_ARTICLE, 'utf8'), 'x', 'x.txt');
    const translatable = article.blocks.filter((b) => b.kind !== 'foreign').flatMap((b) => b.segments);
    // Every sentence is its own text: XML with placeholders when it has inline codes, else plain.
    const sent = fake.requests.filter((q) => q.status === 200).flatMap((q) => q.texts);
    const asSent = (c: typeof translatable[number]['content']): string => (c.some((f) => typeof f !== 'string') ? contentToTaggedXml(c) : c.join(''));
    expect(sent.sort()).toEqual([...new Set(translatable.map((s) => asSent(s.content)))].sort());
    for (const q of fake.requests) {
      expect(q.sourceLang?.toLowerCase()).toBe('uk');
      expect(q.targetLang).toBe('en-GB');
      expect(q.tagHandling).toBe(q.texts.some((t) => t.includes('<x id=')) ? 'xml' : undefined);
    }
    expect(r.stdout).toMatch(new RegExp(`billed`));
    expect(r.stdout).toContain(`${fake.billedCharacters.toLocaleString('en-US')} billed`);

    const xliffText = await readFile(path.join(ws.dir, 'locales/en-GB/2025-06/lukashenko-kellogg-minsk.xlf'), 'utf8');
    expect(xliffText).toContain('state="needs-review-translation"');
    expect(xliffText).toContain('tool-id="deepl"');
    const stored = parseXliff(xliffText, 'x.xlf');
    for (const s of translatable) {
      const t = stored.targets.get(s.id);
      expect(t?.state).toBe('translated');
      expect(t?.provenance?.engine).toBe('deepl');
    }
    const review = await readFile(path.join(ws.dir, 'locales/en-GB/review/2025-06/lukashenko-kellogg-minsk.txt'), 'utf8');
    expect(review).toContain('EN:Самопроголошений');
    // Protected spans come back through the tags intact.
    expect(review).toContain('@MaimunkaNews');
    expect(review.startsWith(' date 2025-06 ')).toBe(true);
  });

  it('never sends the same segment twice: a second run is served from the XLIFF', async () => {
    expect((await runCli(['translate'], ws.dir, env())).code).toBe(0);
    const billed = fake.billedCharacters;
    const requests = fake.requests.length;
    const again = await runCli(['translate'], ws.dir, env());
    expect(again.code).toBe(0);
    expect(fake.requests.length).toBe(requests);
    expect(fake.billedCharacters).toBe(billed);
  });

  it('flags a segment whose protected span the engine dropped instead of shipping it silently', async () => {
    await ws.write('source-texts/link.txt', 'Повний текст заяви за посиланням https://example.org/statement сьогодні.\n');
    fake.setFaults(['drop-tag']);
    const r = await runCli(['translate', '--include', 'link.txt'], ws.dir, env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 flagged/);
    const stored = parseXliff(await readFile(path.join(ws.dir, 'locales/en-GB/link.xlf'), 'utf8'), 'link.xlf');
    const target = [...stored.targets.values()][0]!;
    expect(target.flags.join(' ')).toMatch(/https:\/\/example\.org\/statement.*missing/);
  });

  it('a bad key gives one clear line and exit 1, and the key never appears in output', async () => {
    const secret = 'wrong-secret-key:fx';
    const r = await runCli(['translate'], ws.dir, { DEEPL_AUTH_KEY: secret, DEEPL_SERVER_URL: fake.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DeepL refused the key \(403\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
  });

  it('a request DeepL refuses (400) is one error line and exit 1; its sentences stay untranslated and go again next run', async () => {
    // The sample article goes in one request: the first answer is a 400, every later one succeeds.
    fake.setFaults([400]);
    const r = await runCli(['translate', '--to', 'en-GB'], ws.dir, env());
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: en-GB: \d+ segments not translated: DeepL refused the request: .*400.*; they stay for translators until then$/u);
    expect(r.stdout).toMatch(/\d+ left untranslated/u);
    expect(fake.billedCharacters).toBe(0);
    // Not recorded as a failure: nothing was answered, so the next run asks again and is done.
    const again = await runCli(['translate', '--to', 'en-GB'], ws.dir, env());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 left untranslated/u);
  });

  it('an answer DeepL sent (200) but cut off is one error line saying so, exit 1; it is not bought again on the next run', async () => {
    fake.setFaults(['cut-off']);
    const r = await runCli(['translate', '--to', 'en-GB'], ws.dir, env());
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: en-GB: \d+ segments without a usable deepl translation \(DeepL answered but the answer could not be read \(it was cut off before its end\); .*\): flagged for translators, not sent again \(translate --retry-failed asks again\)$/u);
    expect(lines[0]).not.toMatch(/refused/u);
    // Paid for: pereklad's billed figure holds it.
    expect(r.stdout).toContain(`${fake.billedCharacters.toLocaleString('en-US')} billed`);
    const billed = fake.billedCharacters;
    const requests = fake.requests.length;
    const again = await runCli(['translate', '--to', 'en-GB'], ws.dir, env());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/stay for translators \(translate --retry-failed asks again\)/u);
    expect(fake.requests.length).toBe(requests);
    expect(fake.billedCharacters).toBe(billed);
  });

  it('a spent quota (456) stops cleanly and bills nothing', async () => {
    fake.setQuota(10, 10);
    const r = await runCli(['translate'], ws.dir, env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/quota/);
    expect(fake.billedCharacters).toBe(0);
    const stored = parseXliff(await readFile(path.join(ws.dir, 'locales/en-GB/2025-06/lukashenko-kellogg-minsk.xlf'), 'utf8'), 'x.xlf');
    expect([...allSegments(stored.article)].length).toBeGreaterThan(0);
  });
});
