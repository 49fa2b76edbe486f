/**
 * Reads a Markdown ladder into a table for import: the seed's shape (a `# Title`, then a pipe table whose
 * header is `Category | Title (Code) …`, a bold row per category and an italic row per competency), and our own
 * `dist/<id>.md`, whose level sections also give back level ids, competency ids, level summaries and examples.
 * Pure.
 */
import { unescapeMarkdown } from "../../generators/markdown/escape.js";
import { readMarkdownStamp } from "../../generators/shared/stamp.js";
import { type ImportedTable, ParseFailure, parseLevelLabel } from "./import-table.js";

/** A table row's cells, split on pipes that are not escaped, each trimmed (raw Markdown, still escaped). */
export function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith("|")) body = body.slice(1);
  const cells: string[] = [];
  let cell = "";
  let closed = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "\\" && i + 1 < body.length) {
      cell += ch + body[i + 1];
      i++;
    } else if (ch === "|") {
      cells.push(cell.trim());
      cell = "";
      closed = true;
    } else {
      cell += ch;
      closed = false;
    }
  }
  // A row may end without its closing pipe.
  if (!closed || cell.trim() !== "") cells.push(cell.trim());
  return cells;
}

const DELIMITER = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** `**x**` → x, if the closing stars are not escaped. */
function unwrap(raw: string, mark: string): string | undefined {
  if (raw.length <= 2 * mark.length || !raw.startsWith(mark) || !raw.endsWith(mark)) return undefined;
  const inner = raw.slice(mark.length, -mark.length);
  const trailing = /\\*$/.exec(inner)?.[0].length ?? 0;
  return trailing % 2 === 0 ? inner : undefined;
}

/** Reads a Markdown ladder. Throws ParseFailure with the line that could not be read. */
export function readMarkdownTable(text: string): ImportedTable {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const start = lines.findIndex((line) => line.trimStart().startsWith("|"));
  if (start === -1) {
    throw new ParseFailure(1, "no Markdown table found: the ladder must be a pipe table (`| Category | … |`)");
  }
  const table: ImportedTable = { levels: [], groups: [] };
  readPreamble(lines.slice(0, start), table);

  const header = splitRow(lines[start]);
  if (header.length < 2)
    throw new ParseFailure(start + 1, "the table header needs a first column and one column per level");
  table.levels = header
    .slice(1)
    .map((cell) => ({ ...parseLevelLabel(unescapeMarkdown(cell), start + 1), line: start + 1 }));
  if (!DELIMITER.test(lines[start + 1] ?? "")) {
    throw new ParseFailure(start + 2, "the line under the table header must be a delimiter row like `| --- | --- |`");
  }
  let end = start + 2;
  for (; end < lines.length && lines[end].trimStart().startsWith("|"); end++) {
    const line = end + 1;
    const cells = splitRow(lines[end]);
    if (cells.length !== header.length) {
      throw new ParseFailure(line, `this row has ${cells.length} cells; the header has ${header.length}`);
    }
    const [first, ...rest] = cells;
    if (cells.every((cell) => cell === "")) continue;
    const bold = unwrap(first, "**");
    if (bold !== undefined) {
      if (rest.some((cell) => cell !== "")) {
        throw new ParseFailure(line, "a bold first cell starts a category, so the row's other cells must be empty");
      }
      table.groups.push({ name: unescapeMarkdown(bold), line, rows: [] });
      continue;
    }
    const name = unwrap(first, "*") ?? unwrap(first, "_") ?? first;
    const group = table.groups.at(-1);
    if (!group) {
      throw new ParseFailure(line, "a competency row comes before any category row (a row like `| **Skill** | | |`)");
    }
    group.rows.push({ name: unescapeMarkdown(name), line, cells: rest.map(unescapeMarkdown) });
  }
  readLevelSections(lines.slice(end), table);
  readAbout(lines.slice(end), table);
  return table;
}

const ABOUT_CATEGORY = /^- <a id="category-([a-z0-9-]+)"><\/a>\*\*((?:\\.|[^\\*])*)\*\*(?:: (.*))?$/;
const ABOUT_COMPETENCY = /^ {2}- <a id="competency-([a-z0-9-]+)"><\/a>\*(?:\\.|[^\\*])*\*: (.*)$/;

