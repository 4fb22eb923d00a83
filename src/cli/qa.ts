// `pereklad qa`: the quality checks over every XLIFF of the project, as a linter would report them.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import type { LanguageFigures, Reporter } from '../project/reporter.js';
import { NoTranslationsError } from '../review/collect.js';
import { plural } from './output.js';
import { sumFigures } from './summaries.js';
import { countBySeverity } from '../qa/run.js';
import { localesOption, refuseOut } from './options.js';

interface QaFlags { to?: string; out?: string; locales?: string; config?: string; untranslated?: boolean }

export function registerQa(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('qa'))
    .description('run the quality checks on the XLIFF files: flags go into the XLIFF (notes CAT tools show) and a findings report beside each review copy')
    .option('--to <langs>', 'only these target languages, comma-separated (default: every language under the locales folder)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--untranslated', 'also list segments without a translation')
    .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 some finding is an error, 2 bad usage.')
    .action((flags: QaFlags) => run(async () => {
      refuseOut(flags.out, 'qa');
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const languages = targetsFlag(flags.to);
      // Loaded when the command runs, not by every command's start (translate's among them).
      const { runProjectQa } = await import('../qa/project.js');
      const results = await runProjectQa({
        cwd, localesDir: flags.locales ?? config.localesDir, glossaryDir: config.glossaryDir, ...(languages ? { languages } : {}),
        strings: { config: config.strings, exclude: [config.publish.i18next.namespace] }, warn: (line) => reporter.warn(line),
      });
      // A CI step that checks nothing must not pass: no XLIFF at all is an error, not "0 errors".
      if (results.length === 0) throw new NoTranslationsError(`no XLIFF files${languages ? ` for ${languages.join(', ')}` : ''} under ${flags.locales ?? config.localesDir}/; run \`pereklad translate\` first`);
      let errors = 0;
      let warnings = 0;
      const perLanguage: Record<string, LanguageFigures> = {};
      let failed = 0;
      for (const r of results) {
        if (r.failed !== undefined) { failed++; reporter.error(`error: ${r.failed}`); continue; }
        const shown = r.findings.filter((f) => flags.untranslated || f.check !== 'untranslated');
        for (const f of shown) reporter.info(`${r.file}: ${f.segmentId}: ${f.severity} ${f.check}: ${f.message}`);
        const counts = countBySeverity(shown);
        errors += counts.error;
        warnings += counts.warning;
        const figures = (perLanguage[r.lang] ??= { articles: 0, qaErrors: 0, qaWarnings: 0 });
        figures.articles = (figures.articles ?? 0) + 1;
        figures.qaErrors = (figures.qaErrors ?? 0) + counts.error;
        figures.qaWarnings = (figures.qaWarnings ?? 0) + counts.warning;
      }
      const lines = Object.entries(perLanguage).map(([lang, f]) => `${lang}: ${plural(f.articles ?? 0, 'file')}, ${plural(f.qaErrors ?? 0, 'error')}, ${plural(f.qaWarnings ?? 0, 'warning')}`);
      lines.push(`qa: ${plural(results.length - failed, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
      if (failed > 0) lines.push(`qa: ${plural(failed, 'file')} could not be checked`);
      if (errors + warnings > 0) lines.push('next: pereklad review (the findings beside each sentence)');
      reporter.summary(lines, { languages: perLanguage, totals: sumFigures(perLanguage), ...(errors + warnings > 0 ? { next: ['pereklad review'] } : {}) });
      return errors + failed > 0 ? 1 : 0;
    }));
}
