/**
 * The Markdown report: lays the context out with the templates in this folder, section by section, and fits
 * the result into the character budget of a GitHub comment.
 *
 * Sections are separated by a line `<!-- ladder-diff:cut -->`: every such line is a safe place to cut (no
 * open table, list, fence or `<details>` crosses it). When the report is too long, detail goes first, whole
 * sections at a time and from the end: the full before/after texts, the lists of added or removed
 * expectations, the word diffs, the structural lists, the generated files, the rows of the changes table,
 * the problems. A note then says what was left out and where the full report is.
 */
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import type { LadderContext, ReportContext } from "../../scripts/report.js";
import { raw } from "./escape.js";

/** The line between two sections; a comment poster may cut a body at any of them. */
export const CUT = "<!-- ladder-diff:cut -->";
const SEP = `\n\n${CUT}\n\n`;
/** Rows per table section, so that a long table loses rows from its end rather than all at once. */
const ROWS_PER_TABLE = 50;

const hb = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();

function template(name: string): HandlebarsTemplateDelegate {
  let compiled = cache.get(name);
  if (!compiled) {
    const text = readFileSync(new URL(`./${name}.hbs`, import.meta.url), "utf8");
    compiled = hb.compile(text, { knownHelpersOnly: true });
    cache.set(name, compiled);
  }
  return compiled;
}

const layout = (name: string, context: object) => template(name)(context).trimEnd();

type Omission = "full" | "lists" | "diffs" | "structure" | "files" | "rows" | "problems";

/** A section in its richer and poorer forms (the last is ""), and when and as what it is given up. */
interface Section {
  variants: string[];
  steps: Array<{ stage: number; omits: Omission }>;
  count: number;
  at: number;
}

/** Renders the report; the result is at most `maxChars` characters unless even the headline is longer. */
export function renderReport(context: ReportContext, maxChars: number): string {
  const header = layout("header", context);
  const footer = context.artifacts ? layout("footer", context) : "";
  const sections = [
    ...chunks(context.problems, ROWS_PER_TABLE).map((items, k) =>
      droppable(layout("problems", { first: k === 0, items }), 7, "problems", items.length),
    ),
    ...context.ladders.flatMap(ladderSections),
    ...(context.files ? [droppable(layout("files", context.files), 5, "files", 1)] : []),
  ];
  const document = (note: string) =>
    `${layout("report", { marker: context.marker, sections: [header, note, ...visible(sections), footer].filter(Boolean).map(raw) })}\n`;

  const full = document("");
  if (full.length <= maxChars) return full;

  const omitted = new Map<Omission, number>();
  const totals = new Map<Omission, number>();
  for (const s of sections) for (const step of s.steps) totals.set(step.omits, (totals.get(step.omits) ?? 0) + s.count);
  const reserve = note(context, totals, maxChars).length + SEP.length;
  let size = full.length;
  for (let stage = 1; stage <= 7 && size + reserve > maxChars; stage++) {
    for (let i = sections.length - 1; i >= 0 && size + reserve > maxChars; i--) {
      const section = sections[i];
      const step = section.steps[section.at];
      if (!step || step.stage !== stage) continue;
      size -= cost(section.variants[section.at]) - cost(section.variants[section.at + 1]);
      section.at++;
      omitted.set(step.omits, (omitted.get(step.omits) ?? 0) + section.count);
    }
  }
  return document(note(context, omitted, maxChars));
}

function ladderSections(ladder: LadderContext): Section[] {
  return [
    ...chunks(ladder.rows, ROWS_PER_TABLE).map((rows, k) =>
      droppable(layout("table", { heading: k === 0 ? ladder.heading : undefined, rows }), 6, "rows", rows.length),
    ),
    ...(ladder.structure.length > 0
      ? [droppable(layout("structure", { items: ladder.structure }), 4, "structure", 1)]
      : []),
    ...ladder.texts.map((text) => ({
      variants: [layout("text", { ...text, full: true }), layout("text", { ...text, full: false }), ""],
      steps: [
        { stage: 1, omits: "full" as const },
        { stage: 3, omits: "diffs" as const },
      ],
      count: 1,
      at: 0,
    })),
    ...ladder.lists.map((list) => droppable(layout("list", list), 2, "lists", 1)),
  ];
}

function droppable(text: string, stage: number, omits: Omission, count: number): Section {
  return { variants: [text, ""], steps: [{ stage, omits }], count, at: 0 };
}

function visible(sections: readonly Section[]): string[] {
  return sections.map((s) => s.variants[s.at]).filter(Boolean);
}

/** What a section adds to the document, separator included. */
function cost(text: string): number {
  return text === "" ? 0 : text.length + SEP.length;
}

const words: Record<Omission, (n: number) => string> = {
  full: (n) => `the full text of ${n} changed ${n === 1 ? "text" : "texts"}`,
  lists: (n) => `${n} ${n === 1 ? "list" : "lists"} of added or removed expectations`,
  diffs: (n) => `the word diffs of ${n} changed ${n === 1 ? "text" : "texts"}`,
  structure: (n) => `the structural changes of ${n} ${n === 1 ? "ladder" : "ladders"}`,
  files: () => "the list of generated files",
  rows: (n) => `${n} ${n === 1 ? "row" : "rows"} of the changes table`,
  problems: (n) => `${n} ${n === 1 ? "problem" : "problems"}`,
};

function note(context: ReportContext, omitted: ReadonlyMap<Omission, number>, maxChars: number): string {
  const parts = (Object.keys(words) as Omission[]).flatMap((k) =>
    omitted.get(k) ? [words[k](omitted.get(k) ?? 0)] : [],
  );
  if (parts.length === 0) return "";
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return layout("note", { max: maxChars.toLocaleString("en-US"), omitted: list, fullReport: context.fullReport });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
