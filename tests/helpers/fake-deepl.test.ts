import { describe, it, expect, afterEach } from 'vitest';
import * as deepl from 'deepl-node';
import { startFakeDeepL, countBilledCharacters, type FakeDeepL, type FakeDeepLOptions } from './fake-deepl.js';

const KEY = 'test-key:fx';
let fakes: FakeDeepL[] = [];

async function start(options?: FakeDeepLOptions): Promise<FakeDeepL> {
  const fake = await startFakeDeepL(options);
  fakes.push(fake);
  return fake;
}

function translator(fake: FakeDeepL, opts: Partial<deepl.TranslatorOptions> = {}, key = KEY): deepl.Translator {
  // maxRetries in deepl-node 1.28 is effectively the total number of attempts (see quirk test).
  return new deepl.Translator(key, { serverUrl: fake.url, maxRetries: 3, minTimeout: 500, sendPlatformInfo: false, ...opts });
}

async function post(fake: FakeDeepL, path: string, body: string | object, key = KEY): Promise<{ status: number; json: unknown }> {
  const isJson = typeof body !== 'string';
  const res = await fetch(fake.url + path, {
    method: 'POST',
    headers: {
      Authorization: `DeepL-Auth-Key ${key}`,
      'Content-Type': isJson ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    body: isJson ? JSON.stringify(body) : body,
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

describe('fake DeepL server driven by deepl-node', () => {
  it('round-trips a translation and records every option', async () => {
    const fake = await start();
    const t = translator(fake);
    const texts = ['Привіт, <x id="1"/>світ', 'Другий <s id="a">текст</s>'];
    const results = await t.translateText(texts, 'uk', 'en-GB', {
      context: 'Новини з Києва',
      tagHandling: 'xml',
      splitSentences: 'off',
      formality: 'prefer_less',
      ignoreTags: ['code'],
      nonSplittingTags: ['x', 's'],
    });

    expect(results.map((r) => r.text)).toEqual(['EN:Привіт, <x id="1"/>EN:світ', 'EN:Другий <s id="a">EN:текст</s>']);
    expect(results.map((r) => r.detectedSourceLang)).toEqual(['uk', 'uk']);
    // Tags are not billed with tag_handling=xml: "Привіт, " (8) + "світ" (4); "Другий " (7) + "текст" (5).
    expect(results.map((r) => r.billedCharacters)).toEqual([12, 12]);

    expect(fake.requests).toHaveLength(1);
    const rec = fake.requests[0]!;
    expect(rec.status).toBe(200);
    expect(rec.texts).toEqual(texts);
    expect(rec.sourceLang).toBe('uk'); // deepl-node lower-cases base codes…
    expect(rec.targetLang).toBe('en-GB'); // …and upper-cases the region
    expect(rec.context).toBe('Новини з Києва');
    expect(rec.tagHandling).toBe('xml');
    expect(rec.splitSentences).toBe('0'); // deepl-node sends 'off' as split_sentences=0
    expect(rec.formality).toBe('prefer_less');
    expect(rec.ignoreTags).toEqual(['code']);
    expect(rec.nonSplittingTags).toEqual(['x', 's']);
    expect(rec.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(rec.bodyBytes).toBeGreaterThan(0);
    expect(rec.raw['show_billed_characters']).toBe('1');
    expect(rec.authKey).toBe(KEY);

    expect(fake.billedCharacters).toBe(24);
    expect(fake.billedTexts).toEqual(texts);
  });

  it('keeps ignore_tags content untranslated and supports a custom translate function', async () => {
    const fake = await start({ translate: (text, req) => `${req.targetLang}|${text.toUpperCase()}` });
    const t = translator(fake);
    const r = await t.translateText('abc', 'uk', 'de');
    expect(r.text).toBe('de|ABC');

    const fake2 = await start();
    const r2 = await translator(fake2).translateText('а <code>x = 1</code> б', 'uk', 'en-US', {
      tagHandling: 'xml',
      ignoreTags: ['code'],
    });
    expect(r2.text).toBe('EN:а <code>x = 1</code> EN:б');
  });

  it('answers 403 / AuthorizationError for a bad key and bills nothing', async () => {
    const fake = await start();
    const t = translator(fake, {}, 'wrong-key:fx');
    await expect(t.translateText('Привіт', 'uk', 'en-GB')).rejects.toBeInstanceOf(deepl.AuthorizationError);
    await expect(t.getUsage()).rejects.toBeInstanceOf(deepl.AuthorizationError);
    expect(fake.requests.map((r) => r.status)).toEqual([403]);
    expect(fake.billedCharacters).toBe(0);
    expect(fake.billedTexts).toEqual([]);
  });

  it('answers 456 / QuotaExceededError (fault and real quota) and bills nothing', async () => {
    const fake = await start({ faults: [456], characterLimit: 10 });
    const t = translator(fake);
    await expect(t.translateText('Привіт', 'uk', 'en-GB')).rejects.toBeInstanceOf(deepl.QuotaExceededError);
    expect(fake.requests[0]).toMatchObject({ status: 456, fault: 456 });
    expect(fake.billedCharacters).toBe(0);

    // Quota: 6 characters fit, then 5 more would exceed the limit of 10.
    await t.translateText('Привіт', 'uk', 'en-GB');
    await expect(t.translateText('світе', 'uk', 'en-GB')).rejects.toBeInstanceOf(deepl.QuotaExceededError);
    expect(fake.requests.map((r) => r.status)).toEqual([456, 200, 456]);
    expect(fake.billedCharacters).toBe(6);
    expect(fake.billedTexts).toEqual(['Привіт']);
  });

  it('429 then success is retried by deepl-node; the text is billed once', async () => {
    const fake = await start({ faults: [429] });
    const t = translator(fake, { maxRetries: 3 });
    const r = await t.translateText('Привіт', 'uk', 'en-GB');
    expect(r.text).toBe('EN:Привіт');
    expect(fake.requests.map((x) => x.status)).toEqual([429, 200]);
    expect(fake.requests[0]!.fault).toBe(429);
    expect(fake.billedTexts).toEqual(['Привіт']);
  });

  it('quirk: deepl-node maxRetries is the total number of attempts, not retries', async () => {
    const fake = await start({ faults: [429, 429] });
    const t = translator(fake, { maxRetries: 1 });
    await expect(t.translateText('a', 'uk', 'en-GB')).rejects.toBeInstanceOf(deepl.TooManyRequestsError);
    expect(fake.requests).toHaveLength(1); // no retry at all with maxRetries: 1
  });

  it('reports usage count/limit', async () => {
    const fake = await start({ characterLimit: 1000, characterCount: 100 });
    const t = translator(fake);
    let usage = await t.getUsage();
    expect(usage.character).toMatchObject({ count: 100, limit: 1000 });
    await t.translateText(['абв', 'где'], 'uk', 'en-GB');
    usage = await t.getUsage();
    expect(usage.character).toMatchObject({ count: 106, limit: 1000 });
    fake.setQuota(106);
    expect((await t.getUsage()).anyLimitReached()).toBe(true);
  });

  it('creates, lists, reads and deletes v2 glossaries and uses them in translation', async () => {
    const fake = await start();
    const t = translator(fake);
    const entries = new deepl.GlossaryEntries({ entries: { Київ: 'Kyiv', Харків: 'Kharkiv' } });
    const info = await t.createGlossary('news', 'uk', 'en-GB', entries);
    expect(info).toMatchObject({ name: 'news', sourceLang: 'uk', targetLang: 'en', entryCount: 2, ready: true });
    expect(fake.glossaries.get(info.glossaryId)).toMatchObject({ name: 'news', sourceLang: 'uk', targetLang: 'en', format: 'tsv' });

    const list = await t.listGlossaries();
    expect(list.map((g) => g.glossaryId)).toEqual([info.glossaryId]);
    expect((await t.getGlossary(info.glossaryId)).name).toBe('news');
    expect((await t.getGlossaryEntries(info)).entries()).toEqual({ Київ: 'Kyiv', Харків: 'Kharkiv' });

    await t.translateText('Київ', 'uk', 'en-GB', { glossary: info });
    expect(fake.requests.at(-1)!.glossaryId).toBe(info.glossaryId);

    await t.deleteGlossary(info);
    expect(await t.listGlossaries()).toEqual([]);
    await expect(t.getGlossary(info.glossaryId)).rejects.toBeInstanceOf(deepl.GlossaryNotFoundError);
    await expect(t.translateText('Київ', 'uk', 'en-GB', { glossary: info.glossaryId })).rejects.toThrow(/Bad request/);

    const pairs = await t.getGlossaryLanguagePairs();
    expect(pairs).toContainEqual({ sourceLang: 'uk', targetLang: 'en' });
  });

  it('creates, lists and deletes v3 multilingual glossaries (DeepLClient)', async () => {
    const fake = await start();
    const c = new deepl.DeepLClient(KEY, { serverUrl: fake.url, maxRetries: 2, minTimeout: 500 });
    const info = await c.createMultilingualGlossary('multi', [
      { sourceLangCode: 'uk', targetLangCode: 'en', entries: new deepl.GlossaryEntries({ entries: { Київ: 'Kyiv' } }) },
      { sourceLangCode: 'uk', targetLangCode: 'de', entries: new deepl.GlossaryEntries({ entries: { Київ: 'Kiew' } }) },
    ]);
    expect(info.name).toBe('multi');
    expect(info.dictionaries).toEqual([
      { sourceLangCode: 'uk', targetLangCode: 'en', entryCount: 1 },
      { sourceLangCode: 'uk', targetLangCode: 'de', entryCount: 1 },
    ]);
    expect((await c.listMultilingualGlossaries()).map((g) => g.glossaryId)).toEqual([info.glossaryId]);
    const dict = await c.getMultilingualGlossaryDictionaryEntries(info, 'uk', 'de');
    expect(dict.entries.entries()).toEqual({ Київ: 'Kiew' });

    await c.translateText('Київ', 'uk', 'de', { glossary: info.glossaryId });
    await c.deleteMultilingualGlossary(info);
    expect(await c.listMultilingualGlossaries()).toEqual([]);
    expect(fake.multilingualGlossaries.size).toBe(0);
  });

  it('updates, replaces and deletes v3 dictionaries; applies latencyMs', async () => {
    const fake = await start({ latencyMs: 50 });
    const c = new deepl.DeepLClient(KEY, { serverUrl: fake.url, maxRetries: 2, minTimeout: 500 });
    const e = (o: Record<string, string>) => new deepl.GlossaryEntries({ entries: o });
    const g = await c.createMultilingualGlossary('m', [{ sourceLangCode: 'uk', targetLangCode: 'en', entries: e({ a: 'A' }) }]);
    const t0 = Date.now();
    const renamed = await c.updateMultilingualGlossaryName(g, 'renamed');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(renamed.name).toBe('renamed');
    const merged = await c.updateMultilingualGlossaryDictionary(g, { sourceLangCode: 'uk', targetLangCode: 'en', entries: e({ b: 'B' }) });
    expect(merged.dictionaries).toEqual([{ sourceLangCode: 'uk', targetLangCode: 'en', entryCount: 2 }]);
    const replaced = await c.replaceMultilingualGlossaryDictionary(g, { sourceLangCode: 'uk', targetLangCode: 'en', entries: e({ c: 'C' }) });
    expect(replaced).toEqual({ sourceLangCode: 'uk', targetLangCode: 'en', entryCount: 1 });
    await c.deleteMultilingualGlossaryDictionary(g, 'uk', 'en');
    expect((await c.getMultilingualGlossary(g.glossaryId)).dictionaries).toEqual([]);
    await expect(c.getMultilingualGlossaryDictionaryEntries(g, 'uk', 'en')).rejects.toBeInstanceOf(deepl.GlossaryNotFoundError);
  });

  it('returns languages including uk, en-GB, en-US, de, pl, ru', async () => {
    const fake = await start();
    const t = translator(fake);
    const source = (await t.getSourceLanguages()).map((l) => l.code);
    const target = await t.getTargetLanguages();
    expect(source).toEqual(expect.arrayContaining(['uk', 'en', 'de', 'pl', 'ru']));
    expect(target.map((l) => l.code)).toEqual(expect.arrayContaining(['uk', 'en-GB', 'en-US', 'de', 'pl', 'ru']));
    expect(target.find((l) => l.code === 'de')?.supportsFormality).toBe(true);
  });

  it('drop-tag and mangle-tag faults corrupt the tags of the answer', async () => {
    const fake = await start({ faults: ['drop-tag', 'mangle-tag'] });
    const t = translator(fake);
    const src = 'а <x id="1"/>б <s id="2">в</s>';
    const dropped = await t.translateText(src, 'uk', 'en-GB', { tagHandling: 'xml' });
    expect(dropped.text).toBe('EN:а EN:б <s id="2">EN:в</s>');
    const mangled = await t.translateText(src, 'uk', 'en-GB', { tagHandling: 'xml' });
    expect(mangled.text).toBe('EN:а <x id="1-mangled"/>EN:б <s id="2">EN:в</s>');
    expect(fake.requests.map((r) => r.fault)).toEqual(['drop-tag', 'mangle-tag']);
  });

  it("'slow' beyond the client timeout: aborted attempt is not billed, the retry is", async () => {
    // deepl-node's first-attempt timeout is max(minTimeout, ~1 s backoff deadline).
    const fake = await start({ faults: ['slow'], slowMs: 1600 });
    const t = translator(fake, { maxRetries: 3, minTimeout: 300 });
    const r = await t.translateText('Привіт', 'uk', 'en-GB');
    expect(r.text).toBe('EN:Привіт');
    // Let the slow handler finish (it records 499 once it notices the client has gone).
    for (let i = 0; i < 60 && fake.requests[0]!.status === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fake.requests.map((x) => x.status)).toEqual([499, 200]);
    expect(fake.billedTexts).toEqual(['Привіт']);
  }, 10_000);

  it('validates like DeepL on the raw HTTP level (JSON and form bodies)', async () => {
    const fake = await start();
    // JSON body works.
    const ok = await post(fake, '/v2/translate', { text: ['Привіт'], target_lang: 'EN-US', source_lang: 'UK' });
    expect(ok).toEqual({ status: 200, json: { translations: [{ detected_source_language: 'UK', text: 'EN:Привіт' }] } });
    // Empty text list → 400.
    expect((await post(fake, '/v2/translate', { text: [], target_lang: 'EN-GB' })).status).toBe(400);
    expect((await post(fake, '/v2/translate', 'target_lang=EN-GB')).status).toBe(400);
    // Bare EN target → 400 (deepl-node refuses it client-side too).
    expect((await post(fake, '/v2/translate', 'text=a&target_lang=EN')).status).toBe(400);
    await expect(translator(fake).translateText('a', 'uk', 'en' as string as deepl.TargetLanguageCode)).rejects.toThrow(/deprecated/);
    // Regional source → 400.
    expect((await post(fake, '/v2/translate', 'text=a&target_lang=DE&source_lang=EN-GB')).status).toBe(400);
    // Body over 128 KiB → 413, recorded, nothing billed.
    const big = await post(fake, '/v2/translate', `target_lang=DE&text=${'a'.repeat(130 * 1024)}`);
    expect(big.status).toBe(413);
    expect(fake.requests.at(-1)!.status).toBe(413);
    // Unknown path → 404 JSON.
    expect(await post(fake, '/v2/nope', {})).toMatchObject({ status: 404, json: { message: 'Not found' } });
    expect(fake.billedTexts).toEqual(['Привіт']);
  });

  it('counts billed characters as code points, excluding tags only with tag handling', () => {
    expect(countBilledCharacters('😀a')).toBe(2);
    expect(countBilledCharacters('<b>ab</b>')).toBe(9);
    expect(countBilledCharacters('<b>ab</b> &amp;', 'xml')).toBe(4);
  });
});
