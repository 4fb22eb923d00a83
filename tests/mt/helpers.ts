// Shared set-up for the MT tests: synthetic articles, a job run against a given engine.
import { runTranslateJob, type TranslateJobSummary } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import type { Engine } from '../../src/mt/engine.js';
import type { Workspace } from '../helpers/workspace.js';

/** An article of `paragraphs` × `sentences` distinct sentences, with names that inflect. */
export function syntheticArticle(tag: string, paragraphs: number, sentences: number): string {
  const names = ['Лукашенка', 'Келлогом', 'Лукашенко', 'у Палаці Незалежности'];
  const blocks: string[] = [];
  for (let p = 1; p <= paragraphs; p++) {
    const line: string[] = [];
    for (let s = 1; s <= sentences; s++) line.push(`Стаття ${tag}, абзац ${p}, речення ${s}: зустріч ${names[(p + s) % names.length]} відбулася у Мінську вдень.`);
    blocks.push(line.join(' '));
  }
  return `${blocks.join('\n\n')}\n`;
}

export async function runJob(ws: Workspace, engine: Engine | null, targets = ['en-GB'], dryRun = false): Promise<{ summary: TranslateJobSummary; reporter: ReturnType<typeof collectingReporter> }> {
  const reporter = collectingReporter();
  const summary = await runTranslateJob({ cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets, engine, xliffVersion: '1.2', dryRun, reporter });
  return { summary, reporter };
}
