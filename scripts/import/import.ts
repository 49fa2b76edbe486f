/**
 * Import: an existing ladder (a Markdown pipe table or a matrix CSV) to ladder data and canonical YAML.
 * Pure: text in, data or a ParseFailure's line and message out; `scripts/commands/import.ts` is the edge.
 */
import { Document } from "yaml";
import type { Ladder } from "../model/model.js";
import { formatLadder, STRINGIFY_OPTIONS } from "./format.js";
import { readCsvTable } from "./import-csv.js";
import { readMarkdownPage } from "./import-page.js";
import { buildLadder, ParseFailure } from "./import-table.js";

export type ImportFormat = "markdown" | "csv";

export type LadderData = Omit<Ladder, "id" | "file">;

export type ImportResult = { ok: true; ladder: LadderData } | { ok: false; line: number; message: string };

/** Every ladder of an input, in its order; a Markdown page may hold several. */
export type ImportAllResult = { ok: true; ladders: LadderData[] } | { ok: false; line: number; message: string };

export interface ImportOptions {
  format: ImportFormat;
  /** The title when the input has none (a CSV has none). */
  title: string;
  /** Repair mojibake (`doesnâ€™t` → `doesn’t`) in every text; otherwise every text is kept exactly. */
  fixEncoding?: boolean;
}

/** The format of an input: by its extension, else by its first line (`|` or `#` starts Markdown). */
export function detectFormat(file: string, text: string): ImportFormat {
  if (/\.(md|markdown)$/i.test(file)) return "markdown";
  if (/\.csv$/i.test(file)) return "csv";
  const first = text.replace(/^\uFEFF/, "").trimStart();
  return first.startsWith("|") || first.startsWith("#") ? "markdown" : "csv";
}

/** Reads every ladder of a Markdown page or a CSV. Never throws on bad input: the result names the line. */
export function importLadders(text: string, options: ImportOptions): ImportAllResult {
  try {
    const tables = options.format === "csv" ? [readCsvTable(text)] : readMarkdownPage(text);
    return { ok: true, ladders: tables.map((table) => buildLadder(table, options)) };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}

/** Reads the one ladder of an input; an input with several tables is refused, naming how many. */
export function importLadder(text: string, options: ImportOptions): ImportResult {
  const all = importLadders(text, options);
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
