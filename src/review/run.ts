// `pereklad review`: a review page per article and language, and an index, built from the XLIFF
// files on disk. Pages are written only when their content changed.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { collectTranslations } from './collect.js';
import { findingsWithGlossaries } from './findings.js';
import { reviewView, type ReviewCounts } from './view.js';
import { renderReviewPage } from './page.js';
import { CONTENT, GENERATED, indexPageBody, indexPageFooter, type IndexEntry } from './index-page.js';
import { uiText, type UiLanguage } from './i18n.js';
import { readTail, writeAtomicParts, writeIfChanged } from '../project/io.js';
import { IncrementalIndex, SAVE_EVERY, settingsHash } from '../project/incremental.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';
import { glossaryTerms } from '../qa/glossary.js';
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
  const root = path.resolve(cwd, localesDir);
  const findingsFor = findingsWithGlossaries(cwd, options.glossaryDir);
  const termsFor = glossaryTerms(path.resolve(cwd, options.glossaryDir));
  // A page is made from its XLIFF, the glossary (QA findings), the page language and pereklad's
  // version: when none changed and the page is still the one written, it is neither read nor
  // rendered again (src/project/incremental.ts; deleting the index only costs time).
  const index = await IncrementalIndex.open<ReviewCounts>(root, 'review', 'write', { warn: (line) => reporter.warn(line), rel: (abs) => path.relative(cwd, abs) });
  const settingsFor = async (lang: string): Promise<string> => settingsHash({ tool: PEREKLAD_TOOL.version, ui: options.uiLanguage, glossary: await termsFor(lang) });
  const entries: IndexEntry[] = [];
  const counts: Array<ReviewCounts & { lang: string }> = [];
  const add = (lang: string, articleId: string, c: ReviewCounts): void => {
    const page = reviewPagePath(lang, articleId);
    entries.push({ articleId, lang, href: relativeUrl(REVIEW_INDEX, page), counts: c });
    counts.push({ ...c, lang });
    reporter.detail(`${articleId} → ${lang}: ${path.relative(cwd, path.join(root, page))} (${c.donePercent} % reviewed, ${c.attention} need attention${c.errors > 0 ? `, ${c.errors} QA error${c.errors === 1 ? '' : 's'}` : ''})`);
  };
  let made = 0;
  try {
    // Each page is made and written as its XLIFF is read: the job holds one article at a time.
    const collected = await collectTranslations(cwd, localesDir, { languages: options.languages, skip: async ({ lang, articleId, file }) => {
      const known = await index.unchanged(lang, articleId, '', await settingsFor(lang), file, path.join(root, reviewPagePath(lang, articleId)));
      if (known) add(lang, articleId, known);
      return known !== undefined;
    }, each: async ({ lang, articleId, doc, file, text }) => {
      const view = reviewView(doc, await findingsFor(doc));
      const page = reviewPagePath(lang, articleId);
      const html = renderReviewPage(view, ui, { index: relativeUrl(page, REVIEW_INDEX) });
      await writeIfChanged(path.join(root, page), html);
      await index.record(lang, articleId, '', await settingsFor(lang), { file: path.resolve(cwd, file), text }, { file: path.join(root, page), text: html }, view.counts);
      add(lang, articleId, view.counts);
      if (++made % SAVE_EVERY === 0) await index.save();
    } });
    for (const error of collected.errors) reporter.error(error);
    await index.save();
    entries.sort((a, b) => a.articleId.localeCompare(b.articleId) || a.lang.localeCompare(b.lang));
    // The index keeps its date while what it lists is the same, so an unchanged run rewrites nothing:
    // its footer records a hash of the body, which is hashed and written a piece at a time (the
    // page of 50,000 articles is 25 MB). A page whose size is not that of this body and its footer
    // was edited by hand, and is written again.
    const indexFile = path.join(root, REVIEW_INDEX);
    const hash = createHash('sha256');
    let bodyBytes = 0;
    for (const part of indexPageBody(entries, ui)) {
      hash.update(part, 'utf8');
      bodyBytes += Buffer.byteLength(part, 'utf8');
    }
    const content = hash.digest('hex');
    const previous = await readTail(indexFile, 4096);
    const before = previous && CONTENT.exec(previous.text)?.[1] === content ? GENERATED.exec(previous.text)?.[1] : undefined;
    if (before === undefined || previous?.size !== bodyBytes + Buffer.byteLength(indexPageFooter(ui, before, content), 'utf8')) {
      const generated = (options.now?.() ?? new Date()).toISOString();
      await writeAtomicParts(indexFile, (function* page() {
        yield* indexPageBody(entries, ui);
        yield indexPageFooter(ui, generated, content);
      })());
    }
    return { pages: entries.length, index: path.relative(cwd, indexFile), counts, errors: collected.errors };
  } finally {
    index.close();
  }
}

