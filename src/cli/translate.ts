// `pereklad translate`: the main job, from source-texts/ to XLIFF and review copies.
import type { Command } from 'commander';
import { loadConfig, targetsFlag, ENGINE_CHOICES } from '../config.js';
import { UsageError } from '../errors.js';
import path from 'node:path';
import { runTranslateJob } from '../job/translate.js';
import { translateSummary } from './summaries.js';
import { engineFromFlags, localesOption, refuseOut } from './options.js';
import { checkEngineTargets } from '../mt/targets.js';
import { loadProjectRules } from '../segment/project.js';
import { DEFAULT_TM_DIR } from '../memory/store.js';
import type { Reporter } from '../project/reporter.js';
import type { XliffVersion } from '../xliff/codec.js';

interface TranslateFlags {
  to?: string;
  engine?: string;
  xliff?: string;
  dryRun?: boolean;
  config?: string;
  source?: string;
  out?: string;
  locales?: string;
  include?: string[];
  ignore?: string[];
  tm?: string;
  retryFailed?: boolean;
}

export function registerTranslate(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('translate'))
    .description('segment the articles in the source folder, machine-translate what is new, write XLIFF per article and language, and rebuild review copies')
    .option('--to <langs>', 'target languages, comma-separated, as DeepL names them (e.g. en-GB,de,pl)')
    .option('--engine <name>', `MT engine: ${ENGINE_CHOICES.join('|')} (auto: per language, deepl when DEEPL_AUTH_KEY is set, else llm when configured, else apertium for ru, else none)`)
    .option('--xliff <version>', 'XLIFF version to write: 1.2 or 2.0')
    .option('--dry-run', 'send nothing and write nothing; report what would be translated and billed')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--source <dir>', 'folder with the source articles (default: source-texts)')
    .option('--include <glob...>', 'only articles matching these globs (relative to the source folder)')
    .option('--ignore <glob...>', 'skip articles matching these globs')
    .option('--tm <dir>', `folder of imported TMX files that join the translation memory (default: ${DEFAULT_TM_DIR})`)
    .option('--retry-failed', 'ask the engine again for sentences it gave no usable translation for on an earlier run (flagged "no usable … translation")')
    .addHelpText('after', `
Environment:
  DEEPL_AUTH_KEY     DeepL API key; with it, --engine auto uses DeepL
  DEEPL_SERVER_URL   DeepL-compatible server to use instead of DeepL's own
  PEREKLAD_LLM_BASE_URL, PEREKLAD_LLM_MODEL, PEREKLAD_LLM_API_KEY
                     OpenAI-compatible server for --engine llm (config "llm" otherwise; the key only here)

Exit codes: 0 success, 1 some article or language failed, 2 bad usage.`)
    .action((flags: TranslateFlags) => run(async () => {
      const started = performance.now();
      refuseOut(flags.out, 'translate');
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const targets = targetsFlag(flags.to) ?? config.targets;
      const xliffVersion = (flags.xliff ?? config.xliff) as XliffVersion;
      if (xliffVersion !== '1.2' && xliffVersion !== '2.0') throw new UsageError(`--xliff must be 1.2 or 2.0, not "${flags.xliff}"`);
      const { engine, notice } = await engineFromFlags(flags.engine, config, targets, cwd);
      await checkEngineTargets(engine, targets, path.resolve(cwd, flags.locales ?? config.localesDir), reporter, flags.dryRun !== true);
      if (notice) reporter.warn(notice);
      if (engine) reporter.info(`engine: ${engine.name}${flags.dryRun ? ' (dry run: nothing is sent or written)' : ''}`);
      const summary = await runTranslateJob({
        cwd,
        sourceDir: flags.source ?? config.sourceDir,
        localesDir: flags.locales ?? config.localesDir,
        include: flags.include ?? config.include,
        ignore: flags.ignore ?? config.ignore,
        targets,
        engine,
        xliffVersion,
        dryRun: flags.dryRun === true,
        reporter,
        segmentation: await loadProjectRules(cwd, config.segmentation),
        formats: config.formats,
        glossaryDir: config.glossaryDir,
        ...(config.sourceEdits ? { sourceEdits: config.sourceEdits } : {}),
        strings: config.strings,
        stringsExclude: [config.publish.i18next.namespace],
        ...(flags.tm ? { tmDir: flags.tm } : {}),
        retryFailed: flags.retryFailed === true,
        // Test hook (tests/job/windows.test.ts): small windows on a small project.
        ...(Number(process.env.PEREKLAD_WINDOW) > 0 ? { window: Number(process.env.PEREKLAD_WINDOW) } : {}),
      });
      const closing = translateSummary(summary, { dryRun: flags.dryRun === true, paid: engine?.paid === true, engine: engine !== null, languages: targets.length, elapsedMs: performance.now() - started });
      reporter.summary(closing.lines, closing.result);
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
