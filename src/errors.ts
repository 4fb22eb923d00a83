// One error base for everything a user can act on; the CLI turns each into one line and an
// exit code in one place (src/cli/main.ts).

export class PerekladError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line or config asked for something that cannot be (exit 2). */
export class UsageError extends PerekladError {}

/** An input file is unusable; names the file and, where there is one, the line and column. */
export class BadInputError extends PerekladError {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${problem}`);
  }
}

/** An MT engine failed in a way that retrying now will not fix. */
export class EngineError extends PerekladError {}

/** The engine refused the credentials (DeepL 403). */
export class EngineAuthError extends EngineError {}

/** The engine's character quota is spent (DeepL 456). */
export class QuotaExceededError extends EngineError {
  constructor(message: string, readonly charactersRemaining?: number) {
    super(message);
  }
}
