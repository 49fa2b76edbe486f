/** `ladder import FILE`: a Markdown table or matrix CSV ladder to canonical, valid `ladder/<id>.yaml`. */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ladderIdOf, loadSource } from "../../check/load.js";
import { findMojibake } from "../../check/mojibake.js";
import { validateLadder } from "../../check/pipeline.js";
import { displayPath } from "../../check/sources.js";
import { detectFormat, importLadder, ladderYaml } from "../../import/import.js";
import { slugify } from "../../import/import-table.js";
import { type Command, ExitError, UsageError } from "../../model/io.js";
import { reportProblems } from "../../model/problems.js";
import { locations, parse } from "../cli.js";
import { npmCommand } from "../forgive.js";

export const help = `Usage: ladder import FILE [--id ID] [--out PATH] [--title TITLE] [--fix-encoding] [--force]

Turns an existing ladder into canonical YAML that passes \`ladder validate\`:
  - a Markdown pipe table shaped like the seed: a "# Title", a header "Category | Title (Code) | …",
    a bold row per category (**Skill**) and an italic row per competency (*Mastery*); or our dist/<id>.md;
  - a CSV shaped like our dist/<id>.csv: header Category,Competency, then one "Title (Code)" column per
    level, one row per competency (as a spreadsheet saves it: with or without BOM, any line endings).
Ids are derived from names and made unique (mastery, mastery-2 …); levels are l1, l2 …
Text is kept exactly; quality findings are reported as warnings, not changed.

  --id ID          the ladder id (default: from FILE's name)
  --out PATH       where to write (default: ladder/<id>.yaml)
  --title TITLE    the title, when the input has none (a CSV; default: the id)
  --fix-encoding   repair mojibake such as "doesnâ€™t" (UTF-8 read as Windows-1252)
  --force          overwrite PATH if it exists

Exit 0 when written, 1 when the input cannot be read (the line is named; nothing is written), 2 on usage.
`;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export const run: Command = async (argv, io) => {
  const { values, positionals } = parse(
    argv,
    {
      id: { type: "string" },
      out: { type: "string" },
      title: { type: "string" },
      "fix-encoding": { type: "boolean" },
      force: { type: "boolean" },
    },
    true,
  );
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("name exactly one FILE to import");
  const where = locations(values, io);
  const input = path.resolve(io.cwd, positionals[0]);
  const shown = displayPath(io.cwd, input);
  const id = values.id ?? slugify(ladderIdOf(input.replace(/\.(md|markdown|csv)$/i, "")), "ladder");
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    throw new UsageError(`--id "${id}" is not an id: lowercase letters and digits joined by single hyphens`);
  }
  const out = values.out ? path.resolve(io.cwd, values.out) : path.join(where.ladders, `${id}.yaml`);
  const outShown = displayPath(where.root, out);
  if (!values.force && (await stat(out).catch(() => undefined))) {
    throw new ExitError(1, `${outShown} already exists; choose another --out or add --force to overwrite it`);
  }

  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new ExitError(1, `cannot read ${shown}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const line = firstBadLine(bytes);
    throw new ExitError(1, `${shown}:${line}: the file is not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8")`);
  }

  const fixEncoding = values["fix-encoding"] === true;
  const result = importLadder(text, { format: detectFormat(input, text), title: values.title ?? id, fixEncoding });
  if (!result.ok) {
    reportProblems(
      [{ file: shown, line: result.line, column: 1, severity: "error", rule: "import", message: result.message }],
      io,
    );
    io.stderr("nothing was written\n");
    return 1;
  }
  const ladder = values.title ? { ...result.ladder, title: values.title } : result.ladder;
  const schema = path.relative(path.dirname(out), path.join(where.root, "schemas", "ladder.schema.json"));
  const yaml = ladderYaml(ladder, schema.split(path.sep).join("/"));

  // The file must pass `ladder validate` before it is written; its lint findings are the input's own defects.
  const checked = validateLadder(loadSource({ file: outShown, text: yaml }), { lint: true });
  reportProblems(
    [...checked.problems].sort((a, b) => a.line - b.line || a.column - b.column),
    io,
  );
  if (!checked.ok) {
    io.stderr("the imported ladder is not valid; nothing was written\n");
    return 1;
  }
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, yaml, { flag: values.force ? "w" : "wx" });

  const competencies = ladder.categories.reduce((n, c) => n + c.competencies.length, 0);
  io.stdout(
    `imported ${shown} → ${outShown}: ${count(ladder.levels.length, "level", "levels")}, ${count(ladder.categories.length, "category", "categories")}, ${count(competencies, "competency", "competencies")}\n`,
  );
  if (!fixEncoding && findMojibake(text).length > 0) {
    io.stderr(
      `the input looks like it has broken encoding (mojibake); run again: ${npmCommand("import", [shown, "--fix-encoding", "--force"])}\n`,
    );
  }
  return 0;
};

/** The line of the first byte that is not UTF-8 (the decoder puts U+FFFD there). */
function firstBadLine(bytes: Uint8Array): number {
  const lenient = new TextDecoder("utf-8").decode(bytes);
  return lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD"))).split("\n").length;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
