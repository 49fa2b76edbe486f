/**
 * What the workbook's three sheets hold, decided from the ladder: which text goes in which cell, in which
 * style, how wide each column is, what is frozen and how it prints. Plain data; workbook.ts lays it out as
 * SpreadsheetML. Pure.
 *
 * - **Matrix**: one column per level after Competency and Description; a row per category, set apart, then a
 *   row per competency. Header row and the two name columns frozen; printed landscape, one page wide, the
 *   header on every page.
 * - **Cells**: one row per cell with ids (CELLS_COLUMNS, as `dist/<id>.cells.csv`), with a filter.
 * - **About**: title, summary, id, source file, version, effective date, organisation, what the shading of
 *   inherited names and cells means, links.
 *
 * In a track that extends a base, what is inherited (a category's or competency's name, a cell's text) is
 * shaded on the Matrix and Cells sheets, as the page and the Markdown mark it "from core".
 */
import { byCodeUnit, type Competency, type Ladder, levelLabel } from "../../scripts/model/model.js";
import { CELLS_COLUMNS } from "../csv/render.js";
import type { RenderOptions } from "../shared/site.js";

/** How a cell looks; workbook.ts gives each its font, fill, border and alignment. */
export type Style =
  | "header"
  | "category"
  | "name"
  | "text"
  | "notApplicable"
  | "notApplicableLong"
  | "plain"
  | "number"
  | "wrapped"
  | "title"
  | "label"
  | "link"
  | "inheritedName"
  | "inheritedText"
  | "inheritedLong";

export interface Cell {
  /** Text (always written as a string value) or a number; "" leaves the cell without a value. */
  value: string | number;
  style: Style;
  /** An external address the cell links to. */
  link?: string;
}

export interface Sheet {
  name: string;
  /** Column widths, in characters of the default font. */
  columns: number[];
  rows: Cell[][];
  /** Rows and columns kept in view while scrolling (the header, the name columns). */
  freeze: { rows: number; columns: number };
  /** Printed landscape, one page wide, with the frozen header rows repeated on every page. */
  print: boolean;
  /** A filter on the header row, over every row. */
  filter: boolean;
}

/** The matrix sheet's columns before the levels, and their widths. */
export const MATRIX_COLUMNS = ["Competency", "Description"] as const;
const NAME_WIDTH = 22;
const DESCRIPTION_WIDTH = 32;
const LEVEL_WIDTH = 36;

/**
 * A cell as the sheets show it: its text, shaded when inherited from a base ladder; or "Not applicable" (with
 * the reason) in the not-applicable style.
 */
function levelCell(competency: Competency, levelId: string): Cell {
  const text = competency.cells[levelId];
  if (text !== undefined) return { value: text, style: competency.cellsFrom?.[levelId] ? "inheritedText" : "text" };
  const reason = competency.notApplicable?.[levelId];
  if (reason === undefined) return { value: "", style: "text" };
  return { value: reason === "" ? "Not applicable" : `Not applicable: ${reason}`, style: "notApplicable" };
}

/**
 * Written with plain loops, not spreads of mapped arrays: V8 took about 30 ms to optimise the spread form (a
 * graph of every spread and callback inlined), more than the function's own run over 834 ladders.
 */
export function matrixSheet(ladder: Ladder): Sheet {
  const levels = ladder.levels;
  const header: Cell[] = [];
  for (const value of MATRIX_COLUMNS) header.push({ value, style: "header" });
  for (const level of levels) header.push({ value: levelLabel(level), style: "header" });
  const rows: Cell[][] = [header];
  for (const category of ladder.categories) {
    const row: Cell[] = [
      { value: category.name, style: category.from ? "inheritedName" : "category" },
      { value: category.description ?? "", style: "category" },
    ];
    for (let i = 0; i < levels.length; i++) row.push({ value: "", style: "category" });
    rows.push(row);
    for (const competency of category.competencies) {
      const cells: Cell[] = [
        { value: competency.name, style: competency.from ? "inheritedName" : "name" },
        { value: competency.description ?? "", style: competency.from ? "inheritedText" : "text" },
      ];
      for (const level of levels) cells.push(levelCell(competency, level.id));
      rows.push(cells);
    }
  }
  const columns = [NAME_WIDTH, DESCRIPTION_WIDTH];
  for (let i = 0; i < levels.length; i++) columns.push(LEVEL_WIDTH);
  return {
    name: "Matrix",
    columns,
    rows,
    freeze: { rows: 1, columns: MATRIX_COLUMNS.length },
    print: true,
    filter: false,
  };
}

const CELLS_WIDTHS: Record<(typeof CELLS_COLUMNS)[number], number> = {
  ladder_id: 14,
  category_id: 16,
  category: 20,
  competency_id: 22,
  competency: 22,
  competency_description: 36,
  level_id: 10,
  level_rank: 10,
  level_code: 11,
  level_title: 22,
  text: 72,
};

