/**
 * Reads our workbook (`dist/<id>.xlsx`, generators/xlsx/) back into a table for import: its Cells sheet, which
 * holds every id (import-cells.ts), or, when that sheet is gone, its Matrix sheet (names, descriptions and
 * cells; ids then derived from names); the About sheet gives the title and summary. Any other workbook is
 * refused, saying which shape is expected. Rows are the sheet's row numbers, for messages. Pure.
 */
import { ABOUT_LABELS, MATRIX_COLUMNS } from "../../generators/xlsx/sheets.js";
import { isCellsHeader, readCellsTable } from "./import-cells.js";
import { type ImportedTable, notApplicableReason, ParseFailure, parseLevelLabel } from "./import-table.js";
import { readWorkbook, type SheetRows } from "./read-workbook.js";

const records = (sheet: SheetRows) => sheet.rows.map(({ row, fields }) => ({ line: row, fields }));

/** Reads a workbook's ladder. Throws ParseFailure; a failure in a sheet names the sheet. */
export function readWorkbookTable(bytes: Uint8Array): ImportedTable {
  const sheets = readWorkbook(bytes);
  const find = (name: string) => sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const about = aboutOf(find("About"));
  const cells = find("Cells");
  const matrix = find("Matrix");
  const inSheet = (sheet: SheetRows, read: () => ImportedTable): ImportedTable => {
    try {
      return read();
    } catch (error) {
      if (error instanceof ParseFailure)
        throw new ParseFailure(error.line, `sheet ${sheet.name}, row ${error.line}: ${error.message}`);
      throw error;
    }
  };
  let table: ImportedTable | undefined;
  if (cells && isCellsHeader(cells.rows[0]?.fields ?? [])) {
    table = inSheet(cells, () => readCellsTable(records(cells), { csv: false }));
    // Category descriptions are shown on the Matrix sheet only.
    if (matrix && isMatrixHeader(matrix.rows[0]?.fields ?? [])) {
      const described = new Map(readMatrix(matrix).groups.map((g) => [g.name, g.description]));
      for (const group of table.groups) {
        const description = described.get(group.name);
        if (description !== undefined) group.description = description;
      }
    }
  } else if (matrix && isMatrixHeader(matrix.rows[0]?.fields ?? [])) {
    table = inSheet(matrix, () => readMatrix(matrix));
  }
  if (!table) {
    throw new ParseFailure(
      1,
      `the workbook has neither of our sheets: "Cells" with the header ${["ladder_id", "category_id", "…"].join(",")} (as dist/<id>.cells.csv), or "Matrix" with ${MATRIX_COLUMNS.join(", ")}, then one "Title (Code)" column per level (sheets found: ${sheets.map((s) => s.name).join(", ") || "none"})`,
    );
  }
  return {
    ...table,
    ...(about.id !== undefined && table.id === undefined ? { id: about.id } : {}),
    ...(about.title !== undefined ? { title: about.title } : {}),
    ...(about.summary !== undefined ? { summary: about.summary } : {}),
    ...(about.stamp !== undefined ? { stamp: about.stamp } : {}),
  };
}

function isMatrixHeader(fields: readonly string[]): boolean {
  return MATRIX_COLUMNS.every((name, i) => fields[i]?.trim().toLowerCase() === name.toLowerCase());
}

/**
 * The Matrix sheet: header Competency, Description, then a `Title (Code)` column per level; a row whose level
 * cells are all empty is a category (its name, its description), every other row a competency of the last.
 */
function readMatrix(sheet: SheetRows): ImportedTable {
  const [header, ...rows] = sheet.rows;
  const first = MATRIX_COLUMNS.length;
  const labels = header.fields.slice(first).map((label) => label.trim());
  while (labels.at(-1) === "") labels.pop();
  if (labels.length === 0) throw new ParseFailure(header.row, 'the header has no "Title (Code)" column for any level');
  const table: ImportedTable = {
    levels: labels.map((label) => ({ ...parseLevelLabel(label, header.row), line: header.row })),
    groups: [],
  };
  for (const { row, fields } of rows) {
    const [name = "", description = ""] = fields;
    const cells = labels.map((_, i) => fields[first + i] ?? "");
    if (name === "" && description === "" && cells.every((c) => c === "")) continue;
    if (fields.slice(first + labels.length).some((f) => f !== "")) {
      throw new ParseFailure(row, `this row has text right of the last level column (${labels.at(-1)})`);
    }
    if (cells.every((c) => c.trim() === "")) {
      if (name.trim() === "") throw new ParseFailure(row, "a category row has no name in the Competency column");
      table.groups.push({ name, line: row, ...(description !== "" ? { description } : {}), rows: [] });
      continue;
    }
    const group = table.groups.at(-1);
    if (!group) throw new ParseFailure(row, "a competency comes before any category row (a row with no level text)");
    group.rows.push({
      name,
      line: row,
      ...(description !== "" ? { description } : {}),
      cells,
      notApplicable: cells.map(notApplicableReason),
    });
  }
  return table;
}

/** The About sheet's title, summary, ladder id and version fields, found by their labels in the first column. */
function aboutOf(sheet: SheetRows | undefined): {
  title?: string;
  summary?: string;
  id?: string;
  stamp?: NonNullable<ImportedTable["stamp"]>;
} {
  const value = (label: string) => sheet?.rows.find((r) => r.fields[0]?.trim() === label)?.fields[1];
  const title = value(ABOUT_LABELS.title);
  const summary = value(ABOUT_LABELS.summary);
  const id = value(ABOUT_LABELS.id);
  // The version fields as the ladder said them; the schema and rules judge them once imported.
  const version = value(ABOUT_LABELS.version);
  const effective = value(ABOUT_LABELS.effective);
  const status = value(ABOUT_LABELS.status);
  const replacedBy = value(ABOUT_LABELS.replacedBy);
  const stamp = {
    ...(version ? { version } : {}),
    ...(effective ? { effective } : {}),
    ...(status ? { status: status as NonNullable<ImportedTable["stamp"]>["status"] } : {}),
    ...(replacedBy ? { replacedBy } : {}),
  };
  return {
    ...(title ? { title } : {}),
    ...(summary ? { summary } : {}),
    ...(id ? { id } : {}),
    ...(Object.keys(stamp).length > 0 ? { stamp } : {}),
  };
}
