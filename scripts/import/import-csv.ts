/**
 * Reads our CSV files (as a spreadsheet exports them) into a table for import: the matrix (`dist/<id>.csv`:
 * header `Category,Competency,Description,` — Description optional — then one `Title (Code)` column per level;
 * one record per competency) or the long form with ids (`dist/<id>.cells.csv`, import-cells.ts).
 * RFC 4180 quoting, with or without a BOM, any line endings; spreadsheet formula neutralisation is undone, and
 * "Not applicable: reason" is a cell that does not apply. Pure.
 */
import { restoreFormula } from "../../generators/csv/escape.js";
import { isCellsHeader, readCellsTable } from "./import-cells.js";
import { type ImportedTable, notApplicableReason, ParseFailure, parseLevelLabel } from "./import-table.js";

interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits CSV text into records (RFC 4180, any of CRLF, LF, CR). Throws ParseFailure at the line that is broken. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const newlineAt = (at: number) => (text[at] === "\r" ? (text[at + 1] === "\n" ? 2 : 1) : text[at] === "\n" ? 1 : 0);
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) throw new ParseFailure(opened, 'a quoted field is never closed (a `"` is missing)');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          const nl = newlineAt(i);
          if (nl > 0) line++;
          field += text.slice(i, i + Math.max(nl, 1));
          i += Math.max(nl, 1);
        }
        if (i < n && text[i] !== "," && newlineAt(i) === 0) {
          throw new ParseFailure(
            line,
            `unexpected \`${text[i]}\` after a closing quote; a quote inside a field is written \`""\``,
          );
        }
      } else {
        while (i < n && text[i] !== "," && newlineAt(i) === 0) {
          if (text[i] === '"')
            throw new ParseFailure(line, 'a `"` inside an unquoted field; quote the field and double the quote');
          field += text[i++];
        }
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      const nl = newlineAt(i);
      if (nl > 0) line++;
      i += nl;
      break;
    }
    // Blank lines (often a spreadsheet's trailing ones) are not records.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
  }
  return records;
}

/** Reads a matrix or cells CSV into a table. Throws ParseFailure with the line that could not be read. */
export function readCsvTable(text: string): ImportedTable {
  const records = parseCsvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (records.length === 0) throw new ParseFailure(1, "the file holds no CSV records");
  const [header, ...rows] = records;
  const names = header.fields.map((f) => restoreFormula(f).trim());
  if (isCellsHeader(names)) return readCellsTable(records, { csv: true });
  if (names.length < 3 || names[0].toLowerCase() !== "category" || names[1].toLowerCase() !== "competency") {
    throw new ParseFailure(
      header.line,
      `the header must read Category,Competency,Description, then one "Title (Code)" column per level, or be our cells CSV's (ladder_id,category_id,…) (found: ${names.slice(0, 3).join(",")})`,
    );
  }
  // Description is optional (spreadsheets of our earlier CSV, and others, have none).
  const described = names[2].toLowerCase() === "description";
  const first = described ? 3 : 2;
  if (names.length <= first)
    throw new ParseFailure(header.line, 'the header has no "Title (Code)" column for any level');
  const table: ImportedTable = {
    levels: names.slice(first).map((label) => ({ ...parseLevelLabel(label, header.line), line: header.line })),
    groups: [],
  };
  for (const record of rows) {
    const fields = record.fields.map(restoreFormula);
    if (fields.length !== names.length) {
      throw new ParseFailure(record.line, `this record has ${fields.length} fields; the header has ${names.length}`);
    }
    const [category, competency] = fields;
    const description = described ? fields[2] : "";
    const cells = fields.slice(first);
    if (category.trim() === "") throw new ParseFailure(record.line, "the Category field is empty");
    // Rows of one category come together; a category name that comes back later starts a new group.
    let group = table.groups.at(-1);
    if (group?.name !== category) {
      group = { name: category, line: record.line, rows: [] };
      table.groups.push(group);
    }
    group.rows.push({
      name: competency,
      line: record.line,
      ...(description !== "" ? { description } : {}),
      cells,
      notApplicable: cells.map(notApplicableReason),
    });
  }
  return table;
}
