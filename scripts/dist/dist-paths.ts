/**
 * The paths of dist/: each ladder's files (generators/shared/artifacts.ts) and the index pages, and the check
 * that no two of them are one file. Known from the ladder ids alone, so `ladder diff` checks them without
 * loading any generator. Pure.
 */
import { type ArtifactKind, artifactsOf, INDEX_FILES } from "../../generators/shared/artifacts.js";
import { byCodeUnit } from "../model/model.js";

/** Two outputs would land on one file (ladder `index` or `README`, or ids differing only in case). */
export class RenderError extends Error {
  override name = "RenderError";
}

/** One file of dist/: a ladder's (by its position in the list given) or an index page (no ladder, no kind). */
export interface DistPath {
  path: string;
  ladder?: number;
  kind?: ArtifactKind;
}

/**
 * Every path of dist/ for ladders with these ids, in code-unit order. Throws a RenderError if two outputs
 * would be one file, also on a disk that ignores case.
 */
export function distPaths(ids: readonly string[]): DistPath[] {
  const paths: DistPath[] = [];
  const folded = new Map<string, string>();
  const add = (entry: DistPath) => {
    const other = folded.get(entry.path.toLowerCase());
    if (other !== undefined) {
      throw new RenderError(`dist/${entry.path} and dist/${other} would be the same file; rename one ladder file`);
    }
    folded.set(entry.path.toLowerCase(), entry.path);
    paths.push(entry);
  };
  ids.forEach((id, ladder) => {
    for (const { path, kind } of artifactsOf(id)) add({ path, ladder, kind });
  });
  add({ path: INDEX_FILES.html });
  add({ path: INDEX_FILES.markdown });
  return paths.sort(byPath);
}

/** Orders files of dist/ by path in UTF-16 code units, the same under every locale. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return byCodeUnit(a.path, b.path);
}
