/**
 * Which dist/ files a change rewrites, without rendering them: what `ladder diff` lists as "generated files
 * that change". Rendering both sides of a 50,000-cell change costs seconds; this costs milliseconds.
 *
 * Each kind of file has a *view*: the values of the ladder its generator shows, flattened in a fixed order
 * with the length of every list, so that two ladders have equal views exactly when the generator writes the
 * same bytes for both (every generator escapes reversibly, so different values never print alike). Equal
 * views mean an unchanged file; different views a changed one. test/generated.test.ts holds each view to the
 * real generator by changing every field of the model, one at a time, and comparing with rendered files.
 * Pure.
 */
import { isDeepStrictEqual } from "node:util";
import { sourceName } from "../../generators/markdown/render.js";
import { type ArtifactKind, artifactsOf, INDEX_FILES } from "../../generators/shared/artifacts.js";
import {
  type Category,
  type Competency,
  cellText,
  competencyCount,
  type Ladder,
  type Level,
  levelLabel,
  sameLadder,
} from "../model/model.js";
import { byCodeUnit } from "./change.js";

type Value = string | number | boolean | undefined;

/**
 * A kind of file's view, in two parts so two ladders are compared row by row and the comparison stops at
 * the first difference: the ladder's own values, the categories and the number of rows (`head`), then each
 * competency's values (`row`), in order.
 */
interface View {
  head: (ladder: Ladder) => Value[];
  row: (ladder: Ladder, category: Category, competency: Competency) => Value[];
}

const label = (level: Level) => levelLabel(level);
const cells = (ladder: Ladder, competency: Competency) =>
  ladder.levels.map((level) => (Object.hasOwn(competency.cells, level.id) ? competency.cells[level.id] : ""));
/** A cell as the CSV files show it: its text, or "Not applicable" with the reason. */
const plainCells = (ladder: Ladder, competency: Competency) =>
  ladder.levels.map((level) => cellText(competency, level.id));

/**
 * What the Markdown and the JSON show of prose, inheritance and the organisation (absent for a plain ladder,
 * so its view is as before): one value for the ladder and its levels and categories, one per row.
 */
const orgHead = (ladder: Ladder): Value[] =>
  ladder.prose === undefined &&
  ladder.afterword === undefined &&
  ladder.extends === undefined &&
  ladder.dropped === undefined &&
  ladder.organisation === undefined &&
  ladder.levels.every((l) => l.scale === undefined && l.prose === undefined) &&
  ladder.categories.every((c) => c.prose === undefined && c.from === undefined)
    ? []
    : [
        JSON.stringify([
          ladder.prose,
          ladder.afterword,
          ladder.extends,
          ladder.dropped,
          ladder.organisation,
          ladder.levels.map((l) => [l.scale, l.prose]),
          ladder.categories.map((c) => [c.prose, c.from]),
        ]),
      ];
const orgRow = (ladder: Ladder, c: Competency): Value[] =>
  c.prose === undefined && c.from === undefined && c.cellsFrom === undefined && c.notApplicable === undefined
    ? []
    : [JSON.stringify([c.prose, c.from, ladder.levels.map((l) => [c.cellsFrom?.[l.id], c.notApplicable?.[l.id]])])];
/**
 * The version fields, as the pages and the index show them (generators/shared/stamp.ts: a current status is not
 * shown); the JSON keeps what the file says (`raw`).
 */
const stampHead = (ladder: Ladder, raw = false): Value[] => [
  ladder.version,
  ladder.effective,
  raw || ladder.status !== "current" ? ladder.status : undefined,
  ladder.replacedBy,
];

/**
 * The ladder, its levels and its categories, as the web page, the Markdown and the JSON show them.
 * `categoryId` gives what a file shows of a category's id (the Markdown shows it only beside a description).
 */
function fullHead(ladder: Ladder, categoryId: (category: Category) => Value = (category) => category.id): Value[] {
  const out: Value[] = [ladder.title, ladder.summary, ladder.levels.length];
  for (const level of ladder.levels) out.push(level.id, level.code, level.title, level.summary);
  out.push(ladder.categories.length);
  for (const category of ladder.categories) {
    out.push(categoryId(category), category.name, category.description, category.competencies.length);
  }
  return out;
}

