/** `ladder diff`: what a change does to the ladders, cell by cell and word by word. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderReport } from "../../../generators/report/render.js";
import { readSide, type SideKind } from "../../diff/git.js";
import { compare, reportContext } from "../../diff/report.js";
import { defuse } from "../../github/comment.js";
import { type Command, ExitError, UsageError } from "../../model/io.js";
import { formatProblem, printable } from "../../model/problems.js";
import { parseVersionTag } from "../../model/version.js";
import { locations, parse } from "../cli.js";

export const help = `Usage: ladder diff --base REF|DIR|ID@VERSION [--head REF|DIR|ID@VERSION] [--format markdown|json]
                   [--max-chars N] [--artifacts-url URL] [--out FILE] [--root DIR] [--ladders DIR]
       ladder diff --base-ref REF | --base-dir DIR [--head-ref REF | --head-dir DIR] …

Compares the ladders at two points and reports every change: ladders, levels, categories and competencies
added, removed, renamed or moved, and each cell's text word by word, with its impact (breaking, substantive
or editorial). Ladders are matched by file, the rest by id, and a changed id is recognised by its content.

  --base REF|DIR       the old side: a git ref of the repository at --root (read with git; nothing is
                       checked out), or a directory holding ladder/
  --head REF|DIR       the new side, the same way (default: the working tree at --root)
                       A name that is both a commit and a directory is refused as ambiguous, as git does.
  --base-ref REF       the old side is the commit REF, even if a directory of that name exists
  --base-dir DIR       the old side is the directory DIR, even if a commit of that name exists
  --head-ref REF, --head-dir DIR   the same for the new side (scripts and workflows pass commit ids)
  A side may be a released version of a ladder, named ID@VERSION (--base sre@1.0.0 --head sre@1.1.0, or
  --base sre@1.0.0 against the working tree): read from its tag, never from a branch, and only that ladder is
  compared. A version without a tag is refused, naming the versions that have one.
  --format FORMAT      markdown (default): the pull-request comment; json: the report model, described by
                       schemas/diff.schema.json
  --max-chars N        longest Markdown body, at least 1000 (default 65536, GitHub's limit for a comment);
                       detail is left out, whole sections at a time, to fit
  --artifacts-url URL  where the artifacts and the full report can be downloaded; linked from the report
  --out FILE           write the report to FILE instead of standard output

When the head ladders are invalid, the report lists their problems instead of a diff.
Exit 0 when the report was written (changes or not), 1 when a side cannot be read, 2 on wrong usage.
`;

const DEFAULT_MAX_CHARS = 65_536;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, {
    base: { type: "string" },
    head: { type: "string" },
    "base-ref": { type: "string" },
    "base-dir": { type: "string" },
    "head-ref": { type: "string" },
    "head-dir": { type: "string" },
    format: { type: "string", default: "markdown" },
    "max-chars": { type: "string" },
    "artifacts-url": { type: "string" },
    out: { type: "string" },
  });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const baseSide = side(values, "base");
  const headSide = side(values, "head");
  if (baseSide === undefined) throw new UsageError("--base REF|DIR (or --base-ref REF, or --base-dir DIR) is required");
  if (values.format !== "markdown" && values.format !== "json") {
    throw new UsageError(`--format must be markdown or json, not "${values.format}"`);
  }
  const maxChars = values["max-chars"] === undefined ? DEFAULT_MAX_CHARS : Number(values["max-chars"]);
  if (!Number.isInteger(maxChars) || maxChars < 1000) {
    throw new UsageError(`--max-chars must be a whole number of at least 1000, not "${values["max-chars"]}"`);
  }
  const artifactsUrl = values["artifacts-url"];
  if (artifactsUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(artifactsUrl)) {
    throw new UsageError(`--artifacts-url must be an http(s) URL, not "${artifactsUrl}"`);
  }

  const where = locations(values, io);
  const base = await readSide(baseSide.spec, where, io.cwd, baseSide.option, baseSide.kind);
  const head = await readSide(headSide?.spec, where, io.cwd, headSide?.option ?? "--head", headSide?.kind);
  // A side named by a version (`sre@1.0.0`, read from its tag) compares that ladder alone.
  const [fromBase, fromHead] = [base, head].map((side) =>
    side.info.kind === "git" ? parseVersionTag(side.info.ref)?.ladder : undefined,
  );
  if (fromBase !== undefined && fromHead !== undefined && fromBase !== fromHead) {
    throw new UsageError(
      `--base names a version of ${fromBase} and --head one of ${fromHead}; compare versions of one ladder`,
    );
  }
  const result = compare(base, head, { only: fromBase ?? fromHead });
  if (!result.ok) {
    for (const problem of result.problems) io.stderr(`${formatProblem(problem)}\n`);
    throw new ExitError(
      1,
      `cannot read ${baseSide.option} ${printable(baseSide.spec)}: its ladders do not load or match the schema`,
    );
  }

  let text: string;
  if (values.format === "json") {
    text = `${JSON.stringify(result.compared.report, null, 2)}\n`;
  } else {
    const arg = (s: { option: string; spec: string }) => `${s.option} ${s.spec}`;
    const command = `npm run diff -- ${arg(baseSide)}${headSide ? ` ${arg(headSide)}` : ""}`;
    // Defused once more as a whole: whatever the report holds, it pings nobody and links no issue, wherever the
    // Markdown goes (the pull-request comment, a job summary, release notes).
    text = defuse(renderReport(reportContext(result.compared, { artifactsUrl, command }), maxChars));
  }
  if (values.out) {
    const file = path.resolve(io.cwd, values.out);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } else {
    io.stdout(text);
  }
  return 0;
};

/** Which option names a side (`--base`, `--base-ref`, `--base-dir`): at most one of them. */
function side(
  values: Record<string, unknown>,
  which: "base" | "head",
): { option: string; spec: string; kind: SideKind } | undefined {
  const given = (["", "-ref", "-dir"] as const)
    .map((suffix) => ({ option: `--${which}${suffix}`, value: values[`${which}${suffix}`] }))
    .filter((o): o is { option: string; value: string } => typeof o.value === "string");
  if (given.length > 1) throw new UsageError(`give only one of ${given.map((g) => g.option).join(", ")}`);
  const [one] = given;
  if (!one) return undefined;
  // A version name copied from a report or release notes written before 2026-12-03 may carry a zero-width
  // space after its `@` (`sre@\u200b1.0.0`, once written to keep it from pinging); no ref or folder needs one.
  one.value = one.value.replaceAll("\u200b", "");
  if (one.value === "") throw new UsageError(`${one.option} needs a value`);
  const kind: SideKind = one.option.endsWith("-ref") ? "ref" : one.option.endsWith("-dir") ? "dir" : "any";
  return { option: one.option, spec: one.value, kind };
}
