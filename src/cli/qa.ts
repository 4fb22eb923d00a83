// `pereklad qa`: the quality checks over every XLIFF of the project, as a linter would report them.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import type { Reporter } from '../job/reporter.js';
import { runProjectQa } from '../qa/project.js';
import { countBySeverity } from '../qa/run.js';

interface QaFlags { to?: string; out?: string; config?: string; untranslated?: boolean }

export function registerQa(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('qa')
    .description('run the quality checks on the XLIFF files: flags go into the XLIFF (notes CAT tools show) and a findings report beside each review copy')
    .option('--to <langs>', 'only these target languages, comma-separated (default: every language under the locales folder)')
    .option('--out <dir>', 'the locales folder (default: locales)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--untranslated', 'also list segments without a translation')
    .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 some finding is an error, 2 bad usage.')
    .action((flags: QaFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const languages = targetsFlag(flags.to);
      const results = await runProjectQa({ cwd, localesDir: flags.out ?? config.localesDir, glossaryDir: config.glossaryDir, ...(languages ? { languages } : {}) });
      let errors = 0;
      let warnings = 0;
      for (const r of results) {
        const shown = r.findings.filter((f) => flags.untranslated || f.check !== 'untranslated');
        for (const f of shown) reporter.info(`${r.file}: ${f.segmentId}: ${f.severity} ${f.check}: ${f.message}`);
        const counts = countBySeverity(shown);
        errors += counts.error;
        warnings += counts.warning;
      }
      reporter.info(`qa: ${results.length} file${results.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
      return errors > 0 ? 1 : 0;
    }));
}
