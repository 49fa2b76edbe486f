/** Argument parsing and locations, shared by the commands. */
import path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Locations } from "../check/sources.js";
import { type Io, UsageError } from "../model/io.js";

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
