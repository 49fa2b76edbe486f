/**
 * Reads a handbook page into one table per ladder: a page may hold several tables (an individual-contributor
 * track, then a `# … Leadership` heading and a manager track), each headed by its own heading, with prose
 * around them. Nothing is dropped: every heading, paragraph and list before, between and after the tables
 * becomes a prose section of the ladder it stands next to, or the page is refused at the line that cannot be
 * kept (raw HTML, an image, a table that is not a ladder …). Pure.
 *
 * Which ladder a text belongs to: between two tables, the shallowest heading (the first of them) names the next
 * table's ladder; what stands before that heading is the previous ladder's afterword, what follows it the next
 * ladder's prose. Text before the first table's heading, and after the last table, go to the first ladder's
 * prose and the last ladder's afterword.
 */
import { unescapeMarkdown } from "../../generators/markdown/escape.js";
import { checkSection } from "../check/prose.js";
import type { Section } from "../model/model.js";
import { readMarkdownTable } from "./import-markdown.js";
import { type ImportedTable, ParseFailure } from "./import-table.js";

/** A block of the page: a heading, a run of table lines, or a run of other non-blank lines (a paragraph, a list). */
type Block =
  | { kind: "heading"; line: number; depth: number; text: string }
  | { kind: "table"; line: number; end: number }
  | { kind: "text"; line: number; lines: string[] };

const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^\s*(```|~~~)/;

function blocksOf(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const last = blocks.at(-1);
    if (FENCE.test(line)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", line: i + 1, depth: (heading[1] as string).length, text: heading[2] as string });
    } else if (!fenced && line.trimStart().startsWith("|")) {
      if (last?.kind === "table" && last.end === i) last.end = i + 1;
      else blocks.push({ kind: "table", line: i + 1, end: i + 1 });
    } else if (line.trim() === "" && !fenced) {
      blocks.push({ kind: "text", line: i + 1, lines: [] });
    } else if (last?.kind === "text" && last.lines.length > 0) last.lines.push(line);
    else blocks.push({ kind: "text", line: i + 1, lines: [line] });
  }
  // A blank line only separates; empty text blocks go, but the paragraph breaks they made are kept below.
  return blocks.filter((b) => b.kind !== "text" || b.lines.length > 0);
}

/** Whether the page is our own `dist/<id>.md`, whose level sections and lists the table reader gives back. */
function isOurMarkdown(text: string): boolean {
  return /^## <a id="level-[a-z0-9-]+"><\/a>/m.test(text);
}

/** Prose blocks as sections: a heading starts one; text before any heading makes a section without one. */
function sectionsOf(blocks: readonly Block[]): Section[] {
  const sections: Array<Section & { line: number; paragraphs: string[]; lines: number[] }> = [];
  for (const block of blocks) {
    if (block.kind === "table") continue;
    if (block.kind === "heading") {
      const depth = Math.min(4, Math.max(2, block.depth)) as 2 | 3 | 4;
      sections.push({ heading: unescapeMarkdown(block.text), depth, line: block.line, paragraphs: [], lines: [] });
      continue;
    }
    let current = sections.at(-1);
    if (!current) {
      current = { line: block.line, paragraphs: [], lines: [] };
      sections.push(current);
    }
    current.paragraphs.push(block.lines.map((l) => l.trimEnd()).join("\n"));
    current.lines.push(block.line);
  }
  return sections.map(({ line, paragraphs, lines, ...section }) => {
    const out: Section = { ...section, ...(paragraphs.length > 0 ? { text: paragraphs.join("\n\n") } : {}) };
    if (out.depth === 2) delete out.depth;
    const problems = checkSection(out, []);
    if (problems.length > 0) {
      // Point at the paragraph that cannot be kept, not at the start of its section.
      const at = paragraphs.findIndex((text) => checkSection({ text }, []).length > 0);
      const message = (at >= 0 ? checkSection({ text: paragraphs[at] as string }, [])[0] : problems[0])?.message;
      throw new ParseFailure(
        at >= 0 ? (lines[at] as number) : line,
        `this text cannot be kept as ladder prose: ${message}`,
      );
    }
    return out;
  });
}

/** Paragraphs only, no heading, no list: the one-paragraph introduction a `summary` has always held. */
function asSummary(blocks: readonly Block[]): string | undefined {
  if (blocks.length === 0 || blocks.some((b) => b.kind !== "text")) return undefined;
  const texts = blocks.map((b) => (b.kind === "text" ? b.lines : []));
  // A list, raw HTML or anything else Markdown gives meaning to at the start of a line is prose, checked as such.
  if (texts.some((lines) => lines.some((l) => /^\s*([-*+]|\d+[.)])\s|^\s*[<>!`~]/.test(l)))) return undefined;
  return unescapeMarkdown(texts.map((lines) => lines.join("\n")).join("\n\n"));
}

/**
 * Reads every ladder of a Markdown page, in page order. Throws ParseFailure at the line that cannot be read or
 * kept. A page with one table and no prose beyond a title and a paragraph reads exactly as before.
 */
export function readMarkdownPage(text: string): ImportedTable[] {
  if (isOurMarkdown(text)) return [readMarkdownTable(text)];
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const blocks = blocksOf(lines);
  const tables = blocks.flatMap((b, i) => (b.kind === "table" ? [i] : []));
  if (tables.length === 0) return [readMarkdownTable(text)];

  const ladders: Array<{ table: ImportedTable; before: Block[]; after: Block[] }> = [];
  tables.forEach((at, k) => {
    const table = blocks[at] as Extract<Block, { kind: "table" }>;
    const from = k === 0 ? 0 : (tables[k - 1] as number) + 1;
    const between = blocks.slice(from, at);
    const headings = between.flatMap((b, i) => (b.kind === "heading" ? [{ b, i }] : []));
    const shallowest = Math.min(...headings.map(({ b }) => (b.kind === "heading" ? b.depth : 7)));
    const title = headings.find(({ b }) => b.kind === "heading" && b.depth === shallowest);
    if (!title && k > 0) {
      throw new ParseFailure(
        table.line,
        "this table has no heading above it to name its ladder; add a heading line such as `# Ops Leadership` above it",
      );
    }
    // The table alone, at its own lines, so every line number the table reader reports is the page's.
    const only = lines.map((line, i) => (i + 1 >= table.line && i + 1 <= table.end ? line : "")).join("\n");
    const read = readMarkdownTable(only);
    if (title && title.b.kind === "heading") read.title = unescapeMarkdown(title.b.text);
    const cut = title ? title.i : 0;
    if (k > 0) ladders[k - 1]?.after.push(...between.slice(0, cut));
    const leading = k === 0 ? between.slice(0, cut) : [];
    ladders.push({ table: read, before: [...leading, ...between.slice(title ? cut + 1 : 0)], after: [] });
  });
  ladders.at(-1)?.after.push(...blocks.slice((tables.at(-1) as number) + 1));

  return ladders.map(({ table, before, after }) => {
    const summary = asSummary(before);
    if (summary !== undefined) table.summary = summary;
    else if (before.length > 0) table.prose = sectionsOf(before);
    if (after.length > 0) table.afterword = sectionsOf(after);
    return table;
  });
}
