/**
 * Lays a sheet (sheets.ts) out as a SpreadsheetML worksheet part, its text collected into the workbook's
 * shared strings (`t="s"`: a typed string, as Excel writes text; never a formula, so no guard character).
 * Elements come in the order the schema (ECMA-376 CT_Worksheet) requires. Pure.
 */
import { cellValue, xmlText } from "./escape.js";
import type { Cell, Sheet, Style } from "./sheets.js";
import { STYLE_INDEX } from "./styles.js";
import { Utf8Writer } from "./utf8-writer.js";

/** ` s="N"`, each style's attribute, made once. */
const STYLE_ATTRIBUTE = Object.fromEntries(
  Object.entries(STYLE_INDEX).map(([style, index]) => [style, ` s="${index}"`]),
) as Record<Style, string>;

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The workbook's shared string table: each distinct text once, in order of first use. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];
  private uses = 0;

  /** The index of `text`, adding it on first use. */
  of(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.index.set(text, i);
      this.texts.push(text);
    }
    return i;
  }

  /** `xl/sharedStrings.xml`, in UTF-8. */
  xml(): Uint8Array {
    const out = new Utf8Writer();
    out.write(`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.texts.length}">`);
    for (const text of this.texts) out.write(`<si>${textElement(text)}</si>`);
    out.write("</sst>");
    return out.bytes();
  }
}

const SPACE = /\s/;

/** A `<t>`; leading or trailing white space is kept only with `xml:space="preserve"`. */
function textElement(text: string): string {
  // First and last character only: a regex ending in `\s$` would try every position of a long text.
  const edge = SPACE.test(text.charAt(0)) || SPACE.test(text.charAt(text.length - 1));
  return `<t${edge ? ' xml:space="preserve"' : ""}>${xmlText(text)}</t>`;
}

const NAMES: string[] = [];

/** `A`, `B` … `Z`, `AA` …: the letters of the 1-based column `n`. */
export function columnName(n: number): string {
  const known = NAMES[n];
  if (known !== undefined) return known;
  let name = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  NAMES[n] = name;
  return name;
}

/** A sheet's external links, each with the relationship id its part's `.rels` gives it (`rId1` …). */
export interface SheetLink {
  ref: string;
  id: string;
  url: string;
}

/** The worksheet part of `sheet`, and its links (for the part's relationships). */
export function worksheetXml(
  sheet: Sheet,
  strings: SharedStrings,
  selected: boolean,
): { xml: Uint8Array; links: SheetLink[] } {
  let width = Math.max(sheet.columns.length, 1);
  for (const row of sheet.rows) width = Math.max(width, row.length);
  const height = Math.max(sheet.rows.length, 1);
  const last = `${columnName(width)}${height}`;
  const links: SheetLink[] = [];
  // Each row is encoded as soon as it is made: one string grown cell by cell through a sheet of 50,000 rows
  // outlived the young generation as millions of pieces, and collecting them cost more than writing them.
  const out = new Utf8Writer();
  out.write(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      (sheet.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      `<dimension ref="A1:${last}"/>` +
      sheetViews(selected, pane(sheet.freeze)) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (sheet.columns.length > 0 ? `<cols>${columnsXml(sheet.columns)}</cols>` : "") +
      "<sheetData>",
  );
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] as Cell[];
    if (row.length === 0) continue;
    const n = r + 1;
    let data = `<row r="${n}">`;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] as Cell;
      const ref = columnName(c + 1) + n;
      const s = STYLE_ATTRIBUTE[cell.style];
      const value = cell.value;
      if (typeof value === "number") data += `<c r="${ref}"${s}><v>${value}</v></c>`;
      else if (value === "") data += `<c r="${ref}"${s}/>`;
      else data += `<c r="${ref}"${s} t="s"><v>${strings.of(cellValue(value))}</v></c>`;
      if (cell.link) links.push({ ref, id: `rId${links.length + 1}`, url: cell.link });
    }
    out.write(`${data}</row>`);
  }
  out.write(
    "</sheetData>" +
      (sheet.filter ? `<autoFilter ref="A1:${last}"/>` : "") +
      (links.length > 0
        ? `<hyperlinks>${links.map((l) => `<hyperlink ref="${l.ref}" r:id="${l.id}"/>`).join("")}</hyperlinks>`
        : "") +
      '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
      (sheet.print
        ? '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
          "<headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>"
        : "") +
      "</worksheet>",
  );
  return { xml: out.bytes(), links };
}

/** The `<col>` elements: each column's width. */
function columnsXml(columns: readonly number[]): string {
  return columns.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
}

/** The sheet's one view: selected (the tab shown on opening) or not, with its frozen pane if any. */
function sheetViews(selected: boolean, frozen: string): string {
  const open = `<sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0"`;
  return `<sheetViews>${frozen ? `${open}>${frozen}</sheetView>` : `${open}/>`}</sheetViews>`;
}

/** The frozen pane: rows above and columns left of its top-left cell stay in view. */
function pane({ rows, columns }: Sheet["freeze"]): string {
  if (rows === 0 && columns === 0) return "";
  const topLeft = `${columnName(columns + 1)}${rows + 1}`;
  const active = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  const split = `${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}`;
  return (
    `<pane${split} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
    `<selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`
  );
}

/** The relationships part of a sheet with links (`xl/worksheets/_rels/sheetN.xml.rels`). */
export function sheetRelsXml(links: readonly SheetLink[]): string {
  const type = `${REL_NS}/hyperlink`;
  const items = links.map(
    (l) => `<Relationship Id="${l.id}" Type="${type}" Target="${xmlText(l.url)}" TargetMode="External"/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}
