/**
 * The CSV generator: two spreadsheets per ladder, both UTF-8 with a byte order mark and CRLF line endings
 * (RFC 4180; why the BOM: ARCHITECTURE.md, "Decisions"), every field quoted and formula-neutralised (escape.ts).
 *
 * - `dist/<id>.csv`, the matrix: header `Category,Competency,Description,` then one column per level headed
 *   `Title (Code)`; one row per competency, in the ladder's order (Description is "" for a competency without
 *   one).
 * - `dist/<id>.cells.csv`, the long form for HR systems and BI tools: one row per cell, with ids
 *   (see CELLS_COLUMNS), rows ordered by category, competency, then level, as in the ladder.
 * `ladder import` reads both back (scripts/import/).
 */
import type Handlebars from "handlebars";
import { cellText, type Ladder, levelLabel } from "../../scripts/model/model.js";
import { template as compile, environment } from "../shared/templates.js";
import { type CsvField, csvField } from "./escape.js";

/** What the shared CSV template lays out: records of escaped fields. */
export interface CsvContext {
  /** U+FEFF, so Excel reads the file as UTF-8. */
  bom: "\uFEFF";
  /** RFC 4180's record separator. */
  eol: "\r\n";
  records: CsvField[][];
}

/**
 * The columns of `dist/<id>.cells.csv`, one row per cell. `level_rank` is the level's position, 1 for the
 * lowest, so tools can sort and compare levels without knowing their codes.
 */
export const CELLS_COLUMNS = [
  "ladder_id",
  "category_id",
  "category",
  "competency_id",
  "competency",
  "competency_description",
  "level_id",
  "level_rank",
  "level_code",
  "level_title",
  "text",
] as const;

/** The matrix CSV's columns before the levels, one `Title (Code)` column per level after them. */
export const MATRIX_CSV_COLUMNS = ["Category", "Competency", "Description"] as const;

const record = (texts: readonly string[]): CsvField[] => texts.map(csvField);

/** The records of the matrix CSV: the header, then one per competency. Pure. */
export function matrixRecords(ladder: Ladder): CsvField[][] {
  const header = record([...MATRIX_CSV_COLUMNS, ...ladder.levels.map(levelLabel)]);
  const rows = ladder.categories.flatMap((category) =>
    category.competencies.map((competency) =>
      record([
        category.name,
        competency.name,
        competency.description ?? "",
        ...ladder.levels.map((level) => cellText(competency, level.id)),
      ]),
    ),
  );
  return [header, ...rows];
}

/**
 * The records of the cells CSV: the header (CELLS_COLUMNS), then one per cell. Each ladder, category,
 * competency and level field is escaped once and shared by the records that repeat it. Pure.
 */
export function cellRecords(ladder: Ladder): CsvField[][] {
  const ladderId = csvField(ladder.id);
  const levels = ladder.levels.map((level, index) => record([level.id, String(index + 1), level.code, level.title]));
  const rows: CsvField[][] = [record(CELLS_COLUMNS)];
  for (const category of ladder.categories) {
    const [categoryId, categoryName] = record([category.id, category.name]);
    for (const competency of category.competencies) {
      const named = record([competency.id, competency.name, competency.description ?? ""]);
      ladder.levels.forEach((level, i) => {
        rows.push([
          ladderId,
          categoryId,
          categoryName,
          ...named,
          ...(levels[i] as CsvField[]),
          csvField(cellText(competency, level.id)),
        ]);
      });
    }
  }
  return rows;
}

// Own environment; noEscape because every field is a CsvField already (Handlebars' escaping is HTML's);
// strict so a missing name throws instead of writing an empty field.
let template: Handlebars.TemplateDelegate<CsvContext> | undefined;

function compiled(): Handlebars.TemplateDelegate<CsvContext> {
  if (template) return template;
  const handlebars = environment();
  // `{{{join this ","}}}`: a record's fields with a separator between them. (An `#each` over the fields with
  // `#unless @first` says the same, and took most of the time of a large build.)
  handlebars.registerHelper("join", (fields: readonly CsvField[], separator: unknown) => {
    if (!Array.isArray(fields) || typeof separator !== "string") throw new Error("join needs a list and a separator");
    return fields.join(separator);
  });
  template = compile<CsvContext>(handlebars, new URL("table.csv.hbs", import.meta.url), {
    strict: true,
    noEscape: true,
  });
  return template;
}

const layout = (records: CsvField[][]) => compiled()({ bom: "\uFEFF", eol: "\r\n", records });

/** Renders `dist/<id>.csv`, the matrix. Pure and deterministic. */
export function renderCsv(ladder: Ladder): string {
  return layout(matrixRecords(ladder));
}

/** Renders `dist/<id>.cells.csv`, one row per cell with ids. Pure and deterministic. */
export function renderCellsCsv(ladder: Ladder): string {
  return layout(cellRecords(ladder));
}
