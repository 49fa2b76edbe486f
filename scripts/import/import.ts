/**
 * Import: an existing ladder (a Markdown pipe table, our matrix or cells CSV, or our workbook) to ladder data
 * and canonical YAML. Pure: text or bytes in, data or a ParseFailure's line and message out;
 * `scripts/cli/commands/import.ts` is the edge.
 */
import { Document } from "yaml";
import type { Ladder } from "../model/model.js";
import { formatLadder, STRINGIFY_OPTIONS } from "./format.js";
import { readCsvTable } from "./import-csv.js";
import { readMarkdownPage } from "./import-page.js";
import { buildLadder, type ImportedTable, ParseFailure } from "./import-table.js";
import { readWorkbookTable } from "./import-xlsx.js";

export type ImportFormat = "markdown" | "csv" | "xlsx";

export type LadderData = Omit<Ladder, "id" | "file">;

export type ImportResult = { ok: true; ladder: LadderData } | { ok: false; line: number; message: string };

/**
 * Every ladder of an input, in its order; a Markdown page may hold several. `ids` holds, per ladder, the
 * ladder id the input names (our workbook and cells CSV do), where it is one.
 */
export type ImportAllResult =
  | { ok: true; ladders: LadderData[]; ids: Array<string | undefined> }
  | { ok: false; line: number; message: string };

export interface ImportOptions {
  format: ImportFormat;
  /** The title when the input has none (a CSV has none). */
  title: string;
  /** Repair mojibake (`doesnâ€™t` → `doesn’t`) in every text; otherwise every text is kept exactly. */
  fixEncoding?: boolean;
}

/**
 * The format of an input: a zip (`PK\x03\x04`) or `.xlsx` is a workbook; then by its extension, else by its
 * first line (`|` or `#` starts Markdown).
 */
export function detectFormat(file: string, input: string | Uint8Array): ImportFormat {
  const head = typeof input === "string" ? input.slice(0, 4096) : new TextDecoder().decode(input.subarray(0, 4096));
  if (/\.xlsx$/i.test(file) || head.startsWith("PK\u0003\u0004")) return "xlsx";
  if (/\.(md|markdown)$/i.test(file)) return "markdown";
  if (/\.csv$/i.test(file)) return "csv";
  const first = head.replace(/^\uFEFF/, "").trimStart();
  return first.startsWith("|") || first.startsWith("#") ? "markdown" : "csv";
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Reads every ladder of an input: text for Markdown and CSV, bytes for a workbook. Never throws on bad input: the result names the line. */
export function importLadders(input: string | Uint8Array, options: ImportOptions): ImportAllResult {
  try {
    const tables: ImportedTable[] =
      typeof input !== "string"
        ? [readWorkbookTable(input)]
        : options.format === "csv"
          ? [readCsvTable(input)]
          : readMarkdownPage(input);
    return {
      ok: true,
      ladders: tables.map((table) => buildLadder(table, options)),
      ids: tables.map((table) => (table.id !== undefined && ID.test(table.id) ? table.id : undefined)),
    };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}

/** Reads the one ladder of an input; an input with several tables is refused, naming how many. */
export function importLadder(input: string | Uint8Array, options: ImportOptions): ImportResult {
  const all = importLadders(input, options);
  if (!all.ok) return all;
  if (all.ladders.length !== 1) {
    return { ok: false, line: 1, message: `the page holds ${all.ladders.length} ladders; import them all at once` };
  }
  return { ok: true, ladder: all.ladders[0] as LadderData };
}

/**
 * The canonical YAML of ladder data, as `ladder fmt` writes it, headed by the schema modeline.
 * `schemaRef` is the schema's path relative to the output file (`../schemas/ladder.schema.json`).
 */
export function ladderYaml(ladder: LadderData, schemaRef: string): string {
  const ordered = {
    title: ladder.title,
    ...Object.fromEntries(
      (["version", "effective", "status", "replacedBy"] as const).flatMap((key) =>
        ladder[key] === undefined ? [] : [[key, ladder[key]]],
      ),
    ),
    ...(ladder.summary !== undefined ? { summary: ladder.summary } : {}),
    ...(ladder.prose !== undefined ? { prose: ladder.prose } : {}),
    levels: ladder.levels.map(({ id, code, title, summary }) => ({
      id,
      code,
      title,
      ...(summary !== undefined ? { summary } : {}),
    })),
    categories: ladder.categories.map((category) => ({
      id: category.id,
      name: category.name,
      ...(category.description !== undefined ? { description: category.description } : {}),
      competencies: category.competencies,
    })),
    ...(ladder.afterword !== undefined ? { afterword: ladder.afterword } : {}),
  };
  const body = new Document(ordered).toString(STRINGIFY_OPTIONS);
  const text = `# yaml-language-server: $schema=${schemaRef}\n\n${body}`;
  const formatted = formatLadder(text);
  if (!formatted.ok) throw new Error(`import produced YAML the formatter refuses: ${formatted.message}`);
  return formatted.text;
}
