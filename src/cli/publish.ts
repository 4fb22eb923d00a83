// `pereklad publish`: localized copies (text, Markdown, HTML) of the articles that are ready, and
// i18next resources for the site.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { checkFormats, checkMinState, PUBLISH_FORMATS } from '../publish/config.js';
import type { Reporter } from '../project/reporter.js';
import { plural, thousands } from './output.js';

interface PublishFlags {
  to?: string;
  minState?: string;
  allowMt?: boolean;
  allowErrors?: boolean;
  format?: string;
  out?: string;
  locales?: string;
  config?: string;
}

export function registerPublish(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('publish')
    .description('write localized copies (text, Markdown, HTML) of the articles whose every sentence is ready, list those that are not, and write i18next resources')
    .option('--to <langs>', 'languages to publish, comma-separated (default: every language with XLIFF files)')
    .option('--min-state <state>', 'the state every sentence must have reached: translated, reviewed or final (default: reviewed, or publish.minState)')
    .option('--allow-mt', "also publish what is translated but not reviewed: machine translation (clearly marked as such) and a person's unreviewed translation")
    .option('--allow-errors', 'also publish sentences with an error-level QA finding (each is reported)')
    .option('--format <formats>', `formats to write, comma-separated: ${PUBLISH_FORMATS.join(',')} (default: all, or publish.formats)`)
    .option('--out <dir>', 'folder for the localized copies (default: publish, or publish.dir)')
    .option('--locales <dir>', 'the locales folder with the XLIFF files, where i18next resources are written too (default: locales)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .addHelpText('after', `
Copies go to <out>/<lang>/<article>.txt|md|html with the source article, language, dates and
translation provenance in front matter (text, Markdown) or <head> (HTML). i18next resources go to
<locales>/<lang>/<namespace>.json, with the source language as the fallback for what is not published.
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
      // Loaded when the command runs, not by every command's start (translate's among them).
      const { runPublishJob } = await import('../publish/run.js');
      const summary = await runPublishJob({
        cwd,
        localesDir: flags.locales ?? config.localesDir, glossaryDir: config.glossaryDir,
        ...(languages ? { languages } : {}),
        publish: { ...config.publish, formats, ...(flags.out !== undefined ? { dir: flags.out } : {}) },
        minState,
        allowMt: flags.allowMt === true,
        allowErrors: flags.allowErrors === true,
        strings: config.strings,
        reporter,
      });
      const perLanguage: Record<string, { published: number; notReady: number; files: number }> = {};
      const of = (lang: string) => (perLanguage[lang] ??= { published: 0, notReady: 0, files: 0 });
      for (const p of summary.published) { of(p.lang).published++; of(p.lang).files += p.files.length; }
      for (const p of summary.notReady) of(p.lang).notReady++;
      const lines = Object.entries(perLanguage).map(([lang, f]) => `${lang}: ${plural(f.published, 'article')} published (${plural(f.files, 'file')}), ${thousands(f.notReady)} not ready`);
      lines.push(`done: ${plural(summary.published.length, 'article')} published, ${thousands(summary.notReady.length)} not ready; ${plural(summary.resources.length, 'i18next resource file')}` +
        (summary.errors.length > 0 ? `; ${plural(summary.errors.length, 'error')}` : ''));
      if (summary.notReady.length > 0) lines.push('next: pereklad review (what blocks each article), or pereklad kit for translators');
      reporter.summary(lines, {
        languages: Object.fromEntries(Object.entries(perLanguage).map(([lang, f]) => [lang, { articles: f.published, filesWritten: f.files }])),
        filesWritten: summary.published.reduce((n, p) => n + p.files.length, 0) + summary.resources.length,
        details: { published: summary.published.length, notReady: summary.notReady.length, resources: summary.resources },
        ...(summary.notReady.length > 0 ? { next: ['pereklad review'] } : {}),
      });
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
