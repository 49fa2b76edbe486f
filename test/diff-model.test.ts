/** The pure diff on models built in the test: matching, renames by content, moves, and what the CLI cannot reach. */
import { describe, expect, it } from "vitest";
import { diffLadders } from "../scripts/diff/diff.js";
import { match, stayed } from "../scripts/diff/match.js";
import type { Ladder } from "../scripts/model/model.js";

/** A ladder of `levels` levels and `rows` competencies in two categories; cell text "r<row> at l<level>". */
function build(levels: number, rows: number): Ladder {
  const ids = Array.from({ length: levels }, (_, i) => `l${i + 1}`);
  const competency = (r: number) => ({
    id: `c${r}`,
    name: r < 3 ? "Mastery" : `Row ${r}`,
    cells: Object.fromEntries(ids.map((l) => [l, `r${r} at ${l}`])),
  });
  const half = Math.ceil(rows / 2);
  return {
    id: "t",
    file: "ladder/t.yaml",
    title: "Test",
    levels: ids.map((id, i) => ({ id, code: `L${i + 1}`, title: `Level ${i + 1}` })),
    categories: [
      { id: "a", name: "A", competencies: Array.from({ length: half }, (_, r) => competency(r)) },
      { id: "b", name: "B", competencies: Array.from({ length: rows - half }, (_, r) => competency(half + r)) },
    ],
  };
}
const copy = (ladder: Ladder): Ladder => structuredClone(ladder);
const changes = (base: Ladder, head: Ladder) => diffLadders([base], [head])[0].changes;

describe("diffLadders", () => {
  it("gives an added level its cells, and lists no cell-added for them", () => {
    const base = build(2, 2);
    const head = copy(base);
    head.levels.push({ id: "l3", code: "L3", title: "Level 3" });
    for (const c of head.categories.flatMap((k) => k.competencies)) c.cells.l3 = `new ${c.id}`;
    expect(changes(base, head)).toStrictEqual([
      {
        kind: "level-added",
        impact: "substantive",
        level: "l3",
        after: "Level 3",
        code: "L3",
        cells: { c0: "new c0", c1: "new c1" },
      },
    ]);
  });

  it("reports a cell removed from a level and competency that remain as breaking", () => {
    const base = build(2, 2);
    const head = copy(base);
    delete head.categories[0].competencies[0].cells.l2;
    expect(changes(base, head)).toStrictEqual([
      { kind: "cell-removed", impact: "breaking", level: "l2", category: "a", competency: "c0", before: "r0 at l2" },
    ]);
  });

  it("recognises a level whose id, code and title all changed by its column of cells", () => {
    const base = build(3, 4);
    const head = copy(base);
    head.levels[1] = { id: "mid", code: "M", title: "Middle" };
    for (const c of head.categories.flatMap((k) => k.competencies)) {
      c.cells = { l1: c.cells.l1, mid: c.cells.l2, l3: c.cells.l3 };
    }
    expect(changes(base, head).map((c) => [c.kind, c.field, c.before, c.after])).toStrictEqual([
      ["level-renamed", "id", "l2", "mid"],
      ["level-renamed", "code", "L2", "M"],
      ["level-renamed", "title", "Level 2", "Middle"],
    ]);
  });

  it("recognises a category whose id and name changed by the competencies it holds", () => {
    const base = build(2, 4);
    const head = copy(base);
    Object.assign(head.categories[1], { id: "bee", name: "Bee" });
    expect(changes(base, head).map((c) => [c.kind, c.category, c.field])).toStrictEqual([
      ["category-renamed", "bee", "id"],
      ["category-renamed", "bee", "name"],
    ]);
  });

  it("does not guess when a rename is ambiguous: two rows of the same name, both re-identified and reworded", () => {
    const base = build(2, 4);
    const head = copy(base);
    const [first, second] = head.categories[0].competencies;
    Object.assign(first, { id: "x0", cells: { l1: "new", l2: "new" } });
    Object.assign(second, { id: "x1", cells: { l1: "other", l2: "other" } });
    expect(changes(base, head).map((c) => `${c.kind} ${c.competency}`)).toStrictEqual([
      "competency-added x0",
      "competency-added x1",
      "competency-removed c0",
      "competency-removed c1",
    ]);
  });

  it("recognises a re-identified competency by its unique name only when half its cells are unchanged", () => {
    const base = build(2, 4);
    const kept = copy(base);
    Object.assign(kept.categories[1].competencies[0], { id: "renamed" });
    kept.categories[1].competencies[0].cells.l2 = "reworded";
    expect(changes(base, kept).map((c) => c.kind)).toStrictEqual(["competency-renamed", "cell-changed"]);
    const replaced = copy(kept);
    replaced.categories[1].competencies[0].cells.l1 = "also reworded";
    expect(changes(base, replaced).map((c) => c.kind)).toStrictEqual(["competency-added", "competency-removed"]);
  });

  it("survives an invalid base with a repeated id, pairing the first", () => {
    const base = build(2, 2);
    base.categories[1].competencies.push({ ...base.categories[0].competencies[0] });
    const head = build(2, 2);
    expect(changes(base, head)).toStrictEqual([
      {
        kind: "competency-removed",
        impact: "breaking",
        category: "b",
        competency: "c0",
        before: "Mastery",
        cells: { l1: "r0 at l1", l2: "r0 at l2" },
      },
    ]);
  });

  it("is pure: the same answer twice, and its inputs unchanged", () => {
    const base = build(3, 6);
    const head = copy(base);
    head.categories.reverse();
    head.categories[0].competencies[0].cells.l1 = "changed";
    const before = JSON.stringify([base, head]);
    expect(diffLadders([base], [head])).toStrictEqual(diffLadders([base], [head]));
    expect(JSON.stringify([base, head])).toBe(before);
  });

  it("diffs 50,000 cells with one move and 5,000 rewordings exactly", () => {
    const base = build(50, 1000);
    const head = copy(base);
    const rows = head.categories.flatMap((k) => k.competencies);
    for (let r = 0; r < 1000; r += 10) for (let l = 1; l <= 50; l += 1) rows[r].cells[`l${l}`] += " Also more.";
    head.categories[0].competencies.push(...head.categories[0].competencies.splice(3, 1));
    const found = changes(base, head);
    expect(found.filter((c) => c.kind === "cell-changed")).toHaveLength(5000);
    expect(found.filter((c) => c.kind !== "cell-changed")).toStrictEqual([
      {
        kind: "competency-moved",
        impact: "editorial",
        category: "a",
        competency: "c3",
        from: { category: "a", position: 4 },
        to: { category: "a", position: 500 },
      },
    ]);
  });
});

describe("match and stayed", () => {
  it("marks the fewest items as moved", () => {
    expect(stayed([1, 2, 0])).toStrictEqual([true, true, false]);
    expect(stayed([0, 4, 1, 2, 3])).toStrictEqual([true, false, true, true, true]);
    expect(stayed([])).toStrictEqual([]);
  });

  it("pairs by id, then by each key where exactly one leftover item on each side holds it", () => {
    const base = [
      { id: "a", key: "k" },
      { id: "b", key: "same" },
      { id: "c", key: "same" },
      { id: "d", key: "same" },
    ];
    const head = [
      { id: "x", key: "k" },
      { id: "c", key: "other" },
      { id: "y", key: "same" },
      { id: "z", key: "same" },
    ];
    const paired = match(base, head, [(item) => item.key]);
    expect([...paired.headOf]).toStrictEqual([0, -1, 1, -1]);
    expect([...paired.baseOf]).toStrictEqual([0, 2, -1, -1]);
  });
});
