// Options that mean the same in every command. `--locales DIR` is the project's locales folder
// (XLIFF, review copies), whichever command reads or writes it; `--out` is only ever the file or
// folder a command makes for use outside the project (a kit, a TMX or SRX file, published copies).
// Before, `--out` was the locales folder in five commands and an output file in three.
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';

export function localesOption(command: Command): Command {
  return command
    .option('--locales <dir>', 'the locales folder: XLIFF and review copies (default: locales, or localesDir in the config)')
    .addOption(new Option('--out <dir>').hideHelp());
}

/** `--out` where it is not the command's own product: said in one line rather than guessed at. */
export function refuseOut(out: string | undefined, command: string): void {
  if (out !== undefined) throw new UsageError(`${command} --out: the locales folder is --locales ${out}; --out names what kit, tm export, srx and publish make`);
}
