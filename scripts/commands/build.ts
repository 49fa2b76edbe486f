/** `ladder build`: validate every ladder, render all of dist/, and replace dist/ with it in one step. */
import path from "node:path";
import { type Command, ExitError, type Io, locations, parse } from "../cli.js";
import type { Ladder } from "../model.js";
import { validateLadders } from "../pipeline.js";
import { reportProblems, summarize } from "../problems.js";
import { RenderError, renderDist } from "../render.js";
import { displayPath, type Locations, readSources } from "../sources.js";
import { writeDist } from "../write.js";

export const help = `Usage: ladder build [--root DIR] [--ladders DIR] [--out DIR]

Validates every ladder/*.yaml, then writes dist/: for each ladder <id>.md, <id>.csv, <id>.cells.csv,
<id>.html and <id>.json, plus index.html and README.md listing them all. dist/ is replaced as a whole
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
  const rendered = await renderAll(where, io);
  if (!rendered.ok) return 1;
  try {
    await writeDist(out, rendered.files);
  } catch (error) {
    throw new ExitError(1, `could not write ${displayPath(where.root, out)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const shown = displayPath(where.root, out);
  io.stdout(`wrote ${rendered.files.size} files to ${shown}/ from ${plural(rendered.ladders.length, "ladder")}:\n`);
  for (const [file, content] of rendered.files) {
    io.stdout(`  ${shown}/${file} (${Buffer.byteLength(content, "utf8")} bytes)\n`);
  }
  return 0;
};

/** `--out`, resolved against the working directory, or ROOT/dist. */
export function outDir(where: Locations, out: string | undefined, io: Io): string {
  return out === undefined ? path.join(where.root, "dist") : path.resolve(io.cwd, out);
}

/**
 * Reads, validates and renders every ladder: what `build` writes and `check` compares. Problems are reported
 * on stderr (warnings too); `ok: false` means some ladder has an error and nothing should be written.
 */
export async function renderAll(
  where: Locations,
  io: Io,
): Promise<{ ok: true; ladders: Ladder[]; files: Map<string, string> } | { ok: false }> {
  const sources = await readSources(where);
  if (sources.length === 0) {
    // Building from an empty or mistyped folder would wipe dist/; that is never what was meant.
    throw new ExitError(1, `no ladder files (*.yaml) in ${displayPath(where.root, where.ladders)}`);
  }
  const result = validateLadders(sources);
  if (!result.ok) {
    reportProblems(result.problems, io);
    io.stderr(`${summarize(result.problems)}; dist/ was not changed\n`);
    return { ok: false };
  }
  reportProblems(result.warnings, io);
  try {
    return { ok: true, ladders: result.ladders, files: renderDist(result.ladders) };
  } catch (error) {
    if (error instanceof RenderError) throw new ExitError(1, error.message, { cause: error });
    throw error;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
