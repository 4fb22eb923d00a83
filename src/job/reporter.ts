// How a job speaks: lines for the user, kept apart from the work so tests and the CLI decide
// where they go.
export interface Reporter {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const consoleReporter: Reporter = {
  info: (line) => process.stdout.write(`${line}\n`),
  warn: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

export function collectingReporter(): Reporter & { lines: string[]; errors: string[]; warnings: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  return {
    lines,
    errors,
    warnings,
    info: (line) => lines.push(line),
    warn: (line) => warnings.push(line),
    error: (line) => errors.push(line),
  };
}
