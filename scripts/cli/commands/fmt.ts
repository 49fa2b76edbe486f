/** `ladder fmt [FILE…] [--check]`: rewrites ladder files in the canonical layout, keeping comments and text. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSource } from "../../check/load.js";
import { validateLadder } from "../../check/pipeline.js";
import { isOrganisationFile, readSources } from "../../check/sources.js";
import { formatLadder } from "../../import/format.js";
import type { Command } from "../../model/io.js";
import type { Problem } from "../../model/model.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { checkOrganisation } from "../../resolve/organisation.js";
import { locations, parse } from "../cli.js";
import { npmCommand } from "../forgive.js";

export const help = `Usage: ladder fmt [FILE…] [--check] [--root DIR] [--ladders DIR]

Rewrites every ladder/*.yaml (or the files named) in the canonical layout: keys in a fixed order, cells in
level order, one line per text, quotes only where YAML needs them, 2-space indent, LF line endings.
Every comment and every character of text is kept. Invalid files are reported and never rewritten.

  --check   change nothing; exit 1 and name the files that are not formatted (for CI)

Exit 0 when every file is (or now is) formatted, 1 otherwise, 2 on wrong usage.
`;

const utf8 = new TextDecoder("utf-8");

export const run: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { check: { type: "boolean" } }, true);
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const where = locations(values, io);
  const sources = await readSources(where, positionals);
  const problems: Problem[] = [];
  const unformatted: string[] = [];
  for (const source of sources) {
    // Lint findings do not stop formatting; only a file that is not a valid ladder is left alone.
    // The organisation file is checked against its own schema; it is formatted the same way.
    const checked = isOrganisationFile(source.file)
      ? checkOrganisation(loadSource(source))
      : validateLadder(loadSource(source));
    if (!checked.ok) {
      problems.push(...checked.problems);
      continue;
    }
    const text = typeof source.text === "string" ? source.text : utf8.decode(source.text);
    const result = formatLadder(text);
    if (!result.ok) {
      problems.push({ file: source.file, line: 1, column: 1, severity: "error", rule: "fmt", message: result.message });
      continue;
    }
    if (!result.changed) continue;
    unformatted.push(source.file);
    if (!values.check) await writeFile(path.resolve(where.root, source.file), result.text);
  }

  reportProblems(problems, io);
  if (values.check) {
    for (const file of unformatted) io.stderr(`${file}: not formatted (run \`${npmCommand("fmt", [file])}\`)\n`);
  } else {
    for (const file of unformatted) io.stdout(`formatted ${file}\n`);
  }
  if (problems.length > 0) io.stderr(`${summarize(problems)}; invalid files were not formatted\n`);
  const failed = problems.length > 0 || (values.check && unformatted.length > 0);
  if (!failed && unformatted.length === 0) {
    io.stdout(`${sources.length} file${sources.length === 1 ? "" : "s"} already formatted\n`);
  }
  return failed ? 1 : 0;
};
