// `pereklad review`: self-contained HTML review pages, one per article and language, and an index.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { chooseUiLanguage, UI_LANGUAGES } from '../review/i18n.js';
import type { LanguageFigures, Reporter } from '../project/reporter.js';
import { plural } from './output.js';
import { sumFigures } from './summaries.js';
import { localesOption, refuseOut } from './options.js';
import { UsageError } from '../errors.js';
import type { ServeOptions } from '../review/serve.js';

function portFlag(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a port number (0–65535), not "${value}"`);
  return n;
}

/** Serve until Ctrl+C (SIGINT) or SIGTERM; every save is already on disk, so stopping loses nothing. */
async function serveUntilStopped(options: ServeOptions, reporter: Reporter): Promise<number> {
  // Loaded when the command runs, not by every command's start (translate's among them).
  const { startReviewServer } = await import('../review/serve.js');
  const server = await startReviewServer(options);
  reporter.info(`review app: ${server.url} (Ctrl+C stops it; every change is saved into the XLIFF at once)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

interface ReviewFlags {
  to?: string;
  lang?: string;
  config?: string;
  out?: string;
  locales?: string;
  serve?: boolean;
  port?: string;
  host?: string;
}

export function registerReview(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('review'))
    .description('write a review page per article and language (source and translation side by side, states, QA findings, MT edits) and an index, from the XLIFF files')
    .option('--to <langs>', 'only these target languages, comma-separated (default: every language with XLIFF files)')
    .option('--lang <ui>', `language of the pages themselves: ${UI_LANGUAGES.join('|')} (default: from LANG, else en)`)
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--serve', 'serve the pages as a local web app where editors approve, edit and reject, saved at once into the XLIFF')
    .option('--port <n>', 'port for --serve (default: any free port)')
    .option('--host <address>', 'address for --serve (default 127.0.0.1; any other address requires the token in the printed URL)')
    .addHelpText('after', `
Pages are written beside the review copies: <locales>/<lang>/review/<article>.html, and the index to
<locales>/review/index.html. They need no network: open them straight from the folder.

Exit codes: 0 success, 1 some XLIFF file could not be read, 2 bad usage.`)
    .action((flags: ReviewFlags) => run(async () => {
      refuseOut(flags.out, 'review');
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const uiLanguage = chooseUiLanguage(flags.lang, process.env);
      if (flags.serve) return serveUntilStopped({ cwd, localesDir: flags.locales ?? config.localesDir, glossaryDir: config.glossaryDir, uiLanguage, ...(flags.host ? { host: flags.host } : {}), ...(flags.port !== undefined ? { port: portFlag(flags.port) } : {}) }, reporter);
      if (flags.port !== undefined || flags.host !== undefined) throw new UsageError('--port and --host are for --serve');
      const languages = targetsFlag(flags.to);
      const { runReviewJob } = await import('../review/run.js');
      const summary = await runReviewJob({ cwd, localesDir: flags.locales ?? config.localesDir, glossaryDir: config.glossaryDir, ...(languages ? { languages } : {}), uiLanguage, reporter });
      const perLanguage: Record<string, LanguageFigures> = {};
      for (const c of summary.counts) {
        const f = (perLanguage[c.lang] ??= { articles: 0, segments: 0, qaErrors: 0, qaWarnings: 0 });
        f.articles = (f.articles ?? 0) + 1;
        f.segments = (f.segments ?? 0) + c.segments;
        f.qaErrors = (f.qaErrors ?? 0) + c.errors;
        f.qaWarnings = (f.qaWarnings ?? 0) + c.warnings;
      }
      const lines = Object.entries(perLanguage).map(([lang, f]) => `${lang}: ${plural(f.articles ?? 0, 'page')}, ${plural(f.segments ?? 0, 'segment')}; QA ${plural(f.qaErrors ?? 0, 'error')}, ${plural(f.qaWarnings ?? 0, 'warning')}`);
      reporter.summary([...lines, `done: ${plural(summary.pages, 'review page')}; index: ${summary.index}` +
        (summary.errors.length > 0 ? `; ${plural(summary.errors.length, 'file')} could not be read` : ''), 'next: open the index in a browser; pereklad publish --to LANG when reviewed'],
      { languages: perLanguage, totals: sumFigures(perLanguage), details: { pages: summary.pages, index: summary.index }, next: ['pereklad publish'] });
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
