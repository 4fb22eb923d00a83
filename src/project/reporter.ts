// How a job speaks: lines for the user, progress, and the closing summary, kept apart from the
// work so tests and the CLI decide where they go (src/cli/output.ts: TTY progress, plain lines,
// --quiet, --json).

/** Figures of one language (or the total): every field is a count; absent means "not this command's". */
export interface LanguageFigures {
  articles?: number;
  /** The site's string namespaces (src/formats/i18next), counted apart from the articles. */
  namespaces?: number;
  segments?: number;
  reused?: number;
  machineTranslated?: number;
  untranslated?: number;
  flagged?: number;
  sentSegments?: number;
  sentCharacters?: number;
  billedCharacters?: number;
  /** The engine account's own count of characters billed meanwhile (DeepL usage after − before). */
  accountBilledCharacters?: number;
  /** MT requests that timed out and were sent again (DeepL may have billed both attempts). */
  timedOutRequests?: number;
  /** Their characters: at most this many were billed twice, beyond `billedCharacters`. */
  maybeBilledTwiceCharacters?: number;
  qaErrors?: number;
  qaWarnings?: number;
  filesWritten?: number;
  new?: number;
  mt?: number;
  translated?: number;
  reviewed?: number;
  final?: number;
}

/** A command's result as `--json` prints it (docs/summary.schema.json), beside the human lines. */
export interface CommandResult {
  languages?: Record<string, LanguageFigures>;
  totals?: LanguageFigures;
  filesWritten?: number;
  /** Paid answers taken from the journal of an interrupted run instead of being bought again. */
  resumedAnswers?: number;
  dryRun?: boolean;
  /** The command a user runs next, e.g. `pereklad review`. */
  next?: string[];
  /** What only this command has (pages written, articles published, sentences, …). */
  details?: Record<string, unknown>;
}

/** Live progress of a long step: articles planned or written, requests in flight, billed so far. */
export interface ProgressSink {
  /** A new step, e.g. `plan` over 1,000 articles or `en-GB` over its MT requests. */
  begin(step: string, total: number, unit: string): void;
  /** `done` so far in the current step; the other figures when they are known. */
  update(done: number, figures?: { inFlight?: number; billed?: number }): void;
  end(): void;
}
import { redact } from './redact.js';

/** Numbers as people read them: 1,234,567 (the lines are English text, whatever the locale). */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

export interface Reporter {
  info(line: string): void;
  /** One line per article and language: shown with --verbose only on the command line. */
  detail(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** The command's closing summary: lines for people (shown even with --quiet) and the figures for --json. */
  summary(lines: string[], result: CommandResult): void;
  progress?: ProgressSink;
  /** Standard output carries one JSON document (--json): a command must not print its data there. */
  readonly json?: boolean;
}

// Every line goes through `redact`: a server may echo a key into an error body pereklad quotes.
export const consoleReporter: Reporter = {
  info: (line) => process.stdout.write(`${redact(line)}\n`),
  detail: (line) => process.stdout.write(`${redact(line)}\n`),
  warn: (line) => process.stderr.write(`${redact(line)}\n`),
  error: (line) => process.stderr.write(`${redact(line)}\n`),
  summary: (lines) => { for (const line of lines) process.stdout.write(`${redact(line)}\n`); },
};

export function collectingReporter(): Reporter & { lines: string[]; errors: string[]; warnings: string[]; results: CommandResult[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const results: CommandResult[] = [];
  return {
    lines,
    errors,
    warnings,
    results,
    info: (line) => lines.push(line),
    detail: (line) => lines.push(line),
    warn: (line) => warnings.push(line),
    error: (line) => errors.push(line),
    summary: (summaryLines, result) => {
      lines.push(...summaryLines);
      results.push(result);
    },
  };
}
