/** Which cells of a ladder changed in which recorded version (`history:`), for the page's "changed since" marks. */
import type { Ladder } from "../../scripts/model/model.js";

/**
 * For each cell of the ladder that changed in a recorded version, the versions it changed in, newest first:
 * a cell's own change, every cell of an added competency or level. Keyed `competency--level` (ids hold no `--`).
 */
export function changedCells(ladder: Ladder): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  const competencies = ladder.categories.flatMap((c) => c.competencies.map((k) => k.id));
  const add = (competency: string, level: string, version: string) => {
    const key = `${competency}--${level}`;
    const list = cells.get(key) ?? [];
    if (!list.includes(version)) list.push(version);
    cells.set(key, list);
  };
  for (const entry of ladder.history ?? []) {
    for (const change of entry.changes) {
      if (change.kind.startsWith("cell-") && change.competency && change.level) {
        add(change.competency, change.level, entry.version);
      } else if (change.kind === "competency-added" && change.competency) {
        for (const level of ladder.levels) add(change.competency, level.id, entry.version);
      } else if (change.kind === "level-added" && change.level) {
        for (const competency of competencies) add(competency, change.level, entry.version);
      }
    }
  }
  return cells;
}
