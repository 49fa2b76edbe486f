/**
 * `ladder bump`: each versioned ladder's version from the impact of its changes since its previous release
 * (judge-versions.ts): breaking → major, substantive → minor, editorial → patch. Writes the version into the
 * ladder file (only that line), or with `--check` fails, saying which ladder, the impact, the version required
 * and the command that fixes it.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSource } from "../../check/load.js";
import { setTopLevel } from "../../import/set-version.js";
import { type Command, ExitError } from "../../model/io.js";
import type { Problem } from "../../model/model.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { locations, parse } from "../cli.js";
import { npmCommand } from "../forgive.js";
import { judgeVersions, type Verdict } from "../judge-versions.js";

export const help = `Usage: ladder bump [--check] [--base REF] [--root DIR] [--ladders DIR]

Raises the version of each ladder that has one, from the impact of its changes since its previous release:
a breaking change raises the major version (1.4.2 → 2.0.0), a substantive one the minor (→ 1.5.0), an
editorial one the patch (→ 1.4.3). The previous release is the git tag ID@VERSION of the version the file
says, or, when that version has no tag yet, the highest tagged version below it. A ladder already at the
version its changes need is left as it is; one without \`version\` is not versioned, and left alone.
Only the version line of the file changes; its layout and comments stay.

  --check      change nothing; exit 1 when a ladder's version is lower than its changes need
  --base REF   compare with the ladders at the commit REF, and count its versions as released (for a
               pull request: --base origin/main)

In a clone without tags every ladder counts as not released yet (git fetch --tags).
Exit 0 when every version is enough (after raising it), 1 when --check finds one too low or the ladders are
invalid, 2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, { check: { type: "boolean" }, base: { type: "string" } });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const where = locations(values, io);
  const judged = await judgeVersions(where, io.cwd, values.base);
  if (!judged.ok) {
    reportProblems(judged.problems, io);
    throw new ExitError(1, `${summarize(judged.problems)}; fix them first (npm run validate)`);
  }
  const fix = npmCommand("bump", values.base === undefined ? [] : ["--base", values.base]);
  const low = judged.verdicts.filter((v) => !v.enough);
  if (values.check) {
    for (const verdict of judged.verdicts) if (verdict.enough) io.stdout(`${describe(verdict)}\n`);
    if (low.length === 0) return 0;
    reportProblems(await Promise.all(low.map((v) => tooLow(v, where.root, fix))), io);
    io.stderr(`${plural(low.length, "ladder")} to raise: run \`${fix}\` and commit the result\n`);
    return 1;
  }
  for (const verdict of judged.verdicts) {
    if (verdict.enough) {
      io.stdout(`${describe(verdict)}\n`);
      continue;
    }
    const file = path.join(where.root, verdict.ladder.file);
    const text = await readFile(file, "utf8");
    const set = setTopLevel(text, "version", verdict.required as string);
    if (!set.ok) throw new ExitError(1, `${verdict.ladder.file}: ${set.message}`);
    await writeFile(file, set.text);
    io.stdout(`${verdict.ladder.file}: ${verdict.ladder.version} → ${verdict.required} (${because(verdict)})\n`);
  }
  io.stdout(low.length === 0 ? "Every version is up to date.\n" : `Raised ${plural(low.length, "version")}.\n`);
  return 0;
};

/** What a verdict says of a ladder left as it is. */
function describe(v: Verdict): string {
  const at = `${v.ladder.file}: `;
  if (v.why === "unversioned") return `${at}not versioned (add \`version: 1.0.0\` under its title to start)`;
  if (v.why === "no-release") {
    return `${at}${v.ladder.version}, not released yet (no tag ${v.ladder.id}@*): its first version`;
  }
  if (v.why === "new") return `${at}${v.ladder.version}, new since ${v.since}`;
  if (v.impact === undefined) return `${at}${v.ladder.version}, no change since ${v.since}`;
  return `${at}${v.ladder.version}, enough for the ${because(v)}`;
}

/** "substantive change since sre@1.0.0" */
function because(v: Verdict): string {
  const count = v.changes.filter((c) => c.impact === v.impact).length;
  return `${v.impact} ${count === 1 ? "change" : "changes"} since ${v.since}`;
}

/** The problem of a version too low, at its line in the ladder file (or the title's, when it has none). */
async function tooLow(v: Verdict, root: string, fix: string): Promise<Problem> {
  const message =
    `${v.ladder.id} has ${plural(v.changes.filter((c) => c.impact === v.impact).length, `${v.impact} change`)} ` +
    `since ${v.since}, so its version must be ${v.required} or higher, not ${v.ladder.version}; run \`${fix}\``;
  const text = await readFile(path.join(root, v.ladder.file)).catch(() => undefined);
  const loaded = text === undefined ? undefined : loadSource({ file: v.ladder.file, text });
  const at = loaded?.ok ? loaded.parsed.locate(["version"]) : { line: 1, column: 1 };
  return { file: v.ladder.file, ...at, severity: "error", rule: "version-not-raised", message };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
