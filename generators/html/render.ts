/** Placeholder for the HTML generator (issue 3 and 6 own it); replaced by the real page. */
import type { Ladder } from "../../scripts/model.js";

/** Renders `dist/<id>.html`: one self-contained page for the ladder. */
export function renderHtml(ladder: Ladder): string {
  throw new Error(`HTML generator not built yet (${ladder.id})`);
}
