/** `ladder check`: fail when dist/ is not exactly what `ladder build` would write. */

import { displayPath } from "../../check/sources.js";
import type { Difference } from "../../dist/compare.js";
import { produceDist } from "../../dist/dist.js";
import { byPath } from "../../dist/dist-paths.js";
import { listFiles } from "../../dist/write.js";
import type { Command } from "../../model/io.js";
import { locations, parse } from "../cli.js";
import { outDir } from "./build.js";

export const help = `Usage: ladder check [--root DIR] [--ladders DIR] [--out DIR]

Renders every ladder as \`ladder build\` would and compares the result with dist/ byte for byte, without
writing anything. Names each stale, missing or extra file (the first 60, then a count), with the first
lines that differ (for the first 12).

Options:
  --out DIR   the folder to check (default: ROOT/dist)

Exit 0 when dist/ is up to date, 1 when it differs or a ladder is invalid, 2 on wrong usage.
The fix is always: npm run build (then commit dist/).
`;

const LABELS = { stale: "stale  ", missing: "missing", extra: "extra  " } as const;

/**
 * How many differing files show their first differing lines, and how many are named; past that, a count. A
 * change to a generator makes every file of every ladder stale, and thousands of diffs help no one: the fix
 * is the same command for all.
 */
export const CHECK_DETAILED = 12;
export const CHECK_NAMED = 60;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, { out: { type: "string" } });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const where = locations(values, io);
  const out = outDir(where, values.out, io);
  const shown = displayPath(where.root, out);
  // Each file is compared with dist/ as soon as it is rendered, so only one is ever held in memory.
  const present = await listFiles(out);
  const produced = await produceDist(where, { kind: "compare", out, present: [...present] }, io);
  if (!produced.ok) return 1;
  const built = new Set(produced.outputs.map((o) => o.path));
  const differences: Difference[] = [
    ...produced.outputs.flatMap((o) => (o.difference ? [o.difference] : [])),
    ...[...present].filter((p) => !built.has(p)).map((p): Difference => ({ path: p, kind: "extra" })),
  ].sort(byPath);
  if (differences.length === 0) {
    io.stdout(`${shown}/ is up to date (${produced.outputs.length} files)\n`);
    return 0;
  }
  const count = differences.length === 1 ? "1 file differs" : `${differences.length} files differ`;
  io.stderr(`${shown}/ is out of date: ${count} from what \`ladder build\` would write\n`);
  differences.slice(0, CHECK_NAMED).forEach((difference, i) => {
    io.stderr(`  ${LABELS[difference.kind]} ${shown}/${difference.path}\n`);
    if (difference.detail && i < CHECK_DETAILED) io.stderr(`${indent(difference.detail, "            ")}\n`);
  });
  const rest = differences.slice(CHECK_NAMED);
  if (rest.length > 0) {
    const kinds = (["stale", "missing", "extra"] as const).flatMap((kind) => {
      const n = rest.filter((d) => d.kind === kind).length;
      return n === 0 ? [] : [`${n} ${kind}`];
    });
    io.stderr(`  … and ${rest.length} more ${rest.length === 1 ? "file" : "files"} (${kinds.join(", ")})\n`);
  }
  io.stderr(`Run \`npm run build\` to update ${shown}/, then commit it.\n`);
  return 1;
};

const indent = (text: string, prefix: string) =>
  text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
