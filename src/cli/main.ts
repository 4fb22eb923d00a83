#!/usr/bin/env node
// The pereklad command line: one place that turns errors into one line and an exit code
// (0 success, 1 job error, 2 bad usage).
import { Command, CommanderError } from 'commander';
import { PerekladError, UsageError } from '../errors.js';
import { consoleReporter } from '../job/reporter.js';
import { registerTranslate } from './translate.js';
import { registerKit } from './kit.js';
import { registerImport } from './import.js';
import { registerQa } from './qa.js';
import { registerStatus } from './status.js';
import { registerTm } from './tm.js';
import { registerReview } from './review.js';
import { registerPublish } from './publish.js';
import { registerSegment } from './segment.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';

export const EXIT_OK = 0;
export const EXIT_JOB_ERROR = 1;
export const EXIT_USAGE = 2;

function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return EXIT_USAGE;
  return EXIT_JOB_ERROR;
}

async function main(argv: string[]): Promise<number> {
  const reporter = consoleReporter;
  let pending: Promise<number> | undefined;
  const run = (work: () => Promise<number>): void => {
    pending = work();
  };
  const program = new Command()
    .name('pereklad')
    .description('Translate Ukrainian news articles: sentence segmentation, machine translation, XLIFF for CAT tools, reassembled articles.')
    .version(PEREKLAD_TOOL.version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerTranslate(program, run, reporter);
  registerSegment(program, run, reporter);
  registerKit(program, run, reporter);
  registerImport(program, run, reporter);
  registerQa(program, run, reporter);
  registerStatus(program, run, reporter);
  registerTm(program, run, reporter);
  registerReview(program, run, reporter);
  registerPublish(program, run, reporter);
  try {
    await program.parseAsync(argv);
    if (pending === undefined) return EXIT_OK;
    return await pending;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof PerekladError) {
      reporter.error(`pereklad: ${err.message}`);
      return exitCodeFor(err);
    }
    reporter.error(`pereklad: unexpected failure: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return EXIT_JOB_ERROR;
  }
}

// `pereklad segment FILE | head`: a reader that stops early is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_OK);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