/**
 * Our Markdown's "About the competencies" list gives back category and competency descriptions and ids:
 * competencies by the ids in their anchors, categories by name, in order (the list names only those that
 * have something to say).
 */
function readAbout(lines: readonly string[], table: ImportedTable): void {
  const rows = new Map(table.groups.flatMap((group) => group.rows.map((row) => [row.id, row] as const)));
  let k = 0;
  for (const line of lines) {
    const category = ABOUT_CATEGORY.exec(line);
    if (category) {
      const name = unescapeMarkdown(category[2]);
      const at = table.groups.findIndex((g, i) => i >= k && g.name === name);
      if (at < 0) continue;
      k = at + 1;
      table.groups[at].id = category[1];
      if (category[3] !== undefined) table.groups[at].description = unescapeMarkdown(category[3]);
      continue;
    }
    const competency = ABOUT_COMPETENCY.exec(line);
    const row = competency ? rows.get(competency[1]) : undefined;
    if (competency && row) row.description = unescapeMarkdown(competency[2]);
  }
}

/** The `# Title`, our version line, and the paragraphs between them and the table (the summary). */
function readPreamble(lines: readonly string[], table: ImportedTable): void {
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    const heading = /^#[ \t]+(.*?)[ \t]*$/.exec(line);
    if (heading && table.title === undefined) {
      table.title = unescapeMarkdown(heading[1]);
      continue;
    }
    const stamp = table.title !== undefined && table.stamp === undefined ? readMarkdownStamp(line) : undefined;
    if (stamp) {
      // Our Markdown's version line: the ladder's own fields, not a paragraph of its summary.
      table.stamp = stamp;
      continue;
    }
    if (line.trim() === "" || /^#{1,6}[ \t]/.test(line)) {
      if (paragraphs.at(-1)?.length) paragraphs.push([]);
    } else if (table.title !== undefined) paragraphs.at(-1)?.push(line);
  }
  const text = paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join("\n"))
    .join("\n\n");
  if (text !== "") table.summary = unescapeMarkdown(text);
}

const SECTION = /^## <a id="level-([a-z0-9-]+)"><\/a>(.*)$/;
const ENTRY = /^- <a id="level-([a-z0-9-]+?)--([a-z0-9-]+)"><\/a>\*\*.*?\*\*: /;
const EXAMPLE = /^ {2}- (.*)$/;

/**
 * Our Markdown's level sections (`## <a id="level-l1"></a>Junior SRE (L1)`, then one entry per competency):
 * they give back ids, level summaries and examples. Used only when they match the matrix one to one.
 */
function readLevelSections(lines: readonly string[], table: ImportedTable): void {
  const rows = table.groups.flatMap((group) => group.rows);
  const sections: Array<{ id: string; summary: string[]; entries: Array<{ id: string; examples: string[] }> }> = [];
  for (const line of lines) {
    const section = SECTION.exec(line);
    if (section) {
      sections.push({ id: section[1], summary: [], entries: [] });
      continue;
    }
    const current = sections.at(-1);
    if (!current) continue;
    const entry = ENTRY.exec(line);
    const example = EXAMPLE.exec(line);
    if (entry) current.entries.push({ id: entry[2], examples: [] });
    else if (example && current.entries.length > 0) current.entries.at(-1)?.examples.push(unescapeMarkdown(example[1]));
    else if (/^#{1,6} /.test(line) || line.startsWith("---")) {
      if (line.startsWith("## ")) sections.push({ id: "", summary: [], entries: [] });
    } else if (line.trim() !== "" && current.entries.length === 0 && !line.startsWith("- ")) current.summary.push(line);
  }
  const levelSections = sections.filter((s) => s.id !== "");
  const matches =
    levelSections.length === table.levels.length &&
    levelSections.every((s) => s.entries.length === rows.length) &&
    rows.every((_, j) => levelSections.every((s) => s.entries[j].id === levelSections[0].entries[j].id));
  if (!matches) return;
  levelSections.forEach((section, k) => {
    const level = table.levels[k];
    level.id = section.id;
    if (section.summary.length > 0) level.summary = unescapeMarkdown(section.summary.join("\n"));
  });
  rows.forEach((row, j) => {
    row.id = levelSections[0].entries[j].id;
    row.examples = levelSections.map((section) => section.entries[j].examples);
  });
}
