// Shared set-up for the translation-memory tests: a workspace with articles, a job runner with an
// engine that records every segment it is asked for, and small XLIFF edits a translator would make.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTranslateJob, type TranslateJobSummary } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from '../../src/mt/engine.js';
import { contentToTaggedXml } from '../../src/mt/tags.js';
import type { Content, SegmentState } from '../../src/model.js';
import { parseXliff, codecFor } from '../../src/xliff/read.js';

/** Translates by prefixing each non-blank text run with "EN:" (after its leading whitespace, as
 *  a real translation keeps it), and records what it was asked. */
export class RecordingEngine implements Engine {
  readonly name = 'recording';
  readonly paid = true;
  readonly pseudo = false;
  readonly sent: string[] = [];
  async translate(segments: EngineSegment[], _source: string, target: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    this.sent.push(...segments.map((s) => contentToTaggedXml(s.content)));
    const results = segments.map((s): EngineResult => ({ content: s.content.map((f) => (typeof f === 'string' ? f.replace(/^(\s*)(?=\S)/u, `$1${target.slice(0, 2).toUpperCase()}:`) : { ...f })) }));
    await options.onBatch?.(results.map((result, index) => ({ index, result })));
    return results;
  }
}

export interface JobRun { summary: TranslateJobSummary; reporter: ReturnType<typeof collectingReporter> }

export async function translate(dir: string, engine: Engine | null, options: { targets?: string[]; xliff?: '1.2' | '2.0' } = {}): Promise<JobRun> {
  const reporter = collectingReporter();
  const summary = await runTranslateJob({
    cwd: dir, sourceDir: 'source-texts', localesDir: 'locales', targets: options.targets ?? ['en-GB'],
    engine, xliffVersion: options.xliff ?? '1.2', dryRun: false, reporter,
  });
  return { summary, reporter };
}

/** What a reviewer does in a CAT tool: give a segment a translation and a state, and save. */
export async function reviewSegment(file: string, segmentId: string, content: Content, state: SegmentState): Promise<void> {
  const doc = parseXliff(await readFile(file, 'utf8'), file);
  const target = doc.targets.get(segmentId);
  if (!target) throw new Error(`no segment ${segmentId} in ${file}`);
  doc.targets.set(segmentId, { ...target, content, state, provenance: { origin: 'human' }, flags: [] });
  await writeFile(file, codecFor(doc.version).write(doc));
}

export function xlf(dir: string, lang: string, id: string): string {
  return path.join(dir, 'locales', lang, `${id}.xlf`);
}
