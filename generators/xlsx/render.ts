/**
 * The workbook generator: `dist/<id>.xlsx`, the ladder as a formatted spreadsheet (Office Open XML,
 * ECMA-376). Code decides what each sheet holds (sheets.ts); worksheet.ts, styles.ts and package.ts lay it
 * out as SpreadsheetML. This returns the package's parts as XML text (or its UTF-8 bytes); scripts/dist/zip.ts packs them into the
 * file, with fixed timestamps. Pure and deterministic. Why our own writer and not a workbook library:
 * ARCHITECTURE.md, "Decisions".
 */
import type { Ladder } from "../../scripts/model/model.js";
import type { RenderOptions } from "../shared/site.js";
import {
  APP_XML,
  contentTypesXml,
  coreXml,
  ROOT_RELS,
  sheetPath,
  sheetRelsPath,
  workbookRelsXml,
  workbookXml,
} from "./package.js";
import { sheetsOf } from "./sheets.js";
import { STYLES_XML } from "./styles.js";
import { SharedStrings, sheetRelsXml, worksheetXml } from "./worksheet.js";

/** One part of the package: its path inside the zip and its XML, as text or (the large parts) UTF-8 bytes. */
export interface XlsxPart {
  path: string;
  text: string | Uint8Array;
}

/** The parts of `dist/<id>.xlsx`, in the order they are packed ([Content_Types].xml first, as Excel writes). */
export function renderXlsxParts(ladder: Ladder, options: RenderOptions = {}): XlsxPart[] {
  const sheets = sheetsOf(ladder, options);
  const strings = new SharedStrings();
  const worksheets: XlsxPart[] = [];
  sheets.forEach((sheet, i) => {
    const { xml, links } = worksheetXml(sheet, strings, i === 0);
    worksheets.push({ path: sheetPath(i + 1), text: xml });
    if (links.length > 0) worksheets.push({ path: sheetRelsPath(i + 1), text: sheetRelsXml(links) });
  });
  return [
    { path: "[Content_Types].xml", text: contentTypesXml(sheets.length) },
    { path: "_rels/.rels", text: ROOT_RELS },
    { path: "docProps/app.xml", text: APP_XML },
    { path: "docProps/core.xml", text: coreXml(ladder) },
    { path: "xl/workbook.xml", text: workbookXml(sheets) },
    { path: "xl/_rels/workbook.xml.rels", text: workbookRelsXml(sheets.length) },
    { path: "xl/styles.xml", text: STYLES_XML },
    { path: "xl/sharedStrings.xml", text: strings.xml() },
    ...worksheets,
  ];
}
