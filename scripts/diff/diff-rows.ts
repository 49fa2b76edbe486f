/**
 * The rows half of the diff: categories, competencies and their cells, once the levels are paired.
 * Pure; called by diff.ts.
 */

import { type Category, type Competency, cellText, type Ladder } from "../model/model.js";
import { byCodeUnit, type Change, sectionsText } from "./change.js";
import { change } from "./make-change.js";
import { match, stayed } from "./match.js";

interface Row {
  competency: Competency;
  /** Index of its category in the ladder. */
  category: number;
  /** Index inside its category. */
  position: number;
}

const NONE = "\u0001";

/** Changes to categories, competencies and cells; `levelHeadOf` pairs base levels with head levels. */
export function diffRows(base: Ladder, head: Ladder, levelHeadOf: Int32Array): Change[] {
  // Paired levels in head order, as [base id, head id]: cells are compared at these levels only.
  const levels = [...levelHeadOf]
    .map((j, i) => ({ i, j }))
    .filter(({ j }) => j !== -1)
    .sort((a, b) => a.j - b.j)
    .map(({ i, j }) => [base.levels[i].id, head.levels[j].id] as const);
  const baseRows = rowsOf(base);
  const headRows = rowsOf(head);

  // A competency whose id changed is recognised by identical cells, or by its name when at least half of
  // its cells are unchanged.
  const signature = (row: Row, side: "base" | "head") => {
    const cells = row.competency.cells;
    const texts = levels.map(([b, h]) => cells[side === "base" ? b : h] ?? NONE);
    return texts.some((t) => t !== NONE) ? texts.join("\u0000") : undefined;
  };
  const rows = match(
    baseRows.map((row) => ({ id: row.competency.id, row })),
    headRows.map((row) => ({ id: row.competency.id, row })),
    [(item, side) => signature(item.row, side), (item) => item.row.competency.name],
    (b, h) => {
      const same = levels.filter(([lb, lh]) => b.row.competency.cells[lb] === h.row.competency.cells[lh]).length;
      return same * 2 >= levels.length && levels.length > 0;
    },
  );

  // A category whose id changed is recognised by its name, or by holding the same competencies.
  const baseIndex = new Map(baseRows.map((row, i) => [row.competency.id, i]));
  const headIdOf = (id: string) => {
    const i = baseIndex.get(id);
    const j = i === undefined ? -1 : rows.headOf[i];
    return j === -1 ? `${NONE}${id}` : headRows[j].competency.id;
  };
  const members = (category: Category, side: "base" | "head") =>
    category.competencies
      .map((c) => (side === "base" ? headIdOf(c.id) : c.id))
      .sort(byCodeUnit)
      .join("\u0000");
  const categories = match(base.categories, head.categories, [(category) => category.name, members]);

  return [
    ...categoryChanges(base, head, categories.headOf, categories.baseOf),
    ...competencyChanges(base, head, baseRows, headRows, rows, categories.headOf),
    ...cellChanges(head, baseRows, headRows, rows.baseOf, levels),
  ];
}

function rowsOf(ladder: Ladder): Row[] {
  return ladder.categories.flatMap((category, c) =>
    category.competencies.map((competency, position) => ({ competency, category: c, position })),
  );
}

function categoryChanges(base: Ladder, head: Ladder, headOf: Int32Array, baseOf: Int32Array): Change[] {
  const changes: Change[] = [];
  const paired: number[] = [];
  head.categories.forEach((category, j) => {
    const i = baseOf[j];
    if (i === -1) {
      changes.push(change({ kind: "category-added", category: category.id, after: category.name }));
      return;
    }
    paired.push(i);
    const old = base.categories[i];
    for (const field of ["id", "name", "description"] as const) {
      if (old[field] === category[field]) continue;
      changes.push(
        change({ kind: "category-renamed", category: category.id, field, before: old[field], after: category[field] }),
      );
    }
    const prose = { before: sectionsText(old.prose), after: sectionsText(category.prose) };
    if (prose.before !== prose.after) {
      changes.push(change({ kind: "category-renamed", category: category.id, field: "prose", ...prose }));
    }
  });
  paired.sort((a, b) => a - b);
  const kept = stayed(paired.map((i) => headOf[i]));
  paired.forEach((i, k) => {
    if (kept[k]) return;
    const category = head.categories[headOf[i]].id;
    changes.push(
      change({ kind: "category-moved", category, from: { position: i + 1 }, to: { position: headOf[i] + 1 } }),
    );
  });
  base.categories.forEach((category, i) => {
    if (headOf[i] === -1)
      changes.push(change({ kind: "category-removed", category: category.id, before: category.name }));
  });
  return changes;
}

