/**
 * Stage 5, diff: what changed between two versions of the ladders, as a list of typed changes per ladder.
 * Pure: two model lists in, the report model out (the shape of `ladder diff --format json`, documented in
 * schemas/diff.schema.json). Matching and moves are in match.ts, impact rules in impact.ts, the rows and
 * cells in diff-rows.ts.
 */

import { type Ladder, type Level, sameLadder } from "../model/model.js";
import { byCodeUnit, type Change, type LadderDiff, sectionsText } from "./change.js";
import { diffRows } from "./diff-rows.js";
import { change } from "./make-change.js";
import { match, stayed } from "./match.js";

export type { Change, ChangeKind, Field, LadderDiff, Place } from "./change.js";

/** Compares two versions of the ladders, matched by ladder id; ladders come out sorted by id. */
export function diffLadders(base: readonly Ladder[], head: readonly Ladder[]): LadderDiff[] {
  const before = new Map(base.map((l) => [l.id, l]));
  const after = new Map(head.map((l) => [l.id, l]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(byCodeUnit);
  return ids.map((id) => {
    const b = before.get(id);
    const h = after.get(id);
    if (!b && h) return { id, status: "added", changes: [change({ kind: "ladder-added", after: h.title })] };
    if (b && !h) return { id, status: "removed", changes: [change({ kind: "ladder-removed", before: b.title })] };
    const changes = sameLadder(b as Ladder, h as Ladder) ? [] : diffLadder(b as Ladder, h as Ladder);
    return { id, status: changes.length > 0 ? "changed" : "unchanged", changes };
  });
}

function diffLadder(base: Ladder, head: Ladder): Change[] {
  const changes: Change[] = [];
  for (const field of ["title", "summary", "extends"] as const) {
    if (base[field] !== head[field]) {
      changes.push(change({ kind: "ladder-changed", field, before: base[field], after: head[field] }));
    }
  }
  for (const field of ["prose", "afterword"] as const) {
    const [before, after] = [sectionsText(base[field]), sectionsText(head[field])];
    if (before !== after) changes.push(change({ kind: "ladder-changed", field, before, after }));
  }
  const levels = matchLevels(base, head);
  changes.push(...levelChanges(base, head, levels.headOf, levels.baseOf));
  changes.push(...diffRows(base, head, levels.headOf));
  return changes;
}

/** Levels by id; else by code and title, by the same column of cells, or by title alone. */
function matchLevels(base: Ladder, head: Ladder) {
  const column = (ladder: Ladder, level: Level) => {
    const texts: string[] = [];
    for (const category of ladder.categories) {
      for (const competency of category.competencies) texts.push(competency.cells[level.id] ?? "");
    }
    return texts.some((t) => t !== "") ? texts.sort(byCodeUnit).join("\u0000") : undefined;
  };
  return match(base.levels, head.levels, [
    (level) => `${level.code}\u0000${level.title}`,
    (level, side) => column(side === "base" ? base : head, level),
    (level) => level.title,
  ]);
}

function levelChanges(base: Ladder, head: Ladder, headOf: Int32Array, baseOf: Int32Array): Change[] {
  const changes: Change[] = [];
  const paired: number[] = [];
  head.levels.forEach((level, j) => {
    const i = baseOf[j];
    if (i === -1) {
      const cells = cellsAt(head, level.id);
      changes.push(change({ kind: "level-added", level: level.id, after: level.title, code: level.code, cells }));
      return;
    }
    paired.push(i);
    const old = base.levels[i];
    for (const field of ["id", "code", "title", "summary", "scale"] as const) {
      if (old[field] !== level[field]) {
        changes.push(
          change({ kind: "level-renamed", level: level.id, field, before: old[field], after: level[field] }),
        );
      }
    }
    const [before, after] = [sectionsText(old.prose), sectionsText(level.prose)];
    if (before !== after)
      changes.push(change({ kind: "level-renamed", level: level.id, field: "prose", before, after }));
  });
  paired.sort((a, b) => a - b);
  const kept = stayed(paired.map((i) => headOf[i]));
  paired.forEach((i, k) => {
    if (kept[k]) return;
    const j = headOf[i];
    const level = head.levels[j].id;
    changes.push(change({ kind: "level-moved", level, from: { position: i + 1 }, to: { position: j + 1 } }));
  });
  base.levels.forEach((level, i) => {
    if (headOf[i] !== -1) return;
    const cells = cellsAt(base, level.id);
    changes.push(change({ kind: "level-removed", level: level.id, before: level.title, code: level.code, cells }));
  });
  return changes;
}

/** One level's column: competency id to the text of its cell there. */
function cellsAt(ladder: Ladder, levelId: string): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const category of ladder.categories) {
    for (const competency of category.competencies) {
      const text = competency.cells[levelId];
      if (text !== undefined) cells[competency.id] = text;
    }
  }
  return cells;
}
