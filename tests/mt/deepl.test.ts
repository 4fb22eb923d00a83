// DeepL engine behaviour against the DeepL-compatible fake on 127.0.0.1: requests packed to the
// minimum, paragraphs as marked texts with free context, glossaries, protection, faults, quotas.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { selectEngine } from '../../src/mt/select.js';
import { DEFAULT_CONFIG, type PerekladConfig } from '../../src/config.js';
import { loadGlossaries } from '../../src/glossary/glossary.js';
import { parseXliff } from '../../src/xliff/read.js';
import { parseArticle } from '../../src/source/parse.js';
import { allSegments } from '../../src/model.js';
import { paragraphUnits } from '../../src/mt/paragraphs.js';
import { deeplFixedBytes, minimumRequests } from '../../src/mt/deepl-requests.js';
import { runJob, syntheticArticle } from './helpers.js';

const KEY = 'test-key:fx';

describe('DeepL engine', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  beforeEach(async () => {
    ws = await makeWorkspace();
    fake = await startFakeDeepL({ keys: [KEY] });
  });
  afterEach(async () => {
    await fake.close();
    await ws.cleanup();
  });

  const engineFor = async (config: Partial<PerekladConfig> = {}, targets = ['en-GB']) => {
    const full: PerekladConfig = { ...DEFAULT_CONFIG, ...config, deepl: { ...DEFAULT_CONFIG.deepl, maxRetries: 3, timeoutMs: 2000, ...config.deepl } };
    const glossaries = await loadGlossaries(path.join(ws.dir, 'glossaries'));
    return selectEngine('deepl', full, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url }, targets, glossaries).engine!;
  };
  const xliff = async (id: string, lang = 'en-GB') => parseXliff(await readFile(path.join(ws.dir, `locales/${lang}/${id}.xlf`), 'utf8'), `${id}.xlf`);

  it('sends a 120-segment article in the minimum number of requests, paragraphs whole, with context', async () => {
    const text = syntheticArticle('A', 30, 4);
    await ws.write('source-texts/big.txt', text);
    const { summary } = await runJob(ws, await engineFor());
    const article = parseArticle(text, 'big', 'big.txt');
    const segments = [...allSegments(article)];
    expect(segments).toHaveLength(120);
    const units = paragraphUnits(segments.map((s) => ({ content: s.content, codes: s.codes, context: { articleId: 'big', paragraphKey: s.id.split('-')[0]!, headline: 'x', paragraph: '' } })));
    const minimum = minimumRequests(units, { fixedBytes: deeplFixedBytes('en-GB') });
    const translate = fake.requests.filter((r) => r.status === 200);
    expect(translate).toHaveLength(minimum);
    expect(translate).toHaveLength(1);
    const [request] = translate;
    expect(request!.texts).toHaveLength(30);
    expect(request!.splitSentences).toBe('0');
    expect(request!.tagHandling).toBe('xml');
    // The headline rides along as free context, not as billed text.
    expect(request!.context).toContain('Стаття A, абзац 1, речення 1');
    expect(fake.billedCharacters).toBe(summary.billedCharacters);
    const stored = await xliff('big');
    for (const s of segments) expect(stored.targets.get(s.id)?.content?.join('')).toMatch(/^EN:Стаття A/u);
  });

  it('packs many articles into as few requests as the body limit allows, and bills each distinct sentence once', async () => {
    for (let a = 0; a < 12; a++) await ws.write(`source-texts/a${a}.txt`, syntheticArticle(`N${a}`, 8, 4));
    await ws.write('source-texts/dup.txt', syntheticArticle('N0', 8, 4)); // identical to a0: sent once
    const { summary } = await runJob(ws, await engineFor());
    const ok = fake.requests.filter((r) => r.status === 200);
    for (const r of ok) expect(r.bodyBytes).toBeLessThanOrEqual(128 * 1024);
    const sentTexts = ok.flatMap((r) => r.texts);
    expect(new Set(sentTexts).size).toBe(sentTexts.length);
    expect(ok.length).toBeGreaterThan(1);
    // Next-fit packing of paragraphs: every request but the last is too full for the next paragraph.
    const textBytes = ok.reduce((n, r) => n + r.bodyBytes, 0);
    expect(ok.length).toBeLessThanOrEqual(Math.ceil(textBytes / (128 * 1024 - 4096)));
    expect(summary.billedCharacters).toBe(fake.billedCharacters);
  });

  it('recovers a sentence whose marker came back lost, flags it, and never bills the paragraph twice', async () => {
    await ws.write('source-texts/p.txt', 'Перше речення про Мінськ. Друге речення про Київ. Третє речення про Варшаву.\n');
    fake.setFaults(['drop-tag']);
    const first = await runJob(ws, await engineFor());
    expect(first.summary.errors).toEqual([]);
    const stored = await xliff('p');
    const t1 = stored.targets.get('p1-1')!;
    expect(t1.content?.join('')).toContain('Перше речення');
    expect(t1.flags.join(' ')).toMatch(/marker/u);
    expect(stored.targets.get('p1-2')?.flags.join(' ')).not.toMatch(/marker/u);
    expect(stored.targets.get('p1-2')?.content?.join('')).toContain('Друге речення');
    const billed = fake.billedCharacters;
    await runJob(ws, await engineFor());
    expect(fake.billedCharacters).toBe(billed);
    expect(fake.requests.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('retries 429 and 500 and then succeeds', async () => {
    await ws.write('source-texts/r.txt', 'Зустріч відбулася у Мінську.\n');
    fake.setFaults([429, 500]);
    const { summary } = await runJob(ws, await engineFor());
    expect(summary.errors).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  }, 20_000);

  it('a spent quota stops the job with what was translated saved, says what remains, and a re-run bills only the rest', async () => {
    for (let a = 0; a < 24; a++) await ws.write(`source-texts/a${a}.txt`, syntheticArticle(`Q${a}`, 8, 4));
    const engine = await engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, concurrency: 1 } });
    const total = (await runJob(ws, engine, ['en-GB'], true)).summary.billedCharacters;
    // Room for the first of three requests only.
    const quota = Math.floor(total / 2);
    fake.setQuota(quota, 0);
    const first = await runJob(ws, engine);
    expect(first.summary.errors.join(' ')).toMatch(new RegExp(`quota is used up \\(456\\): \\d+ of ${quota} characters remain`, 'u'));
    const paid = fake.billedCharacters;
    expect(paid).toBeGreaterThan(0);
    expect(first.summary.billedCharacters).toBe(paid);
    const billedTexts = new Set(fake.billedTexts);
    fake.setQuota(10_000_000, 0);
    const second = await runJob(ws, await engineFor());
    expect(second.summary.errors).toEqual([]);
    expect(second.summary.billedCharacters).toBe(fake.billedCharacters - paid);
    // Nothing billed in the first run is billed again.
    const again = fake.billedTexts.slice(billedTexts.size).filter((t) => billedTexts.has(t));
    expect(again).toEqual([]);
    expect(second.summary.untranslated).toBe(0);
  }, 30_000);

  it('a bad key is one clear error without the key', async () => {
    await ws.write('source-texts/k.txt', 'Зустріч відбулася у Мінську.\n');
    const config: PerekladConfig = { ...DEFAULT_CONFIG };
    const engine = selectEngine('deepl', config, { DEEPL_AUTH_KEY: 'secret-bad:fx', DEEPL_SERVER_URL: fake.url }, ['en-GB']).engine!;
    const { summary, reporter } = await runJob(ws, engine);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatch(/DeepL refused the key \(403\)/u);
    expect(JSON.stringify(reporter)).not.toContain('secret-bad');
  });

  it('creates the glossary once, reuses it while the file is unchanged, replaces it when it changes', async () => {
    await mkdir(path.join(ws.dir, 'glossaries'));
    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenko\nReuters\tReuters\n');
    await ws.write('source-texts/g.txt', 'Лукашенка процитував Reuters.\n');
    await runJob(ws, await engineFor());
    expect(fake.glossaries.size).toBe(1);
    const [id] = [...fake.glossaries.keys()];
    expect(fake.requests.at(-1)!.glossaryId).toBe(id);
    // The do-not-translate term travels as a tag and comes back intact.
    expect(fake.requests.at(-1)!.texts[0]).not.toContain('Reuters');
    expect((await xliff('g')).targets.get('p1-1')!.content!.join('')).toContain('Reuters');

    await ws.write('source-texts/g.txt', 'Лукашенко процитував Reuters ще раз.\n');
    await runJob(ws, await engineFor());
    expect([...fake.glossaries.keys()]).toEqual([id]);
    expect(fake.httpLog.filter((h) => h.method === 'POST' && h.path === '/v2/glossaries')).toHaveLength(1);

    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenka\n');
    await ws.write('source-texts/g.txt', 'Лукашенко процитував Reuters утретє.\n');
    await runJob(ws, await engineFor());
    expect(fake.glossaries.size).toBe(1);
    expect([...fake.glossaries.keys()][0]).not.toBe(id);
    expect([...fake.glossaries.values()][0]!.entries).toContain('Lukashenka');
  });

  it('flags a translation that ignored a glossary term (the fake does not apply glossaries)', async () => {
    await mkdir(path.join(ws.dir, 'glossaries'));
    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenko\n');
    await ws.write('source-texts/f.txt', 'Зустріч з Лукашенком.\n');
    const { summary } = await runJob(ws, await engineFor());
    expect(summary.flagged).toBe(1);
    expect((await xliff('f')).targets.get('p1-1')!.flags.join(' ')).toMatch(/glossary: "Лукашенком" should be translated as "Lukashenko"/u);
  });

  it('sends formality and model type per target language from the config', async () => {
    await ws.write('source-texts/l.txt', 'Зустріч відбулася у Мінську.\n');
    const engine = await engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, languages: { de: { formality: 'prefer_more', modelType: 'quality_optimized' } } } }, ['en-GB', 'de']);
    await runJob(ws, engine, ['en-GB', 'de']);
    const de = fake.requests.find((r) => r.targetLang === 'de')!;
    const en = fake.requests.find((r) => r.targetLang === 'en-GB')!;
    expect(de.formality).toBe('prefer_more');
    expect(de.modelType).toBe('quality_optimized');
    expect(en.formality).toBeUndefined();
  });

  it('a dry run sends nothing and reports what would be billed, after asking for usage', async () => {
    await ws.write('source-texts/d.txt', 'Перше речення. Друге речення.\n');
    const { summary, reporter } = await runJob(ws, await engineFor(), ['en-GB'], true);
    expect(fake.requests).toHaveLength(0);
    expect(fake.httpLog.some((h) => h.path === '/v2/usage')).toBe(true);
    // Two sentences of one paragraph travel as one text: their characters and the space between.
    expect(summary.billedCharacters).toBe('Перше речення.'.length + 1 + 'Друге речення.'.length);
    expect(reporter.lines.join('\n')).toMatch(/will bill 29 characters in 1 request/u);
  });
});
