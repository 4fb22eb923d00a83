// `pereklad status`: per article and language, how many segments are new, machine-translated,
// translated by a person, reviewed and final, and what MT would bill to finish — planned by the
// code `translate` plans with (src/job/plan.ts: the index, carry-over, memory matches, failures
// held back, the journal of the engine translate would use), sending and writing nothing.
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, targetsFlag, ENGINE_CHOICES } from '../config.js';
import { PerekladError } from '../errors.js';
import type { Engine } from '../mt/engine.js';
import type { LanguageFigures, Reporter } from '../project/reporter.js';
import { plural, thousands } from './output.js';
import { settleForReading } from '../project/store.js';
import { loadProjectRules } from '../segment/project.js';
import { billableCharacters } from '../mt/engine.js';
import { DEFAULT_TM_DIR } from '../memory/store.js';
import { languageWork, planProject, unitStates, type UnitStates } from '../job/plan.js';
import type { XliffVersion } from '../xliff/codec.js';
import { engineChoice, engineFromFlags, localesOption, refuseOut } from './options.js';

interface StatusFlags {
  to?: string;
  engine?: string;
  config?: string;
  source?: string;
  out?: string;
  locales?: string;
  tm?: string;
}

export type StatusCounts = UnitStates;

function describe(c: StatusCounts): string {
  return `${plural(c.segments, 'segment')}: ${thousands(c.new)} new, ${thousands(c.mt)} MT, ${thousands(c.translated)} translated, ${thousands(c.reviewed)} reviewed, ${thousands(c.final)} final`;
}

export function registerStatus(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('status'))
    .description('per article and language: segments new, MT, translated, reviewed, final; and what MT would bill to finish')
    .option('--to <langs>', 'target languages, comma-separated (default from the config)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--source <dir>', 'folder with the source articles (default: source-texts)')
    .option('--engine <name>', `the engine translate would use, for what it would send and bill: ${ENGINE_CHOICES.join('|')} (default from the config)`)
    .option('--tm <dir>', `folder of imported TMX files (default: ${DEFAULT_TM_DIR})`)
    .action((flags: StatusFlags) => run(async () => {
      refuseOut(flags.out, 'status');
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const targets = targetsFlag(flags.to) ?? config.targets;
      const localesDir = flags.locales ?? config.localesDir;
      // A reader: it never waits for a writer, and finishes a killed command's commit only when none is at work.
      await settleForReading(path.resolve(cwd, localesDir));
      // The engine translate would use, so that the journal it would read and the settings the index
      // compares are its own; without its key, status still counts (planning as with no engine).
      let engine: Engine | null = null;
      // A bad --engine is bad usage; a missing key only means status counts without the engine.
      engineChoice(flags.engine, config);
      try {
        engine = (await engineFromFlags(flags.engine, config, targets, cwd)).engine;
      } catch (err) {
        if (!(err instanceof PerekladError)) throw err;
        reporter.warn(`warning: ${err.message}; counting as without an engine`);
      }
      let errors = 0;
      const plan = await planProject({
        cwd, sourceDir: flags.source ?? config.sourceDir, localesDir, include: flags.source ? undefined : config.include, ignore: config.ignore,
        targets, engine, xliffVersion: config.xliff as XliffVersion, reporter,
        ...(flags.tm ? { tmDir: flags.tm } : {}),
        segmentation: await loadProjectRules(cwd, config.segmentation), formats: config.formats,
        ...(config.sourceEdits ? { sourceEdits: config.sourceEdits } : {}),
        glossaryDir: config.glossaryDir, strings: config.strings, stringsExclude: [config.publish.i18next.namespace],
        needStates: true,
      }, (message) => { errors++; reporter.error(`error: ${message}`); });
      const total: StatusCounts = { segments: 0, new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 };
      let toBill = 0;
      let toSend = 0;
      const figuresByLanguage: Record<string, LanguageFigures> = {};
      for (const lang of targets) {
        const inLanguage: StatusCounts = { segments: 0, new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 };
        const count = (label: string, counts: StatusCounts): void => {
          for (const k of Object.keys(total) as Array<keyof StatusCounts>) { total[k] += counts[k]; inLanguage[k] += counts[k]; }
          reporter.detail(`${label} → ${lang}: ${describe(counts)}`);
        };
        // Articles the index shows unchanged are counted from it: not read at all.
        for (const { articleId, lang: l, figures: f } of plan.known) {
          if (l !== lang) continue;
          count(articleId, { segments: f.segments ?? 0, new: f.untranslated ?? 0, mt: f.mt ?? 0, translated: f.translated ?? 0, reviewed: f.reviewed ?? 0, final: f.final ?? 0 });
        }
        for (const { file, article, languages, resource } of plan.planned) {
          const planned = languages.get(lang);
          if (!planned || planned.skip) continue;
          count(resource ? `${file.id} (strings)` : file.id, unitStates(article, planned.kept));
        }
        const work = languageWork(plan, lang, plan.engineFor(lang));
        const bill = work.requests.reduce((n, r) => n + billableCharacters(r.content), 0);
        toSend += work.requests.length;
        toBill += bill;
        figuresByLanguage[lang] = { ...inLanguage, sentSegments: work.requests.length, billedCharacters: bill };
      }
      const lines = Object.entries(figuresByLanguage).map(([lang, f]) => `${lang}: ${describe(f as StatusCounts)}; to finish, ${plural(f.sentSegments ?? 0, 'distinct segment')} to MT, ${thousands(f.billedCharacters ?? 0)} characters`);
      lines.push(`total: ${describe(total)}; to finish, MT would be sent ${thousands(toSend)} distinct segments and bill ${thousands(toBill)} characters`);
      const next = total.new > 0 ? 'pereklad translate' : total.mt + total.translated > 0 ? 'pereklad review' : 'pereklad publish';
      lines.push(`next: ${next}`);
      reporter.summary(lines, { languages: figuresByLanguage, totals: { ...total, sentSegments: toSend, billedCharacters: toBill }, next: [next] });
      return errors > 0 ? 1 : 0;
    }));
}