function competencyChanges(
  base: Ladder,
  head: Ladder,
  baseRows: readonly Row[],
  headRows: readonly Row[],
  rows: { headOf: Int32Array; baseOf: Int32Array },
  categoryHeadOf: Int32Array,
): Change[] {
  const changes: Change[] = [];
  // Per head category: the paired rows that were already in (the category that became) it, for order.
  const stayedIn = new Map<number, Array<{ from: number; to: number; row: number }>>();
  headRows.forEach((row, j) => {
    const { competency } = row;
    const category = head.categories[row.category].id;
    const i = rows.baseOf[j];
    if (i === -1) {
      const cells = { ...competency.cells };
      changes.push(
        change({ kind: "competency-added", category, competency: competency.id, after: competency.name, cells }),
      );
      return;
    }
    const old = baseRows[i];
    for (const field of ["id", "name", "description"] as const) {
      if (old.competency[field] === competency[field]) continue;
      const texts = { before: old.competency[field], after: competency[field] };
      changes.push(change({ kind: "competency-renamed", category, competency: competency.id, field, ...texts }));
    }
    const prose = { before: sectionsText(old.competency.prose), after: sectionsText(competency.prose) };
    if (prose.before !== prose.after) {
      changes.push(
        change({ kind: "competency-renamed", category, competency: competency.id, field: "prose", ...prose }),
      );
    }
    if (categoryHeadOf[old.category] === row.category) {
      const list = stayedIn.get(row.category) ?? [];
      list.push({ from: old.position, to: row.position, row: j });
      stayedIn.set(row.category, list);
    } else {
      const from = { category: base.categories[old.category].id, position: old.position + 1 };
      const to = { category, position: row.position + 1 };
      changes.push(change({ kind: "competency-moved", category, competency: competency.id, from, to }));
    }
  });
  for (const list of stayedIn.values()) {
    list.sort((a, b) => a.from - b.from);
    const kept = stayed(list.map((entry) => entry.to));
    list.forEach((entry, k) => {
      if (kept[k]) return;
      const row = headRows[entry.row];
      const category = head.categories[row.category].id;
      const from = {
        category: base.categories[baseRows[rows.baseOf[entry.row]].category].id,
        position: entry.from + 1,
      };
      const to = { category, position: entry.to + 1 };
      changes.push(change({ kind: "competency-moved", category, competency: row.competency.id, from, to }));
    });
  }
  baseRows.forEach((row, i) => {
    if (rows.headOf[i] !== -1) return;
    const { competency } = row;
    const category = base.categories[row.category].id;
    const cells = { ...competency.cells };
    changes.push(
      change({ kind: "competency-removed", category, competency: competency.id, before: competency.name, cells }),
    );
  });
  return changes;
}

function cellChanges(
  head: Ladder,
  baseRows: readonly Row[],
  headRows: readonly Row[],
  baseOf: Int32Array,
  levels: ReadonlyArray<readonly [string, string]>,
): Change[] {
  const changes: Change[] = [];
  headRows.forEach((row, j) => {
    const i = baseOf[j];
    if (i === -1) return;
    const old = baseRows[i].competency;
    const now = row.competency;
    const where = { category: head.categories[row.category].id, competency: now.id };
    for (const [b, h] of levels) {
      // A cell that does not apply reads "Not applicable: <reason>", so marking one is a change of its text.
      const before = cellText(old, b) || undefined;
      const after = cellText(now, h) || undefined;
      if (before !== after) {
        const kind = before === undefined ? "cell-added" : after === undefined ? "cell-removed" : "cell-changed";
        const field = kind === "cell-changed" ? "text" : undefined;
        changes.push(change({ kind, level: h, ...where, field, before, after }));
      }
      const examplesBefore = old.examples?.[b]?.join("\n");
      const examplesAfter = now.examples?.[h]?.join("\n");
      if (examplesBefore !== examplesAfter) {
        const texts = { before: examplesBefore, after: examplesAfter };
        changes.push(change({ kind: "cell-changed", level: h, ...where, field: "examples", ...texts }));
      }
    }
  });
  return changes;
}
