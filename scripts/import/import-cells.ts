/**
 * Reads the long form, one record per cell with ids (the shape of our `dist/<id>.cells.csv` and of the
 * workbook's Cells sheet, generators/csv/render.ts CELLS_COLUMNS), into a table for import: every id kept,
 * levels in their rank order, categories and competencies in the order they first appear. Columns are found
 * by their header names, so a spreadsheet that reordered or added columns still reads. Pure.
 */
import { restoreFormula } from "../../generators/csv/escape.js";
import { type ImportedTable, notApplicableReason, ParseFailure } from "./import-table.js";

/** One record of a table: its fields, and the line (CSV) or row (workbook) it came from. */
export interface TableRecord {
  line: number;
  fields: string[];
}

/** The columns a cells table must have; the others (ladder_id, level_rank, competency_description) may be absent. */
const REQUIRED = [
  "category_id",
  "category",
  "competency_id",
  "competency",
  "level_id",
  "level_code",
  "level_title",
  "text",
];

/** Whether a header row is the long form's (its first column, or any, is `ladder_id` or `competency_id`). */
export function isCellsHeader(fields: readonly string[]): boolean {
  const names = fields.map((f) => f.trim().toLowerCase());
  return REQUIRED.every((name) => names.includes(name));
}

/**
 * Reads the records of a cells table (the first is the header). `csv`: the records are a CSV's lines, whose
 * formula neutralisation is undone; otherwise a workbook sheet's rows, which need none.
 */
export function readCellsTable(records: readonly TableRecord[], options: { csv: boolean }): ImportedTable {
  const [header, ...rows] = records;
  if (!header) throw new ParseFailure(1, "the table holds no rows");
  const clean = (value: string) => (options.csv ? restoreFormula(value) : value);
  const unit = options.csv ? "line" : "row";
  const same = (line: number, item: string, verb: string, first: string, here: string, firstLine: number) => {
    if (first !== here)
      throw new ParseFailure(line, `${item} is ${verb} "${here}" here but "${first}" at ${unit} ${firstLine}`);
  };
  const names = header.fields.map((f) => clean(f).trim().toLowerCase());
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new ParseFailure(
      header.line,
      `the header lacks the column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`,
    );
  }
  const at = (name: string) => names.indexOf(name);
  const column = Object.fromEntries(
    [...REQUIRED, "ladder_id", "level_rank", "competency_description"].map((name) => [name, at(name)]),
  ) as Record<string, number>;

  const levels = new Map<string, { title: string; code: string; line: number; rank: number; order: number }>();
  const groups = new Map<string, { name: string; line: number; rows: Map<string, Row> }>();
  const owner = new Map<string, string>();
  let id: string | undefined;
  for (const record of rows) {
    const field = (name: string) => {
      const i = column[name] as number;
      return i < 0 ? undefined : clean(record.fields[i] ?? "");
    };
    const value = (name: string) => field(name) as string;
    if (record.fields.every((f) => f === "")) continue;
    const line = record.line;
    const ladderId = field("ladder_id");
    if (ladderId !== undefined && ladderId !== "") {
      if (id !== undefined && id !== ladderId) {
        throw new ParseFailure(line, `ladder_id "${ladderId}" differs from "${id}" above; import one ladder at a time`);
      }
      id = ladderId;
    }
    const levelId = value("level_id").trim();
    if (levelId === "") throw new ParseFailure(line, "the level_id field is empty");
    const rank = Number(field("level_rank") ?? "");
    const level = { title: value("level_title"), code: value("level_code"), line, rank, order: levels.size };
    const known = levels.get(levelId);
    if (!known) levels.set(levelId, level);
    else if (known.title !== level.title || known.code !== level.code) {
      throw new ParseFailure(
        line,
        `level "${levelId}" is "${level.title} (${level.code})" here but "${known.title} (${known.code})" at ${unit} ${known.line}`,
      );
    }
    const categoryId = value("category_id").trim();
    const competencyId = value("competency_id").trim();
    if (categoryId === "") throw new ParseFailure(line, "the category_id field is empty");
    if (competencyId === "") throw new ParseFailure(line, "the competency_id field is empty");
    let group = groups.get(categoryId);
    if (!group) {
      group = { name: value("category"), line, rows: new Map() };
      groups.set(categoryId, group);
    } else same(line, `category "${categoryId}"`, "named", group.name, value("category"), group.line);
    const holder = owner.get(competencyId);
    if (holder !== undefined && holder !== categoryId) {
      throw new ParseFailure(
        line,
        `competency "${competencyId}" is in category "${holder}" above and in "${categoryId}" here`,
      );
    }
    owner.set(competencyId, categoryId);
    let row = group.rows.get(competencyId);
    const description = field("competency_description") ?? "";
    if (!row) {
      row = { name: value("competency"), description, line, cells: new Map() };
      group.rows.set(competencyId, row);
    } else {
      same(line, `competency "${competencyId}"`, "named", row.name, value("competency"), row.line);
      same(line, `competency "${competencyId}"`, "described", row.description, description, row.line);
    }
    if (row.cells.has(levelId)) {
      throw new ParseFailure(line, `competency "${competencyId}" has a second row for level "${levelId}"`);
    }
    row.cells.set(levelId, value("text"));
  }

  // Levels by rank when every row has one, else in the order they first appear.
  const ordered = [...levels.entries()].sort(([, a], [, b]) =>
    Number.isFinite(a.rank) && Number.isFinite(b.rank) && a.rank !== b.rank ? a.rank - b.rank : a.order - b.order,
  );
  return {
    ...(id !== undefined ? { id } : {}),
    levels: ordered.map(([levelId, l]) => ({ id: levelId, title: l.title, code: l.code, line: l.line })),
    groups: [...groups.entries()].map(([groupId, group]) => ({
      id: groupId,
      name: group.name,
      line: group.line,
      rows: [...group.rows.entries()].map(([rowId, row]) => {
        const texts = ordered.map(([levelId]) => row.cells.get(levelId) ?? "");
        return {
          id: rowId,
          name: row.name,
          line: row.line,
          ...(row.description !== "" ? { description: row.description } : {}),
          cells: texts,
          notApplicable: texts.map(notApplicableReason),
        };
      }),
    })),
  };
}

interface Row {
  name: string;
  description: string;
  line: number;
  cells: Map<string, string>;
}
