// What the command line shows, in one place: a live progress display on a terminal (cli-progress),
// a few plain progress lines otherwise (CI logs, pipes), only errors and the summary with --quiet,
// and with --json exactly one JSON document on standard output (docs/summary.schema.json) that a
// CI step or a dashboard can read. Commands talk to this through the job's `Reporter`.
import cliProgress from 'cli-progress';
import type { CommandResult, ProgressSink, Reporter } from '../project/reporter.js';
import { redact } from '../project/redact.js';

export interface OutputMode {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** The `--json` document: the result of one command and how it ended. */
export interface CommandSummary extends CommandResult {
  schema: 'pereklad-summary/1';
  command: string;
  exitCode: number;
  elapsedMs: number;
  errors: string[];
  warnings: string[];
}

import { plural, thousands } from '../project/reporter.js';

export { plural, thousands };

export class CliOutput implements Reporter {
  private mode: OutputMode = { json: false, quiet: false, verbose: false };
  private readonly errors: string[] = [];
  private readonly warnings: string[] = [];
  private result: CommandResult = {};
  private live: ProgressSink | undefined;

  constructor(
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {}

  configure(mode: OutputMode): void {
    this.mode = mode;
    this.live = mode.json || mode.quiet ? undefined : this.stderr.isTTY ? new TerminalProgress(this.stderr) : new PlainProgress((line) => this.stderr.write(`${line}\n`));
  }

  get json(): boolean {
    return this.mode.json;
  }

  get progress(): ProgressSink | undefined {
    return this.live;
  }

  private out(stream: NodeJS.WriteStream, raw: string): void {
    // No key reaches the terminal, even one a server echoed into an error (src/project/redact.ts).
    const line = redact(raw);
    // Lines printed while a bar is drawn go above it, so the bar is not torn.
    if (this.live instanceof TerminalProgress && this.live.active) this.live.log(line);
    else stream.write(`${line}\n`);
  }

  info(line: string): void {
    if (!this.mode.json && !this.mode.quiet) this.out(this.stdout, line);
  }

  detail(line: string): void {
    if (this.mode.verbose && !this.mode.json && !this.mode.quiet) this.out(this.stdout, line);
  }

  warn(line: string): void {
    this.warnings.push(line);
    if (!this.mode.json && !this.mode.quiet) this.out(this.stderr, line);
  }

  /** Errors always reach standard error, also with --json (where they are in the document too). */
  error(line: string): void {
    this.errors.push(line);
    this.out(this.stderr, line);
  }

  summary(lines: string[], result: CommandResult): void {
    this.live?.end();
    this.result = { ...this.result, ...result };
    if (!this.mode.json) for (const line of lines) this.stdout.write(`${line}\n`);
  }

  /** Called once the command has ended: prints the --json document. */
  finish(command: string, exitCode: number, elapsedMs: number): void {
    this.live?.end();
    if (!this.mode.json) return;
    const summary: CommandSummary = {
      schema: 'pereklad-summary/1', command, exitCode, elapsedMs: Math.round(elapsedMs),
      errors: this.errors, warnings: this.warnings, ...this.result,
    };
    this.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  }
}

/** A live bar on a terminal, redrawn at most 10 times a second. */
class TerminalProgress implements ProgressSink {
  private readonly bars: cliProgress.MultiBar;
  private bar: cliProgress.SingleBar | undefined;

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new cliProgress.MultiBar({
      stream,
      // Requests in flight and characters billed only where there are any: the MT step.
      format: (options, params, payload: { step: string; unit: string; inFlight?: number; billed?: string }) => {
        const bar = (options.barCompleteString ?? '').slice(0, Math.round(params.progress * (options.barsize ?? 24))) +
          (options.barIncompleteString ?? '').slice(0, (options.barsize ?? 24) - Math.round(params.progress * (options.barsize ?? 24)));
        const mt = payload.inFlight !== undefined ? ` | ${payload.inFlight} in flight | ${payload.billed ?? '0'} billed` : '';
        const eta = params.value > 0 && params.value < params.total ? ` | ETA ${cliProgress.Format.TimeFormat(params.eta, options, 1)}` : '';
        return `${payload.step} [${bar}] ${thousands(params.value)}/${thousands(params.total)} ${payload.unit}${mt}${eta}`;
      },
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    }, cliProgress.Presets.shades_classic);
  }

  get active(): boolean {
    return this.bar !== undefined;
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  begin(step: string, total: number, unit: string): void {
    this.end();
    this.bar = this.bars.create(total, 0, { step, unit });
  }

  update(done: number, figures: { inFlight?: number; billed?: number } = {}): void {
    this.bar?.update(done, {
      ...(figures.inFlight !== undefined ? { inFlight: figures.inFlight } : {}),
      ...(figures.billed !== undefined ? { billed: thousands(figures.billed) } : {}),
    });
  }

  end(): void {
    if (!this.bar) return;
    this.bar.stop();
    this.bars.remove(this.bar);
    this.bars.stop();
    this.bar = undefined;
  }
}

/** Without a terminal: a line at each tenth of a step of 20 or more, never one per article. */
export class PlainProgress implements ProgressSink {
  private step = '';
  private unit = '';
  private total = 0;
  private shown = 0;
  private figures: { inFlight?: number; billed?: number } = {};

  constructor(private readonly write: (line: string) => void) {}

  begin(step: string, total: number, unit: string): void {
    this.step = step;
    this.unit = unit;
    this.total = total;
    this.shown = 0;
    this.figures = {};
  }

  update(done: number, figures: { inFlight?: number; billed?: number } = {}): void {
    this.figures = { ...this.figures, ...figures };
    if (this.total < 20) return;
    const tenth = Math.floor((10 * done) / this.total);
    if (tenth <= this.shown) return;
    this.shown = tenth;
    const billed = this.figures.billed !== undefined ? `, ${thousands(this.figures.billed)} characters billed` : '';
    this.write(`${this.step}: ${thousands(done)}/${thousands(this.total)} ${this.unit}${billed}`);
  }

  end(): void {
    this.total = 0;
  }
}
