/**
 * A ladder's history: what changed in each version, kept in the ladder file (`history:`) so that a build in
 * any clone, with or without tags, can show it. `ladder bump` records a version's entry from the diff since
 * the previous release (`historyEntry`); the web page shows it (generators/html/history.ts). Pure.
 */
import { isDeepStrictEqual } from "node:util";
import { type HistoryChange, type Ladder, levelLabel, type VersionEntry } from "../model/model.js";
import { compareVersions } from "../model/version.js";
import { strongestImpact } from "./bump.js";
import type { Change } from "./change.js";

/** Display names by id, the head's first and then the base's (for what was removed). */
function namesOf(head: Ladder | undefined, base: Ladder | undefined) {
  const levels = new Map<string, string>();
  const categories = new Map<string, string>();
  const competencies = new Map<string, string>();
  for (const ladder of [head, base]) {
    for (const level of ladder?.levels ?? []) if (!levels.has(level.id)) levels.set(level.id, levelLabel(level));
    for (const category of ladder?.categories ?? []) {
      if (!categories.has(category.id)) categories.set(category.id, category.name);
      for (const c of category.competencies) if (!competencies.has(c.id)) competencies.set(c.id, c.name);
    }
  }
  return { levels, categories, competencies };
}

/** What a change is about, in the words of its version: `Planning · Senior SRE (L3)`, `The ladder`. */
function whatOf(change: Change, names: ReturnType<typeof namesOf>): string {
  const level = change.level === undefined ? undefined : (names.levels.get(change.level) ?? change.level);
  const competency =
    change.competency === undefined ? undefined : (names.competencies.get(change.competency) ?? change.competency);
  if (change.kind.startsWith("cell-")) return `${competency} · ${level}`;
  if (change.kind.startsWith("competency-")) return competency ?? "a competency";
  if (change.kind.startsWith("level-")) return level ?? "a level";
  if (change.kind.startsWith("category-")) {
    return `${names.categories.get(change.category ?? "") ?? change.category} (category)`;
  }
  return "The ladder";
}

/** A diff's change as the history keeps it: what, kind, impact, ids, field, and the texts before and after. */
export function historyChange(change: Change, head: Ladder | undefined, base: Ladder | undefined): HistoryChange {
  const out: HistoryChange = { what: whatOf(change, namesOf(head, base)), kind: change.kind, impact: change.impact };
  for (const key of ["competency", "level", "category", "field", "before", "after"] as const) {
    const value = change[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The entry of `version`: the changes since `previous`, their strongest impact, and the day it was recorded. */
export function historyEntry(
  changes: readonly Change[],
  ladders: { head: Ladder | undefined; base: Ladder | undefined },
  version: string,
  previous: string,
  date: string,
): VersionEntry {
  const impact = strongestImpact(changes);
  return {
    version,
    date,
    previous,
    ...(impact === undefined ? {} : { impact }),
    changes: changes.map((change) => historyChange(change, ladders.head, ladders.base)),
  };
}

/** Whether an entry already says what `expected` says (its date aside: that stays as first recorded). */
export function sameEntry(entry: VersionEntry | undefined, expected: VersionEntry): boolean {
  if (entry === undefined) return false;
  const { date: _a, ...a } = entry;
  const { date: _b, ...b } = expected;
  return isDeepStrictEqual(a, b);
}

/**
 * The history with `entry` in its place (newest first), replacing an entry of the same version but keeping its
 * date. Entries between the entry's previous version and its own are versions that were raised to but never
 * released (1.0.1 before a substantive change made it 1.1.0): they go, since `entry` holds their changes.
 */
export function withEntry(history: readonly VersionEntry[] | undefined, entry: VersionEntry): VersionEntry[] {
  const { previous } = entry;
  const list = (history ?? []).filter(
    (e) =>
      previous === undefined ||
      e.version === entry.version ||
      !(compareVersions(e.version, previous) > 0 && compareVersions(e.version, entry.version) < 0),
  );
  const at = list.findIndex((e) => e.version === entry.version);
  if (at >= 0) {
    const date = list[at]?.date ?? entry.date;
    list[at] = { ...entry, ...(date === undefined ? {} : { date }) };
    return list;
  }
  const before = list.findIndex((e) => compareVersions(e.version, entry.version) < 0);
  list.splice(before < 0 ? list.length : before, 0, entry);
  return list;
}
