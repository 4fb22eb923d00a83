// The review page as an editor sees it, in a real browser (Debian chromium): the sample article
// pseudo-translated by the job, partly translated and reviewed by people, reviewed from the XLIFF
// on disk. Screenshots are kept in test-artifacts/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';
import { artifactPath, browserSkipReason, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { parseXliff } from '../../src/xliff/read.js';
import { reviewView, type ReviewView } from '../../src/review/view.js';
import { articleFindings, groupFindings } from '../../src/review/findings.js';
import { renderReviewPage } from '../../src/review/page.js';
import { uiText } from '../../src/review/i18n.js';
import { editSampleXliff, SAMPLE_ID } from './sample.js';
import { handBuiltArticle } from './hand-built.js';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('review page in a browser', () => {
  let ws: Workspace;
  let browser: TestBrowser;
  let expected: ReviewView;
  let pageUrl: string;
  let indexUrl: string;
  const requests: string[] = [];

  async function open(url: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    ws = await makeWorkspace();
    await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
    await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, `source-texts/${SAMPLE_ID}.txt`));
    expect((await runCli(['translate', '--engine', 'pseudo', '--to', 'en-GB'], ws.dir)).code).toBe(0);
    await editSampleXliff(path.join(ws.dir, 'locales'), 'en-GB');
    const review = await runCli(['review', '--lang', 'en'], ws.dir);
    expect(review.code, review.stderr).toBe(0);
    const xliff = path.join(ws.dir, 'locales/en-GB', `${SAMPLE_ID}.xlf`);
    const doc = parseXliff(await readFile(xliff, 'utf8'), xliff);
    expected = reviewView(doc, groupFindings(articleFindings(doc)));
    pageUrl = pathToFileURL(path.join(ws.dir, 'locales/en-GB/review', `${SAMPLE_ID}.html`)).href;
    indexUrl = pathToFileURL(path.join(ws.dir, 'locales/review/index.html')).href;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ws?.cleanup();
  });

  it('shows every sentence side by side, the counts, and the QA finding on its sentence', async () => {
    const page = await open(pageUrl);
    const translatable = expected.blocks.filter((b) => b.kind === 'paragraph').flatMap((b) => b.segments);
    await expect.poll(() => page.locator('.seg').count()).toBe(translatable.length);
    expect(await page.locator('.seg .src').count()).toBe(translatable.length);
    expect(await page.locator('.seg .tgt').count()).toBe(translatable.length);
    for (const state of ['reviewed', 'mt', 'translated', 'final'] as const) {
      expect(await page.locator(`.seg.state-${state}`).count(), state).toBe(expected.counts.byState[state]);
      expect(await page.locator(`.counts [data-state="${state}"] strong`).innerText()).toBe(String(expected.counts.byState[state]));
    }
    const done = expected.counts.byState.reviewed + expected.counts.byState.final;
    expect(await page.locator('#progress-text').innerText()).toContain(`${done} of ${translatable.length}`);
    // The dropped numbers of p10-1 are shown as an error on that sentence, in view.
    const finding = page.locator('#seg-p10-1 .finding.error').first();
    await expect.poll(() => finding.isVisible()).toBe(true);
    expect(await finding.innerText()).toMatch(/2020/);
    expect(await page.locator('.finding.error').count()).toBe(expected.counts.errors);
    await page.screenshot({ path: await artifactPath('review-sample.png'), fullPage: true });
    await page.close();
  });

  it('filters to what needs attention with one click, and back with the keyboard', async () => {
    const page = await open(pageUrl);
    const visible = () => page.locator('.seg:visible').count();
    await page.getByLabel('Show only what needs attention').click();
    await expect.poll(visible).toBe(expected.counts.attention);
    expect(await page.locator('#seg-p1-1').isVisible()).toBe(false);
    expect(await page.locator('#seg-p10-1').isVisible()).toBe(true);
    await page.screenshot({ path: await artifactPath('review-sample-attention.png'), fullPage: true });
    await page.keyboard.press('n');
    expect(await page.locator(':focus').getAttribute('class')).toMatch(/\battention\b/);
    await page.locator('body').press('f');
    await expect.poll(visible).toBe(expected.counts.segments);
    await page.close();
  });

  it('loads nothing from anywhere: every request is the page file itself', async () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await open(pageUrl, { width: 375, height: 800 });
    // A string, evaluated in the page: the tests are compiled without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: await artifactPath('review-sample-phone.png') });
    await page.close();
  });

  it('has an index that lists the article with its progress and links to its page', async () => {
    const page = await open(indexUrl);
    const row = page.locator(`tr[data-article="${SAMPLE_ID}"][data-lang="en-GB"]`);
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain(`${expected.counts.donePercent} %`);
    await row.getByRole('link').click();
    await page.waitForURL(pageUrl);
    expect(await page.locator('.seg').count()).toBe(expected.counts.segments);
    await page.close();
  });

  it('shows how a reviewer changed the machine translation as insertions and deletions', async () => {
    const doc = handBuiltArticle();
    const file = path.join(ws.dir, 'hand-built.html');
    await writeFile(file, renderReviewPage(reviewView(doc, groupFindings(articleFindings(doc))), uiText('uk'), { index: 'index.html' }));
    const page = await open(pathToFileURL(file).href);
    const diff = page.locator('#seg-p1-2 .diff');
    await expect.poll(() => diff.isVisible()).toBe(true);
    expect(await diff.locator('ins').count()).toBeGreaterThan(0);
    expect(await diff.locator('del').count()).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    // Markup in the article is shown as text, never run.
    expect(await page.locator('#seg-p1-3 .tgt .text').innerText()).toContain('<script>alert("x")</script>');
    await page.screenshot({ path: await artifactPath('review-hand-built-uk.png'), fullPage: true });
    await page.close();
  });
});
