/**
 * The files `ladder build` writes for each ladder, in the order people are offered them.
 * scripts/render.ts renders exactly these, and the index pages link exactly these, so the two cannot drift.
 */

export type ArtifactKind = "html" | "markdown" | "xlsx" | "csv" | "cells-csv" | "json";

export interface Artifact {
  kind: ArtifactKind;
  /** Path relative to dist/, forward slashes: `sre.cells.csv`. */
  path: string;
  /** What a person looks for: `Web page`. */
  label: string;
  /** One line on who the file is for. */
  description: string;
}

/** The per-ladder artifacts of ladder `id`, in a fixed order. */
export function artifactsOf(id: string): Artifact[] {
  return [
    { kind: "html", path: `${id}.html`, label: "Web page", description: "the ladder to read, search and compare" },
    { kind: "markdown", path: `${id}.md`, label: "Markdown", description: "the matrix and one section per level" },
    {
      kind: "xlsx",
      path: `${id}.xlsx`,
      label: "Workbook (Excel)",
      description:
        "the matrix formatted to read and print, a sheet with one row per cell and its ids, and one about the ladder",
    },
    { kind: "csv", path: `${id}.csv`, label: "Spreadsheet (CSV)", description: "the matrix, one row per competency" },
    {
      kind: "cells-csv",
      path: `${id}.cells.csv`,
      label: "Cells (CSV)",
      description: "one row per cell with ids, for HR systems and BI tools",
    },
    { kind: "json", path: `${id}.json`, label: "JSON", description: "the validated ladder, for programs" },
  ];
}

/** The index pages every build writes besides the ladders' own files. */
export const INDEX_FILES = { html: "index.html", markdown: "README.md" } as const;
