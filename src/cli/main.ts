#!/usr/bin/env node
// The pereklad command line: one place that turns errors into one line and an exit code
// (0 success, 1 job error, 2 bad usage).
import { Command, CommanderError } from 'commander';
import { PerekladError, UsageError } from '../errors.js';
import { CliOutput } from './output.js';
import path from 'node:path';
import { debugWanted, unexpectedFault } from '../project/faults.js';
import { redact } from '../project/redact.js';
import { lockEvents } from '../project/lock.js';
import { registerTranslate } from './translate.js';
import { registerKit } from './kit.js';
import { registerImport } from './import.js';
import { registerQa } from './qa.js';
import { registerStatus } from './status.js';
import { registerTm } from './tm.js';
import { registerReview } from './review.js';
import { registerApprove } from './approve.js';
import { registerPublish } from './publish.js';
import { registerSegment } from './segment.js';
import { PEREKLAD_TOOL } from '../xliff/codec.js';
import { setFlagsFromString } from 'node:v8';

// A job over an archive makes much short-lived garbage around a small live set (tens of MB):
// V8's default lets the heap grow to about four times what survives, which at 50,000 articles
// was most of the process's peak RSS. Growing by a fifth costs more, cheap, collections of that
// small live set (measured in docs/BENCHMARKS.md).
setFlagsFromString('--heap-growing-percent=20');

export const EXIT_OK = 0;
export const EXIT_JOB_ERROR = 1;
export const EXIT_USAGE = 2;

function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return EXIT_USAGE;
  return EXIT_JOB_ERROR;
}

async function main(argv: string[]): Promise<number> {
  const reporter = new CliOutput();
  // A command killed earlier (kill -9, a crash) left its lock: say whose it was, once.
  lockEvents.on('takeover', (holder, folder) => reporter.warn(`note: ${folder} was locked by pereklad ${holder.command} (pid ${holder.pid}, since ${holder.since}), which is no longer running; its lock is taken over and what it left half done is finished or undone`));
  const started = performance.now();
  let command = '';
  let pending: Promise<number> | undefined;
  const run = (work: () => Promise<number>): void => {
    pending = work();
  };
  const program = new Command()
    .name('pereklad')
    .description('Translate Ukrainian news articles: sentence segmentation, machine translation, XLIFF for CAT tools, reassembled articles.')
    .version(PEREKLAD_TOOL.version)
    .showHelpAfterError('(run with --help for usage)')
    // Every command takes these, before or after its name (`pereklad translate --json`).
    .option('--json', 'print one machine-readable summary (JSON, docs/summary.schema.json) on standard output')
    .option('--quiet', 'print only errors and the summary')
    .option('--verbose', 'also print one line per article and language')
    .configureHelp({ showGlobalOptions: true })
    .hook('preAction', (_program, action) => {
      const flags = program.opts<{ json?: boolean; quiet?: boolean; verbose?: boolean }>();
      command = [action.parent !== program ? action.parent?.name() : undefined, action.name()].filter(Boolean).join(' ');
      reporter.configure({ json: flags.json === true, quiet: flags.quiet === true, verbose: flags.verbose === true });
    })
    .option('--debug', 'print the stack trace of an unexpected failure')
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
  registerApprove(program, run, reporter);
  registerPublish(program, run, reporter);
  const finish = (code: number): number => {
    if (command) reporter.finish(command, code, performance.now() - started);
    return code;
  };
  try {
    await program.parseAsync(argv);
    if (pending === undefined) return EXIT_OK;
    return finish(await pending);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof PerekladError) {
      reporter.error(redact(`pereklad: ${err.message}`));
      return finish(exitCodeFor(err));
    }
    // An I/O fault (ENOSPC, EACCES, …) is one line naming the file; a stack only with --debug.
    reporter.error(`pereklad: ${unexpectedFault(err, debugWanted(argv), (p) => path.relative(process.cwd(), p) || p)}`);
    return finish(EXIT_JOB_ERROR);
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
