// A translate job over Markdown and HTML articles: each read by its format, each review copy the
// source again with the identity engine, and a file of another type named as skipped.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { IdentityEngine } from '../helpers/identity-engine.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { CORPUS, corpusFiles } from './corpus.js';
import { parseXliff } from '../../src/xliff/read.js';
import { reviewView } from '../../src/review/view.js';

let ws: Workspace | undefined;
afterEach(async () => { await ws?.cleanup(); ws = undefined; });

describe('translate job with Markdown and HTML articles', () => {
  it.each(['1.2', '2.0'] as const)('XLIFF %s: every review copy is its source byte for byte; other files are skipped by name', async (version) => {
    ws = await makeWorkspace();
    for (const name of corpusFiles) await ws.write(`source-texts/2026-12/${name}`, await readFile(path.join(CORPUS, name)));
    await ws.write('source-texts/2026-12/zvit.docx', 'PK\u0003\u0004');
    const reporter = collectingReporter();
    const summary = await runTranslateJob({
      cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'],
      engine: new IdentityEngine(), xliffVersion: version, dryRun: false, reporter,
    });
    expect(summary.errors).toEqual([]);
    expect(summary.articles).toBe(corpusFiles.length);
    expect(reporter.warnings).toContain('skipped: source-texts/2026-12/zvit.docx: unsupported format');
    for (const name of corpusFiles) {
      const id = name.replace(/\.[^.]+$/u, '');
      const review = await readFile(path.join(ws.dir, `locales/en-GB/review/2026-12/${id}.txt`), 'utf8');
      expect(review, name).toBe(await readFile(path.join(CORPUS, name), 'utf8'));
    }
  });

  it('an embedded post is a block of its own (kind embed), never sent to MT, shown as its text on the review page and in the plain copy', async () => {
    ws = await makeWorkspace();
    const name = 'oboronnyi-biudzhet.html';
    await ws.write(`source-texts/${name}`, await readFile(path.join(CORPUS, name)));
    const sent: string[] = [];
    const engine = new IdentityEngine();
    const translate = engine.translate.bind(engine);
    engine.translate = async (segments, source, target, options) => {
      sent.push(...segments.map((x) => x.content.filter((f) => typeof f === 'string').join('')));
      return translate(segments, source, target, options);
    };
    const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine, xliffVersion: '1.2', dryRun: false, reporter: collectingReporter() });
    expect(summary.errors).toEqual([]);
    const doc = parseXliff(await readFile(path.join(ws.dir, 'locales/en-GB/oboronnyi-biudzhet.xlf'), 'utf8'), 'x.xlf');
    const embeds = doc.article.blocks.filter((b) => b.kind === 'embed');
    expect(embeds.map((b) => b.lang)).toEqual(['en']);
    expect(sent.join(' ')).not.toContain('parliament');
    const view = reviewView(doc, new Map());
    const shown = view.blocks.find((b) => b.kind === 'embed')!.segments.map((x) => x.source + x.after).join('');
    expect(shown).toBe("Ukraine's parliament has passed the 2027 budget. pic.twitter.com/abc123— Kyiv Independent (@KyivIndependent) December 3, 2026");
  });
});
