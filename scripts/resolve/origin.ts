/**
 * Where a resolved ladder's text is written: a document path into a resolved ladder turned into the ladder
 * (file) that holds the text and the path into that file. Lint runs on resolved ladders, and a finding on an
 * inherited cell must point at the base's file, where someone can fix it. Pure.
 */
import type { DocPath, Ladder } from "../model/model.js";

export interface Origin {
  ladder: Ladder;
  path: DocPath;
}

const CELL_FIELDS = new Set(["cells", "notApplicable", "examples"]);

function indexOf(raw: Ladder, competencyId: string): [number, number] | undefined {
  const categories = raw.categories ?? [];
  for (let c = 0; c < categories.length; c++) {
    const k = (categories[c].competencies ?? []).findIndex((x) => x.id === competencyId);
    if (k >= 0) return [c, k];
  }
  return undefined;
}

/** The chain of raw ladders from `id` up through the bases it extends. */
function chain(id: string, raw: ReadonlyMap<string, Ladder>): Ladder[] {
  const out: Ladder[] = [];
  let next: string | undefined = id;
  while (next !== undefined && !out.some((l) => l.id === next)) {
    const ladder = raw.get(next);
    if (ladder === undefined) break;
    out.push(ladder);
    next = ladder.extends;
  }
  return out;
}

/**
 * The file and path that hold the text at `path` of the resolved ladder. `raw` maps every ladder id to the
 * ladder as written (before resolution). Paths outside categories are the ladder's own.
 */
export function originOf(resolved: Ladder, path: DocPath, raw: ReadonlyMap<string, Ladder>): Origin {
  const own = raw.get(resolved.id) ?? resolved;
  const fallback = { ladder: own, path };
  if (path[0] !== "categories" || typeof path[1] !== "number") return fallback;
  const category = resolved.categories[path[1]];
  if (category === undefined) return fallback;
  const ladders = chain(resolved.id, raw);
  if (path[2] !== "competencies" || typeof path[3] !== "number") {
    // A category's own field: the nearest ladder in the chain that writes it.
    const field = path[2];
    for (const ladder of ladders) {
      const c = (ladder.categories ?? []).findIndex((x) => x.id === category.id);
      if (c >= 0 && (field === undefined || Object.hasOwn(ladder.categories[c], String(field)))) {
        return { ladder, path: ["categories", c, ...path.slice(2)] };
      }
    }
    return fallback;
  }
  const competency = category.competencies[path[3]];
  if (competency === undefined) return fallback;
  const [field, key] = [path[4], path[5]];
  if (typeof field === "string" && CELL_FIELDS.has(field) && typeof key === "string") {
    const holder = raw.get(competency.cellsFrom?.[key] ?? resolved.id) ?? own;
    const level = resolved.levels.find((l) => l.id === key);
    const holderLevel =
      holder.levels.find((l) => l.id === key) ??
      holder.levels.find((l) => l.scale !== undefined && l.scale === level?.scale);
    const at = indexOf(holder, competency.id);
    if (at === undefined) return fallback;
    const which = holder.categories[at[0]].competencies[at[1]];
    const stored =
      Object.hasOwn(which.cells ?? {}, holderLevel?.id ?? key) || field !== "cells" ? field : "notApplicable";
    return {
      ladder: holder,
      path: ["categories", at[0], "competencies", at[1], stored, holderLevel?.id ?? key, ...path.slice(6)],
    };
  }
  for (const ladder of ladders) {
    const at = indexOf(ladder, competency.id);
    if (at === undefined) continue;
    const written = ladder.categories[at[0]].competencies[at[1]];
    if (field === undefined || Object.hasOwn(written, String(field)) || ladder.id === competency.from) {
      return { ladder, path: ["categories", at[0], "competencies", at[1], ...path.slice(4)] };
    }
  }
  return fallback;
}
