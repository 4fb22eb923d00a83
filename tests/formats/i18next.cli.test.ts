// The site's strings beside articles in the other commands: status counts them per namespace and
// language, review writes a page per namespace, qa checks them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { SITE_FIXTURE, siteProject } from './helpers.js';

describe('site strings in status, review and qa', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await siteProject();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt'));
    const r = await runCli(['translate', '--to', 'pl', '--engine', 'pseudo', '--verbose'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^site → pl: 49 segments, 49 machine-translated \(pseudo\); locales\/pl\/site\.xlf$/mu);
    // The namespace is counted as what it is, not as one more article, in the language's line and in --json.
    expect(r.stdout).toMatch(/^pl: 1 article, 1 namespace of site strings, [\d,]+ segments:/mu);
  }, 60_000);
  afterAll(() => ws.cleanup());

  it('status shows each namespace beside the articles, per language with its own plural forms', async () => {
    const r = await runCli(['status', '--to', 'pl,en-GB', '--verbose'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2025-06\/lukashenko-kellogg-minsk → pl: \d+ segments/mu);
    expect(r.stdout).toContain('site (strings) → pl: 49 segments: 0 new, 49 MT, 0 translated, 0 reviewed, 0 final');
    // English needs fewer plural forms than Polish: fewer strings to translate.
    expect(r.stdout).toContain('site (strings) → en-GB: 46 segments: 46 new, 0 MT');
  });

  it('review writes one page per namespace, each key a labelled unit', async () => {
    const r = await runCli(['review', '--to', 'pl', '--lang', 'en', '--verbose'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    const page = await readFile(path.join(ws.dir, 'locales/pl/review/site.html'), 'utf8');
    for (const key of ['nav.home', 'comments.count_few', 'newsletter.consent']) expect(page).toContain(`data-segment="${key}"`);
    expect(await readFile(path.join(ws.dir, 'locales/review/index.html'), 'utf8')).toContain('site');
  });

  it('qa checks the namespace with the articles', async () => {
    const r = await runCli(['qa', '--to', 'pl'], ws.dir);
    expect(r.stdout).toMatch(/qa: 2 files/u);
  });

  it('import counts a namespace apart from the articles, on its line and in --json', async () => {
    const kit = path.join(ws.dir, 'returned');
    await mkdir(kit, { recursive: true });
    await copyFile(path.join(ws.dir, 'locales/pl/site.xlf'), path.join(kit, 'site.xlf'));
    await copyFile(path.join(ws.dir, 'locales/pl/2025-06/lukashenko-kellogg-minsk.xlf'), path.join(kit, 'article.xlf'));
    const r = await runCli(['import', 'returned'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pl: 1 article, 1 namespace of site strings, 0 edited,/mu);
    const json = await runCli(['import', 'returned', '--json'], ws.dir);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as { languages: Record<string, { articles: number; namespaces: number }> };
    expect(summary.languages.pl).toMatchObject({ articles: 1, namespaces: 1 });
  });

  it('publish leaves the namespace out of the articles it publishes and of the articles namespace', async () => {
    const r = await runCli(['publish', '--to', 'pl', '--allow-mt'], ws.dir);
    expect(r.stdout + r.stderr).not.toMatch(/site → pl/u);
    const fallback = JSON.parse(await readFile(path.join(ws.dir, 'locales/uk/articles.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(fallback)).toEqual(['2025-06/lukashenko-kellogg-minsk']);
    // The site's own Ukrainian file is its source, untouched.
    expect(await readFile(path.join(ws.dir, 'locales/uk/site.json'), 'utf8')).toBe(await readFile(SITE_FIXTURE, 'utf8'));
  });
});
