// The worked example in the repository (locales/uk/site.json and its English) is what the pipeline
// writes: a re-run changes nothing, and the English loads into i18next with every form it needs.
import { describe, it, expect, afterAll } from 'vitest';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { DEFAULT_STRINGS_CONFIG } from '../../src/formats/i18next/project.js';
import { makeWorkspace, REPO_ROOT, type Workspace } from '../helpers/workspace.js';
import { snapshot } from '../kit/project.js';
import { i18nextFor } from './helpers.js';

describe('the worked example in locales/', () => {
  let ws: Workspace | undefined;
  afterAll(async () => ws?.cleanup());

  it('a re-run of translate rewrites none of its files', async () => {
    ws = await makeWorkspace();
    for (const dir of ['locales', 'source-texts']) await cp(path.join(REPO_ROOT, dir), path.join(ws.dir, dir), { recursive: true });
    // A clone where `npm run translate` already ran holds that run's bookkeeping (.pereklad/): not project files.
    const projectFiles = (files: Map<string, string>): Map<string, string> => new Map([...files].filter(([file]) => !file.startsWith('.pereklad/') && !file.includes('/.pereklad/')));
    const before = projectFiles(await snapshot(path.join(ws.dir, 'locales')));
    const summary = await runTranslateJob({
      cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['en-GB'], engine: null, xliffVersion: '1.2',
      dryRun: false, reporter: collectingReporter(), strings: DEFAULT_STRINGS_CONFIG, stringsExclude: ['articles'],
    });
    expect(summary.errors).toEqual([]);
    expect(summary.namespaces).toBe(1);
    // The run's own bookkeeping (the incremental index in .pereklad/) is new; no project file changed.
    expect(projectFiles(await snapshot(path.join(ws.dir, 'locales')))).toEqual(before);
  });

  it('the English resources answer every count and context', async () => {
    const i18n = await i18nextFor('en-GB', path.join(REPO_ROOT, 'locales/en-GB/site.json'));
    expect([0, 1, 2, 5, 21].map((count) => i18n.t('comments.count', { count }))).toEqual(['No comments yet', '1 comment', '2 comments', '5 comments', '21 comments']);
    expect(i18n.t('newsletter.prompt')).toBe('Every evening at 20:00: The Day in Brief newsletter in your inbox.');
    expect(i18n.t('article.shared', { context: 'female', name: 'Olena' })).toBe('Olena shared the article');
    expect(JSON.parse(await readFile(path.join(REPO_ROOT, 'locales/en-GB/site.json'), 'utf8')).settings).toEqual(JSON.parse(await readFile(path.join(REPO_ROOT, 'locales/uk/site.json'), 'utf8')).settings);
  });
});