/**
 * A competency with its cells and examples in level order. `absent` is what a level without a list of
 * examples shows: the web page and the Markdown show none (0, as for an empty list); the JSON keeps `[]`
 * apart from no list at all (-1).
 */
function fullRow(ladder: Ladder, competency: Competency, absent: number): Value[] {
  const out: Value[] = [competency.id, competency.name, competency.description, ...cells(ladder, competency)];
  for (const level of ladder.levels) {
    const list = competency.examples?.[level.id];
    out.push(list === undefined ? absent : list.length, ...(list ?? []));
  }
  return out;
}

/** The Markdown's "About the competencies" anchors a category by id, and lists only described ones. */
const described = (category: Category) =>
  category.description !== undefined || category.competencies.some((c) => c.description !== undefined);

/**
 * What the web page shows beyond the ladder's table (generators/html/): prose, the
 * organisation's scale and marks, dropped rows, not-applicable cells and where inherited text comes from;
 * each part compared as one JSON value (a difference in key order only may count as a change: never the
 * reverse). The file's path shows only in "propose a change" links, which need a configured repository. The across-tracks view also shows the other tracks' cells, which a one-ladder view cannot see.
 */
const pageHead = (ladder: Ladder): Value[] => {
  return [
    JSON.stringify([ladder.prose, ladder.afterword, ladder.dropped, ladder.organisation, ladder.history]),
    JSON.stringify(ladder.levels.map((level) => [level.scale, level.prose])),
    JSON.stringify(ladder.categories.map((category) => [category.from, category.prose])),
  ];
};
const pageRow = (competency: Competency): Value[] => [
  JSON.stringify([competency.prose, competency.notApplicable, competency.from, competency.cellsFrom]),
];

const views: Record<ArtifactKind, View> = {
  html: {
    head: (ladder) => [...fullHead(ladder), ...stampHead(ladder), ...pageHead(ladder)],
    row: (ladder, _, competency) => [...fullRow(ladder, competency, 0), ...pageRow(competency)],
  },
  markdown: {
    head: (ladder) => [
      sourceName(ladder),
      ...fullHead(ladder, (category) => (described(category) ? category.id : undefined)),
      ...stampHead(ladder),
      ...orgHead(ladder),
      ladder.history === undefined || ladder.history.length === 0 ? undefined : JSON.stringify(ladder.history),
    ],
    row: (ladder, _, competency) => [...fullRow(ladder, competency, 0), ...orgRow(ladder, competency)],
  },
  json: {
    head: (ladder) => [
      ladder.id,
      ...fullHead(ladder),
      ...stampHead(ladder, true),
      ...orgHead(ladder),
      JSON.stringify(ladder.history),
    ],
    row: (ladder, _, competency) => [...fullRow(ladder, competency, -1), ...orgRow(ladder, competency)],
  },
  // The matrix sheet, the cells sheet (ids) and the about sheet; a not-applicable cell has its own style.
  xlsx: {
    head: (ladder) => [
      ladder.title,
      ladder.summary,
      ladder.levels.length,
      ...ladder.levels.flatMap((level) => [level.id, level.code, level.title]),
      ladder.categories.length,
      ...ladder.categories.flatMap((c) => [c.id, c.name, c.description, c.competencies.length]),
      ladder.id,
      ladder.file,
      ladder.version,
      ladder.effective,
      ladder.status === "current" ? undefined : ladder.status,
      ladder.replacedBy,
      ladder.extends,
      ladder.organisation?.title,
      ladder.organisation?.track,
    ],
    row: (ladder, category, competency) => [
      category.id,
      category.name,
      competency.id,
      competency.name,
      competency.description,
      ...ladder.levels.flatMap((level): Value[] =>
        Object.hasOwn(competency.cells, level.id)
          ? [competency.cells[level.id]]
          : [undefined, competency.notApplicable?.[level.id]],
      ),
    ],
  },
  // One record per competency, its category only named: where one category ends is not shown.
  csv: {
    head: (ladder) => [ladder.levels.length, ...ladder.levels.map(label), competencyCount(ladder)],
    row: (ladder, category, competency) => [
      category.name,
      competency.name,
      competency.description ?? "",
      ...plainCells(ladder, competency),
    ],
  },
  "cells-csv": {
    head: (ladder) => [
      ladder.id,
      ladder.levels.length,
      ...ladder.levels.flatMap((level) => [level.id, level.code, level.title]),
      competencyCount(ladder),
    ],
    row: (ladder, category, competency) => [
      category.id,
      category.name,
      competency.id,
      competency.name,
      competency.description ?? "",
      ...plainCells(ladder, competency),
    ],
  },
};

