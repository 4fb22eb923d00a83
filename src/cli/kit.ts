// `pereklad kit`: hand-off packages for CAT tools (an OmegaT project, or XLIFF for memoQ, Trados, Phrase).
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { UsageError } from '../errors.js';
import type { LanguageFigures, Reporter } from '../project/reporter.js';
import { plural } from './output.js';
import { sumFigures } from './summaries.js';
import { KIT_KINDS, makeKit, type KitKind } from '../kit/kit.js';
import type { XliffVersion } from '../xliff/codec.js';

interface KitFlags { for?: string; to?: string; out?: string; locales?: string; article?: string[]; xliff?: string; config?: string }

export function registerKit(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('kit')
    .description('make a hand-off package for translators: an OmegaT project (--for omegat) or the XLIFF files for memoQ, Trados, Phrase (--for xliff)')
    .requiredOption('--for <tool>', `omegat or xliff`)
    .option('--to <langs>', 'target languages, comma-separated (default: from the config)')
    .option('--out <dir>', 'the kit folder, one per language (default: kits/<tool>-<lang>); it must not exist yet')
    .option('--locales <dir>', 'the locales folder (default: locales)')
    .option('--article <id...>', 'only these articles (ids as under the locales folder, e.g. 2025-06/lukashenko-kellogg-minsk)')
    .option('--xliff <version>', 'for --for xliff: the XLIFF version to hand out, 1.2 or 2.0 (default: as the project files)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .action((flags: KitFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const kind = flags.for as KitKind;
      if (!KIT_KINDS.includes(kind)) throw new UsageError(`--for must be one of ${KIT_KINDS.join(', ')}, not "${flags.for}"`);
      if (flags.xliff !== undefined && flags.xliff !== '1.2' && flags.xliff !== '2.0') throw new UsageError(`--xliff must be 1.2 or 2.0, not "${flags.xliff}"`);
      if (flags.xliff !== undefined && kind === 'omegat') throw new UsageError('--xliff is for --for xliff: OmegaT 3.6 reads XLIFF 1.2 only');
      const langs = targetsFlag(flags.to) ?? config.targets;
      if (langs.length > 1 && flags.out !== undefined) throw new UsageError('--out names one folder: give one language with --to');
      const perLanguage: Record<string, LanguageFigures> = {};
      const lines: string[] = [];
      for (const lang of langs) {
        const summary = await makeKit({
          cwd, localesDir: flags.locales ?? config.localesDir, kind, lang, out: flags.out ?? `kits/${kind}-${lang}`, glossaryDir: config.glossaryDir,
          ...(flags.article ? { articles: flags.article } : {}),
          ...(flags.xliff ? { xliffVersion: flags.xliff as XliffVersion } : {}),
        });
        const tm = kind === 'omegat' ? `; TMX: ${summary.mt} machine translations to post-edit (tm/mt, offered), ${summary.translated} unreviewed translations (tm/, offered), ${summary.enforce} reviewed (tm/enforce, inserted), ${summary.fuzzy} fuzzy (tm/)` : '';
        lines.push(`kit for ${kind} → ${lang}: ${plural(summary.articles.length, 'article')}${tm}; ${summary.out}`);
        perLanguage[lang] = { articles: summary.articles.length };
      }
      lines.push(`next: send the kit folder${langs.length === 1 ? '' : 's'} to translators; pereklad import the returned files`);
      reporter.summary(lines, { languages: perLanguage, totals: sumFigures(perLanguage), next: ['pereklad import'] });
      return 0;
    }));
}
