// `pereklad import`: reviewed XLIFF back from CAT tools (files, folders, or an OmegaT project).
import type { Command } from 'commander';
import { loadConfig, checkTargetLanguage } from '../config.js';
import { loadProjectRules } from '../segment/project.js';
import type { Reporter } from '../job/reporter.js';
import { runImport } from '../import/import.js';
import { countBySeverity } from '../qa/run.js';

interface ImportFlags { to?: string; partial?: boolean; source?: string; out?: string; config?: string }

export function registerImport(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('import')
    .description('take translations and states back from XLIFF that CAT tools wrote (OmegaT, memoQ, Trados, Phrase), matched to the project by id and source text')
    .argument('<paths...>', 'returned XLIFF files, folders of them, or an OmegaT project folder (its target/ is read)')
    .option('--to <lang>', 'the target language the files must be for')
    .option('--partial', 'apply the units that fit even when others do not (stale ones are kept as matches); by default any problem imports nothing')
    .option('--source <dir>', 'folder with the source articles (default: source-texts)')
    .option('--out <dir>', 'the locales folder (default: locales)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .addHelpText('after', '\nExit codes: 0 imported, 1 some file or unit was not imported (each is listed), 2 bad usage.')
    .action((paths: string[], flags: ImportFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const to = flags.to !== undefined ? checkTargetLanguage(flags.to, '--to') : undefined;
      const summary = await runImport({
        cwd, sourceDir: flags.source ?? config.sourceDir, localesDir: flags.out ?? config.localesDir,
        inputs: paths, ...(to ? { to } : {}), partial: flags.partial === true,
        segmentation: await loadProjectRules(cwd, config.segmentation),
        formats: config.formats,
        glossaryDir: config.glossaryDir,
        strings: config.strings,
      });
      for (const w of summary.warnings) reporter.warn(w);
      for (const p of summary.problems) reporter.error(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
      for (const a of summary.articles) {
        const qa = countBySeverity(a.findings.filter((f) => f.check !== 'untranslated'));
        reporter.info(`${a.articleId} → ${a.lang}: ${a.edited} edited, ${a.restated} with a new state, ${a.unchanged} unchanged, ${a.untranslated} untranslated; QA ${qa.error} error(s), ${qa.warning} warning(s)`);
      }
      if (!summary.applied) {
        reporter.error(`import refused: ${summary.problems.length} problem${summary.problems.length === 1 ? '' : 's'}; nothing was changed (--partial applies the units that fit)`);
        return 1;
      }
      reporter.info(`import: ${summary.files.length} file${summary.files.length === 1 ? '' : 's'} read, ${summary.written.length} project file${summary.written.length === 1 ? '' : 's'} written` +
        (summary.problems.length > 0 ? `; ${summary.problems.length} problem${summary.problems.length === 1 ? '' : 's'} (not applied)` : ''));
      return summary.problems.length > 0 ? 1 : 0;
    }));
}
