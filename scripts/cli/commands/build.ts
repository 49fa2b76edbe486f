/** `ladder build`: validate every ladder, render all of dist/, and replace dist/ with it in one step. */
import path from "node:path";
import { displayPath, type Locations } from "../../check/sources.js";
import { type Produced, produceDist } from "../../dist/dist.js";
import { stageDist } from "../../dist/write.js";
import { type Command, ExitError, type Io } from "../../model/io.js";
import { locations, parse } from "../cli.js";

export const help = `Usage: ladder build [--root DIR] [--ladders DIR] [--out DIR]

Validates every ladder/*.yaml, then writes dist/: for each ladder <id>.md, <id>.xlsx, <id>.csv,
<id>.cells.csv, <id>.html and <id>.json, plus index.html and README.md listing them all. dist/ is replaced as a whole
(files of removed ladders disappear); when any ladder has an error nothing in dist/ changes.
Output is byte-identical on every machine, time zone and locale.

Options:
  --out DIR   where to write (default: ROOT/dist)

Exit 0 when written, 1 when a ladder is invalid or writing failed, 2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, { out: { type: "string" } });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const where = locations(values, io);
  const out = outDir(where, values.out, io);
  const shown = displayPath(where.root, out);
  const failed = (error: unknown) =>
    new ExitError(1, `could not write ${shown}: ${(error as Error).message}`, { cause: error });
  // Each file is written into a staged folder as soon as it is rendered; the folder replaces dist/ only when
  // every ladder was valid and every file written.
  const staged = await stageDist(out).catch((error: unknown) => {
    throw failed(error);
  });
  let produced: Produced;
  try {
    produced = await produceDist(where, { kind: "write", dir: staged.dir }, io);
  } catch (error) {
    await staged.abort();
    // A file system error (no space, no permission) while writing; anything else is not about writing.
    if (!(error instanceof ExitError) && typeof (error as NodeJS.ErrnoException).code === "string") throw failed(error);
    throw error;
  }
  if (!produced.ok) {
    await staged.abort();
    return 1;
  }
  await staged.commit().catch((error: unknown) => {
    throw failed(error);
  });
  io.stdout(`wrote ${produced.outputs.length} files to ${shown}/ from ${plural(produced.ladders.length, "ladder")}:\n`);
  for (const output of produced.outputs.slice(0, BUILD_NAMED)) {
    io.stdout(`  ${shown}/${output.path} (${output.bytes} bytes)\n`);
  }
  const rest = produced.outputs.slice(BUILD_NAMED);
  if (rest.length > 0) {
    const bytes = rest.reduce((sum, output) => sum + output.bytes, 0);
    io.stdout(`  … and ${plural(rest.length, "more file")} (${bytes} bytes)\n`);
  }
  return 0;
};

/**
 * How many written files build names, in path order; past that, a count. An organisation of many ladders
 * writes thousands of files, and a list that long helps no one.
 */
export const BUILD_NAMED = 60;

/** `--out`, resolved against the working directory, or ROOT/dist. */
export function outDir(where: Locations, out: string | undefined, io: Io): string {
  return out === undefined ? path.join(where.root, "dist") : path.resolve(io.cwd, out);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
