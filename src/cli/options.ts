// Options that mean the same in every command. `--locales DIR` is the project's locales folder
// (XLIFF, review copies), whichever command reads or writes it; `--out` is only ever the file or
// folder a command makes for use outside the project (a kit, a TMX or SRX file, published copies).
// Before, `--out` was the locales folder in five commands and an output file in three.
import path from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { ENGINE_CHOICES, type EngineChoice, type PerekladConfig } from '../config.js';
import { loadGlossaries } from '../glossary/glossary.js';
import { selectEngine, type EngineSelection } from '../mt/select.js';

export function localesOption(command: Command): Command {
  return command
    .option('--locales <dir>', 'the locales folder: XLIFF and review copies (default: locales, or localesDir in the config)')
    .addOption(new Option('--out <dir>').hideHelp());
}

/** `--out` where it is not the command's own product: said in one line rather than guessed at. */
export function refuseOut(out: string | undefined, command: string): void {
  if (out !== undefined) throw new UsageError(`${command} --out: the locales folder is --locales ${out}; --out names what kit, tm export, srx and publish make`);
}

/** `--engine` (or the config's engine), checked: one line for a name pereklad does not know. */
export function engineChoice(flag: string | undefined, config: PerekladConfig): EngineChoice {
  const choice = (flag ?? config.engine) as EngineChoice;
  if (!ENGINE_CHOICES.includes(choice)) throw new UsageError(`--engine must be one of ${ENGINE_CHOICES.join(', ')}, not "${flag}"`);
  return choice;
}

/** The engine `--engine` (or the config) names, as translate uses it and status plans with it. */
export async function engineFromFlags(flag: string | undefined, config: PerekladConfig, targets: string[], cwd: string): Promise<EngineSelection> {
  const choice = engineChoice(flag, config);
  const glossaries = await loadGlossaries(path.resolve(cwd, config.glossaryDir), (p) => path.relative(cwd, p));
  return selectEngine(choice, config, process.env, targets, glossaries);
}
