// The closing summary of each command, for people (one line per language, thousands separated,
// and the next step) and for --json (the same figures), built here so the command files stay short.
import type { CommandResult, LanguageFigures } from '../project/reporter.js';
import type { TranslateJobSummary } from '../job/translate.js';
import { plural, thousands } from './output.js';

export interface Summary {
  lines: string[];
  result: CommandResult;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function sumFigures(languages: Record<string, LanguageFigures>): LanguageFigures {
  const total: LanguageFigures = {};
  for (const figures of Object.values(languages)) {
    for (const [key, value] of Object.entries(figures) as Array<[keyof LanguageFigures, number]>) total[key] = (total[key] ?? 0) + value;
  }
  return total;
}

/** "2 articles", "2 articles, 1 namespace of site strings" or "1 namespace of site strings". */
export function documents(f: LanguageFigures): string {
  const namespaces = f.namespaces ?? 0;
  const parts = namespaces > 0 && (f.articles ?? 0) === 0 ? [] : [plural(f.articles ?? 0, 'article')];
  if (namespaces > 0) parts.push(`${plural(namespaces, 'namespace')} of site strings`);
  return parts.join(', ');
}

export function translateSummary(summary: TranslateJobSummary, options: { dryRun: boolean; paid: boolean; engine: boolean; languages: number; elapsedMs: number }): Summary {
  const { dryRun, paid } = options;
  const lines: string[] = [];
  for (const [lang, f] of Object.entries(summary.languages)) {
    const sent = `${dryRun ? 'would send' : 'sent'} ${plural(f.sentSegments ?? 0, 'segment')} (${thousands(f.sentCharacters ?? 0)} characters)` +
      (paid ? `, ${thousands(f.billedCharacters ?? 0)} ${dryRun ? 'would be billed' : 'billed'}` : '') +
      // The account's own count beside pereklad's, whenever they differ.
      (f.accountBilledCharacters !== undefined && f.accountBilledCharacters !== f.billedCharacters ? ` (the engine account counted ${thousands(f.accountBilledCharacters)})` : '') +
      // Said again beside the figure it qualifies: the warning line has the whole of it.
      ((f.timedOutRequests ?? 0) > 0 ? `, up to ${thousands(f.maybeBilledTwiceCharacters ?? 0)} more may be billed twice (${plural(f.timedOutRequests ?? 0, 'request')} timed out and sent again)` : '');
    lines.push(dryRun
      ? `${lang}: ${sent}`
      : `${lang}: ${documents(f)}, ${plural(f.segments ?? 0, 'segment')}: ${thousands(f.reused ?? 0)} reused, ${thousands(f.machineTranslated ?? 0)} machine-translated, ` +
        `${thousands(f.untranslated ?? 0)} untranslated; ${sent}; QA ${plural(f.qaErrors ?? 0, 'error')}, ${plural(f.qaWarnings ?? 0, 'warning')}; ${plural(f.filesWritten ?? 0, 'file')} written`);
  }
  const verb = dryRun ? 'would send' : 'sent';
  const billed = paid ? `, ${thousands(summary.billedCharacters)} ${dryRun ? 'would be billed' : 'billed'}` : options.engine ? ' (not billed)' : '';
  lines.push(
    `${dryRun ? 'dry run' : 'done'}: ${plural(summary.articles, 'article')}, ` +
    (summary.namespaces > 0 ? `${plural(summary.namespaces, 'namespace')} of site strings, ` : '') + `${plural(summary.segments, 'segment')}, ` +
    `${plural(options.languages, 'language')}; ${thousands(summary.reused)} reused; ${verb} ${plural(summary.sentSegments, 'segment')} (${thousands(summary.sentCharacters)} characters) to MT${billed}` +
    (dryRun ? '' : `; ${thousands(summary.untranslated)} left untranslated`) +
    (summary.flagged > 0 ? `; ${thousands(summary.flagged)} flagged for review` : '') +
    (summary.resumedAnswers > 0 ? `; ${plural(summary.resumedAnswers, 'paid answer')} taken from an interrupted run` : '') +
    (summary.errors.length > 0 ? `; ${plural(summary.errors.length, 'error')}` : '') +
    ` (${seconds(options.elapsedMs)})`,
  );
  const next = summary.errors.length > 0 ? [] : dryRun ? ['pereklad translate'] : ['pereklad review', ...(summary.untranslated > 0 ? ['pereklad kit --for omegat'] : [])];
  if (next.length > 0) lines.push(`next: ${next.join(', then ')}`);
  return {
    lines,
    result: {
      languages: summary.languages, totals: sumFigures(summary.languages), filesWritten: summary.filesWritten,
      resumedAnswers: summary.resumedAnswers, dryRun, next,
      details: { articles: summary.articles, namespaces: summary.namespaces, failedArticles: summary.failedArticles },
    },
  };
}
