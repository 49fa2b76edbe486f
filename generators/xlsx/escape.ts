/**
 * Escaping for SpreadsheetML (ECMA-376): any ladder text becomes XML that Excel, LibreOffice and every reader
 * of the format give back as exactly that text. Text reaches a workbook only as a string value (a shared
 * string), never as a formula, so nothing needs a guard character.
 */

/** The most characters a cell holds in Excel (and LibreOffice); longer text is cut there, with "…". */
export const CELL_LIMIT = 32_767;

// XML 1.0 cannot hold these even as character references; ECMA-376's ST_Xstring writes them as `_xHHHH_`.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
/** A text that already reads like `_x0041_` gets its underscore written as `_x005F_`, so it stays literal. */
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const UNWRITABLE_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const MARKUP = /[&<>"\r]/;
const MARKUP_ALL = /[&<>"\r]/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;" };

const hex = (char: string) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/**
 * Text as the content of an element or an attribute value: `&`, `<`, `>` and `"` as entities, a carriage
 * return as `&#13;` (an XML reader would otherwise turn it into a line feed), characters XML cannot hold as
 * `_xHHHH_` and a literal `_xHHHH_` with its underscore escaped, as Excel reads and writes them.
 */
export function xmlText(text: string): string {
  let out = text;
  if (out.includes("_x")) out = out.replace(LOOKS_ESCAPED, "_x005F_");
  if (UNWRITABLE.test(out)) out = out.replace(UNWRITABLE_ALL, hex);
  return MARKUP.test(out) ? out.replace(MARKUP_ALL, (char) => ENTITY[char] as string) : out;
}

/** The inverse of `xmlText`'s `_xHHHH_` step, for a reader that has already resolved the XML's entities. */
export function restoreXstring(text: string): string {
  return text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, code) => String.fromCharCode(parseInt(code, 16)))
    : text;
}

/** A text cut to what one cell holds (CELL_LIMIT), never inside a surrogate pair. */
export function cellValue(text: string): string {
  if (text.length <= CELL_LIMIT) return text;
  let end = CELL_LIMIT - 1;
  if (/[\ud800-\udbff]/.test(text[end - 1] as string)) end--;
  return `${text.slice(0, end)}…`;
}
