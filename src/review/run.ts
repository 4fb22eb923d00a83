// `pereklad review`: a review page per article and language, and an index, built from the XLIFF
// files on disk. Pages are written only when their content changed.
import path from 'node:path';
import { collectTranslations } from './collect.js';
import { findingsWithGlossaries } from './findings.js';
import { reviewView, type ReviewCounts } from './view.js';
import { renderReviewPage } from './page.js';
import { renderIndexPage, type IndexEntry } from './index-page.js';
import { uiText, type UiLanguage } from './i18n.js';
import { writeIfChanged } from '../project/io.js';
import type { Reporter } from '../project/reporter.js';
import { withProject } from '../project/store.js';

export interface ReviewJobOptions {
  cwd: string;
  localesDir: string;
  /** Glossaries for the QA terminology check (`glossaries/`). */
  glossaryDir: string;
  /** Only these target languages; all found when undefined. */
  languages?: readonly string[];
  uiLanguage: UiLanguage;
  reporter: Reporter;
  now?: () => Date;
}

export interface ReviewJobSummary {
  pages: number;
  /** Path of the index page, relative to the working folder. */
  index: string;
  counts: Array<ReviewCounts & { lang: string }>;
  errors: string[];
}

/** Where an article's review page goes, relative to the locales folder (beside its text review copy). */
export function reviewPagePath(lang: string, articleId: string): string {
  return path.posix.join(lang, 'review', `${articleId}.html`);
}

export const REVIEW_INDEX = 'review/index.html';

function relativeUrl(fromFile: string, toFile: string): string {
  return path.posix.relative(path.posix.dirname(fromFile), toFile).split('/').map(encodeURIComponent).join('/');
}

/** ReviewJob under the project lock (src/project/store.ts). */
export async function runReviewJob(options: ReviewJobOptions): Promise<ReviewJobSummary> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  return withProject(localesDir, 'review', () => runReviewJobLocked(options), { display: path.relative(options.cwd, localesDir) || '.' });
}

async function runReviewJobLocked(options: ReviewJobOptions): Promise<ReviewJobSummary> {
  const { cwd, localesDir, reporter } = options;
  const ui = uiText(options.uiLanguage);
  const collected = await collectTranslations(cwd, localesDir, options.languages);
  for (const error of collected.errors) reporter.error(error);
  const root = path.resolve(cwd, localesDir);
  const findingsFor = findingsWithGlossaries(cwd, options.glossaryDir);
  const entries: IndexEntry[] = [];
  const counts: Array<ReviewCounts & { lang: string }> = [];
  for (const { lang, articleId, doc } of collected.files) {
    const view = reviewView(doc, await findingsFor(doc));
    const page = reviewPagePath(lang, articleId);
    await writeIfChanged(path.join(root, page), renderReviewPage(view, ui, { index: relativeUrl(page, REVIEW_INDEX) }));
    entries.push({ articleId, lang, href: relativeUrl(REVIEW_INDEX, page), counts: view.counts });
    counts.push({ ...view.counts, lang });
    const c = view.counts;
    reporter.detail(`${articleId} → ${lang}: ${path.relative(cwd, path.join(root, page))} (${c.donePercent} % reviewed, ${c.attention} need attention${c.errors > 0 ? `, ${c.errors} QA error${c.errors === 1 ? '' : 's'}` : ''})`);
  }
  entries.sort((a, b) => a.articleId.localeCompare(b.articleId) || a.lang.localeCompare(b.lang));
  const generated = (options.now?.() ?? new Date()).toISOString();
  await writeIfChanged(path.join(root, REVIEW_INDEX), renderIndexPage(entries, ui, generated));
  return { pages: entries.length, index: path.relative(cwd, path.join(root, REVIEW_INDEX)), counts, errors: collected.errors };
}
