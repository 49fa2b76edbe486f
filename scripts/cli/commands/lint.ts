/** `ladder lint [FILE…] [--strict]`: quality defects in ladder text, as warnings (or errors with --strict). */

import type { Command } from "../../model/io.js";
import type { Problem } from "../../model/model.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { asValidateResult, resolveSources } from "../../resolve/pipeline.js";
import { locations, parse } from "../cli.js";
import { readWithContext } from "../context.js";

export const help = `Usage: ladder lint [FILE…] [--strict] [--root DIR] [--ladders DIR]

Reports quality defects in every ladder/*.yaml (or the files named): identical-cells, repeats-previous-level,
mojibake, missing-space, extra-space, mixed-voice, cell-length, unchanging-competency (see docs/lint.md).
Each finding is printed as FILE:LINE:COL: warning: MESSAGE (RULE-ID); inside GitHub Actions also as an
annotation. A ladder sets a rule to off, warning or error under \`lint: rules:\`; one finding is silenced
with a comment on the line above it:  # ladder-lint-ignore RULE-ID: the reason

  --strict   treat warnings as errors

Exit 0 when there is no error, 1 when there is one (or any finding with --strict) or a ladder is invalid,
2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { strict: { type: "boolean" } }, true);
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const { sources, only } = await readWithContext(locations(values, io), positionals);
  // With ladder/organisation.yaml the ladders are checked together and resolved (scripts/resolve/).
  const result = asValidateResult(resolveSources(sources, { lint: true, only }));
  const problems: Problem[] = result.ok ? result.warnings : result.problems;
  const shown = values.strict ? problems.map((p) => ({ ...p, severity: "error" as const })) : problems;
  reportProblems(shown, io);
  if (shown.length > 0) io.stderr(`${summarize(shown)}\n`);
  if (!result.ok || shown.some((p) => p.severity === "error")) return 1;
  if (shown.length === 0) {
    const n = only?.length ?? sources.length;
    io.stdout(`no findings in ${n} ladder${n === 1 ? "" : "s"}\n`);
  }
  return 0;
};
