/**
 * What the page shows in a cell besides its text: that the competency does not apply at that level (and
 * why), and where an inherited text comes from (a resolved ladder's `from` and `cellsFrom`, scripts/resolve/).
 * A plain ladder has neither, so its cells are just their text.
 */
import type { Competency, Level } from "../../scripts/model/model.js";
import type { RenderOptions } from "../shared/site.js";

export interface CellShown {
  /** The cell's text; for a cell that does not apply, its reason ("" when none was given). */
  text: string;
  /** Set when the competency does not apply at this level. */
  na: { reason: string } | null;
  /** "from Core" when this cell's text comes from another ladder than its row's, "own text" when it overrides it. */
  mark: string | null;
  /** Neither mark nor marker: the cell is its text alone (the common case, laid out without a partial). */
  plain: boolean;
}

/** How an inherited item is marked: `from <the base ladder's title>` (its id when the title is not known). */
export function fromMark(from: string | undefined, options: RenderOptions): string | null {
  if (from === undefined) return null;
  return `from ${options.ladders?.find((l) => l.id === from)?.title ?? from}`;
}

export function cellShown(competency: Competency, level: Level, options: RenderOptions): CellShown {
  const source = competency.cellsFrom?.[level.id];
  // A row's mark covers its cells; a cell says more only where it differs from its row.
  const mark = source === competency.from ? null : source === undefined ? "own text" : fromMark(source, options);
  if (competency.notApplicable && Object.hasOwn(competency.notApplicable, level.id)) {
    const reason = competency.notApplicable[level.id] ?? "";
    return { text: reason, na: { reason }, mark, plain: false };
  }
  // A valid ladder has every other cell (rule missing-cell); an empty string keeps the table's shape regardless.
  const text = Object.hasOwn(competency.cells, level.id) ? (competency.cells[level.id] as string) : "";
  return { text, na: null, mark, plain: mark === null };
}
