/** `ladder validate [FILE…]`: schema and rules on every ladder, all problems in one pass. */

import type { Command } from "../../model/io.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { asValidateResult, resolveSources } from "../../resolve/pipeline.js";
import { locations, parse } from "../cli.js";
import { readWithContext } from "../context.js";

export const help = `Usage: ladder validate [FILE…] [--root DIR] [--ladders DIR]

Checks every ladder/*.yaml (or the files named) against schemas/ladder.schema.json and the rules the
schema cannot express. Prints each problem as FILE:LINE:COL: error: MESSAGE (RULE-ID); inside GitHub
Actions also as annotations. Quality findings of \`ladder lint\` are printed as warnings and do not fail
unless a ladder sets their rule to error. Exit 0 when valid, 1 when not, 2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, {}, true);
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const { sources, only } = await readWithContext(locations(values, io), positionals);
  // With ladder/organisation.yaml the ladders are checked together and resolved (scripts/resolve/).
  const result = asValidateResult(resolveSources(sources, { lint: true, only }));
  if (!result.ok) {
    reportProblems(result.problems, io);
    io.stderr(`${summarize(result.problems)}\n`);
    return 1;
  }
  reportProblems(result.warnings, io);
  const names = result.ladders.map((l) => l.file).join(", ");
  io.stdout(
    `${result.ladders.length} ladder${result.ladders.length === 1 ? "" : "s"} valid: ${names || "(none found)"}\n`,
  );
  return 0;
};
