/**
 * Text helpers for `lint`: where a ladder holds text meant for people, and how its words are compared.
 * Pure; shared by the rules in lint.ts.
 */
import type { DocPath, Ladder, Level } from "../model/model.js";

export type LadderData = Omit<Ladder, "id" | "file">;

/** One piece of text shown to people, with the path of the YAML node that holds it. */
export interface TextField {
  path: DocPath;
  text: string;
}

const fieldsCache = new WeakMap<LadderData, TextField[]>();
const rowsCache = new WeakMap<LadderData, Row[]>();

/** Every text of a ladder shown to people, in document order: titles, names, summaries, cells, examples. */
export function textFields(ladder: LadderData): TextField[] {
  const cached = fieldsCache.get(ladder);
  if (cached) return cached;
  const fields: TextField[] = [];
  const add = (path: DocPath, text: string | undefined) => {
    if (typeof text === "string") fields.push({ path, text });
  };
  add(["title"], ladder.title);
  add(["summary"], ladder.summary);
  ladder.levels.forEach((level, i) => {
    add(["levels", i, "title"], level.title);
    add(["levels", i, "summary"], level.summary);
  });
  ladder.categories.forEach((category, c) => {
    add(["categories", c, "name"], category.name);
    add(["categories", c, "description"], category.description);
    category.competencies.forEach((competency, k) => {
      const at: DocPath = ["categories", c, "competencies", k];
      add([...at, "name"], competency.name);
      add([...at, "description"], competency.description);
      for (const [level, text] of Object.entries(competency.cells)) add([...at, "cells", level], text);
      for (const [level, list] of Object.entries(competency.examples ?? {})) {
        list.forEach((text, e) => {
          add([...at, "examples", level, e], text);
        });
      }
    });
  });
  fieldsCache.set(ladder, fields);
  return fields;
}

/** One cell, with its row and column, in level order. */
export interface Cell {
  path: DocPath;
  level: Level;
  text: string;
  /** The text as compared between cells (see `normalize`). */
  norm: string;
}

/** A competency's cells in level order (a valid ladder has one per level). */
export interface Row {
  path: DocPath;
  name: string;
  cells: Cell[];
}

/** Every competency row of a ladder, cells in the order of `levels`. Computed once per ladder object. */
export function rows(ladder: LadderData): Row[] {
  const cached = rowsCache.get(ladder);
  if (cached) return cached;
  const result = ladder.categories.flatMap((category, c) =>
    category.competencies.map((competency, k) => {
      const path: DocPath = ["categories", c, "competencies", k];
      const cells = ladder.levels
        .filter((level) => Object.hasOwn(competency.cells, level.id))
        .map((level) => {
          const text = competency.cells[level.id];
          return { path: [...path, "cells", level.id], level, text, norm: normalize(text) };
        });
      return { path, name: competency.name, cells };
    }),
  );
  rowsCache.set(ladder, result);
  return result;
}

/** Text as compared between cells: runs of whitespace count as one space, ends trimmed. */
export function normalize(text: string): string {
  // Text whose only whitespace is single spaces between words is already normal (most cells are).
  if (!/[^\S ]| {2}|^ | $/.test(text)) return text;
  return text.replace(/\s+/g, " ").trim();
}

/** The text around `index`, on one line, for quoting in a message. */
export function excerpt(text: string, index: number, length = 1, around = 16): string {
  const start = Math.max(0, index - around);
  const end = Math.min(text.length, index + length + around);
  const body = text.slice(start, end).replace(/\s/g, " ");
  return `${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`;
}

/** The whitespace-delimited word(s) around `text[index, index + length)`: `planning.Demonstrates`. */
export function wordAt(text: string, index: number, length: number): string {
  const before = /\S*$/.exec(text.slice(0, index))?.[0] ?? "";
  const after = /^\S*/.exec(text.slice(index + length))?.[0] ?? "";
  return `${before}${text.slice(index, index + length)}${after}`;
}

/** Length in characters (code points), not UTF-16 units. */
export function charLength(text: string): number {
  // Without surrogates every UTF-16 unit is one character.
  if (!/[\ud800-\udfff]/.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
