// DeepL engine behaviour against the DeepL-compatible fake on 127.0.0.1: one sentence per text,
// requests packed per article within DeepL's limits with the article as context, glossaries (v3),
// protection, faults, quotas. The referee's misbehaviours are in deepl-referee.test.ts.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { selectEngine } from '../../src/mt/select.js';
import { DEFAULT_CONFIG, validateConfig, type PerekladConfig } from '../../src/config.js';
import { loadGlossaries } from '../../src/glossary/glossary.js';
import { parseXliff } from '../../src/xliff/read.js';
import { parseArticle } from '../../src/source/parse.js';
import { allSegments } from '../../src/model.js';
import { maxCharactersFor, minimumRequests } from '../../src/mt/deepl-requests.js';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DeepLEngine, type DeepLEngineOptions } from '../../src/mt/deepl.js';
import { GlossaryEngine } from '../../src/mt/glossary-engine.js';
import { GlossarySet } from '../../src/glossary/glossary.js';
import { billableCharacters } from '../../src/mt/engine.js';
import { recordedFailure } from '../../src/mt/failure.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { translateSummary } from '../../src/cli/summaries.js';
import { REPO_ROOT } from '../helpers/workspace.js';
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
    const full: PerekladConfig = { ...DEFAULT_CONFIG, ...config, deepl: { ...DEFAULT_CONFIG.deepl, maxRetries: 3, ...config.deepl } };
    const glossaries = await loadGlossaries(path.join(ws.dir, 'glossaries'));
    return selectEngine('deepl', full, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url }, targets, glossaries).engine!;
  };
  const xliff = async (id: string, lang = 'en-GB') => parseXliff(await readFile(path.join(ws.dir, `locales/${lang}/${id}.xlf`), 'utf8'), `${id}.xlf`);

  it('sends every sentence as its own text, at most 50 a request, with its own article as context', async () => {
    const text = syntheticArticle('A', 30, 4);
    await ws.write('source-texts/big.txt', text);
    const { summary } = await runJob(ws, await engineFor());
    const article = parseArticle(text, 'big', 'big.txt');
    const segments = [...allSegments(article)];
    expect(segments).toHaveLength(120);
    const translate = fake.requests.filter((r) => r.status === 200);
    const sent = translate.flatMap((r) => r.texts);
    expect(sent.sort()).toEqual(segments.map((s) => s.text).sort());
    const paragraphs = article.blocks.map((b) => b.segments.map((s) => s.text).join(' '));
    const engineSegments = segments.map((s) => ({ content: s.content, codes: s.codes, context: { articleId: 'big', paragraphs, paragraphIndex: 0 } }));
    expect(translate).toHaveLength(minimumRequests(engineSegments, { maxCharacters: maxCharactersFor(20_000) }));
    for (const request of translate) {
      expect(request.texts.length).toBeLessThanOrEqual(50);
      expect(request.splitSentences).toBe('0');
      // Plain sentences go without tag handling: `&` and `<` would be text, not markup.
      expect(request.tagHandling).toBeUndefined();
      expect(request.modelType).toBe('quality_optimized');
      // The headline always rides along as free context, with paragraphs of this article only.
      expect(request.context).toContain(paragraphs[0]);
      expect(request.context!.length).toBeLessThanOrEqual(3000);
    }
    expect(fake.billedCharacters).toBe(summary.billedCharacters);
    expect(fake.billedCharacters).toBe(segments.reduce((n, s) => n + [...s.text].length, 0));
    const stored = await xliff('big');
    for (const s of segments) expect(stored.targets.get(s.id)?.content?.join('')).toBe(`EN:${s.text}`);
  });

  it('never puts one article\'s text in the context of another\'s sentences, and bills each distinct sentence once', async () => {
    for (let a = 0; a < 6; a++) await ws.write(`source-texts/a${a}.txt`, syntheticArticle(`N${a}`, 8, 4));
    await ws.write('source-texts/dup.txt', syntheticArticle('N0', 8, 4)); // identical to a0: sent once
    const { summary } = await runJob(ws, await engineFor());
    const ok = fake.requests.filter((r) => r.status === 200);
    for (const r of ok) {
      expect(r.bodyBytes).toBeLessThanOrEqual(128 * 1024 - 4096);
      const tags = new Set([...r.texts, r.context ?? ''].flatMap((t) => [...t.matchAll(/Стаття (N\d+)/gu)].map((m) => m[1])));
      expect(tags.size).toBe(1);
    }
    const sentTexts = ok.flatMap((r) => r.texts);
    expect(new Set(sentTexts).size).toBe(sentTexts.length);
    expect(sentTexts).toHaveLength(6 * 32);
    expect(summary.billedCharacters).toBe(fake.billedCharacters);
  });

  it('sends sentences with inline codes apart, as XML with tag handling v2 pinned', async () => {
    await ws.write('source-texts/t.txt', 'Деталі на https://example.org/x сьогодні. Друге речення & ще.\n');
    await runJob(ws, await engineFor());
    const ok = fake.requests.filter((r) => r.status === 200);
    expect(ok).toHaveLength(2);
    const tagged = ok.find((r) => r.tagHandling === 'xml')!;
    expect(tagged.texts).toEqual(['Деталі на <x id="1"/> сьогодні.']);
    expect(tagged.tagHandlingVersion).toBe('v2');
    const plain = ok.find((r) => r.tagHandling === undefined)!;
    expect(plain.texts).toEqual(['Друге речення & ще.']);
    expect(plain.tagHandlingVersion).toBeUndefined();
    const stored = await xliff('t');
    expect(stored.targets.get('p1-1')!.content).toEqual(['EN:Деталі на ', { code: '1' }, ' EN:сьогодні.']);
    expect(stored.targets.get('p1-2')!.content).toEqual(['EN:Друге речення & ще.']);
  });

  it('retries 429 and 500 and then succeeds', async () => {
    await ws.write('source-texts/r.txt', 'Зустріч відбулася у Мінську.\n');
    fake.setFaults([429, 500]);
    const { summary } = await runJob(ws, await engineFor());
    expect(summary.errors).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  }, 20_000);

  it('a 456 while the usage count shows enough left names a limit that count does not show, not "fewer than needed"', async () => {
    for (let a = 0; a < 6; a++) await ws.write(`source-texts/c${a}.txt`, syntheticArticle(`C${a}`, 8, 4));
    const engine = await engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, concurrency: 1 } });
    fake.setFaults(['pass', 456]);
    const { summary } = await runJob(ws, engine);
    const line = summary.errors.join(' ');
    expect(line).toMatch(/quota is used up \(456\): [\d,]+ of [\d,]+ characters remain this billing period by its usage count, enough for the request \([\d,]+\): a limit that count does not show/u);
    expect(line).not.toMatch(/fewer than/u);
    fake.setFaults([]);
  });

  it('a spent quota stops the job with what was translated saved, says what remains, and a re-run bills only the rest', async () => {
    for (let a = 0; a < 24; a++) await ws.write(`source-texts/a${a}.txt`, syntheticArticle(`Q${a}`, 8, 4));
    const engine = await engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, concurrency: 1 } });
    const total = (await runJob(ws, engine, ['en-GB'], true)).summary.billedCharacters;
    // Room for the first of three requests only.
    const quota = Math.floor(total / 2);
    fake.setQuota(quota, 0);
    const first = await runJob(ws, engine);
    expect(first.summary.errors.join(' ')).toMatch(new RegExp(`quota is used up \\(456\\): [\\d,]+ of ${quota.toLocaleString('en-US')} characters remain this billing period, fewer than the request needed`, 'u'));
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

  it('keeps one v3 glossary per project, updates its dictionary in place, and never touches another project\'s', async () => {
    await mkdir(path.join(ws.dir, 'glossaries'));
    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenko\nReuters\tReuters\n');
    await ws.write('source-texts/g.txt', 'Лукашенка процитував Reuters.\n');
    const engine = (projectId: string) => engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, projectId } });
    await runJob(ws, await engine('newsroom-a'));
    expect(fake.glossaries.size).toBe(0);
    expect(fake.multilingualGlossaries.size).toBe(1);
    const [id] = [...fake.multilingualGlossaries.keys()];
    expect(fake.multilingualGlossaries.get(id!)!.name).toBe('pereklad newsroom-a');
    expect(fake.requests.at(-1)!.glossaryId).toBe(id);
    // The do-not-translate term travels as a tag and comes back intact.
    expect(fake.requests.at(-1)!.texts[0]).not.toContain('Reuters');
    expect((await xliff('g')).targets.get('p1-1')!.content!.join('')).toContain('Reuters');

    // Another project on the same account: its own glossary; the first is left as it was.
    await ws.write('source-texts/g.txt', 'Лукашенко процитував Reuters знову.\n');
    await runJob(ws, await engine('newsroom-b'));
    expect(fake.multilingualGlossaries.size).toBe(2);

    await ws.write('source-texts/g.txt', 'Лукашенко процитував Reuters ще раз.\n');
    await runJob(ws, await engine('newsroom-a'));
    expect(fake.httpLog.filter((h) => h.method === 'PUT')).toHaveLength(0);

    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenka\n');
    await ws.write('source-texts/g.txt', 'Лукашенко процитував Reuters утретє.\n');
    await runJob(ws, await engine('newsroom-a'));
    expect(fake.multilingualGlossaries.size).toBe(2);
    const updated = fake.multilingualGlossaries.get(id!)!;
    expect(updated.dictionaries).toHaveLength(1);
    expect(updated.dictionaries[0]!.entries).toContain('Lukashenka');
    expect(fake.httpLog.filter((h) => h.method === 'PUT')).toHaveLength(1);
    expect(fake.httpLog.some((h) => h.method === 'DELETE')).toBe(false);
  });

  it('adds a dictionary per language pair to the one project glossary', async () => {
    await mkdir(path.join(ws.dir, 'glossaries'));
    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenko\n');
    await writeFile(path.join(ws.dir, 'glossaries/uk-de.tsv'), 'Лукашенко\tLukaschenko\n');
    await ws.write('source-texts/g.txt', 'Лукашенко виступив.\n');
    await runJob(ws, await engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, projectId: 'p1' } }, ['en-GB', 'de']), ['en-GB', 'de']);
    expect(fake.multilingualGlossaries.size).toBe(1);
    expect([...fake.multilingualGlossaries.values()][0]!.dictionaries.map((d) => `${d.sourceLang}-${d.targetLang}`).sort()).toEqual(['uk-de', 'uk-en']);
  });

  it('a glossary term DeepL would refuse is one line naming the file and line', async () => {
    await mkdir(path.join(ws.dir, 'glossaries'));
    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenko\nКиїв\tKyiv\u0085\n');
    await ws.write('source-texts/g.txt', 'Лукашенко виступив.\n');
    const { summary } = await runJob(ws, await engineFor({ deepl: { ...DEFAULT_CONFIG.deepl, projectId: 'p1' } }));
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatch(/uk-en\.tsv:2: DeepL would refuse this glossary term/u);
    expect(summary.errors[0]).not.toMatch(/\n/u);
  });

  it('flags a translation that ignored a glossary term (the fake does not apply glossaries)', async () => {
    await mkdir(path.join(ws.dir, 'glossaries'));
    await writeFile(path.join(ws.dir, 'glossaries/uk-en.tsv'), 'Лукашенко\tLukashenko\n');
    await ws.write('source-texts/f.txt', 'Зустріч з Лукашенком.\n');
    const { summary } = await runJob(ws, await engineFor());
    expect(summary.flagged).toBe(1);
    // One note for the one problem: the glossary check's, which replaces the engine's flag.
    const flags = (await xliff('f')).targets.get('p1-1')!.flags.filter((f) => /glossary/u.test(f));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatch(/^QA warning \(glossary\): .*"Лукашенком".*"Lukashenko"/u);
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
    // quality_optimized unless the config says otherwise, never what DeepL picks per key.
    expect(en.modelType).toBe('quality_optimized');
  });

  it('sends custom instructions and a style rule per language, validated in the config', async () => {
    await ws.write('source-texts/l.txt', 'Зустріч відбулася у Мінську.\n');
    const config = validateConfig({ deepl: { projectId: 'kyiv-desk', languages: { de: { customInstructions: ['Use British spelling of place names.'], styleId: 'style-1' } } } }, 'pereklad.config.json');
    expect(config.deepl.projectId).toBe('kyiv-desk');
    await runJob(ws, await engineFor(config, ['de']), ['de']);
    const de = fake.requests.find((r) => r.targetLang === 'de')!;
    expect(de.customInstructions).toEqual(['Use British spelling of place names.']);
    expect(de.raw['style_id']).toBe('style-1');
    expect(() => validateConfig({ deepl: { languages: { de: { customInstructions: Array.from({ length: 11 }, () => 'x') } } } }, 'pereklad.config.json')).toThrow(/at most 10 instructions/u);
    expect(() => validateConfig({ deepl: { projectId: 'a b' } }, 'pereklad.config.json')).toThrow(/deepl\.projectId/u);
  });

  describe('answers lost on the way: timed out, unreadable, cut off', () => {
    // Small back-offs and timeouts: deepl-node waits at least about 1 s for a first attempt.
    const direct = (options: Partial<DeepLEngineOptions> = {}) => {
      const inner = new DeepLEngine({ authKey: KEY, serverUrl: fake.url, maxRetries: 3, timeoutMs: 300, backoffMs: 10, concurrency: 1, ...options });
      return { inner, engine: new GlossaryEngine(inner, new GlossarySet()) };
    };
    const restart = async (options: Parameters<typeof startFakeDeepL>[0]): Promise<void> => {
      await fake.close();
      fake = await startFakeDeepL({ keys: [KEY], ...options });
    };
    const retryFailed = async (engine: GlossaryEngine) => {
      const reporter = collectingReporter();
      const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false, reporter, retryFailed: true });
      return { summary, reporter };
    };
    /** The abandoned attempt is billed when the server finishes it, after the job may have ended. */
    const settled = async (): Promise<void> => {
      for (let i = 0; i < 100 && fake.requests.some((r) => r.status === 0); i++) await new Promise((resolve) => setTimeout(resolve, 30));
    };
    const schema = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/summary.schema.json'), 'utf8')) as Record<string, unknown>);

    it('a request that timed out and was sent again is reported, with the characters DeepL may have billed twice', async () => {
      await restart({ faults: ['slow'], slowMs: 1500, billAbandoned: true });
      await ws.write('source-texts/t.txt', syntheticArticle('T', 2, 2));
      const { inner, engine } = direct();
      const { summary, reporter } = await runJob(ws, engine);
      await settled();
      expect(summary.errors).toEqual([]);
      expect(fake.requests.map((r) => r.status)).toEqual([499, 200]);
      const en = summary.languages['en-GB']!;
      expect(en.timedOutRequests).toBe(1);
      // The upper bound is the timed-out request's characters; here DeepL billed all of them again.
      const twice = fake.requests[0]!.texts.reduce((n, t) => n + [...t].length, 0);
      expect(en.maybeBilledTwiceCharacters).toBe(twice);
      expect(fake.billedCharacters - summary.billedCharacters).toBe(fake.abandonedBilledCharacters);
      expect(fake.abandonedBilledCharacters).toBeLessThanOrEqual(en.maybeBilledTwiceCharacters!);
      expect(inner.stats.timeouts).toBe(1);
      expect(reporter.warnings.join('\n')).toContain(`en-GB: 1 request to deepl timed out and was sent again: deepl may have billed up to ${twice.toLocaleString('en-US')} characters twice, beyond the ${summary.billedCharacters.toLocaleString('en-US')} characters counted as billed`);
      // The closing line for people says it beside the billed figure; --json carries both figures.
      const closing = translateSummary(summary, { dryRun: false, paid: true, engine: true, languages: 1, elapsedMs: 1 });
      expect(closing.lines[0]).toContain(`${summary.billedCharacters.toLocaleString('en-US')} billed, up to ${twice.toLocaleString('en-US')} more may be billed twice (1 request timed out and sent again)`);
      const doc = { schema: 'pereklad-summary/1', command: 'translate', exitCode: 0, elapsedMs: 1, errors: [], warnings: reporter.warnings, ...closing.result };
      expect(schema(doc), JSON.stringify(schema.errors)).toBe(true);
      expect(closing.result.totals!.maybeBilledTwiceCharacters).toBe(twice);
    }, 20_000);

    for (const fault of ['bad-json', 'cut-off'] as const) {
      it(`an answer DeepL sent with 200 that is ${fault === 'bad-json' ? 'not JSON' : 'cut off'} is paid for once: flagged for translators, not bought again; --retry-failed asks again`, async () => {
        const text = syntheticArticle('J', 2, 3);
        await ws.write('source-texts/j.txt', text);
        const segments = [...allSegments(parseArticle(text, 'j', 'j.txt'))];
        fake.setFaults([fault]);
        const first = await runJob(ws, direct().engine);
        expect(fake.requests).toHaveLength(1);
        const why = fault === 'bad-json' ? 'it is not valid JSON' : 'it was cut off before its end';
        expect(first.summary.errors).toEqual([`en-GB: 6 segments without a usable deepl translation (DeepL answered but the answer could not be read (${why}); it is billed, so it is not bought again unasked): flagged for translators, not sent again (translate --retry-failed asks again)`]);
        expect(first.summary.errors.join(' ')).not.toMatch(/refused/u);
        // What DeepL billed for the unreadable answer is counted as billed.
        expect(first.summary.billedCharacters).toBe(fake.billedCharacters);
        expect(first.summary.billedCharacters).toBe(segments.reduce((n, seg) => n + billableCharacters(seg.content), 0));
        const stored = await xliff('j');
        for (const seg of segments) {
          const target = stored.targets.get(seg.id)!;
          expect(target.content).toBeUndefined();
          expect(recordedFailure(target.flags)?.reason).toMatch(/^DeepL answered but the answer could not be read/u);
        }
        // The next run sends nothing: the sentences stay for translators.
        const second = await runJob(ws, direct().engine);
        expect(second.summary.errors).toEqual([]);
        expect(fake.requests).toHaveLength(1);
        expect(second.reporter.warnings.join('\n')).toMatch(/6 segments deepl gave no usable translation for on an earlier run stay for translators/u);
        const third = await retryFailed(direct().engine);
        expect(third.summary.errors).toEqual([]);
        expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
        for (const seg of segments) expect((await xliff('j')).targets.get(seg.id)?.content?.join('')).toBe(`EN:${seg.text}`);
      });
    }

    it('a connection closed before any answer is sent again, and nothing is flagged', async () => {
      await ws.write('source-texts/r.txt', syntheticArticle('R', 1, 3));
      fake.setFaults(['reset']);
      const { summary } = await runJob(ws, direct().engine);
      expect(summary.errors).toEqual([]);
      expect(fake.requests).toHaveLength(2);
      expect(fake.requests[1]!.status).toBe(200);
      expect(summary.untranslated + summary.flagged).toBe(0);
      expect(summary.billedCharacters).toBe(fake.billedCharacters);
    });

    it('one sentence that times out alone on its retry too is recorded for translators, not sent (and billed) on every run', async () => {
      await restart({ faults: ['slow', 'slow'], slowMs: 1500, billAbandoned: true });
      await ws.write('source-texts/long.txt', 'Уряд ухвалив рішення щодо підтримки громад області.\n');
      const first = await runJob(ws, direct().engine);
      await settled();
      expect(fake.requests.map((r) => r.status)).toEqual([499, 499]);
      expect(first.summary.errors).toHaveLength(1);
      expect(first.summary.errors[0]).toMatch(/^en-GB: 1 segment without a usable deepl translation \(DeepL did not answer this sentence within 300 ms, twice \(each attempt may be billed\); raise deepl\.timeoutMs to have it machine-translated\): flagged for translators, not sent again/u);
      expect(first.summary.languages['en-GB']!.timedOutRequests).toBe(1);
      const target = [...(await xliff('long')).targets.values()][0]!;
      expect(recordedFailure(target.flags)?.reason).toMatch(/did not answer this sentence within 300 ms/u);
      // Nothing is sent on the next run; --retry-failed sends it again (the server is quick now).
      const second = await runJob(ws, direct().engine);
      expect(second.summary.errors).toEqual([]);
      expect(fake.requests).toHaveLength(2);
      const third = await retryFailed(direct().engine);
      expect(third.summary.errors).toEqual([]);
      expect(fake.requests.map((r) => r.status)).toEqual([499, 499, 200]);
      expect([...(await xliff('long')).targets.values()][0]!.content?.join('')).toMatch(/^EN:/u);
    }, 20_000);

    it('when every attempt fails, nothing is counted as sent', async () => {
      await ws.write('source-texts/f.txt', syntheticArticle('F', 2, 2));
      fake.setFaults([500, 500, 500]);
      const { summary } = await runJob(ws, direct().engine);
      expect(fake.requests.map((r) => r.status)).toEqual([500, 500, 500]);
      expect(summary.errors.join(' ')).toMatch(/4 segments not translated: DeepL failed 3 times/u);
      expect(summary.sentSegments).toBe(0);
      expect(summary.sentCharacters).toBe(0);
      expect(summary.languages['en-GB']!.sentSegments).toBe(0);
      const closing = translateSummary(summary, { dryRun: false, paid: true, engine: true, languages: 1, elapsedMs: 1 });
      expect(closing.lines.at(-1)).toContain('sent 0 segments (0 characters) to MT, 0 billed');
    });
  });

  it('a dry run sends nothing and reports what would be billed, after asking for usage', async () => {
    await ws.write('source-texts/d.txt', 'Перше речення. Друге речення.\n');
    const { summary, reporter } = await runJob(ws, await engineFor(), ['en-GB'], true);
    expect(fake.requests).toHaveLength(0);
    expect(fake.httpLog.some((h) => h.path === '/v2/usage')).toBe(true);
    // Two sentences, two texts of one request: their characters, nothing between them.
    expect(summary.billedCharacters).toBe('Перше речення.'.length + 'Друге речення.'.length);
    expect(reporter.lines.join('\n')).toMatch(/will bill 28 characters in 1 request/u);
  });
});
