/** Argument parsing and locations, shared by the commands. */
import path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Locations } from "../check/sources.js";
import { type Io, UsageError } from "../model/io.js";
import { didYouMean } from "./forgive.js";

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
    // Node's message goes on about positional arguments starting with '-'; the option's name is what matters.
    const message = (error as Error).message.split("\n")[0].replace(/\. To specify a positional argument.*$/, "");
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
    const close = unknown ? didYouMean(unknown, Object.keys({ ...commonOptions, ...options })) : undefined;
    throw new UsageError(close ? `${message}; did you mean --${close}?` : message);
  }
}

/** Resolves `--root` and `--ladders` against the working directory. */
export function locations(values: { root?: string; ladders?: string }, io: Io): Locations {
  const root = path.resolve(io.cwd, values.root ?? ".");
  const ladders = values.ladders ? path.resolve(io.cwd, values.ladders) : path.join(root, "ladder");
  return { root, ladders };
}
