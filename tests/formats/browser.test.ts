// Markdown and HTML articles as people see them, in Chromium: the review page shows sentences with
// their formatting (not markup), and the published HTML copy is the source page, translated, in
// the target language. Screenshots go to test-artifacts/ (docs/screenshots/ keeps a copy).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { TransliterationEngine } from '../kit/project.js';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { artifactPath, browserSkipReason, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { CORPUS } from './corpus.js';

const skip = browserSkipReason();
const ARTICLES = ['rozklad-poyizdiv.md', 'oboronnyi-biudzhet.html'];

describe.skipIf(skip !== undefined)(`formats in the browser${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let ws: Workspace;
  let browser: TestBrowser;

  beforeAll(async () => {
    ws = await makeWorkspace();
    for (const name of ARTICLES) await ws.write(`source-texts/2026-12/${name}`, await readFile(path.join(CORPUS, name)));
    const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine: new TransliterationEngine(), xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });
    expect(summary.errors).toEqual([]);
    const review = await runCli(['review', '--to', 'en-GB', '--lang', 'en'], ws.dir);
    expect(review.code, review.stderr).toBe(0);
    const publish = await runCli(['publish', '--to', 'en-GB', '--allow-mt', '--allow-errors'], ws.dir);
    expect(publish.code, publish.stdout + publish.stderr).toBe(0);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => { await browser?.close(); await ws?.cleanup(); });

  it('the review page of a Markdown article shows bold, italic and links as formatting', async () => {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(path.join(ws.dir, 'locales/en-GB/review/2026-12/rozklad-poyizdiv.html')).href);
    expect(await page.locator('.src strong').first().textContent()).toBe('Увага! Зміни в розкладі.');
    expect(await page.locator('.tgt strong').first().textContent()).toBe('Uvaha! Zminy v rozkladi.');
    expect(await page.locator('.src em').count()).toBeGreaterThan(0);
    expect(await page.locator('.src').first().textContent()).not.toMatch(/\*\*|\]\(/u);
    await page.locator('.src strong').first().evaluate((el) => el.closest('section')?.scrollIntoView());
    await page.screenshot({ path: await artifactPath('formats-review-markdown.png'), fullPage: false });
    await page.close();
  });

  it('the published HTML copy is the source page, translated, in English', async () => {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(path.join(ws.dir, 'publish/en-GB/2026-12/oboronnyi-biudzhet.html')).href);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.title()).toBe('Rada ukhvalyla oboronnyi biudzhet na 2027 rik');
    expect(await page.locator('h1').textContent()).toBe('Rada ukhvalyla oboronnyi biudzhet na 2027\u00a0rik');
    expect(await page.locator('p.lead strong').textContent()).toBe('Verkhovna Rada ukhvalyla derzhbiudzhet u druhomu chytanni.');
    expect(await page.locator('figure img').getAttribute('alt')).toBe('Zasidannia Verkhovnoi Rady');
    expect(await page.locator('blockquote.twitter-tweet p').textContent()).toContain("Ukraine's parliament has passed");
    await page.screenshot({ path: await artifactPath('formats-published-html.png'), fullPage: false });
    await page.close();
  });
});
