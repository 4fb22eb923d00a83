// `pereklad tm import FILE.tmx` and `pereklad tm export`: the translation memory in and out as
// TMX 1.4b, the format OmegaT, memoQ and Trados exchange. Imported files are kept as they are
// under tm/ (the CAT tools' files stay the source of truth); export writes the whole memory.
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { BadInputError, UsageError } from '../errors.js';
import { NoTranslationsError } from '../review/collect.js';
import { plural } from './output.js';
import type { Reporter } from '../project/reporter.js';
import { DEFAULT_TM_DIR, loadMemory } from '../memory/store.js';
import { readIfExists, readText, writeAtomic } from '../project/io.js';
import { TMX_MAX_BYTES } from '../project/limits.js';
import { withProject } from '../project/store.js';
import { exportableEntries } from '../memory/export.js';
import { readTmx, writeTmx } from '../memory/tmx.js';

interface TmFlags {
  config?: string;
  out?: string;
  locales?: string;
  tm?: string;
  to?: string;
}

export function registerTm(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  const tm = program.command('tm').description('the translation memory: import and export TMX');
  tm.command('import <file>')
    .description('add a TMX file to the translation memory (copied into tm/, used by every later job)')
    .option('--tm <dir>', `folder of imported TMX files (default: ${DEFAULT_TM_DIR})`)
    .action((file: string, flags: TmFlags) => run(async () => {
      const cwd = process.cwd();
      const abs = path.resolve(cwd, file);
      const text = await readText(abs, file, TMX_MAX_BYTES, 'a TMX file');
      const read = readTmx(text, file);
      for (const problem of read.problems) reporter.warn(`warning: ${problem.message}`);
      if (read.entries.length === 0) throw new BadInputError(file, 'holds no translation unit pereklad can use');
      const dest = path.join(path.resolve(cwd, flags.tm ?? DEFAULT_TM_DIR), path.basename(abs));
      // tm/ is part of the project: written under its lock like every other writer.
      const { config } = await loadConfig(cwd, undefined);
      const localesDir = path.resolve(cwd, config.localesDir);
      const existing = await withProject(localesDir, 'tm import', async () => {
        const held = await readIfExists(dest);
        if (held !== text) await writeAtomic(dest, text);
        return held;
      }, { display: path.relative(cwd, localesDir) || '.', alsoWrites: [path.dirname(dest)] });
      const langs = [...new Set(read.entries.map((e) => e.lang))].sort();
      reporter.summary([`${existing === text ? 'already imported' : existing === undefined ? 'imported' : 'replaced'}: ${read.entries.length} translation${read.entries.length === 1 ? '' : 's'} (${langs.join(', ')}) in ${path.relative(cwd, dest)}` +
        (read.problems.length > 0 ? `; ${read.problems.length} unit${read.problems.length === 1 ? '' : 's'} skipped` : '')],
      { filesWritten: existing === text ? 0 : 1, details: { translations: read.entries.length, languages: langs, skipped: read.problems.length, file: path.relative(cwd, dest) } });
      return 0;
    }));
  tm.command('export')
    .description('write the whole translation memory (XLIFF under locales/ and imported TMX) as TMX 1.4b')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--locales <dir>', 'the locales folder (default: locales, or localesDir in the config)')
    .option('--to <langs>', 'only these target languages, comma-separated')
    .option('--tm <dir>', `folder of imported TMX files (default: ${DEFAULT_TM_DIR})`)
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .action((flags: TmFlags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const langs = targetsFlag(flags.to);
      if (reporter.json && !flags.out) throw new UsageError('--json prints the summary on standard output: give the TMX a file with --out');
      const load = await loadMemory({ cwd, localesDir: path.resolve(cwd, flags.locales ?? config.localesDir), tmDir: path.resolve(cwd, flags.tm ?? DEFAULT_TM_DIR) });
      for (const problem of load.problems) reporter.warn(`warning: ${problem.message}; left out`);
      const entries = exportableEntries(load.memory.all(), langs);
      // An empty export is a mistake (wrong folder, wrong --to), not a TMX file a CI step should ship.
      if (entries.length === 0) throw new NoTranslationsError(`the translation memory holds no translation${langs ? ` for ${langs.join(', ')}` : ''} (XLIFF under ${flags.locales ?? config.localesDir}/, TMX under ${flags.tm ?? DEFAULT_TM_DIR}/); nothing exported`);
      const tmx = writeTmx(entries);
      const result = { filesWritten: flags.out ? 1 : 0, details: { translations: entries.length, ...(flags.out ? { file: flags.out } : {}) } };
      if (flags.out) {
        await writeAtomic(path.resolve(cwd, flags.out), tmx);
        reporter.summary([`exported ${plural(entries.length, 'translation')} to ${flags.out}`], result);
      } else {
        // The TMX itself is standard output: the summary goes to standard error (or into --json).
        process.stdout.write(tmx);
        reporter.warn(`exported ${plural(entries.length, 'translation')}`);
        reporter.summary([], result);
      }
      return 0;
    }));
}
