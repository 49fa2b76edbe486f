/**
 * Stage 4, render: every dist/ file for a set of valid ladders, one generator per format (generators/).
 * Pure: no disk, no clock, no environment; the same ladders give the same bytes on every machine.
 */
import { renderCellsCsv, renderCsv } from "../../generators/csv/render.js";
import { renderHtmlChunks, streamHtml } from "../../generators/html/render.js";
import { renderIndexHtml, renderIndexMarkdown } from "../../generators/index/render.js";
import { renderJson } from "../../generators/json/render.js";
import { renderMarkdownChunks, streamMarkdown } from "../../generators/markdown/render.js";
import { type ArtifactKind, INDEX_FILES } from "../../generators/shared/artifacts.js";
import type { RenderOptions, Site } from "../../generators/shared/site.js";
import { renderXlsxParts } from "../../generators/xlsx/render.js";
import type { Ladder, Organisation } from "../model/model.js";
import { distPaths } from "./dist-paths.js";
import { zipParts, zipPieces } from "./zip.js";

/**
 * A rendered file: text (written as UTF-8), text in chunks to be written one after another (the page and the
 * Markdown: generators/shared/templates.ts `Template.chunks`), or bytes (the workbook, a zip).
 */
export type Rendered = string | readonly string[] | Uint8Array;

/** A rendered file as one piece: chunks joined. */
export function whole(content: Rendered): string | Uint8Array {
  return typeof content === "string" || content instanceof Uint8Array ? content : content.join("");
}

const generators: Record<ArtifactKind, (ladder: Ladder, options: RenderOptions) => Rendered> = {
  html: renderHtmlChunks,
  markdown: renderMarkdownChunks,
  xlsx: (ladder, options) => zipParts(renderXlsxParts(ladder, options)),
  csv: renderCsv,
  "cells-csv": renderCellsCsv,
  json: renderJson,
};

/** The kinds of file whose text can also be handed over chunk by chunk as it is made (`PlannedFile.stream`). */
const streamers: Partial<Record<ArtifactKind, (ladder: Ladder, options: RenderOptions, each: Each) => void>> = {
  html: streamHtml,
  markdown: (ladder, _, each) => streamMarkdown(ladder, each),
};

/** Where streamed text goes, a chunk at a time. */
export type Each = (chunk: string) => void;

export { RenderError } from "./dist-paths.js";

/** One file of dist/ and how to render it; nothing is rendered until `render` is called. */
export interface PlannedFile {
  /** Relative to dist/, forward slashes: `sre.md`. */
  path: string;
  /** The kind of a ladder's own file; undefined for the index pages. */
  kind?: ArtifactKind;
  /** The index, in the ladders given, of the ladder a file of its own belongs to; undefined for the index pages. */
  ladder?: number;
  render: () => Rendered;
  /**
   * The same text as `render`, handed to `each` a chunk at a time as it is made and never held whole (the page
   * and the Markdown), for `check`, which compares it with dist/ as it comes.
   */
  stream?: (each: Each) => void;
  /**
   * The same bytes as `render` (the workbook), handed to `out` a piece at a time and never held whole, for
   * `check`; stops when `out` returns false (then undefined), else gives the size in bytes.
   */
  pieces?: (out: (bytes: Uint8Array) => boolean) => number | undefined;
}

/**
 * Every file of dist/ for these ladders, in code-unit order of their paths, each rendered only when asked:
 * so `build` and `check` can hold one file in memory at a time. Throws a RenderError if two outputs would be
 * one file, also on a disk that ignores case (dist-paths.ts). `index: false` leaves out the index pages (a
 * worker thread renders some ladders' files; the main thread renders the index of all). `site` is where the
 * pages link back to (generators/shared/site.ts); without it they offer no link to the source. With
 * `organisation`, each ladder's generators also get every ladder (the web page links across tracks).
 */
export function planDist(
  ladders: readonly Ladder[],
  options: { index?: boolean; site?: Site; organisation?: Organisation } = {},
): PlannedFile[] {
  const { site, organisation } = options;
  const more: RenderOptions = organisation ? { site, organisation, ladders } : { site };
  return distPaths(ladders.map((ladder) => ladder.id)).flatMap(({ path, ladder, kind }): PlannedFile[] => {
    if (ladder === undefined || kind === undefined) {
      if (options.index === false) return [];
      const render = path === INDEX_FILES.html ? renderIndexHtml : renderIndexMarkdown;
      return [{ path, render: () => render(ladders, options.organisation) }];
    }
    const file: PlannedFile = { path, kind, ladder, render: () => generators[kind](ladders[ladder], more) };
    const streamer = streamers[kind];
    if (streamer) file.stream = (each) => streamer(ladders[ladder], more, each);
    if (kind === "xlsx") file.pieces = (out) => zipPieces(renderXlsxParts(ladders[ladder], more), out);
    return [file];
  });
}

/**
 * Renders all of dist/ as a map from path (relative to dist/, forward slashes, e.g. `sre.md`) to file content
 * (text, or the bytes of a workbook):
 * each ladder's files (generators/shared/artifacts.ts) plus `index.html` and `README.md`. Entries come in
 * code-unit order of their paths. Throws a RenderError if two outputs would be one file, also on a disk that
 * ignores case.
 */
export function renderDist(ladders: readonly Ladder[], organisation?: Organisation): Map<string, string | Uint8Array> {
  return new Map(planDist(ladders, { organisation }).map((file) => [file.path, whole(file.render())]));
}
