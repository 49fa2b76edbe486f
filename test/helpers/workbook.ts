/**
 * Our workbooks as a second library reads them: exceljs (not the writer, which is our own generators/xlsx/),
 * and a plain-text account of one for golden files a reviewer can read: every sheet's view, print settings,
 * column widths and each cell's text with its look.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";

export type Workbook = ExcelJS.Workbook;

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The text of a cell as exceljs gives it ("" for none), refusing any value that is not text or a number. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (typeof value === "object" && "hyperlink" in value && "text" in value) return String(value.text);
  throw new Error(`${cell.address} holds a ${typeof value} (${JSON.stringify(value)}), not text`);
}

/** Each row's cell texts, from row 1 to the last, `width` columns each. */
export function sheetTexts(sheet: ExcelJS.Worksheet, width = sheet.columnCount): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1))));
  }
  return rows;
}

/** How a cell looks, in a few words: `bold`, `italic`, `fill FFD9E1F2`, `wrap`, `border`, `text format`, `link`. */
export function look(cell: ExcelJS.Cell): string {
  const words: string[] = [];
  if (cell.font?.bold) words.push("bold");
  if (cell.font?.italic) words.push("italic");
  if (cell.font?.size && cell.font.size !== 11) words.push(`${cell.font.size}pt`);
  const fill = cell.fill;
  if (fill?.type === "pattern" && fill.pattern === "solid") words.push(`fill ${fill.fgColor?.argb}`);
  if (cell.alignment?.wrapText) words.push("wrap");
  if (cell.border?.top?.style) words.push("border");
  if (cell.numFmt === "@") words.push("text format");
  if (typeof cell.value === "object" && cell.value !== null && "hyperlink" in cell.value) {
    words.push(`link ${cell.value.hyperlink}`);
  }
  return words.join(", ");
}

/** A readable account of a workbook, sheet by sheet, as its golden file. */
export function describeWorkbook(workbook: ExcelJS.Workbook): string {
  const out: string[] = [];
  for (const sheet of workbook.worksheets) {
    out.push(`# ${sheet.name}`);
    const view = sheet.views[0];
    if (view?.state === "frozen") {
      out.push(
        `frozen: ${view.ySplit ?? 0} row(s), ${view.xSplit ?? 0} column(s); scrolling starts at ${view.topLeftCell}`,
      );
    }
    const setup = sheet.pageSetup;
    if (setup.fitToPage) {
      out.push(
        `print: ${setup.orientation}, fit to ${setup.fitToWidth} page(s) wide and ${setup.fitToHeight || "any number of"} tall; rows ${setup.printTitlesRow} on every page`,
      );
    }
    if (sheet.autoFilter) out.push(`filter: ${JSON.stringify(sheet.autoFilter)}`);
    out.push(`columns: ${sheet.columns.map((column, i) => `${column.letter ?? i + 1} ${column.width}`).join(" · ")}`);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        const text = cellText(cell);
        out.push(`${cell.address} [${look(cell)}]${text === "" ? "" : ` ${JSON.stringify(text)}`}`);
      });
    });
    out.push("");
  }
  return out.join("\n");
}

/** The workbook's parts as text, unzipped by fflate: what any reader of the format parses. */
export function partsOf(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, Buffer.from(data).toString("utf8")]));
}

/** Each zip entry's name and its stored MS-DOS time and date fields, from the central directory. */
export function entryTimes(bytes: Uint8Array): Array<{ name: string; time: number; date: number }> {
  const buffer = Buffer.from(bytes);
  const out: Array<{ name: string; time: number; date: number }> = [];
  for (let at = buffer.indexOf("PK\u0001\u0002"); at >= 0; at = buffer.indexOf("PK\u0001\u0002", at + 4)) {
    const nameLength = buffer.readUInt16LE(at + 28);
    out.push({
      name: buffer.toString("latin1", at + 46, at + 46 + nameLength),
      time: buffer.readUInt16LE(at + 12),
      date: buffer.readUInt16LE(at + 14),
    });
  }
  return out;
}
