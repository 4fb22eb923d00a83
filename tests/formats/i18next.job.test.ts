// The translate job over a namespace: identity into languages with Ukrainian's plural categories
// gives back the source file, and re-runs are incremental (a dropped key leaves the targets, an
// added key is the only new work, a changed value is redone with the reviewed one kept as previous).
import { describe, it, expect, afterEach } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTranslateJob, type TranslateJobOptions } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { IdentityEngine } from '../helpers/identity-engine.js';
import type { Workspace } from '../helpers/workspace.js';
import type { Engine, EngineResult, EngineSegment } from '../../src/mt/engine.js';
import { parseXliff, codecFor } from '../../src/xliff/read.js';
import { DEFAULT_SYNTAX } from '../../src/formats/i18next/syntax.js';
import { runImport } from '../../src/import/import.js';
import { orderedJson, siteProject, SITE_FIXTURE } from './helpers.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';
import { createxliff, createxliff12 } from 'xliff';

/** Marks every text run, so a translation is told from its source; records what it was sent. */
class MarkingEngine implements Engine {
  readonly name = 'marking';
  readonly paid = false;
  readonly pseudo = false;
  sent: string[] = [];
  async translate(segments: EngineSegment[], _s: string, target: string): Promise<EngineResult[]> {
    this.sent.push(...segments.map((s) => s.content.map((f) => (typeof f === 'string' ? f : `{${f.code}}`)).join('')));
    return segments.map((s) => ({ content: s.content.map((f) => (typeof f === 'string' ? `${target}:${f}` : { ...f })) }));
  }
}

function job(ws: Workspace, engine: Engine, targets: string[]): TranslateJobOptions {
  return {
    cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets, engine, xliffVersion: '1.2', dryRun: false,
    reporter: collectingReporter(), strings: { keep: ['settings.formats'], syntax: DEFAULT_SYNTAX }, stringsExclude: ['articles'],
  };
}

