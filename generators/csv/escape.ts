/**
 * CSV escaping (RFC 4180) with formula neutralisation (OWASP "CSV Injection"): any ladder text becomes one
 * field that every spreadsheet reads back as that text and never runs as a formula.
 */

declare const csvBrand: unique symbol;
/** A field that `csvField` produced: quoted and neutralised, safe to join with commas. */
export type CsvField = string & { readonly [csvBrand]: true };

/**
 * Starts that Excel, LibreOffice or Google Sheets would evaluate (`=`, `+`, `-`, `@`) or that can smuggle one
 * past a trimming import (tab, CR), as OWASP lists them. Apostrophes before such a start are included, so a
 * text that itself begins with `'=` gets its own apostrophe and the neutralisation stays reversible.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Prefixes text a spreadsheet would run as a formula with `'`, which makes it text; other text is unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseFormula`: what a reader of our CSV (tests, `ladder import`) applies to a field. */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * One CSV field: neutralised, then always quoted with inner quotes doubled. Quoting every field (as OWASP
 * advises) keeps a field whole even where a spreadsheet's locale splits on `;` or tab instead of `,`.
 */
export function csvField(text: string): CsvField {
  const neutral = neutraliseFormula(text);
  return `"${neutral.includes('"') ? neutral.replace(/"/g, '""') : neutral}"` as CsvField;
}
