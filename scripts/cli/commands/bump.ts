/**
 * `ladder bump`: each versioned ladder's version from the impact of its changes since its previous release
 * (judge-versions.ts): breaking → major, substantive → minor, editorial → patch. Writes the version into the
 * ladder file (only that line), or with `--check` fails, saying which ladder, the impact, the version required
 * and the command that fixes it.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSource } from "../../check/load.js";
import { historyEntry, sameEntry, withEntry } from "../../diff/history.js";
import { setHistory, setTopLevel } from "../../import/set-version.js";
import { type Command, ExitError, UsageError } from "../../model/io.js";
import type { Problem, VersionEntry } from "../../model/model.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { isRealDate } from "../../model/version.js";
import { locations, parse } from "../cli.js";
import { npmCommand } from "../forgive.js";
import { judgeVersions, type Verdict } from "../judge-versions.js";

export const help = `Usage: ladder bump [--check] [--base REF] [--date YYYY-MM-DD] [--root DIR] [--ladders DIR]

Raises the version of each ladder that has one, from the impact of its changes since its previous release:
a breaking change raises the major version (1.4.2 → 2.0.0), a substantive one the minor (→ 1.5.0), an
editorial one the patch (→ 1.4.3). The previous release is the git tag ID@VERSION of the version the file
says, or, when that version has no tag yet, the highest tagged version below it. A ladder already at the
version its changes need is left as it is; one without \`version\` is not versioned, and left alone.
It also records what changed in the version in the file's \`history:\` (at its end), which the web page
shows; only the version line and the history change, the rest of the file keeps its layout and comments.

  --check      change nothing; exit 1 when a ladder's version is lower than its changes need, or its history
               does not record them
  --base REF   compare with the ladders at the commit REF, and count its versions as released (for a
               pull request: --base origin/main)
  --date DAY   the day a newly recorded version is dated in the history (default: today, UTC)

In a clone without tags every ladder counts as not released yet (git fetch --tags).
Exit 0 when every version is enough (after raising it), 1 when --check finds one too low or the ladders are
invalid, 2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, { check: { type: "boolean" }, base: { type: "string" }, date: { type: "string" } });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!isRealDate(date)) throw new UsageError(`--date must be a day written YYYY-MM-DD, not "${values.date}"`);
  const where = locations(values, io);
  const judged = await judgeVersions(where, io.cwd, values.base);
  if (!judged.ok) {
    reportProblems(judged.problems, io);
    throw new ExitError(1, `${summarize(judged.problems)}; fix them first (npm run validate)`);
  }
  const fix = npmCommand("bump", values.base === undefined ? [] : ["--base", values.base]);
  const plans = judged.verdicts.map((verdict) => planOf(verdict, date));
  const todo = plans.filter((p) => p.raise || p.record);
  if (values.check) {
    for (const plan of plans) if (!plan.raise && !plan.record) io.stdout(`${describe(plan.verdict)}\n`);
    if (todo.length === 0) return 0;
    reportProblems(await Promise.all(todo.map((p) => problemOf(p, where.root, fix))), io);
    io.stderr(`${plural(todo.length, "ladder")} to bring up to date: run \`${fix}\` and commit the result\n`);
    return 1;
  }
  for (const plan of plans) {
    const { verdict } = plan;
    if (!plan.raise && !plan.record) {
      io.stdout(`${describe(verdict)}\n`);
      continue;
    }
    const file = path.join(where.root, verdict.ladder.file);
    let text = await readFile(file, "utf8");
    const { entry } = plan;
    const steps = [
      plan.raise ? (t: string) => setTopLevel(t, "version", plan.version) : undefined,
      plan.record && entry ? (t: string) => setHistory(t, withEntry(verdict.ladder.history, entry)) : undefined,
    ];
    for (const step of steps) {
      if (step === undefined) continue;
      const set = step(text);
      if (!set.ok) throw new ExitError(1, `${verdict.ladder.file}: ${set.message}`);
      text = set.text;
    }
    await writeFile(file, text);
    const recorded = plan.record ? "; recorded in its history" : "";
    io.stdout(
      plan.raise
        ? `${verdict.ladder.file}: ${verdict.ladder.version} → ${plan.version} (${because(verdict)})${recorded}\n`
        : `${describe(verdict)}${recorded}\n`,
    );
  }
  const raised = plans.filter((p) => p.raise).length;
  io.stdout(todo.length === 0 ? "Every version is up to date.\n" : `Raised ${plural(raised, "version")}.\n`);
  return 0;
};

/** What bump does to one ladder: the version it must say, and whether to raise it and record its history. */
interface Plan {
  verdict: Verdict;
  version: string;
  raise: boolean;
  /** The history entry of `version` (its changes since the previous release), when it has any. */
  entry?: VersionEntry;
  record: boolean;
}

function planOf(verdict: Verdict, date: string): Plan {
  const version = (verdict.enough ? verdict.ladder.version : verdict.required) as string;
  const raise = !verdict.enough;
  if (verdict.impact === undefined || verdict.previous === undefined) return { verdict, version, raise, record: false };
  const entry = historyEntry(
    verdict.changes,
    { head: verdict.ladder, base: verdict.base },
    version,
    verdict.previous,
    date,
  );
  const recorded = verdict.ladder.history?.find((e) => e.version === version);
  return { verdict, version, raise, entry, record: !sameEntry(recorded, entry) };
}

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

/** The problem of a version too low, or of a history that does not record it, at the version's line. */
async function problemOf(plan: Plan, root: string, fix: string): Promise<Problem> {
  const v = plan.verdict;
  const count = plural(v.changes.filter((c) => c.impact === v.impact).length, `${v.impact} change`);
  const [rule, message] = plan.raise
    ? [
        "version-not-raised",
        `${v.ladder.id} has ${count} since ${v.since}, so its version must be ${v.required} or higher, not ${v.ladder.version}; run \`${fix}\``,
      ]
    : [
        "history-not-recorded",
        `the history of ${v.ladder.id} does not record the changes of ${plan.version} since ${v.since} (${count}); run \`${fix}\``,
      ];
  const text = await readFile(path.join(root, v.ladder.file)).catch(() => undefined);
  const loaded = text === undefined ? undefined : loadSource({ file: v.ladder.file, text });
  const at = loaded?.ok ? loaded.parsed.locate(["version"]) : { line: 1, column: 1 };
  return { file: v.ladder.file, ...at, severity: "error", rule, message };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
