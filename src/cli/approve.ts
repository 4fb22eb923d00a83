// `pereklad approve`: mark translations reviewed from the command line, with the count of what changed.
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { UsageError } from '../errors.js';
import { APPROVE_FROM, runApprove, type ApproveFrom } from '../review/approve.js';
import type { Reporter } from '../project/reporter.js';
import { localesOption, refuseOut } from './options.js';

interface ApproveFlags {
  to?: string;
  article?: string[];
  segment?: string[];
  from?: string;
  out?: string;
  locales?: string;
  config?: string;
}

export function registerApprove(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('approve')
    .description('mark translated sentences reviewed (as an editor does on the review page), and say how many changed')
    .option('--to <langs>', 'only these target languages, comma-separated (default: every language with XLIFF files)')
    .option('--article <ids...>', 'only these articles (ids as in locales/<lang>/<id>.xlf)')
    .option('--segment <ids...>', 'only these sentences (p3-2 …)')
    .option('--from <origin>', `only ${APPROVE_FROM.join(' or ')}: machine translations, or a person's translations (default: both)`)
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)'))
    .addHelpText('after', `
Sentences without a translation, pseudo-translations and quoted foreign text are never approved.
Each file is written under the project lock, atomically, with QA re-run; a sentence that changed
while the command ran is not approved and is named.

Exit codes: 0 success (also when nothing needed approving), 1 a file could not be read or a sentence changed meanwhile, 2 bad usage.`)
    .action((flags: ApproveFlags) => run(async () => {
      const cwd = process.cwd();
      refuseOut(flags.out, 'approve');
      const { config } = await loadConfig(cwd, flags.config);
      if (flags.from !== undefined && !(APPROVE_FROM as readonly string[]).includes(flags.from)) throw new UsageError(`--from must be ${APPROVE_FROM.join(' or ')}, not "${flags.from}"`);
      const languages = targetsFlag(flags.to);
      const summary = await runApprove({
        cwd, localesDir: flags.locales ?? config.localesDir, glossaryDir: config.glossaryDir,
        ...(languages ? { languages } : {}),
        ...(flags.article ? { articles: flags.article } : {}),
        ...(flags.segment ? { segments: flags.segment } : {}),
        ...(flags.from ? { from: flags.from as ApproveFrom } : {}),
      });
      for (const error of summary.errors) reporter.error(error);
      for (const f of summary.files) if (f.approved.length > 0) reporter.info(`${f.articleId} → ${f.lang}: ${f.approved.length} approved (${f.approved.join(', ')})`);
      reporter.info(`approved: ${summary.approved} sentence${summary.approved === 1 ? '' : 's'} in ${summary.files.filter((f) => f.approved.length > 0).length} file${summary.files.filter((f) => f.approved.length > 0).length === 1 ? '' : 's'}`);
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
