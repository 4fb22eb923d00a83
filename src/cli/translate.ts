// `pereklad translate`: the main job, from source-texts/ to XLIFF and review copies.
import type { Command } from 'commander';
import { loadConfig, targetsFlag, ENGINE_CHOICES, type EngineChoice } from '../config.js';
import { UsageError } from '../errors.js';
import { selectEngine } from '../mt/select.js';
import { loadGlossaries } from '../glossary/glossary.js';
import path from 'node:path';
import { runTranslateJob } from '../job/translate.js';
import { loadProjectRules } from '../segment/project.js';
import { DEFAULT_TM_DIR } from '../memory/store.js';
import type { Reporter } from '../job/reporter.js';
import type { XliffVersion } from '../xliff/codec.js';

interface TranslateFlags {
  to?: string;
  engine?: string;
  xliff?: string;
  dryRun?: boolean;
  config?: string;
  source?: string;
  out?: string;
  include?: string[];
  ignore?: string[];
  tm?: string;
}

export function registerTranslate(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('translate')
    .description('segment the articles in the source folder, machine-translate what is new, write XLIFF per article and language, and rebuild review copies')
    .option('--to <langs>', 'target languages, comma-separated, as DeepL names them (e.g. en-GB,de,pl)')
    .option('--engine <name>', `MT engine: ${ENGINE_CHOICES.join('|')} (auto: per language, deepl when DEEPL_AUTH_KEY is set, else llm when configured, else apertium for ru, else none)`)
    .option('--xliff <version>', 'XLIFF version to write: 1.2 or 2.0')
    .option('--dry-run', 'send nothing and write nothing; report what would be translated and billed')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--source <dir>', 'folder with the source articles (default: source-texts)')
    .option('--out <dir>', 'folder for XLIFF and review copies (default: locales)')
    .option('--include <glob...>', 'only articles matching these globs (relative to the source folder)')
    .option('--ignore <glob...>', 'skip articles matching these globs')
    .option('--tm <dir>', `folder of imported TMX files that join the translation memory (default: ${DEFAULT_TM_DIR})`)
    .addHelpText('after', `
Environment:
  DEEPL_AUTH_KEY     DeepL API key; with it, --engine auto uses DeepL
  DEEPL_SERVER_URL   DeepL-compatible server to use instead of DeepL's own
  PEREKLAD_LLM_BASE_URL, PEREKLAD_LLM_MODEL, PEREKLAD_LLM_API_KEY
                     OpenAI-compatible server for --engine llm (config "llm" otherwise; the key only here)

Exit codes: 0 success, 1 some article or language failed, 2 bad usage.`)
    .action((flags: TranslateFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const targets = targetsFlag(flags.to) ?? config.targets;
      const engineChoice = (flags.engine ?? config.engine) as EngineChoice;
      if (!ENGINE_CHOICES.includes(engineChoice)) throw new UsageError(`--engine must be one of ${ENGINE_CHOICES.join(', ')}, not "${flags.engine}"`);
      const xliffVersion = (flags.xliff ?? config.xliff) as XliffVersion;
      if (xliffVersion !== '1.2' && xliffVersion !== '2.0') throw new UsageError(`--xliff must be 1.2 or 2.0, not "${flags.xliff}"`);
      const glossaries = await loadGlossaries(path.resolve(cwd, config.glossaryDir), (p) => path.relative(cwd, p));
      const { engine, notice } = selectEngine(engineChoice, config, process.env, targets, glossaries);
      if (notice) reporter.warn(notice);
      if (engine) reporter.info(`engine: ${engine.name}${flags.dryRun ? ' (dry run: nothing is sent or written)' : ''}`);
      const summary = await runTranslateJob({
        cwd,
        sourceDir: flags.source ?? config.sourceDir,
        localesDir: flags.out ?? config.localesDir,
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
        strings: config.strings,
        stringsExclude: [config.publish.i18next.namespace],
        ...(flags.tm ? { tmDir: flags.tm } : {}),
      });
      const verb = flags.dryRun ? 'would send' : 'sent';
      const billed = engine?.paid ? `, ${summary.billedCharacters} ${flags.dryRun ? 'would be billed' : 'billed'}` : engine ? ' (not billed)' : '';
      reporter.info(
        `${flags.dryRun ? 'dry run' : 'done'}: ${summary.articles} article${summary.articles === 1 ? '' : 's'}, ` +
        (summary.namespaces > 0 ? `${summary.namespaces} namespace${summary.namespaces === 1 ? '' : 's'} of site strings, ` : '') + `${summary.segments} segments, ` +
        `${targets.length} language${targets.length === 1 ? '' : 's'}; ${summary.reused} reused; ${verb} ${summary.sentSegments} segments (${summary.sentCharacters} characters) to MT${billed}` +
        (flags.dryRun ? '' : `; ${summary.untranslated} left untranslated`) +
        (summary.flagged > 0 ? `; ${summary.flagged} flagged for review` : '') +
        (summary.errors.length > 0 ? `; ${summary.errors.length} error${summary.errors.length === 1 ? '' : 's'}` : ''),
      );
      return summary.errors.length > 0 ? 1 : 0;
    }));
}
