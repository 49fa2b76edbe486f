/** `ladder import FILE`: a Markdown table, one of our CSV files or our workbook to canonical, valid `ladder/<id>.yaml`. */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSource } from "../../check/load.js";
import { findMojibake } from "../../check/mojibake.js";
import { validateLadder } from "../../check/pipeline.js";
import { displayPath } from "../../check/sources.js";
import { detectFormat, importLadders, ladderYaml } from "../../import/import.js";
import { slugify, uniqueIds } from "../../import/import-table.js";
import { type Command, ExitError, UsageError } from "../../model/io.js";
import { competencyCount, ladderIdOf } from "../../model/model.js";
import { reportProblems } from "../../model/problems.js";
import { locations, parse } from "../cli.js";
import { npmCommand } from "../forgive.js";

export const help = `Usage: ladder import FILE [--id ID]… [--out PATH] [--title TITLE] [--fix-encoding] [--force]

Turns an existing ladder into canonical YAML that passes \`ladder validate\`:
  - a Markdown pipe table shaped like the seed: a "# Title", a header "Category | Title (Code) | …",
    a bold row per category (**Skill**) and an italic row per competency (*Mastery*); or our dist/<id>.md.
    A page may hold several tables, each under its own heading (\`# Ops Leadership\`): each becomes a
    ladder, its id from its heading. Headings, paragraphs and lists around a table are kept as the ladder's
    prose (before the table) and afterword (after it); text that cannot be kept is named, nothing dropped;
  - a CSV shaped like our dist/<id>.csv: header Category,Competency,Description (Description optional),
    then one "Title (Code)" column per level, one row per competency (as a spreadsheet saves it: with or
    without BOM, any line endings); or like our dist/<id>.cells.csv, one row per cell with every id;
  - our workbook, dist/<id>.xlsx (also once saved by Excel or LibreOffice): its Cells sheet, with every id,
    or its Matrix sheet; the About sheet gives the title and summary. Other workbooks are refused.
A cell reading "Not applicable" or "Not applicable: REASON" becomes a level that does not apply.
Where the input has no ids they are derived from names and made unique (mastery, mastery-2 …); levels are
l1, l2 …; the ladder id is the one our workbook and cells CSV hold, else from FILE's name.
Text is kept exactly; quality findings are reported as warnings, not changed.

  --id ID          the ladder id (default: from FILE's name; for a page of several ladders, from their
                   headings); repeat it once per ladder, in page order
  --out PATH       where to write a single ladder (default: ladder/<id>.yaml)
  --title TITLE    the title, when the input has none (a CSV; default: the id)
  --fix-encoding   repair mojibake such as "doesnâ€™t" (UTF-8 read as Windows-1252)
  --force          overwrite PATH if it exists

Exit 0 when written, 1 when the input cannot be read (the line is named; nothing is written), 2 on usage.
`;

const utf8 = new TextDecoder("utf-8", { fatal: true });

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const run: Command = async (argv, io) => {
  const { values, positionals } = parse(
    argv,
    {
      id: { type: "string", multiple: true },
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
  const input = path.resolve(io.cwd, positionals[0] as string);
  const shown = displayPath(io.cwd, input);
  for (const id of values.id ?? []) {
    if (!ID.test(id)) {
      throw new UsageError(`--id "${id}" is not an id: lowercase letters and digits joined by single hyphens`);
    }
  }

  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new ExitError(1, `cannot read ${shown}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const format = detectFormat(input, bytes);
  // A workbook is read as bytes (a zip); every other input is text, and must be UTF-8.
  let text = "";
  if (format !== "xlsx") {
    try {
      text = utf8.decode(bytes);
    } catch {
      const line = firstBadLine(bytes);
      throw new ExitError(1, `${shown}:${line}: the file is not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8")`);
    }
  }

  const fixEncoding = values["fix-encoding"] === true;
  const fileId = slugify(ladderIdOf(input.replace(/(\.cells)?\.(md|markdown|csv|xlsx)$/i, "")), "ladder");
  const firstId = values.id?.[0] ?? fileId;
  const result = importLadders(format === "xlsx" ? bytes : text, {
    format,
    title: values.title ?? firstId,
    fixEncoding,
  });
  if (!result.ok) {
    reportProblems(
      [{ file: shown, line: result.line, column: 1, severity: "error", rule: "import", message: result.message }],
      io,
    );
    io.stderr("nothing was written\n");
    return 1;
  }
  const many = result.ladders.length > 1;
  if (many && values.out) {
    throw new UsageError(
      `${shown} holds ${result.ladders.length} ladders; --out names one file, so leave it out: each is written to ${displayPath(where.root, where.ladders)}/<id>.yaml`,
    );
  }
  if (values.id && values.id.length !== result.ladders.length) {
    const titles = result.ladders.map((l) => `"${l.title}"`).join(", ");
    throw new UsageError(
      `${shown} holds ${result.ladders.length} ladder${many ? "s" : ""} (${titles}); give --id once for each, in that order, or not at all`,
    );
  }
  const unique = uniqueIds();
  const planned = result.ladders.map((data, k) => {
    // Our workbook and cells CSV name their ladder; other inputs get it from the file name or a heading.
    const id = unique(values.id?.[k] ?? result.ids[k] ?? (many ? slugify(data.title, "ladder") : fileId));
    const out = !many && values.out ? path.resolve(io.cwd, values.out) : path.join(where.ladders, `${id}.yaml`);
    const ladder = !many && values.title ? { ...data, title: values.title } : data;
    return { id, out, outShown: displayPath(where.root, out), ladder };
  });
  for (const { out, outShown } of planned) {
    if (!values.force && (await stat(out).catch(() => undefined))) {
      throw new ExitError(
        1,
        `${outShown} already exists; choose another --out (or --id), or add --force to overwrite it`,
      );
    }
  }

  // Every file must pass \`ladder validate\` before any is written; lint findings are the input's own defects.
  const written: Array<(typeof planned)[number] & { yaml: string }> = [];
  let valid = true;
  for (const one of planned) {
    const schema = path.relative(path.dirname(one.out), path.join(where.root, "schemas", "ladder.schema.json"));
    const yaml = ladderYaml(one.ladder, schema.split(path.sep).join("/"));
    const checked = validateLadder(loadSource({ file: one.outShown, text: yaml }), { lint: true });
    reportProblems(
      [...checked.problems].sort((a, b) => a.line - b.line || a.column - b.column),
      io,
    );
    valid &&= checked.ok;
    written.push({ ...one, yaml });
  }
  if (!valid) {
    io.stderr(`the imported ladder${many ? "s are" : " is"} not valid; nothing was written\n`);
    return 1;
  }
  for (const { out, yaml } of written) {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, yaml, { flag: values.force ? "w" : "wx" });
  }
  for (const { outShown, ladder } of written) {
    const competencies = competencyCount(ladder);
    const sections = (ladder.prose?.length ?? 0) + (ladder.afterword?.length ?? 0);
    io.stdout(
      `imported ${shown} → ${outShown}: ${count(ladder.levels.length, "level", "levels")}, ${count(ladder.categories.length, "category", "categories")}, ${count(competencies, "competency", "competencies")}${sections > 0 ? `, ${count(sections, "prose section", "prose sections")}` : ""}\n`,
    );
  }
  if (!fixEncoding && format !== "xlsx" && findMojibake(text).length > 0) {
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
