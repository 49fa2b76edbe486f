/**
 * Reads the sheets of a workbook (.xlsx: a zip of SpreadsheetML, ECMA-376) as rows of cell texts, for import.
 * fflate unzips; saxes parses the XML (strict: a malformed part is an error, not a guess). Only what import
 * needs is read: the workbook's sheet names, the shared strings and each sheet's cell values, as the text a
 * spreadsheet shows (a formula's last value, a number as written). Written by Excel, LibreOffice or us. Pure.
 */
import { unzipSync } from "fflate";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { restoreXstring } from "../../generators/xlsx/escape.js";
import { ParseFailure } from "./import-table.js";

/** A sheet's rows, by their 1-based row number; each row's texts by 0-based column ("" where no cell is). */
export interface SheetRows {
  name: string;
  rows: Array<{ row: number; fields: string[] }>;
}

/** More unpacked XML than this is refused: a workbook of a ladder is far smaller, and a zip bomb is not. */
const MAX_UNPACKED = 256 * 1024 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Every sheet of the workbook, in workbook order. Throws ParseFailure (line 1) when the file is no workbook. */
export function readWorkbook(bytes: Uint8Array): SheetRows[] {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNPACKED)
          throw new ParseFailure(1, "the workbook unpacks to more than 256 MB; that is no ladder");
        return file.name.endsWith(".xml") || file.name.endsWith(".rels");
      },
    });
  } catch (error) {
    if (error instanceof ParseFailure) throw error;
    throw new ParseFailure(1, `the file is not a workbook (.xlsx) that can be read: ${(error as Error).message}`);
  }
  const part = (name: string): string | undefined => {
    const data = files[name];
    if (data === undefined) return undefined;
    try {
      return decoder.decode(data);
    } catch {
      throw new ParseFailure(1, `the workbook's ${name} is not UTF-8`);
    }
  };
  const main = relationships(part("_rels/.rels"), "").find((r) => r.type.endsWith("/officeDocument"));
  const book = main?.target ?? "xl/workbook.xml";
  const bookXml = part(book);
  if (bookXml === undefined) throw new ParseFailure(1, "the file is a zip but holds no workbook (xl/workbook.xml)");
  const folder = book.includes("/") ? book.slice(0, book.lastIndexOf("/") + 1) : "";
  const rels = relationships(part(`${folder}_rels/${book.slice(folder.length)}.rels`), folder);
  const shared = rels.find((r) => r.type.endsWith("/sharedStrings"));
  const strings = shared ? sharedStrings(part(shared.target) ?? "", shared.target) : [];
  return sheetsOf(bookXml, book).flatMap(({ name, rel }) => {
    const target = rels.find((r) => r.id === rel)?.target;
    const xml = target === undefined ? undefined : part(target);
    return xml === undefined ? [] : [{ name, rows: sheetRows(xml, strings, target as string) }];
  });
}

/** Runs saxes over `xml`, calling `open`/`close` with each element's local name and `text` with its text. */
function walk(
  xml: string,
  part: string,
  on: {
    open?: (tag: SaxesTagNS, path: string[]) => void;
    close?: (local: string, path: string[]) => void;
    text?: (text: string, path: string[]) => void;
  },
): void {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  // An optional call skips evaluating its arguments, so the path is popped before the call, never in it.
  const close = () => {
    const local = path.pop() as string;
    on.close?.(local, path);
  };
  parser.on("opentag", (tag) => {
    path.push(tag.local);
    on.open?.(tag, path);
    if (tag.isSelfClosing) close();
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) close();
  });
  parser.on("text", (text) => on.text?.(text, path));
  parser.on("cdata", (text) => on.text?.(text, path));
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new ParseFailure(1, `the workbook's ${part} is not well-formed XML: ${(error as Error).message}`);
  }
}

const attr = (tag: SaxesTagNS, local: string): string | undefined =>
  Object.values(tag.attributes).find((a) => a.local === local)?.value;

