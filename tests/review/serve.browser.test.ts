// The review app (`pereklad review --serve`) as an editor uses it, in Debian's chromium: approve a
// sentence, edit another around its inline codes, reject a third with a comment; the XLIFF on
// disk has the new states and texts and still passes xliff-check; publish then takes the
// approved article; a CLI edit of the same file meanwhile is a visible conflict that loses
// nothing; and all of it works from the keyboard alone.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { translatedProject, TransliterationEngine } from '../kit/project.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import type { Workspace } from '../helpers/workspace.js';
import { runCli } from '../helpers/run-cli.js';
import { artifactPath, browserSkipReason, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startReviewServer, type ReviewServer } from '../../src/review/serve.js';
import { readXliffFile } from '../../src/xliff/read.js';
import { allSegments, contentText } from '../../src/model.js';
import { xliffCheck, xliffCheckUnavailable } from '../helpers/xliff-check.js';

const skip = browserSkipReason();
const LINKS = 'links';
const SAMPLE = '2025-06/lukashenko-kellogg-minsk';
const MARKUP = 'markup';

describe.skipIf(skip !== undefined)('review app in a browser', () => {
  let ws: Workspace;
  let browser: TestBrowser;
  let server: ReviewServer;
  const requests: string[] = [];
  const xlf = (id: string): string => path.join(ws.dir, `locales/en-GB/${id}.xlf`);
  const stored = (id: string) => readXliffFile(xlf(id), id);
  const base = (): string => server.url.replace(/\/$/u, '');

  async function open(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    return page;
  }
  /** After a save the page reloads from disk: wait for the sentence to show its new state. */
  async function stateOf(page: Page, id: string, state: string): Promise<void> {
    await page.waitForSelector(`.seg[data-segment="${id}"][data-state="${state}"]`, { timeout: 10_000 });
  }

  beforeAll(async () => {
    ws = await translatedProject();
    // A Markdown article: bold and a link are paired codes, their halves chips that open and close.
    await ws.write(`source-texts/${MARKUP}.md`, 'Уряд ухвалив **важливе рішення** сьогодні. Деталі [на сайті](https://example.org/x) уряду.\n');
    const more = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine: new TransliterationEngine(), xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });
    if (more.errors.length > 0) throw new Error(more.errors.join('\n'));
    browser = await launchBrowser();
    server = await startReviewServer({ cwd: ws.dir, localesDir: 'locales', glossaryDir: 'glossaries', uiLanguage: 'en' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await browser?.close();
    await ws?.cleanup();
  });
  beforeEach(() => { requests.length = 0; });

  it('listens on 127.0.0.1 and refuses a save without the page\'s token', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const res = await fetch(`${base()}/api/save`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ lang: 'en-GB', articleId: LINKS, hash: '', edits: [] }) });
    expect(res.status).toBe(403);
  });

  it('approves one sentence, edits another around its chips, rejects a third with a comment', async () => {
    const before = await stored(LINKS);
    const page = await open(server.url);
    await page.click(`a[href*="/a/en-GB/${LINKS}"]`);
    await page.waitForSelector('.seg[data-segment="p1-2"] button.approve');

    await page.click('.seg[data-segment="p1-2"] button.approve');
    await stateOf(page, 'p1-2', 'reviewed');

    // The URL, handle, hashtag and emoji are chips: the editor types around them.
    const seg = '.seg[data-segment="p1-1"]';
    expect(await page.locator(`${seg} .text .chip`).count()).toBe(4);
    await page.click(`${seg} button.edit`);
    await page.keyboard.type(' Checked.');
    await page.click(`${seg} button.save`);
    await stateOf(page, 'p1-1', 'reviewed');

    await page.click('.seg[data-segment="p3-1"] button.reject');
    await page.fill('.seg[data-segment="p3-1"] textarea', 'The date reads wrong in English.');
    await page.click('.seg[data-segment="p3-1"] button.send-reject');
    await page.waitForSelector('.seg[data-segment="p3-1"] .finding:has-text("The date reads wrong")');
    await page.screenshot({ path: await artifactPath('review-app.png'), fullPage: true });

    const after = await stored(LINKS);
    expect(after.targets.get('p1-2')!.state).toBe('reviewed');
    expect(after.targets.get('p1-2')!.content).toEqual(before.targets.get('p1-2')!.content);
    const edited = after.targets.get('p1-1')!;
    const segment = [...allSegments(after.article)].find((s) => s.id === 'p1-1')!;
    expect(edited.state).toBe('reviewed');
    expect(edited.provenance?.origin).toBe('human');
    expect(edited.content!.filter((f) => typeof f !== 'string')).toEqual([{ code: '1' }, { code: '2' }, { code: '3' }, { code: '4' }]);
    expect(contentText(edited.content!, segment.codes)).toBe(`${contentText(before.targets.get('p1-1')!.content!, segment.codes)} Checked.`);
    // The MT the editor changed stays beside the edit, for the diff.
    expect(edited.mtOriginal?.content).toEqual(before.targets.get('p1-1')!.content);
    const rejected = after.targets.get('p3-1')!;
    expect(rejected.state).toBe('translated');
    expect(rejected.flags).toContain('Rejected by the reviewer: The date reads wrong in English.');
    if (!xliffCheckUnavailable()) {
      const check = xliffCheck([xlf(LINKS)]);
      expect(check.output).toMatch(/1 passed, 0 failed/u);
    }
    // Nothing but the app's own server was asked for anything.
    expect(requests.every((r) => r.startsWith(base()))).toBe(true);
  }, 60_000);

  it('paired codes are opening and closing chips: an edit keeps them, one that puts an end before its start is refused and shown', async () => {
    const page = await open(`${base()}/a/en-GB/${MARKUP}`);
    const seg = '.seg[data-segment="p1-1"]';
    await page.waitForSelector(`${seg} button.edit`);
    // Read formatted (bold is bold); edited as text and chips.
    expect(await page.locator(`${seg} .text strong, ${seg} .text b`).count()).toBe(1);
    await page.click(`${seg} button.edit`);
    expect(await page.locator(`${seg} .text .chip.pair-open`).allTextContents()).toEqual(['**']);
    expect(await page.locator(`${seg} .text .chip.pair-close`).allTextContents()).toEqual(['**']);
    const before = await stored(MARKUP);
    // An editor drags the closing chip to the start: refused, shown, the file untouched.
    await page.evaluate(`(() => { const box = document.querySelector('${seg} .text'); box.prepend(box.querySelector('.chip.pair-close')); })()`);
    await page.click(`${seg} button.save`);
    await page.waitForSelector('#app-alert.failed');
    expect(await page.locator('#app-alert').textContent()).toMatch(/puts the end of "\*\*" \(\*\*\) before its start/u);
    expect((await stored(MARKUP)).targets.get('p1-1')).toEqual(before.targets.get('p1-1'));
    // The edit as it should be: text typed after the pair, the pair kept around its words.
    await page.reload();
    await page.click(`${seg} button.edit`);
    await page.keyboard.type(' Indeed.');
    await page.click(`${seg} button.save`);
    await stateOf(page, 'p1-1', 'reviewed');
    const edited = (await stored(MARKUP)).targets.get('p1-1')!;
    const codes = edited.content!.filter((f) => typeof f !== 'string');
    expect(codes).toEqual(before.targets.get('p1-1')!.content!.filter((f) => typeof f !== 'string'));
    expect(String(edited.content!.at(-1))).toMatch(/ Indeed\.$/u);
    if (!xliffCheckUnavailable()) {
      const check = xliffCheck([xlf(MARKUP)]);
      expect(check.output).toMatch(/1 passed, 0 failed/u);
    }
    await page.close();
  }, 60_000);

  it('approving a whole article in the app lets publish take it', async () => {
    const page = await open(`${base()}/a/en-GB/${SAMPLE}`);
    await page.click('button.approve-article');
    // The page reloads from disk once the save is through: then no translated sentence is left unreviewed.
    await page.waitForSelector('#app-status:has-text("Saved")', { timeout: 10_000 });
    expect(await page.locator('.seg[data-base]:not([data-base="null"]):not([data-state="reviewed"])').count()).toBe(0);
    expect(await page.locator('.seg[data-state="reviewed"]').count()).toBeGreaterThan(5);
    const doc = await stored(SAMPLE);
    for (const b of doc.article.blocks) for (const s of b.segments) if (b.kind !== 'foreign' && doc.targets.get(s.id)?.content) expect(doc.targets.get(s.id)!.state, s.id).toBe('reviewed');
    const publish = await runCli(['publish', '--to', 'en-GB', '--format', 'txt,html', '--allow-errors'], ws.dir);
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stdout).toMatch(/en-GB: 1 article published/u);
    expect((await stat(path.join(ws.dir, `publish/en-GB/${SAMPLE}.html`))).isFile()).toBe(true);
  }, 60_000);

  it('a CLI edit of the same file meanwhile is a visible conflict, and nothing is lost', async () => {
    const page = await open(`${base()}/a/en-GB/${LINKS}`);
    await page.waitForSelector('.seg[data-segment="p3-2"] button.edit');
    const approved = await runCli(['approve', '--article', LINKS, '--segment', 'p2-1'], ws.dir);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/approved: 1 sentence in 1 file/u);
    const onDisk = await readFile(xlf(LINKS), 'utf8');

    await page.click('.seg[data-segment="p3-2"] button.edit');
    await page.keyboard.type(' (my edit)');
    await page.click('.seg[data-segment="p3-2"] button.save');
    await page.waitForSelector('#app-alert.conflict', { timeout: 10_000 });
    expect(await page.textContent('#app-alert')).toMatch(/changed since this page was loaded/u);
    // The editor's text is still in the box, to save again after a reload.
    expect(await page.textContent('.seg[data-segment="p3-2"] .text.editing')).toContain('(my edit)');
    // The file is as the CLI left it: its approval kept, the page's edit not written over it.
    expect(await readFile(xlf(LINKS), 'utf8')).toBe(onDisk);
    expect((await stored(LINKS)).targets.get('p2-1')!.state).toBe('reviewed');
  }, 60_000);

  it('works from the keyboard alone: next, approve, edit, reject', async () => {
    const page = await open(`${base()}/a/en-GB/${LINKS}`);
    const active = (): Promise<string | null> => page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('data-segment')");
    // n: the next sentence that needs attention (the rejected one is among them).
    for (let i = 0; i < 10 && (await active()) !== 'p3-1'; i++) await page.keyboard.press('n');
    expect(await active()).toBe('p3-1');
    await page.keyboard.press('a');
    await stateOf(page, 'p3-1', 'reviewed');
    // After a save, focus is on the next sentence that needs attention.
    expect(await active()).toBe('p3-2');
    await page.keyboard.press('e');
    await page.keyboard.type(' By keyboard.');
    await page.keyboard.press('Control+Enter');
    await stateOf(page, 'p3-2', 'reviewed');
    expect(await active()).toBe('p3-2');
    await page.keyboard.press('r');
    await page.keyboard.type('Please recheck.');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.seg[data-segment="p3-2"] .finding:has-text("Please recheck.")');
    const doc = await stored(LINKS);
    expect(doc.targets.get('p3-1')!.state).toBe('reviewed');
    const p32 = doc.targets.get('p3-2')!;
    expect(p32.state).toBe('translated');
    expect(p32.flags).toContain('Rejected by the reviewer: Please recheck.');
    expect(contentText(p32.content!, [])).toMatch(/ By keyboard\.$/u);
  }, 60_000);
});
