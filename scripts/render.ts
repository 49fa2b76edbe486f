/**
 * Stage 4, render: every dist/ file for a set of valid ladders, one generator per format (generators/).
 * Pure: no disk, no clock, no environment; the same ladders give the same bytes on every machine.
 */
import { renderCellsCsv, renderCsv } from "../generators/csv/render.js";
import { renderHtml } from "../generators/html/render.js";
import { renderIndexHtml, renderIndexMarkdown } from "../generators/index/render.js";
import { renderJson } from "../generators/json/render.js";
import { renderMarkdown } from "../generators/markdown/render.js";
import { type ArtifactKind, artifactsOf, INDEX_FILES } from "../generators/shared/artifacts.js";
import type { Ladder } from "./model.js";

const generators: Record<ArtifactKind, (ladder: Ladder) => string> = {
  html: renderHtml,
  markdown: renderMarkdown,
  csv: renderCsv,
  "cells-csv": renderCellsCsv,
  json: renderJson,
};

/** Two outputs would land on one file (ladder `index` or `README`, or ids differing only in case). */
export class RenderError extends Error {
  override name = "RenderError";
}

/**
 * Renders all of dist/ as a map from path (relative to dist/, forward slashes, e.g. `sre.md`) to file content:
 * each ladder's files (generators/shared/artifacts.ts) plus `index.html` and `README.md`. Entries come in
 * code-unit order of their paths. Throws a RenderError if two outputs would be one file, also on a disk that
 * ignores case.
 */
export function renderDist(ladders: readonly Ladder[]): Map<string, string> {
  const files = new Map<string, string>();
  const folded = new Map<string, string>();
  const add = (path: string, content: string) => {
    const other = folded.get(path.toLowerCase());
    if (other !== undefined) {
      throw new RenderError(`dist/${path} and dist/${other} would be the same file; rename one ladder file`);
    }
    folded.set(path.toLowerCase(), path);
    files.set(path, content);
  };
  for (const ladder of ladders) {
    for (const artifact of artifactsOf(ladder.id)) add(artifact.path, generators[artifact.kind](ladder));
  }
  add(INDEX_FILES.html, renderIndexHtml(ladders));
  add(INDEX_FILES.markdown, renderIndexMarkdown(ladders));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
