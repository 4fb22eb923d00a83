// `pereklad import`: reviewed XLIFF back from CAT tools (files, folders, or an OmegaT project).
import type { Command } from 'commander';
import { loadConfig, checkTargetLanguage } from '../config.js';
import { loadProjectRules } from '../segment/project.js';
import type { LanguageFigures, Reporter } from '../project/reporter.js';
import { plural, thousands } from './output.js';
import { documents, sumFigures } from './summaries.js';
import { runImport } from '../import/import.js';
import { countBySeverity } from '../qa/run.js';
import { localesOption, refuseOut } from './options.js';

interface ImportFlags { to?: string; partial?: boolean; takeReturned?: boolean; source?: string; out?: string; locales?: string; config?: string }

export function registerImport(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('import'))
    .description('take translations and states back from XLIFF that CAT tools wrote (OmegaT, memoQ, Trados, Phrase), matched to the project by id and source text')
    .argument('<paths...>', 'returned XLIFF files, folders of them, or an OmegaT project folder (its target/ is read)')
    .option('--to <lang>', 'the target language the files must be for')
    .option('--take-returned', "apply returned translations over a person's that changed since the kit left, or that no kit record can date (the replaced text is kept as a previous-version match)")
    .option('--partial', 'apply the units that fit even when others do not (stale ones are kept as matches); by default any problem imports nothing')
    .option('--source <dir>', 'folder with the source articles (default: source-texts)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .addHelpText('after', '\nExit codes: 0 imported, 1 some file or unit was not imported (each is listed), 2 bad usage.')
    .action((paths: string[], flags: ImportFlags) => run(async () => {
      refuseOut(flags.out, 'import');
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const to = flags.to !== undefined ? checkTargetLanguage(flags.to, '--to') : undefined;
      const summary = await runImport({
        cwd, sourceDir: flags.source ?? config.sourceDir, localesDir: flags.locales ?? config.localesDir,
        inputs: paths, ...(to ? { to } : {}), partial: flags.partial === true, takeReturned: flags.takeReturned === true,
        segmentation: await loadProjectRules(cwd, config.segmentation),
        formats: config.formats,
        glossaryDir: config.glossaryDir,
        strings: config.strings,
      });
      for (const w of summary.warnings) reporter.warn(w);
      for (const p of summary.problems) reporter.error(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
      for (const a of summary.articles) {
        const qa = countBySeverity(a.findings.filter((f) => f.check !== 'untranslated'));
        reporter.detail(`${a.articleId} → ${a.lang}: ${a.edited} edited, ${a.restated} with a new state, ${a.unchanged} unchanged, ${a.notReturned} returned without a translation, ${a.untranslated} untranslated in the project; QA ${qa.error} error(s), ${qa.warning} warning(s)`);
      }
      const perLanguage: Record<string, LanguageFigures> = {};
      for (const a of summary.articles) {
        const qa = countBySeverity(a.findings.filter((f) => f.check !== 'untranslated'));
        const f = (perLanguage[a.lang] ??= { articles: 0, namespaces: 0, translated: 0, untranslated: 0, qaErrors: 0, qaWarnings: 0 });
        if (a.namespace) f.namespaces = (f.namespaces ?? 0) + 1;
        else f.articles = (f.articles ?? 0) + 1;
        f.translated = (f.translated ?? 0) + a.edited;
        f.untranslated = (f.untranslated ?? 0) + a.untranslated;
        f.qaErrors = (f.qaErrors ?? 0) + qa.error;
        f.qaWarnings = (f.qaWarnings ?? 0) + qa.warning;
      }
      const result = { languages: perLanguage, totals: sumFigures(perLanguage), filesWritten: summary.applied ? summary.written.length : 0, details: { applied: summary.applied, filesRead: summary.files.length, problems: summary.problems.length } };
      if (!summary.applied) {
        const conflicts = summary.problems.some((p) => p.kind === 'conflict');
        reporter.error(`import refused: ${plural(summary.problems.length, 'problem')}; nothing was changed (--partial applies the units that fit` +
          `${conflicts ? "; --take-returned applies returned translations over the project's, keeping those as matches" : ''})`);
        reporter.summary([], result);
        return 1;
      }
      const lines = Object.entries(perLanguage).map(([lang, f]) => `${lang}: ${documents(f)}, ${thousands(f.translated ?? 0)} edited, ${thousands(f.untranslated ?? 0)} left untranslated in the project; QA ${plural(f.qaErrors ?? 0, 'error')}, ${plural(f.qaWarnings ?? 0, 'warning')}`);
      lines.push(`import: ${plural(summary.files.length, 'file')} read, ${plural(summary.written.length, 'project file')} written` +
        (summary.problems.length > 0 ? `; ${plural(summary.problems.length, 'problem')} (not applied)` : ''), 'next: pereklad review');
      reporter.summary(lines, { ...result, next: ['pereklad review'] });
      return summary.problems.length > 0 ? 1 : 0;
    }));
}
