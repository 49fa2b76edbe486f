/**
 * The page's links out of itself: the other downloads of the ladder, the index, and — only when the build is
 * configured with the GitHub repository (generators/shared/site.ts) — the source file and a prefilled issue
 * per cell. Every address is built from ids, paths and the configured repository, so output is deterministic.
 */
import { type Competency, type Ladder, type Level, levelLabel } from "../../scripts/model/model.js";
import { artifactsOf, INDEX_FILES } from "../shared/artifacts.js";
import type { Site } from "../shared/site.js";

export interface DownloadContext {
  href: string;
  label: string;
  description: string;
}

export interface SourceContext {
  /** The ladder file on GitHub (default branch). */
  file: string;
  /** A new issue about the ladder as a whole. */
  propose: string;
}

/** Every other file `ladder build` writes for this ladder, relative to the page (they sit side by side). */
export function downloadsOf(ladder: Ladder): DownloadContext[] {
  return artifactsOf(ladder.id)
    .filter((artifact) => artifact.kind !== "html")
    .map((artifact) => ({ href: artifact.path, label: artifact.label, description: artifact.description }));
}

export const INDEX_HREF = INDEX_FILES.html;

/** Path segments of a repository file, each percent-encoded (a ladder file name is an id, but be exact). */
const filePath = (file: string) => file.split("/").map(encodeURIComponent).join("/");

export function sourceOf(ladder: Ladder, site: Site): SourceContext | null {
  if (!site.repository) return null;
  return {
    file: `${site.repository}/blob/HEAD/${filePath(ladder.file)}`,
    propose: issueUrl(site.repository, `${ladder.title}: `, [`${ladder.file}.`, "", "What should change, and why:"]),
  };
}

/**
 * A prefilled issue naming the ladder, the competency and the level of one cell, or null without a repository.
 * An inherited cell's text lives in its base ladder's file (`cellsFrom`), so the issue names that file too.
 */
export function proposeCell(
  ladder: Ladder,
  competency: Competency,
  level: Level,
  site: Site,
  ladders: readonly Ladder[] = [],
): string | null {
  if (!site.repository) return null;
  const label = levelLabel(level);
  const holder = competency.cellsFrom?.[level.id];
  const held =
    holder === undefined ? "" : ` The text is inherited from ${ladders.find((l) => l.id === holder)?.file ?? holder}.`;
  return issueUrl(site.repository, `${ladder.title}: ${competency.name} at ${label}`, [
    `${ladder.file}, competency \`${competency.id}\`, level \`${level.id}\`.${held}`,
    "",
    "What should change, and why:",
  ]);
}

/** Ladder text in an issue is data: an `@name` in it must not ping anyone (a zero-width space breaks it). */
const quiet = (text: string) => text.replace(/@/g, "@\u200b");

/** GitHub's new-issue form with title and body filled in; the text is data, percent-encoded whole. */
function issueUrl(repository: string, title: string, body: string[]): string {
  const query = `title=${encodeURIComponent(quiet(title))}&body=${encodeURIComponent(quiet(body.join("\n")))}`;
  return `${repository}/issues/new?${query}`;
}
