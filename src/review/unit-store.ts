// Saving review decisions into a project XLIFF: under a lock, re-read, check that the file did not
// move on since the caller read it (its hash), apply each unit's transition, re-run QA as import
// does, and write the XLIFF, review copy and findings report all or nothing. This is the store
// call LANDING.md agrees with the project store (re-read under the lock, hash check, transitions,
// atomic commit); review and `pereklad approve` use only this function, so moving it onto
// src/project/ is one file.
import path from 'node:path';
import { sha256 } from '../project/digest.js';
import type { Content, Segment, TranslatedArticle } from '../model.js';
import { allSegments, isKept } from '../model.js';
import { PerekladError } from '../errors.js';
import { codecFor, parseXliff } from '../xliff/read.js';
import { reviewPath, xliffPath } from '../project/layout.js';
import { withProject } from '../project/store.js';
import { defaultLockWaitMs } from '../project/lock.js';
import { readText } from '../project/io.js';
import { XLIFF_MAX_BYTES } from '../project/limits.js';
import { commitFiles } from '../project/commit.js';
import { assembleArticle } from '../assemble/assemble.js';
import { qaFindings, withQaFlags } from '../qa/run.js';
import { qaReport, qaReportPath } from '../qa/report.js';
import type { GlossaryTerm } from '../qa/glossary.js';
import { transition, type UnitChange } from '../project/transition.js';

/** The changes a reviewer makes: the store's transitions for a page or `pereklad approve`. */
export type ReviewChange = Extract<UnitChange, { kind: 'approve' | 'edit' | 'reject' }>;

/** The file changed on disk since the caller read it: nothing was written. */
export class StaleFileError extends PerekladError {}

/** An edit that the unit cannot take (unknown segment, inline codes lost or invented). */
export class BadEditError extends PerekladError {}

/** What the review app sends back to say which version of the file an edit was made on. */
export const fileHash = sha256;

export interface UnitEdit {
  segmentId: string;
  change: ReviewChange;
}

export interface SaveOptions {
  cwd: string;
  localesDir: string;
  lang: string;
  articleId: string;
  /** The hash of the file as the caller read it; undefined: apply to whatever is on disk now. */
  expectedHash?: string;
  edits: readonly UnitEdit[];
  glossary: readonly GlossaryTerm[];
  /** How long to wait for the lock (default 10 s). */
  lockTimeoutMs?: number;
}

export interface SaveResult {
  hash: string;
  doc: TranslatedArticle;
  applied: string[];
  unchanged: string[];
  conflicts: Array<{ segmentId: string; reason: string }>;
  written: boolean;
}

let queue: Promise<unknown> = Promise.resolve();

/** The project lock (src/project/store.ts: the same one translate and import take), with a queue
 *  in front so that concurrent requests of one server wait their turn instead of re-entering it. */
async function withLock<T>(localesDir: string, display: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const run = queue.then(() => withProject(localesDir, 'review --serve', work, { waitMs: timeoutMs, display }));
  queue = run.catch(() => undefined);
  return run;
}

/** An edited target must hold each of the source's inline codes exactly once: a URL or handle a
 *  reviewer deleted by accident is refused, not saved. */
export function checkEditCodes(content: Content, segment: Segment): void {
  const seen = new Map<string, number>();
  for (const f of content) if (typeof f !== 'string') seen.set(f.code, (seen.get(f.code) ?? 0) + 1);
  for (const [id, n] of seen) {
    if (!segment.codes.some((c) => c.id === id)) throw new BadEditError(`segment ${segment.id}: the edit has an inline code (${id}) its source does not have`);
    if (n > 1) throw new BadEditError(`segment ${segment.id}: the edit has the protected text "${segment.codes.find((c) => c.id === id)!.text}" ${n} times`);
  }
  const lost = segment.codes.filter((c) => !seen.has(c.id));
  if (lost.length > 0) throw new BadEditError(`segment ${segment.id}: the edit lost the protected text ${lost.map((c) => `"${c.text}"`).join(', ')}; keep every chip`);
  if (content.every((f) => typeof f === 'string' && f.trim() === '')) throw new BadEditError(`segment ${segment.id}: the edit is empty; reject the sentence instead`);
  // A paired code's end before its start would publish broken markup (`</a>… <a href>`).
  const at = new Map(content.flatMap((f, i): Array<[string, number]> => (typeof f === 'string' ? [] : [[f.code, i]])));
  for (const open of segment.codes.filter((c) => c.role === 'open' && c.pair !== undefined)) {
    const close = segment.codes.find((c) => c.id === open.pair);
    if (close && at.get(close.id)! < at.get(open.id)!) throw new BadEditError(`segment ${segment.id}: the edit puts the end of "${open.text}" (${close.text}) before its start; keep each pair in order`);
  }
}

export async function saveUnitChanges(options: SaveOptions): Promise<SaveResult> {
  const localesDir = path.resolve(options.cwd, options.localesDir);
  const file = xliffPath(localesDir, options.lang, options.articleId);
  const display = path.relative(options.cwd, file);
  return withLock(localesDir, path.relative(options.cwd, localesDir) || '.', options.lockTimeoutMs ?? defaultLockWaitMs(), async () => {
    // Through the store: its size limit, UTF-8 check and refusal of links leading out of the project.
    const bytes = await readText(file, display, XLIFF_MAX_BYTES, 'XLIFF file');
    const hash = fileHash(bytes);
    if (options.expectedHash !== undefined && options.expectedHash !== hash) {
      throw new StaleFileError(`${display} changed on disk since it was loaded (another editor or a command saved it); nothing was written: reload to see the change`);
    }
    const doc = parseXliff(bytes, display);
    const segments = new Map([...allSegments(doc.article)].map((s) => [s.id, s]));
    const foreign = new Set(doc.article.blocks.filter((b) => isKept(b.kind)).flatMap((b) => b.segments.map((s) => s.id)));
    const targets = new Map(doc.targets);
    const result: SaveResult = { hash, doc, applied: [], unchanged: [], conflicts: [], written: false };
    for (const { segmentId, change } of options.edits) {
      const segment = segments.get(segmentId);
      if (!segment || foreign.has(segmentId)) throw new BadEditError(`${display} has no translatable segment "${segmentId}"`);
      if (change.kind === 'edit') checkEditCodes(change.content, segment);
      const current = targets.get(segmentId) ?? { segmentId, state: 'new' as const, flags: [] };
      const outcome = transition(current, change, segment);
      if (outcome.outcome === 'applied') {
        targets.set(segmentId, outcome.target);
        result.applied.push(segmentId);
      } else if (outcome.outcome === 'unchanged') result.unchanged.push(segmentId);
      else result.conflicts.push({ segmentId, reason: outcome.reason });
    }
    if (result.applied.length === 0) return result;
    const changed: TranslatedArticle = { ...doc, targets };
    const findings = qaFindings(changed, { glossary: options.glossary });
    const written: TranslatedArticle = { ...changed, targets: withQaFlags(changed, findings), written: new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z') };
    const xml = codecFor(doc.version).write(written);
    const stored = parseXliff(xml, display);
    await commitFiles(localesDir, 'review --serve', [
      { path: file, content: xml },
      { path: reviewPath(localesDir, options.lang, options.articleId), content: assembleArticle(stored).text },
      { path: qaReportPath(localesDir, options.lang, options.articleId), content: findings.length > 0 ? qaReport(stored, findings) : null },
    ]);
    return { ...result, hash: fileHash(xml), doc: stored, written: true };
  });
}
