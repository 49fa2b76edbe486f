/**
 * `ladder release --plan`: for the publish workflow, which tags and releases to create for the ladder
 * versions that have no tag yet, as JSON, with each release's notes written to a folder
 * (scripts/cli/release-plan.ts). It creates nothing: the workflow's release job, which holds the write token,
 * runs only `gh` over this plan, so no repository code runs beside that token.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Command, ExitError, UsageError } from "../../model/io.js";
import { reportProblems, summarize } from "../../model/problems.js";
import { locations, parse } from "../cli.js";
import { planReleases } from "../release-plan.js";

export const help = `Usage: ladder release --plan [--head-ref REF] [--notes-dir DIR] [--out FILE] [--max-chars N]
                     [--root DIR] [--ladders DIR]

Plans a release for each ladder whose version has no git tag ID@VERSION yet: the tag to create at the head
commit, a title, the files of dist/ to attach, and notes, the ladder diff since its previous version's tag
(defused: nothing in them pings anyone or links an issue; a ladder's first release gets one line). Prints the
plan as JSON: { "releases": [{ ladder, version, tag, previous, title, notes, files }], "stale": [...] }.
A version that has a tag already is released already; if the ladder changed since that tag, it is listed
under "stale" with a warning (its version was not raised: npm run bump), and not released again.

  --plan            required: print the plan (the publish workflow creates the tags and releases with gh)
  --head-ref REF    the commit to release (default: HEAD)
  --notes-dir DIR   write each release's notes to DIR/<tag>.md (default: do not write them)
  --out FILE        write the plan to FILE instead of standard output
  --max-chars N     longest notes, at least 1000 (default 125000, GitHub's limit for a release's notes)

Exit 0 with a plan (empty when every version is released), 1 when the ladders at REF are invalid, 2 on
wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, {
    plan: { type: "boolean" },
    "head-ref": { type: "string", default: "HEAD" },
    "notes-dir": { type: "string" },
    out: { type: "string" },
    "max-chars": { type: "string", default: "125000" },
  });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  if (!values.plan) throw new UsageError("--plan is required: the publish workflow creates the releases with gh");
  const maxChars = Number(values["max-chars"]);
  if (!Number.isInteger(maxChars) || maxChars < 1000) {
    throw new UsageError(`--max-chars must be a whole number of at least 1000, not "${values["max-chars"]}"`);
  }
  const where = locations(values, io);
  const planned = await planReleases(where, io.cwd, values["head-ref"], maxChars);
  if (!planned.ok) {
    reportProblems(planned.problems, io);
    throw new ExitError(1, `${summarize(planned.problems)} at ${values["head-ref"]}; nothing can be released`);
  }
  reportProblems(planned.warnings, io);
  if (values["notes-dir"]) {
    const dir = path.resolve(io.cwd, values["notes-dir"]);
    await mkdir(dir, { recursive: true });
    for (const [file, text] of planned.notes) await writeFile(path.join(dir, file), text);
  }
  const json = `${JSON.stringify(planned.plan, null, 2)}\n`;
  if (values.out) {
    const file = path.resolve(io.cwd, values.out);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, json);
  } else io.stdout(json);
  return 0;
};
