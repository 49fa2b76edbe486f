/**
 * The Markdown report: lays the context out with the templates in this folder, section by section, and fits
 * the result into the character budget of a GitHub comment.
 *
 * Sections are separated by a line `<!-- ladder-diff:cut -->`: every such line is a safe place to cut (no
 * open table, list, fence or `<details>` crosses it). When the whole report is too long, sections are taken
 * in order of importance, each kind in document order, for as long as they fit: the problems, the rows of
 * the changes table, the generated files, the structural changes, the word diffs, the lists of added or
 * removed expectations, and last the full before/after texts. What did not fit is left out whole, and a note
 * says what and where the full report is. Sections are built only when they are tried, so a change to
 * 50,000 cells costs no more than what fits.
 */
import type { LadderContext, Lazy, ReportContext } from "../../scripts/diff/report.js";
import { environment, template } from "../shared/templates.js";
import { raw } from "./escape.js";

/** The line between two sections; a comment poster may cut a body at any of them. */
export const CUT = "<!-- ladder-diff:cut -->";
const SEP = `\n\n${CUT}\n\n`;
/** Rows or items per section, so that a long table or list loses entries from its end, not all at once. */
const CHUNK = 50;

const hb = environment();
const cache = new Map<string, HandlebarsTemplateDelegate>();

function layout(name: string, context: object): string {
  let compiled = cache.get(name);
  if (!compiled) {
    compiled = template<object>(hb, new URL(`./${name}.hbs`, import.meta.url), { knownHelpersOnly: true });
    cache.set(name, compiled);
  }
  return compiled(context).trimEnd();
}

type Omission = "problems" | "rows" | "files" | "structure" | "diffs" | "lists" | "full";
/** Kinds of section from the most to the least important: the order in which they are given room. */
const priority: readonly Omission[] = ["problems", "rows", "files", "structure", "diffs", "lists", "full"];

/**
 * A place in the document and its forms, poorest to richest; form 0 is "left out". `steps[k]` is what
 * going from form k to form k+1 adds to the report (a word diff, then its full texts).
 */
interface Slot {
  forms: Array<Lazy<string>>;
  steps: Omission[];
  /** How many entries (rows, problems, sentences) the slot holds, for the note. */
  count: number;
  form: number;
}

/** Renders the report; the result is at most `maxChars` characters unless even the headline is longer. */
export function renderReport(context: ReportContext, maxChars: number): string {
  const header = layout("header", context);
  const footer = context.artifacts ? layout("footer", context) : "";
  const slots: Slot[] = [
    ...chunks(context.problems, CHUNK).map((items, k) =>
      slot(() => layout("problems", { first: k === 0, items }), "problems", items.length),
    ),
    ...context.ladders.flatMap(ladderSlots),
    ...(context.files ? [slot(() => layout("files", context.files ?? {}), "files", 1)] : []),
  ];
  const fixed = `${context.marker}\n${header}${footer ? SEP + footer : ""}\n`.length;

  let omitted = fill(slots, fixed, maxChars);
  if (omitted.size > 0) {
    const reserve = SEP.length + note(context, totals(slots), maxChars).length;
    omitted = fill(slots, fixed + reserve, maxChars);
  }
  const sections = slots.map((s) => s.forms[s.form]()).filter(Boolean);
  const parts = [header, note(context, omitted, maxChars), ...sections, footer].filter(Boolean).map(raw);
  return `${layout("report", { marker: context.marker, sections: parts })}\n`;
}

/**
 * Gives slots their richest forms that fit, kind by kind in order of priority and in document order within
 * a kind; at the first step that does not fit, it and everything after it is left out. Returns the counts left out.
 */
function fill(slots: Slot[], fixed: number, maxChars: number): Map<Omission, number> {
  for (const s of slots) s.form = 0;
  const omitted = new Map<Omission, number>();
  let size = fixed;
  let full = false;
  for (const kind of priority) {
    for (const s of slots) {
      if (s.steps[s.form] !== kind) continue;
      const grow = full ? Number.POSITIVE_INFINITY : cost(s.forms[s.form + 1]()) - cost(s.forms[s.form]());
      if (size + grow <= maxChars) {
        size += grow;
        s.form++;
        continue;
      }
      full = true;
      for (const step of s.steps.slice(s.form)) omitted.set(step, (omitted.get(step) ?? 0) + s.count);
    }
  }
  return omitted;
}

function ladderSlots(ladder: LadderContext): Slot[] {
  return [
    ...chunks(ladder.rows, CHUNK).map((rows, k) =>
      slot(
        () =>
          layout("table", {
            heading: k === 0 ? ladder.heading : undefined,
            version: k === 0 ? ladder.version : undefined,
            rows: rows.map((row) => row()),
          }),
        "rows",
        rows.length,
      ),
    ),
    ...chunks(ladder.structure, CHUNK).map((items, k) =>
      slot(
        () => layout("structure", { first: k === 0, items: items.map((item) => item()) }),
        "structure",
        items.length,
      ),
    ),
    ...ladder.texts.map((text): Slot => {
      const built = memo(text);
      return {
        forms: [
          () => "",
          memo(() => layout("text", { ...built(), full: false })),
          memo(() => layout("text", { ...built(), full: true })),
        ],
        steps: ["diffs", "full"],
        count: 1,
        form: 0,
      };
    }),
    ...ladder.lists.map((list) => slot(() => layout("list", list()), "lists", 1)),
  ];
}

function slot(render: Lazy<string>, step: Omission, count: number): Slot {
  return { forms: [() => "", memo(render)], steps: [step], count, form: 0 };
}

function memo<T>(make: Lazy<T>): Lazy<T> {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

/** What a section adds to the document, separator included. */
function cost(text: string): number {
  return text === "" ? 0 : text.length + SEP.length;
}

function totals(slots: readonly Slot[]): Map<Omission, number> {
  const all = new Map<Omission, number>();
  for (const s of slots) for (const step of s.steps) all.set(step, (all.get(step) ?? 0) + s.count);
  return all;
}

const words: Record<Omission, (n: number) => string> = {
  problems: (n) => `${n} ${n === 1 ? "problem" : "problems"}`,
  rows: (n) => `${n} ${n === 1 ? "row" : "rows"} of the changes table`,
  files: () => "the list of generated files",
  structure: (n) => `${n} structural ${n === 1 ? "change" : "changes"} in words`,
  diffs: (n) => `the word diffs of ${n} changed ${n === 1 ? "text" : "texts"}`,
  lists: (n) => `${n} ${n === 1 ? "list" : "lists"} of added or removed expectations`,
  full: (n) => `the full text of ${n} changed ${n === 1 ? "text" : "texts"}`,
};

function note(context: ReportContext, omitted: ReadonlyMap<Omission, number>, maxChars: number): string {
  const parts = priority.flatMap((k) => (omitted.get(k) ? [words[k](omitted.get(k) ?? 0)] : []));
  if (parts.length === 0) return "";
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  // Digits grouped by hand, as toLocaleString("en-US") would: that loads the locale data, ~10 ms of a diff.
  const max = String(maxChars).replace(/\B(?=(\d{3})+$)/g, ",");
  return layout("note", { max, omitted: list, fullReport: context.fullReport });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
