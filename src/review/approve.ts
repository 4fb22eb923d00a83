// `pereklad approve`: the review page's "approve" from the command line, for an editor who has
// read the translations elsewhere (a printout, the static page) and signs them off in bulk. Each
// approval is the same transition, lock and atomic write as the review app's.
import path from 'node:path';
import type { TranslatedArticle } from '../model.js';
import { allSegments, isKept } from '../model.js';
import { UsageError } from '../errors.js';
import { collectTranslations } from './collect.js';
import { listXliff, type ProjectXliff } from '../project/layout.js';
import { glossaryTerms } from '../qa/glossary.js';
import { saveUnitChanges, type UnitEdit } from './unit-store.js';
import { isPseudo } from '../project/transition.js';

export type ApproveFrom = 'mt' | 'translated';
export const APPROVE_FROM: readonly ApproveFrom[] = ['mt', 'translated'];

export interface ApproveOptions {
  cwd: string;
  localesDir: string;
  glossaryDir: string;
  languages?: readonly string[];
  articles?: readonly string[];
  segments?: readonly string[];
  /** Only machine translations (`mt`) or only a person's translations (`translated`); both by default. */
  from?: ApproveFrom;
  by?: string;
  now?: () => Date;
}

export interface ApproveSummary {
  /** Sentences that became reviewed, per file. */
  files: Array<{ file: string; lang: string; articleId: string; approved: string[] }>;
  approved: number;
  errors: string[];
}

/** The sentences of a file that this approval is for: translated (not yet reviewed), filtered. */
export function approvable(doc: TranslatedArticle, options: Pick<ApproveOptions, 'segments' | 'from'>): string[] {
  const ids: string[] = [];
  for (const block of doc.article.blocks) {
    if (isKept(block.kind)) continue;
    for (const segment of block.segments) {
      const target = doc.targets.get(segment.id);
      if (!target?.content || target.state !== 'translated') continue;
      if (isPseudo(target)) continue; // a layout test, never a translation
      const mt = target.provenance?.origin === 'mt';
      if (options.from === 'mt' && !mt) continue;
      if (options.from === 'translated' && mt) continue;
      if (options.segments && !options.segments.includes(segment.id)) continue;
      ids.push(segment.id);
    }
  }
  return ids;
}

export async function runApprove(options: ApproveOptions): Promise<ApproveSummary> {
  // One file at a time (an archive's XLIFF is never all in memory), and nothing is approved until
  // the articles and segments asked for are known to exist: the articles from the listing, the
  // segments from a first reading of the files chosen.
  const reading = { languages: options.languages, skip: async (found: ProjectXliff) => options.articles !== undefined && !options.articles.includes(found.articleId) };
  if (options.articles) {
    const listed = await listXliff(path.resolve(options.cwd, options.localesDir), options.languages, []);
    const missing = options.articles.filter((a) => !listed.some((f) => f.articleId === a));
    // No XLIFF at all is said as such below (NoTranslationsError), as by every command.
    if (listed.length > 0 && missing.length > 0) throw new UsageError(`no XLIFF for article(s) ${missing.join(', ')} under ${options.localesDir}/`);
  }
  if (options.segments) {
    const known = new Set<string>();
    await collectTranslations(options.cwd, options.localesDir, { ...reading, each: async ({ doc }) => {
      for (const s of allSegments(doc.article)) known.add(s.id);
    } });
    const missing = options.segments.filter((s) => !known.has(s));
    if (missing.length > 0) throw new UsageError(`no segment(s) ${missing.join(', ')} in the files chosen`);
  }
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir));
  const date = (options.now?.() ?? new Date()).toISOString();
  const summary: ApproveSummary = { files: [], approved: 0, errors: [] };
  const collected = await collectTranslations(options.cwd, options.localesDir, { ...reading, each: async ({ lang, articleId, file, doc }) => {
    const ids = approvable(doc, options);
    if (ids.length === 0) return;
    // Approve what was read: a unit that changed since (another command) is a conflict, not approved unseen.
    const edits: UnitEdit[] = ids.map((segmentId) => ({ segmentId, change: { kind: 'approve', base: doc.targets.get(segmentId)!.content!, date, ...(options.by ? { by: options.by } : {}) } }));
    const result = await saveUnitChanges({ cwd: options.cwd, localesDir: options.localesDir, lang, articleId, edits, glossary: await termsFor(lang) });
    for (const c of result.conflicts) summary.errors.push(`${file}: ${c.segmentId} not approved: ${c.reason}`);
    summary.files.push({ file, lang, articleId, approved: result.applied });
    summary.approved += result.applied.length;
  } });
  summary.errors.unshift(...collected.errors);
  return summary;
}
