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
});
