// The site's own strings end to end: the Ukrainian news-site namespace (tests/fixtures/i18next)
// through `pereklad translate` with DeepL (deepl-node against the local DeepL-compatible server),
// then the target files loaded into a real i18next 26 and asked for every key with many counts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import type { Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { parseResource, sourceStrings } from '../../src/formats/i18next/resource.js';
import { pluralForm } from '../../src/formats/i18next/plurals.js';
import { DEFAULT_SYNTAX } from '../../src/formats/i18next/syntax.js';
import { parseXliff } from '../../src/xliff/read.js';
import { xliff12ToJs, xliff2js } from 'xliff';
import { COUNTS, i18nextFor, orderedJson, SITE_CONFIG, SITE_FIXTURE, siteProject, variables } from './helpers.js';

const KEY = 'test-key:fx';
const LANGS = [
  { lang: 'pl', marker: 'PL:', categories: ['one', 'few', 'many', 'other'], ordinal: ['other'] },
  { lang: 'en-GB', marker: 'EN:', categories: ['one', 'other'], ordinal: ['one', 'two', 'few', 'other'] },
];

interface Leaf { key: string; value: unknown }

function leaves(value: unknown, prefix = ''): Leaf[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ key: prefix, value }];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('site strings (i18next) through translate with DeepL', () => {
  let ws: Workspace;
  let fake: FakeDeepL;
  let stdout = '';
  const fixture = readFileSync(SITE_FIXTURE, 'utf8');
  const sourceJson = JSON.parse(fixture) as Record<string, unknown>;
  const translatable = new Set(sourceStrings(parseResource(fixture, 'site', 'site.json'), { keep: SITE_CONFIG.strings.keep }).map((s) => s.key));

  beforeAll(async () => {
    ws = await siteProject();
    fake = await startFakeDeepL({ keys: [KEY] });
    const r = await runCli(['translate', '--to', LANGS.map((l) => l.lang).join(','), '--verbose'], ws.dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
    stdout = r.stdout;
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await fake.close();
    await ws.cleanup();
  });

  it('sends each string as its own text, with the namespace as context, and no value that is not text', () => {
    expect(stdout).toMatch(/site → pl: \d+ segments, \d+ machine-translated \(deepl\)/u);
    const texts = fake.requests.filter((q) => q.status === 200).flatMap((q) => q.texts);
    // No sentence markers: a string is one text (nothing to split back).
    expect(texts.every((t) => !t.startsWith('<s i='))).toBe(true);
    for (const q of fake.requests) expect(q.context).toContain('i18next namespace "site"');
    const sent = texts.join('\n');
    for (const kept of ['dd.MM.yyyy', '"пн"', '{{count}}\n']) expect(sent).not.toContain(kept);
    // Inline codes travel as tags the engine cannot change, never as text.
    expect(sent).not.toContain('{{');
    expect(sent).not.toContain('$t(');
  });

  for (const { lang, marker, categories, ordinal } of LANGS) {
    it(`${lang}: the target file loads into i18next, and t() of every key with counts ${COUNTS.join(', ')} is translated, every interpolation filled`, async () => {
      const file = path.join(ws.dir, `locales/${lang}/site.json`);
      const i18n = await i18nextFor(lang, file);
      const target = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      const calls = new Map<string, { ordinal: boolean; translated: boolean }>();
      for (const { key, value } of leaves(target)) {
        if (typeof value !== 'string') continue;
        const form = pluralForm(key, DEFAULT_SYNTAX);
        const base = form ? form.base : key;
        const wasText = translatable.has(key) || [...translatable].some((k) => pluralForm(k, DEFAULT_SYNTAX)?.base === base);
        calls.set(base, { ordinal: form?.ordinal ?? false, translated: wasText || value.includes('$t(') });
      }
      expect(calls.size).toBeGreaterThan(40);
      for (const [key, call] of calls) {
        for (const count of COUNTS) {
          const text = i18n.t(key, { ...variables(count), ordinal: call.ordinal });
          expect(typeof text, key).toBe('string');
          expect(text, `${key} count ${count}`).not.toBe(key);
          expect(text, `${key} count ${count}`).not.toMatch(/\{\{|\}\}|\$t\(/u);
          if (call.translated) expect(text, `${key} count ${count}`).toContain(marker);
        }
      }
      // Context forms resolve like any key.
      expect(i18n.t('article.shared', { context: 'female', name: 'Olena' })).toBe(i18n.t('article.shared_female', { name: 'Olena' }));
      expect(i18n.t('article.shared', { context: 'female', name: 'Olena' })).not.toBe(i18n.t('article.shared', { context: 'male', name: 'Olena' }));
      // Counts reach the right CLDR form: each form came from a different Ukrainian string.
      // Counts of one CLDR category share one form, and different categories have different forms.
      const rules = new Intl.PluralRules(lang);
      const formOf = new Map<string, Set<string>>();
      for (const count of [...COUNTS, 1.5]) {
        // i18next takes `_zero` for 0 in every language.
        const category = count === 0 ? 'zero' : rules.select(count);
        formOf.set(category, (formOf.get(category) ?? new Set()).add(i18n.t('comments.count', { count }).replace(String(count).replace('.', ','), '#').replace(String(count), '#')));
      }
      expect([...formOf.values()].every((f) => f.size === 1)).toBe(true);
      expect(new Set([...formOf.values()].map((f) => [...f][0])).size).toBe(formOf.size);
      expect(formOf.size).toBe(categories.length + 1);
      // Exactly the target language's categories (and `_zero`, which the source has).
      const groupKeys = (base: string): string[] => Object.keys((target.comments ?? {}) as object).filter((k) => k.startsWith(`${base}_`)).map((k) => k.slice(base.length + 1));
      expect(groupKeys('count')).toEqual(['zero', ...categories]);
      const articleKeys = Object.keys(target.article as object);
      expect(articleKeys.filter((k) => k.startsWith('readingTime_')).map((k) => k.slice('readingTime_'.length))).toEqual(categories);
      expect(articleKeys.filter((k) => k.startsWith('rank_ordinal_')).map((k) => k.slice('rank_ordinal_'.length))).toEqual(ordinal);
    });

    it(`${lang}: values that are not text are kept, and keys keep the source's order`, async () => {
      const text = await readFile(path.join(ws.dir, `locales/${lang}/site.json`), 'utf8');
      const target = JSON.parse(text) as Record<string, Record<string, unknown>>;
      expect(target.settings).toEqual(sourceJson.settings);
      expect(target.comments?.counter).toBe('{{count}}');
      expect(target.newsletter?.emailPlaceholder).toBe('');
      expect(target.comments?.summary).toBe((sourceJson.comments as Record<string, unknown>).summary);
      // Integer-like keys ("404") stay where the source has them, which JSON.parse would not do.
      const errors = orderedJson(text).filter((l) => l.startsWith('/errors/')).map((l) => l.split(' = ')[0]);
      expect(errors).toEqual(['/errors/404', '/errors/500', '/errors/offline']);
      const topLevel = orderedJson(text).filter((l) => /^\/[^/]+ = \{$/u.test(l));
      expect(topLevel).toEqual(orderedJson(fixture).filter((l) => /^\/[^/]+ = \{$/u.test(l)));
    });
  }

  it('every namespace XLIFF, 1.2 and 2.0, passes xliff-check (OASIS schemas, Translate Toolkit), every inline code a <ph>', async () => {
    const r = await runCli(['translate', '--to', 'de', '--xliff', '2.0'], ws.dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
    expect(r.code, r.stderr).toBe(0);
    const files = [...LANGS.map((l) => path.join(ws.dir, `locales/${l.lang}/site.xlf`)), path.join(ws.dir, 'locales/de/site.xlf')];
    const xml = await readFile(files[0]!, 'utf8');
    const doc = parseXliff(xml, 'site.xlf');
    expect(doc.article.metadata.i18next).toEqual({ namespace: 'site', source: 'locales/uk/site.json' });
    expect(xml).toContain('<trans-unit id="comments.count_few"');
    expect(xml).toContain('<ph id="1" ctype="x-nesting">$t(newsletter.title)</ph>');
    expect(xml).toContain('<ph id="2" ctype="x-markup">&lt;0&gt;</ph>');
    if (xliffCheckUnavailable()) return;
    const check = xliffCheck(files);
    expect(check.output).toMatch(/3 passed, 0 failed/u);
  });

  it('i18next\'s own XLIFF reader (the `xliff` package, on which locize\'s round trip is built) sees every key with its source and target, codes intact', async () => {
    for (const [lang, read] of [['pl', xliff12ToJs], ['de', xliff2js]] as const) {
      const js = await read(await readFile(path.join(ws.dir, `locales/${lang}/site.xlf`), 'utf8'));
      expect(js.targetLanguage).toBe(lang);
      // One file, one namespace (1.2 names it by `original`, 2.0 by the file's id).
      expect(Object.keys(js.resources)).toHaveLength(1);
      const units = Object.values(js.resources)[0]!;
      const target = JSON.parse(await readFile(path.join(ws.dir, `locales/${lang}/site.json`), 'utf8')) as Record<string, unknown>;
      const keys = leaves(target).filter((l) => typeof l.value === 'string' && (translatable.has(l.key) || pluralForm(l.key, DEFAULT_SYNTAX))).map((l) => l.key);
      expect(Object.keys(units)).toEqual(keys);
      // Inline codes come through as the package's inline objects, holding the i18next code as written.
      const consent = JSON.stringify(units['newsletter.consent']?.target);
      for (const code of ['$t(header.subscribe)', '<0>', '</0>', '<2>', '</2>']) expect(consent).toContain(JSON.stringify(code));
    }
  });
});
