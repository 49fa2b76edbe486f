/** Stage 4, render: every dist/ file for a set of valid ladders. Placeholder until the generators land. */
import type { Ladder } from "./model.js";

/**
 * Renders all of dist/ as a map from path (relative to dist/, forward slashes, e.g. `sre.md`) to file content.
 * Pure and deterministic: same ladders, same bytes.
 */
export function renderDist(ladders: readonly Ladder[]): Map<string, string> {
  throw new Error(`generators not built yet (${ladders.length} ladders)`);
}