/** A relationships part's entries, targets resolved to paths in the zip. */
function relationships(xml: string | undefined, folder: string): Array<{ id: string; type: string; target: string }> {
  if (xml === undefined) return [];
  const out: Array<{ id: string; type: string; target: string }> = [];
  walk(xml, "relationships", {
    open: (tag) => {
      if (tag.local !== "Relationship" || attr(tag, "TargetMode") === "External") return;
      const target = attr(tag, "Target") ?? "";
      out.push({ id: attr(tag, "Id") ?? "", type: attr(tag, "Type") ?? "", target: resolve(folder, target) });
    },
  });
  return out;
}

/** A relationship's target as a path in the zip: absolute (`/xl/…`) or relative to the part's folder. */
function resolve(folder: string, target: string): string {
  const segments = (target.startsWith("/") ? target.slice(1) : folder + target).split("/");
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

function sheetsOf(xml: string, part: string): Array<{ name: string; rel: string }> {
  const out: Array<{ name: string; rel: string }> = [];
  walk(xml, part, {
    open: (tag, path) => {
      if (tag.local === "sheet" && path.at(-2) === "sheets")
        out.push({ name: attr(tag, "name") ?? "", rel: attr(tag, "id") ?? "" });
    },
  });
  return out;
}

/** The shared strings: each `<si>`'s text, its rich-text runs joined, phonetic hints (`<rPh>`) left out. */
function sharedStrings(xml: string, part: string): string[] {
  const out: string[] = [];
  let current = "";
  walk(xml, part, {
    open: (tag) => {
      if (tag.local === "si") current = "";
    },
    text: (text, path) => {
      if (path.at(-1) === "t" && !path.includes("rPh")) current += text;
    },
    close: (local) => {
      if (local === "si") out.push(restoreXstring(current));
    },
  });
  return out;
}

/** `C12` → column 2 (0-based), row 12. */
function cellRef(ref: string | undefined): { column: number; row: number } | undefined {
  const match = ref === undefined ? null : /^([A-Z]{1,3})(\d+)$/.exec(ref.replace(/\$/g, ""));
  if (!match) return undefined;
  let column = 0;
  for (const char of match[1]) column = column * 26 + (char.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(match[2]) };
}

/** A sheet's cell texts, by row. */
function sheetRows(xml: string, strings: readonly string[], part: string): SheetRows["rows"] {
  const rows: SheetRows["rows"] = [];
  let row = 0;
  let column = -1;
  let fields: string[] = [];
  let type = "n";
  let value = "";
  let inline = "";
  walk(xml, part, {
    open: (tag, path) => {
      if (tag.local === "row" && path.at(-2) === "sheetData") {
        const r = Number(attr(tag, "r"));
        row = Number.isInteger(r) && r > row ? r : row + 1;
        column = -1;
        fields = [];
      } else if (tag.local === "c" && path.at(-2) === "row") {
        const ref = cellRef(attr(tag, "r"));
        column = ref ? ref.column : column + 1;
        type = attr(tag, "t") ?? "n";
        value = "";
        inline = "";
      }
    },
    text: (text, path) => {
      const here = path.at(-1);
      if (here === "v" && path.at(-2) === "c") value += text;
      else if (here === "t" && path.includes("is") && !path.includes("rPh")) inline += text;
    },
    close: (local, path) => {
      if (local === "c" && path.at(-1) === "row") {
        while (fields.length < column) fields.push("");
        fields[column] = cellText(type, value, inline, strings);
      } else if (local === "row" && path.at(-1) === "sheetData") {
        rows.push({ row, fields });
      }
    },
  });
  return rows;
}

/** What a cell shows, as text. */
function cellText(type: string, value: string, inline: string, strings: readonly string[]): string {
  switch (type) {
    case "s":
      return strings[Number(value)] ?? "";
    case "inlineStr":
      return restoreXstring(inline);
    case "str":
      return restoreXstring(value);
    case "b":
      return value === "1" ? "TRUE" : "FALSE";
    default:
      return value;
  }
}
