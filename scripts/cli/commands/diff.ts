/** `ladder diff`: what a change does to the ladders, cell by cell and word by word. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderReport } from "../../../generators/report/render.js";
import { readSide } from "../../diff/git.js";
import { compare, reportContext } from "../../diff/report.js";
import { type Command, ExitError, UsageError } from "../../model/io.js";
import { formatProblem } from "../../model/problems.js";
import { locations, parse } from "../cli.js";

export const help = `Usage: ladder diff --base REF|DIR [--head REF|DIR] [--format markdown|json]
                   [--max-chars N] [--artifacts-url URL] [--out FILE] [--root DIR] [--ladders DIR]

Compares the ladders at two points and reports every change: ladders, levels, categories and competencies
added, removed, renamed or moved, and each cell's text word by word, with its impact (breaking, substantive
or editorial). Ladders are matched by file, the rest by id, and a changed id is recognised by its content.

  --base REF|DIR       the old side: a git ref of the repository at --root (read with git; nothing is
                       checked out), or a directory holding ladder/
  --head REF|DIR       the new side, the same way (default: the working tree at --root)
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
    format: { type: "string", default: "markdown" },
    "max-chars": { type: "string" },
    "artifacts-url": { type: "string" },
    out: { type: "string" },
  });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  if (values.base === undefined || values.base === "") throw new UsageError("--base REF|DIR is required");
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
  const base = await readSide(values.base, where, io.cwd, "--base");
  const head = await readSide(values.head, where, io.cwd, "--head");
  const result = compare(base, head);
  if (!result.ok) {
    for (const problem of result.problems) io.stderr(`${formatProblem(problem)}\n`);
    throw new ExitError(1, `cannot read --base ${values.base}: its ladders do not load or match the schema`);
  }

  let text: string;
  if (values.format === "json") {
    text = `${JSON.stringify(result.compared.report, null, 2)}\n`;
  } else {
    const command = `npm run diff -- --base ${values.base}${values.head ? ` --head ${values.head}` : ""}`;
    text = renderReport(reportContext(result.compared, { artifactsUrl, command }), maxChars);
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