/** A matrix cell's style as the Cells sheet's text column shows it (no border: a long list, filtered). */
const LONG_STYLE: Partial<Record<Style, Style>> = {
  notApplicable: "notApplicableLong",
  inheritedText: "inheritedLong",
};

export function cellsSheet(ladder: Ladder): Sheet {
  const rows: Cell[][] = [CELLS_COLUMNS.map((value): Cell => ({ value, style: "header" }))];
  const plain = (value: string): Cell => ({ value, style: "plain" });
  for (const category of ladder.categories) {
    for (const competency of category.competencies) {
      ladder.levels.forEach((level, index) => {
        const cell = levelCell(competency, level.id);
        rows.push([
          plain(ladder.id),
          plain(category.id),
          plain(category.name),
          plain(competency.id),
          plain(competency.name),
          { value: competency.description ?? "", style: "wrapped" },
          plain(level.id),
          { value: index + 1, style: "number" },
          plain(level.code),
          plain(level.title),
          { value: cell.value, style: LONG_STYLE[cell.style] ?? "wrapped" },
        ]);
      });
    }
  }
  return {
    name: "Cells",
    columns: CELLS_COLUMNS.map((column) => CELLS_WIDTHS[column]),
    rows,
    freeze: { rows: 1, columns: 0 },
    print: true,
    filter: true,
  };
}

/** The labels of the About sheet, in order; a reader (scripts/import/) finds the title and summary by them. */
export const ABOUT_LABELS = {
  title: "Title",
  summary: "Summary",
  id: "Ladder id",
  file: "Source file",
  version: "Version",
  effective: "Effective",
  status: "Status",
  replacedBy: "Replaced by",
  organisation: "Organisation",
  track: "Track",
  extends: "Extends",
  inherited: "Inherited",
  repository: "Repository",
} as const;

export function aboutSheet(ladder: Ladder, options: RenderOptions): Sheet {
  const rows: Cell[][] = [
    [
      { value: ABOUT_LABELS.title, style: "label" },
      { value: ladder.title, style: "title" },
    ],
  ];
  const add = (label: string, value: string | undefined, link?: string) => {
    if (value === undefined) return;
    rows.push([{ value: label, style: "label" }, link ? { value, style: "link", link } : { value, style: "wrapped" }]);
  };
  const repository = options.site?.repository;
  add(ABOUT_LABELS.summary, ladder.summary);
  add(ABOUT_LABELS.id, ladder.id);
  add(ABOUT_LABELS.file, ladder.file, repository ? `${repository}/blob/HEAD/${filePath(ladder.file)}` : undefined);
  add(ABOUT_LABELS.version, ladder.version);
  add(ABOUT_LABELS.effective, ladder.effective);
  // Shown only when people are no longer measured against it (`current` is the default, said nowhere else).
  add(ABOUT_LABELS.status, ladder.status === undefined || ladder.status === "current" ? undefined : ladder.status);
  add(ABOUT_LABELS.replacedBy, ladder.replacedBy);
  add(ABOUT_LABELS.organisation, ladder.organisation?.title);
  add(ABOUT_LABELS.track, ladder.organisation?.track);
  add(ABOUT_LABELS.extends, ladder.extends);
  add(ABOUT_LABELS.inherited, inheritedFrom(ladder));
  add(ABOUT_LABELS.repository, repository, repository);
  rows.push([]);
  rows.push([
    {
      value: `Generated from ${ladder.file} by ladder-as-code. Edit the ladder file, not this workbook: it is rebuilt from it.`,
      style: "plain",
    },
  ]);
  return { name: "About", columns: [16, 90], rows, freeze: { rows: 0, columns: 0 }, print: false, filter: false };
}

/**
 * The About sheet's legend for shaded cells, naming the ladders the shaded text comes from; undefined when
 * nothing is inherited.
 */
function inheritedFrom(ladder: Ladder): string | undefined {
  const from = new Set<string>();
  for (const category of ladder.categories) {
    if (category.from) from.add(category.from);
    for (const competency of category.competencies) {
      if (competency.from) from.add(competency.from);
      for (const id of Object.values(competency.cellsFrom ?? {})) from.add(id);
    }
  }
  if (from.size === 0) return undefined;
  const names = [...from].sort(byCodeUnit).join(", ");
  return `Shaded names and cells are inherited from ${names}; change them there. The rest is this ladder's own.`;
}

/** Path segments of a repository file, each percent-encoded (as the web page's links, generators/html/links.ts). */
const filePath = (file: string) => file.split("/").map(encodeURIComponent).join("/");

/** The three sheets, in the order the workbook shows them. */
export function sheetsOf(ladder: Ladder, options: RenderOptions = {}): Sheet[] {
  return [matrixSheet(ladder), cellsSheet(ladder), aboutSheet(ladder, options)];
}