describe('translate job over i18next namespaces', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('identity into Polish and Russian (the same cardinal categories as Ukrainian) gives back the source file: keys, order, values', async () => {
    ws = await siteProject();
    const summary = await runTranslateJob(job(ws, new IdentityEngine(), ['pl', 'ru']));
    expect(summary.errors).toEqual([]);
    const source = orderedJson(await readFile(SITE_FIXTURE, 'utf8'));
    for (const lang of ['pl', 'ru']) {
      expect(orderedJson(await readFile(path.join(ws.dir, `locales/${lang}/site.json`), 'utf8')), lang).toEqual(source);
    }
  });

  it('ordinals follow the target too: Ukrainian has few/other, Polish and Russian only other', async () => {
    ws = await siteProject({ strings: { keep: ['settings.formats'] } });
    await ws.write('locales/uk/ranks.json', '{\n  "rank_ordinal_few": "{{count}}-тя",\n  "rank_ordinal_other": "{{count}}-та"\n}\n');
    await runTranslateJob(job(ws, new IdentityEngine(), ['pl', 'en-GB']));
    expect(JSON.parse(await readFile(path.join(ws.dir, 'locales/pl/ranks.json'), 'utf8'))).toEqual({ rank_ordinal_other: '{{count}}-та' });
    // English one/two/few/other: `few` from Ukrainian few (3, 23 — the same numbers), the rest from other.
    expect(Object.entries(JSON.parse(await readFile(path.join(ws.dir, 'locales/en-GB/ranks.json'), 'utf8')) as object)).toEqual([
      ['rank_ordinal_one', '{{count}}-та'], ['rank_ordinal_two', '{{count}}-та'], ['rank_ordinal_few', '{{count}}-тя'], ['rank_ordinal_other', '{{count}}-та'],
    ]);
  });

  it('the articles namespace pereklad publishes is not a source', async () => {
    ws = await siteProject();
    await ws.write('locales/uk/articles.json', '{"a": {"p1-1": "Речення."}}\n');
    await runTranslateJob(job(ws, new IdentityEngine(), ['pl']));
    await expect(readFile(path.join(ws.dir, 'locales/pl/articles.json'), 'utf8')).rejects.toThrow(/ENOENT/u);
  });

  it('a bad resource file is one error line naming file and line; other work goes on', async () => {
    ws = await siteProject();
    await ws.write('locales/uk/broken.json', '{\n  "a": "Так",\n  "a": "Ні"\n}\n');
    const summary = await runTranslateJob(job(ws, new IdentityEngine(), ['pl']));
    expect(summary.errors).toEqual(['locales/uk/broken.json:3: key "a" appears twice in one object']);
    expect(await readFile(path.join(ws.dir, 'locales/pl/site.json'), 'utf8')).toContain('"home": "Головна"');
  });

  it('re-runs are incremental: an unchanged run sends nothing, a dropped key leaves, an added key is the only new work, a changed value is redone keeping the reviewed translation as previous', async () => {
    ws = await siteProject();
    const first = new MarkingEngine();
    await runTranslateJob(job(ws, first, ['en-GB']));
    expect(first.sent.length).toBeGreaterThan(40);
    const xliffFile = path.join(ws.dir, 'locales/en-GB/site.xlf');

    // A reviewer signs off nav.search with their own wording.
    const stored = parseXliff(await readFile(xliffFile, 'utf8'), 'site.xlf');
    stored.targets.set('nav.search', { segmentId: 'nav.search', state: 'reviewed', content: ['Search the site'], provenance: { origin: 'human' }, flags: [] });
    await writeFile(xliffFile, codecFor('1.2').write(stored));

    const unchanged = new MarkingEngine();
    await runTranslateJob(job(ws, unchanged, ['en-GB']));
    expect(unchanged.sent).toEqual([]);

    const source = JSON.parse(await readFile(SITE_FIXTURE, 'utf8')) as { nav: Record<string, string>; footer: Record<string, string> };
    delete source.nav.opinion;
    source.nav.sport = 'Спорт';
    source.nav.search = 'Пошук на сайті';
    await ws.write('locales/uk/site.json', JSON.stringify(source, null, 2));
    const again = new MarkingEngine();
    await runTranslateJob(job(ws, again, ['en-GB']));
    expect(again.sent.sort()).toEqual(['Пошук на сайті', 'Спорт']);

    const target = JSON.parse(await readFile(path.join(ws.dir, 'locales/en-GB/site.json'), 'utf8')) as { nav: Record<string, string> };
    expect(Object.keys(target.nav)).toEqual(['home', 'news', 'politics', 'economy', 'war', 'search', 'sport']);
    expect(target.nav.sport).toBe('en-GB:Спорт');
    expect(target.nav.search).toBe('en-GB:Пошук на сайті');
    const after = parseXliff(await readFile(xliffFile, 'utf8'), 'site.xlf');
    expect(after.targets.has('nav.opinion')).toBe(false);
    const previous = after.targets.get('nav.search')?.matches?.find((m) => m.kind === 'previous');
    expect(previous?.target).toEqual(['Search the site']);
    expect(previous?.source).toEqual(['Пошук']);
  });

  it('import of a translator\'s file after the source changed: the changed key is stale (kept as a match), the others apply, the target file follows', async () => {
    ws = await siteProject();
    await runTranslateJob(job(ws, new MarkingEngine(), ['en-GB']));
    const xliffFile = path.join(ws.dir, 'locales/en-GB/site.xlf');
    const returned = parseXliff(await readFile(xliffFile, 'utf8'), 'site.xlf');
    for (const [id, text] of [['nav.home', 'Home'], ['nav.news', 'News']] as const) {
      returned.targets.set(id, { segmentId: id, state: 'translated', content: [text], provenance: { origin: 'human' }, flags: [] });
    }
    const returnedFile = await ws.write('returned/site.xlf', codecFor('1.2').write(returned));
    const source = JSON.parse(await readFile(SITE_FIXTURE, 'utf8')) as { nav: Record<string, string> };
    source.nav.home = 'На головну';
    await ws.write('locales/uk/site.json', JSON.stringify(source, null, 2));

    const refused = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [returnedFile], strings: job(ws, new MarkingEngine(), []).strings! });
    expect(refused.applied).toBe(false);
    expect(refused.problems.map((p) => [p.kind, p.unit])).toEqual([['stale', 'nav.home']]);

    const partial = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [returnedFile], partial: true, strings: job(ws, new MarkingEngine(), []).strings! });
    expect(partial.applied).toBe(true);
    const target = JSON.parse(await readFile(path.join(ws.dir, 'locales/en-GB/site.json'), 'utf8')) as { nav: Record<string, string> };
    expect(target.nav.news).toBe('News');
    // The changed key has no translation of its new text yet: left out, so i18next falls back to Ukrainian.
    expect(target.nav.home).toBeUndefined();
    const stored = parseXliff(await readFile(xliffFile, 'utf8'), 'site.xlf');
    expect(stored.targets.get('nav.home')?.matches?.some((m) => m.kind === 'previous' && m.target.join('') === 'Home')).toBe(true);
  });

  it('keys as natural-language text (spaces, quotes, `{{`, `/`, `:`) make valid XLIFF 1.2 and 2.0 that round-trip through import', async () => {
    ws = await siteProject();
    const keys = ['Read more', "What's new?", '{{count}} comments', 'a/b: c', 'Далі →'];
    await ws.write('locales/uk/natural.json', `${JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, `Значення ${i + 1}`])), null, 2)}\n`);
    for (const version of ['1.2', '2.0'] as const) {
      const lang = version === '1.2' ? 'en-GB' : 'de';
      const summary = await runTranslateJob({ ...job(ws, new MarkingEngine(), [lang]), xliffVersion: version });
      expect(summary.errors).toEqual([]);
      const xliffFile = path.join(ws.dir, `locales/${lang}/natural.xlf`);
      const xml = await readFile(xliffFile, 'utf8');
      if (!xliffCheckUnavailable()) {
        const check = xliffCheck([xliffFile]);
        expect(check.status, check.output).toBe(0);
      }
      const doc = parseXliff(xml, 'natural.xlf');
      expect([...doc.targets.keys()]).toEqual(keys);
      // A translator's edit of one key comes back onto that key.
      doc.targets.set('Read more', { segmentId: 'Read more', state: 'reviewed', content: [`${lang} Read more`], provenance: { origin: 'human' }, flags: [] });
      const returnedFile = await ws.write(`returned/${lang}/natural.xlf`, codecFor(version).write(doc));
      const imported = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [returnedFile], strings: job(ws, new MarkingEngine(), []).strings! });
      expect(imported.problems).toEqual([]);
      const target = JSON.parse(await readFile(path.join(ws.dir, `locales/${lang}/natural.json`), 'utf8')) as Record<string, string>;
      expect(target['Read more']).toBe(`${lang} Read more`);
      expect(target["What's new?"]).toBe(`${lang}:Значення 2`);
    }
  });

  it('a namespace XLIFF written by i18next\'s own tooling (the `xliff` package, as locize exports it) imports by key, in 1.2 and 2.0; placeholders it wrote as text are codes again', async () => {
    ws = await siteProject();
    await ws.write('locales/uk/small.json', '{\n  "nav": { "home": "Головна" },\n  "greet": "Привіт, {{name}}! Читайте $t(nav.home)."\n}\n');
    await runTranslateJob(job(ws, new MarkingEngine(), ['en-GB', 'de']));
    const source = { 'nav.home': 'Головна', greet: 'Привіт, {{name}}! Читайте $t(nav.home).' };
    for (const [lang, create] of [['en-GB', createxliff12], ['de', createxliff]] as const) {
      const target = { 'nav.home': `${lang} Home`, greet: `${lang} Hello, {{name}}! Read $t(nav.home).` };
      const file = await ws.write(`returned/${lang}.xlf`, await create('uk', lang, source, target, 'small'));
      const imported = await runImport({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', inputs: [file], strings: job(ws, new MarkingEngine(), []).strings! });
      expect(imported.problems, lang).toEqual([]);
      expect(imported.applied).toBe(true);
      const doc = parseXliff(await readFile(path.join(ws.dir, `locales/${lang}/small.xlf`), 'utf8'), 'small.xlf');
      // Both codes are codes again, not text QA would call missing.
      expect(doc.targets.get('greet')!.content!.filter((f) => typeof f !== 'string'), lang).toHaveLength(2);
      expect(imported.articles[0]!.findings.filter((f) => f.check === 'codes')).toEqual([]);
      const json = JSON.parse(await readFile(path.join(ws.dir, `locales/${lang}/small.json`), 'utf8')) as { greet: string; nav: { home: string } };
      expect(json).toEqual({ nav: { home: `${lang} Home` }, greet: `${lang} Hello, {{name}}! Read $t(nav.home).` });
    }
  });
});
