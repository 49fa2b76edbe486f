/**
 * Reads a matrix CSV (the shape of our `dist/<id>.csv`, as a spreadsheet exports it) into a table for import:
 * header `Category,Competency,` then one `Title (Code)` column per level; one record per competency.
 * RFC 4180 quoting, with or without a BOM, any line endings; spreadsheet formula neutralisation is undone. Pure.
 */
import { restoreFormula } from "../../generators/csv/escape.js";
import { type ImportedTable, ParseFailure, parseLevelLabel } from "./import-table.js";

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

/** Reads a matrix CSV into a table. Throws ParseFailure with the line that could not be read. */
export function readCsvTable(text: string): ImportedTable {
  const records = parseCsvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (records.length === 0) throw new ParseFailure(1, "the file holds no CSV records");
  const [header, ...rows] = records;
  const names = header.fields.map((f) => restoreFormula(f).trim());
  if (names.length < 3 || names[0].toLowerCase() !== "category" || names[1].toLowerCase() !== "competency") {
    throw new ParseFailure(
      header.line,
      `the header must read Category,Competency, then one "Title (Code)" column per level (found: ${names.slice(0, 3).join(",")})`,
    );
  }
  const table: ImportedTable = {
    levels: names.slice(2).map((label) => ({ ...parseLevelLabel(label, header.line), line: header.line })),
    groups: [],
  };
  for (const record of rows) {
    const fields = record.fields.map(restoreFormula);
    if (fields.length !== names.length) {
      throw new ParseFailure(record.line, `this record has ${fields.length} fields; the header has ${names.length}`);
    }
    const [category, competency, ...cells] = fields;
    if (category.trim() === "") throw new ParseFailure(record.line, "the Category field is empty");
    // Rows of one category come together; a category name that comes back later starts a new group.
    let group = table.groups.at(-1);
    if (group?.name !== category) {
      group = { name: category, line: record.line, rows: [] };
      table.groups.push(group);
    }
    group.rows.push({ name: competency, line: record.line, cells });
  }
  return table;
}
