/**
 * The parts of the package around the sheets: content types, relationships, the workbook (sheet names, print
 * titles, the filter's range) and the document properties. Their dates are fixed (DOCUMENT_DATE), so the
 * workbook has the same bytes on every build. Pure.
 */
import { xmlText } from "./escape.js";
import type { Sheet } from "./sheets.js";
import { columnName, MAIN_NS, REL_NS, XML_HEAD } from "./worksheet.js";

/**
 * The creation and modification date in the document properties: fixed, as the zip's timestamps are
 * (scripts/dist/zip.ts), since a clock in an artifact would make every build differ. The ladder's own date,
 * when it has one, is its `effective` date, shown on the About sheet.
 */
export const DOCUMENT_DATE = "1980-01-01T00:00:00Z";

const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml";

const relationships = (items: Array<[id: string, type: string, target: string]>) =>
  `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELS}">${items
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
    .join("")}</Relationships>`;

export const sheetPath = (n: number) => `xl/worksheets/sheet${n}.xml`;
export const sheetRelsPath = (n: number) => `xl/worksheets/_rels/sheet${n}.xml.rels`;

/** Parts that depend only on the number of sheets, made once per number. */
const once = <T>(make: (count: number) => T) => {
  const made = new Map<number, T>();
  return (count: number): T => {
    let value = made.get(count);
    if (value === undefined) {
      value = make(count);
      made.set(count, value);
    }
    return value;
  };
};

/** `[Content_Types].xml` for a workbook of `count` sheets. */
export const contentTypesXml = once((count: number): string => {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  const sheets = Array.from({ length: count }, (_, i) => override(sheetPath(i + 1), `${SHEET_TYPE}.worksheet+xml`));
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override("xl/workbook.xml", `${SHEET_TYPE}.sheet.main+xml`) +
    sheets.join("") +
    override("xl/styles.xml", `${SHEET_TYPE}.styles+xml`) +
    override("xl/sharedStrings.xml", `${SHEET_TYPE}.sharedStrings+xml`) +
    override("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    override("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
    "</Types>"
  );
});

/** `_rels/.rels`: where the workbook and the properties are. */
export const ROOT_RELS = relationships([
  ["rId1", `${OFFICE_RELS}/officeDocument`, "xl/workbook.xml"],
  ["rId2", `${PACKAGE_RELS}/metadata/core-properties`, "docProps/core.xml"],
  ["rId3", `${OFFICE_RELS}/extended-properties`, "docProps/app.xml"],
]);

/** `xl/_rels/workbook.xml.rels`: the sheets (rId1 …), then the styles and the shared strings. */
export const workbookRelsXml = once((count: number): string => {
  const sheets = Array.from({ length: count }, (_, i): [string, string, string] => [
    `rId${i + 1}`,
    `${OFFICE_RELS}/worksheet`,
    `worksheets/sheet${i + 1}.xml`,
  ]);
  return relationships([
    ...sheets,
    [`rId${count + 1}`, `${OFFICE_RELS}/styles`, "styles.xml"],
    [`rId${count + 2}`, `${OFFICE_RELS}/sharedStrings`, "sharedStrings.xml"],
  ]);
});

/**
 * `xl/workbook.xml`: the sheets by name, the first one shown; a printed sheet repeats its frozen header rows
 * on every page (`_xlnm.Print_Titles`), and a filtered one names its range as Excel does (`_xlnm._FilterDatabase`).
 */
export function workbookXml(sheets: readonly Sheet[]): string {
  const names: string[] = [];
  sheets.forEach((sheet, i) => {
    if (sheet.print && sheet.freeze.rows > 0) {
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${sheet.name}!$1:$${sheet.freeze.rows}</definedName>`,
      );
    }
    if (sheet.filter) {
      const width = Math.max(sheet.columns.length, sheet.rows[0]?.length ?? 1);
      const range = `$A$1:$${columnName(width)}$${Math.max(sheet.rows.length, 1)}`;
      names.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sheet.name}!${range}</definedName>`,
      );
    }
  });
  const list = sheets.map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${list.join("")}</sheets>` +
    (names.length > 0 ? `<definedNames>${names.join("")}</definedNames>` : "") +
    "</workbook>"
  );
}

/** What the document properties say of the ladder. */
export interface Properties {
  title: string;
  summary?: string;
  version?: string;
}

/** `docProps/core.xml`: title, subject (the summary), version; the fixed dates. */
export function coreXml({ title, summary, version }: Properties): string {
  const date = (name: string) => `<dcterms:${name} xsi:type="dcterms:W3CDTF">${DOCUMENT_DATE}</dcterms:${name}>`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title>` +
    (summary !== undefined ? `<dc:subject>${xmlText(summary)}</dc:subject>` : "") +
    "<dc:creator>ladder-as-code</dc:creator>" +
    (version !== undefined ? `<cp:version>${xmlText(version)}</cp:version>` : "") +
    date("created") +
    date("modified") +
    "</cp:coreProperties>"
  );
}

/** `docProps/app.xml`: the application that wrote the file. */
export const APP_XML =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  "<Application>ladder-as-code</Application></Properties>";
