// `pereklad publish`: localized copies (text, Markdown, HTML) of the articles that are ready, and
// i18next resources for the site.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { checkFormats, checkMinState, PUBLISH_FORMATS } from '../publish/config.js';
import { runPublishJob } from '../publish/run.js';
import type { Reporter } from '../job/reporter.js';

interface PublishFlags {
  to?: string;
  minState?: string;
  allowMt?: boolean;
  allowErrors?: boolean;
  format?: string;
  dir?: string;
  out?: string;
  config?: string;
}

export function registerPublish(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('publish')
    .description('write localized copies (text, Markdown, HTML) of the articles whose every sentence is ready, list those that are not, and write i18next resources')
    .option('--to <langs>', 'languages to publish, comma-separated (default: every language with XLIFF files)')
    .option('--min-state <state>', 'the state every sentence must have reached: translated, reviewed or final (default: reviewed, or publish.minState)')
    .option('--allow-mt', 'also publish unreviewed machine translation, clearly marked as machine translated')
    .option('--allow-errors', 'also publish sentences with an error-level QA finding (each is reported)')
    .option('--format <formats>', `formats to write, comma-separated: ${PUBLISH_FORMATS.join(',')} (default: all, or publish.formats)`)
    .option('--dir <dir>', 'folder for the localized copies (default: publish, or publish.dir)')
    .option('--out <dir>', 'the folder with the XLIFF files, where i18next resources are written too (default: locales)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .addHelpText('after', `
Copies go to <dir>/<lang>/<article>.txt|md|html with the source article, language, dates and
translation provenance in front matter (text, Markdown) or <head> (HTML). i18next resources go to
<out>/<lang>/<namespace>.json, with the source language as the fallback for what is not published.
Pseudo-translation is never published.

Exit codes: 0 success (articles not ready are listed, not errors), 1 some XLIFF file could not be read, 2 bad usage.`)
    .action((flags: PublishFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const languages = targetsFlag(flags.to);
      const minState = flags.minState !== undefined ? checkMinState(flags.minState, '--min-state') : config.publish.minState;
      const formats = flags.format !== undefined
        ? checkFormats(flags.format.split(',').map((f) => f.trim()).filter(Boolean), '--format')
        : config.publish.formats;
      const summary = await runPublishJob({
        cwd,
        localesDir: flags.out ?? config.localesDir, glossaryDir: config.glossaryDir,
        ...(languages ? { languages } : {}),
        publish: { ...config.publish, formats, ...(flags.dir !== undefined ? { dir: flags.dir } : {}) },
        minState,
        allowMt: flags.allowMt === true,
        allowErrors: flags.allowErrors === true,
        reporter,
      });
      const n = (count: number, what: string): string => `${count} ${what}${count === 1 ? '' : 's'}`;
      reporter.info(`done: ${n(summary.published.length, 'article')} published, ${summary.notReady.length} not ready; ${n(summary.resources.length, 'i18next resource file')}` +
        (summary.errors.length > 0 ? `; ${n(summary.errors.length, 'file')} could not be read` : ''));
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
