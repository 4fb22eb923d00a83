// `pereklad review`: self-contained HTML review pages, one per article and language, and an index.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { chooseUiLanguage, UI_LANGUAGES } from '../review/i18n.js';
import { runReviewJob } from '../review/run.js';
import type { Reporter } from '../job/reporter.js';

interface ReviewFlags {
  to?: string;
  lang?: string;
  config?: string;
  out?: string;
}

export function registerReview(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('review')
    .description('write a review page per article and language (source and translation side by side, states, QA findings, MT edits) and an index, from the XLIFF files')
    .option('--to <langs>', 'only these target languages, comma-separated (default: every language with XLIFF files)')
    .option('--lang <ui>', `language of the pages themselves: ${UI_LANGUAGES.join('|')} (default: from LANG, else en)`)
    .option('--out <dir>', 'the folder with the XLIFF files (default: locales)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .addHelpText('after', `
Pages are written beside the review copies: <out>/<lang>/review/<article>.html, and the index to
<out>/review/index.html. They need no network: open them straight from the folder.

Exit codes: 0 success, 1 some XLIFF file could not be read, 2 bad usage.`)
    .action((flags: ReviewFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const uiLanguage = chooseUiLanguage(flags.lang, process.env);
      const languages = targetsFlag(flags.to);
      const summary = await runReviewJob({ cwd, localesDir: flags.out ?? config.localesDir, glossaryDir: config.glossaryDir, ...(languages ? { languages } : {}), uiLanguage, reporter });
      reporter.info(`done: ${summary.pages} review page${summary.pages === 1 ? '' : 's'}; index: ${summary.index}` +
        (summary.errors.length > 0 ? `; ${summary.errors.length} file${summary.errors.length === 1 ? '' : 's'} could not be read` : ''));
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
