// What the site's target resource files hold: every translation by default, and the run says how
// many are not yet reviewed; with strings.minState "reviewed" only reviewed strings, a plural group
// only whole (no count in another language than the next), and publish rebuilds the files after
// an editor approved more.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import type { Workspace } from '../helpers/workspace.js';
import { startFakeDeepL, type FakeDeepL } from '../helpers/fake-deepl.js';
import { SITE_CONFIG, siteProject } from './helpers.js';

const KEY = 'c0ffee00-1234-4abc-9def-000000000000:fx';

type Json = Record<string, Record<string, unknown>>;

describe('the gate of the site\'s target resource files', () => {
  let ws: Workspace | undefined;
  let fake: FakeDeepL | undefined;
  afterEach(async () => { await fake?.close(); fake = undefined; await ws?.cleanup(); ws = undefined; });
  const target = async (lang: string): Promise<Json> => JSON.parse(await readFile(path.join(ws!.dir, `locales/${lang}/site.json`), 'utf8')) as Json;

  it('by default MT goes into the file, and translate says how many strings in it nobody reviewed', async () => {
    ws = await siteProject();
    const r = await runCli(['translate', '--to', 'pl', '--engine', 'pseudo'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^i18next: locales\/pl\/site\.json holds 49 strings not yet reviewed \(machine translation or a translator's draft\); "strings": \{"minState": "reviewed"\} in pereklad\.config\.json keeps them out$/mu);
    expect((await target('pl')).nav!.home).toMatch(/^⟦/u);
    // An unchanged re-run writes nothing and says nothing about it.
    const again = await runCli(['translate', '--to', 'pl', '--engine', 'pseudo'], ws.dir);
    expect(again.stdout).not.toMatch(/not yet reviewed/u);
  });

  it('minState "reviewed": only reviewed strings, plural groups whole; publish rebuilds the file after approvals', async () => {
    ws = await siteProject({ strings: { ...SITE_CONFIG.strings, minState: 'reviewed' } });
    // DeepL, not pseudo: pseudo text is never approved or published.
    fake = await startFakeDeepL({ keys: [KEY] });
    const r = await runCli(['translate', '--to', 'pl'], ws.dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
    expect(r.code, r.stderr).toBe(0);
    const before = await target('pl');
    // Nothing reviewed yet: no translation at all, so i18next falls back to Ukrainian for every
    // string; values that are not text (`{{count}}` alone, numbers, kept objects) are kept as they are.
    expect(JSON.stringify(before)).not.toContain('PL:');
    expect(before.nav).toBeUndefined();
    expect(Object.keys(before.comments!)).toEqual(['summary', 'counter']);
    expect(before.settings).toBeDefined();

    const approveOne = await runCli(['approve', '--to', 'pl', '--article', 'site', '--segment', 'nav.home', 'comments.count_one', 'comments.count_few'], ws.dir);
    expect(approveOne.code, approveOne.stderr).toBe(0);
    const published = await runCli(['publish', '--to', 'pl'], ws.dir);
    expect(published.stdout).toMatch(/^i18next: locales\/pl\/site\.json \(site strings: every one in it reviewed\)$/mu);
    const after = await target('pl');
    expect(after.nav, `${approveOne.stdout}${published.stdout}${published.stderr}`).toBeDefined();
    expect(Object.keys(after.nav!)).toEqual(['home']);
    // Two of Polish's four forms reviewed: the group stays out whole.
    expect(Object.keys(after.comments!)).toEqual(['summary', 'counter']);

    // The rest of the group (Ukrainian's explicit `_zero` form is kept as i18next reads it for 0).
    const rest = await runCli(['approve', '--to', 'pl', '--article', 'site', '--segment', 'comments.count_zero', 'comments.count_many', 'comments.count_other'], ws.dir);
    expect(rest.stdout).toMatch(/approved: 3 sentences in 1 file/u);
    await runCli(['publish', '--to', 'pl'], ws.dir);
    expect(Object.keys((await target('pl')).comments!)).toEqual(['count_zero', 'count_one', 'count_few', 'count_many', 'count_other', 'summary', 'counter']);

    // --allow-mt admits the rest, and says how much of it is unreviewed.
    const mt = await runCli(['publish', '--to', 'pl', '--allow-mt'], ws.dir);
    expect(mt.stdout).toMatch(/^i18next: locales\/pl\/site\.json holds \d+ strings not yet reviewed/mu);
    expect(Object.keys((await target('pl')).nav!).length).toBeGreaterThan(1);
  });

  it('a minState that is neither is one line naming the config file', async () => {
    ws = await siteProject({ strings: { minState: 'approved' } });
    const r = await runCli(['translate', '--to', 'pl', '--engine', 'pseudo'], ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('pereklad: pereklad.config.json: "strings.minState" must be "translated" or "reviewed"');
  });

  it('nesting into another namespace is checked against that namespace\'s keys; a key whose value is not text can be nested', async () => {
    ws = await siteProject();
    await ws.write('locales/uk/common.json', '{\n  "brand": "Новини",\n  "year": 2026\n}\n');
    await ws.write('locales/uk/nest.json', `${JSON.stringify({
      ok: 'Читайте $t(common:brand) щодня.', notText: 'Рік: $t(common:year).',
      missing: 'Читайте $t(common:nope) щодня.', nowhere: 'Читайте $t(elsewhere:brand) щодня.', own: 'Лічильник $t(counter) тут.', counter: '{{count}}',
    }, null, 2)}\n`);
    const r = await runCli(['translate', '--to', 'pl', '--engine', 'pseudo'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    const qa = await runCli(['qa', '--to', 'pl'], ws.dir);
    const nesting = qa.stdout.split('\n').filter((l) => l.startsWith('locales/pl/nest.xlf') && l.includes('nesting'));
    expect(nesting).toEqual([
      'locales/pl/nest.xlf: missing: error nesting: $t(common:nope) nests "nope", which namespace common has no string for',
      'locales/pl/nest.xlf: nowhere: error nesting: $t(elsewhere:brand) nests namespace "elsewhere", which the project has no strings file for',
    ]);
  });
});