type Row = [Category, Competency];
const rowsOf = (ladder: Ladder): Row[] =>
  ladder.categories.flatMap((category) => category.competencies.map((c): Row => [category, c]));

/** Whether a kind of file shows the same for both ladders: heads first, then the rows `apart` until one differs. */
function sameFile(view: View, base: Ladder, head: Ladder, apart: ReadonlyArray<[Row, Row]>): boolean {
  if (!same(view.head(base), view.head(head))) return false;
  for (const [[bc, b], [hc, h]] of apart) if (!same(view.row(base, bc, b), view.row(head, hc, h))) return false;
  return true;
}

/**
 * The pairs of rows some view may show apart. A row's view is made of the ladder's levels, its category's id
 * and name, and the competency: with equal levels, a row whose category id and name and competency (every
 * field, deeply) are equal is equal in every kind of file, and needs no view (most rows of a change are
 * such; their views were most of `changedFiles`' time). Unequal row counts make every head differ.
 */
function rowsApart(base: Ladder, head: Ladder): Array<[Row, Row]> {
  const [before, after] = [rowsOf(base), rowsOf(head)];
  if (before.length !== after.length) return [];
  const pairs = before.map((row, i): [Row, Row] => [row, after[i] as Row]);
  if (!isDeepStrictEqual(base.levels, head.levels)) return pairs;
  return pairs.filter(([[bc, b], [hc, h]]) => bc.id !== hc.id || bc.name !== hc.name || !isDeepStrictEqual(b, h));
}

/** What the index pages show of every ladder: ids, titles, summaries and level labels, in id order. */
function indexView(ladders: readonly Ladder[]): Value[] {
  const out: Value[] = [ladders.length];
  for (const ladder of [...ladders].sort((a, b) => byCodeUnit(a.id, b.id))) {
    out.push(ladder.id, ladder.title, ladder.summary, ...stampHead(ladder), ladder.levels.length);
    for (const level of ladder.levels) out.push(level.id, label(level));
  }
  return out;
}

function same(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface GeneratedFile {
  /** `dist/<path>`, as the report shows it. */
  path: string;
  status: "added" | "removed" | "changed";
}

/**
 * The dist/ files that differ between what `ladder build` writes for `base` and for `head` (ladders matched
 * by id), sorted by path: the same list as rendering both sides and comparing them file by file.
 */
export function changedFiles(base: readonly Ladder[], head: readonly Ladder[]): GeneratedFile[] {
  const before = new Map(base.map((ladder) => [ladder.id, ladder]));
  const after = new Map(head.map((ladder) => [ladder.id, ladder]));
  const files: GeneratedFile[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id);
    const h = after.get(id);
    const apart = b && h && !sameLadder(b, h) ? rowsApart(b, h) : undefined;
    for (const artifact of artifactsOf(id)) {
      const path = `dist/${artifact.path}`;
      if (!b) files.push({ path, status: "added" });
      else if (!h) files.push({ path, status: "removed" });
      else if (apart && !sameFile(views[artifact.kind], b, h, apart)) files.push({ path, status: "changed" });
    }
  }
  if (!same(indexView(base), indexView(head))) {
    // The index pages exist on both sides, even when one side has no ladders at all.
    for (const file of Object.values(INDEX_FILES)) files.push({ path: `dist/${file}`, status: "changed" });
  }
  return files.sort((a, b) => byCodeUnit(a.path, b.path));
}
