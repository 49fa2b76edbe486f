/**
 * What every command and edge shares: the I/O a command is given, and the errors it may throw.
 * Commands never call `process.exit`; they return an exit code or throw one of these errors,
 * and `scripts/ladder.ts` has the single top-level catch.
 */
/** The world as a command sees it, so tests can run commands in-process. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A command's entry point: returns its exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;

/** Ends the command with an exit code and a one-line message, without a stack trace. */
export class ExitError extends Error {
  override name = "ExitError";
  constructor(
    readonly code: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wrong usage: exit 2 with the message and a pointer to `--help`. */
export class UsageError extends ExitError {
  override name = "UsageError";
  constructor(message: string) {
    super(2, message);
  }
}

/** A bug or an unexpected failure of the environment, not the user's input. */
export class InternalError extends Error {
  override name = "InternalError";
}
