/**
 * What every command shares: the I/O it is given, the errors it may throw, and argument parsing.
 * Commands never call `process.exit`; they return an exit code or throw one of these errors,
 * and `scripts/ladder.ts` has the single top-level catch.
 */
import path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Locations } from "./sources.js";

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

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const commonOptions = {
  root: { type: "string" },
  ladders: { type: "string" },
  help: { type: "boolean", short: "h" },
  debug: { type: "boolean" },
} as const satisfies Options;

/** `parseArgs` with strict checking, turning its errors into a UsageError. */
export function parse<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

/** Resolves `--root` and `--ladders` against the working directory. */
export function locations(values: { root?: string; ladders?: string }, io: Io): Locations {
  const root = path.resolve(io.cwd, values.root ?? ".");
  const ladders = values.ladders ? path.resolve(io.cwd, values.ladders) : path.join(root, "ladder");
  return { root, ladders };
}
