/** `ladder validate [FILE…]`: schema and rules on every ladder, all problems in one pass. */

import type { Command } from "../../model/io.js";
import type { Problem } from "../../model/model.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { asValidateResult, resolveSources } from "../../resolve/pipeline.js";
import { locations, parse } from "../cli.js";
import { readWithContext } from "../context.js";

export const help = `Usage: ladder validate [FILE…] [--warnings] [--root DIR] [--ladders DIR]
       (from a clone: npm run validate -- [FILE…] [--warnings])

Checks every ladder/*.yaml (or the files named) against schemas/ladder.schema.json and the rules the
schema cannot express. Prints each problem as FILE:LINE:COL: error: MESSAGE (RULE-ID); inside GitHub
Actions also as annotations. Quality findings of \`ladder lint\` do not fail unless a ladder sets their
rule to error; they are counted in one line (\`npm run lint:ladder\` lists them, with their lines).

  --warnings   print every quality finding here too, as FILE:LINE:COL: warning: …

Exit 0 when valid, 1 when not, 2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { warnings: { type: "boolean" } }, true);
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const { sources, only } = await readWithContext(locations(values, io), positionals);
  // With ladder/organisation.yaml the ladders are checked together and resolved (scripts/resolve/).
  const result = asValidateResult(resolveSources(sources, { lint: true, only }));
  // The same findings on text nobody touched, at every run, would drown a new one: count them instead.
  const shown = (problems: readonly Problem[]) =>
    values.warnings ? problems : problems.filter((p) => p.severity === "error");
  if (!result.ok) {
    reportProblems(shown(result.problems), io);
    io.stderr(`${summarize(result.problems)}\n`);
    const hidden = result.problems.length - shown(result.problems).length;
    if (hidden > 0) io.stderr(`${hiddenWarnings(hidden)}\n`);
    return 1;
  }
  reportProblems(shown(result.warnings), io);
  // An organisation of hundreds of ladders: the first files by name, then a count.
  const files = result.ladders.map((l) => l.file);
  const more = files.length - VALIDATE_NAMED;
  const names = more > 0 ? `${files.slice(0, VALIDATE_NAMED).join(", ")} and ${more} more` : files.join(", ");
  io.stdout(
    `${result.ladders.length} ladder${result.ladders.length === 1 ? "" : "s"} valid: ${names || "(none found)"}\n`,
  );
  const hidden = result.warnings.length - shown(result.warnings).length;
  if (hidden > 0) io.stderr(`${hiddenWarnings(hidden)}\n`);
  return 0;
};

const hiddenWarnings = (n: number) =>
  `${n} quality warning${n === 1 ? "" : "s"} not shown (not errors): \`npm run lint:ladder\` lists ${n === 1 ? "it" : "them"}, or \`npm run validate -- --warnings\``;

/** How many valid ladder files validate names on its one line; past that, a count. */
export const VALIDATE_NAMED = 20;
