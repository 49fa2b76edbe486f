/**
 * The page's context: everything the HTML templates lay out, decided here — fragment ids, labels, grouping,
 * neighbours of each level. Text stays raw; the templates pass it through the `text` helper (escape.ts).
 *
 * Fragment ids (stable: built only from ladder ids, which cannot contain `--`, so none can collide):
 *   #matrix, #category-<category>, #competency-<competency>, #cell-<competency>--<level>   (the matrix)
 *   #levels, #level-<level>, #level-<level>--<competency>                                 (one level at a time)
 *   #compare=<level>..<level>                                                             (two levels side by side)
 */
import { type Competency, type Ladder, type Level, levelLabel } from "../../scripts/model/model.js";
import type { RenderOptions } from "../shared/site.js";
import { type DownloadContext, downloadsOf, INDEX_HREF, proposeCell, type SourceContext, sourceOf } from "./links.js";

export interface PageContext {
  title: string;
  summary: string | null;
  /** "Version 2.1.0 · effective 2026-12-01 · superseded", from the ladder's version fields; null without any. */
  stamp: string | null;
  downloads: DownloadContext[];
  index: string;
  /** Links to the source on GitHub; null when the build names no repository. */
  source: SourceContext | null;
  /** Columns of the matrix: the competency column plus one per level. */
  columns: number;
  /** Compare needs two levels; a one-level ladder has no compare view. */
  canCompare: boolean;
  levels: LevelContext[];
  categories: CategoryContext[];
  /** Total competencies, shown by the find count before any filter. */
  competencyCount: number;
}

export interface LevelContext {
  id: string;
  label: string;
  summary: string | null;
  anchor: string;
  previous: LinkContext | null;
  next: LinkContext | null;
  /** This level against the next: the question "what does the next level ask of me?". */
  compareNext: LinkContext | null;
  groups: LevelGroupContext[];
}

export interface LinkContext {
  href: string;
  label: string;
}

export interface LevelGroupContext {
  categoryId: string;
  name: string;
  description: string | null;
  entries: EntryContext[];
}

export interface EntryContext {
  competencyId: string;
  anchor: string;
  name: string;
  description: string | null;
  /** A prefilled issue about this cell; null when the build names no repository. */
  propose: string | null;
  /** Spoken after "Propose a change": which cell. */
  proposeFor: string;
  text: string;
  examples: string[] | null;
}

export interface CategoryContext {
  id: string;
  anchor: string;
  name: string;
  description: string | null;
  rows: RowContext[];
}

export interface RowContext {
  id: string;
  anchor: string;
  name: string;
  description: string | null;
  cells: CellContext[];
}

export interface CellContext {
  anchor: string;
  /** The level's label, shown before the text when the row becomes a card on a phone. */
  label: string;
  text: string;
}

/** Fragment ids of the page; the page script parses the same shapes (page.js `route`). */
export const anchors = {
  category: (categoryId: string) => `category-${categoryId}`,
  competency: (competencyId: string) => `competency-${competencyId}`,
  cell: (competencyId: string, levelId: string) => `cell-${competencyId}--${levelId}`,
  level: (levelId: string) => `level-${levelId}`,
  entry: (levelId: string, competencyId: string) => `level-${levelId}--${competencyId}`,
  compare: (fromId: string, toId: string) => `compare=${fromId}..${toId}`,
};

/** Builds the page context of a valid ladder. Pure; keeps the ladder's own order of levels, categories, rows. */
export function buildContext(ladder: Ladder, options: RenderOptions = {}): PageContext {
  const { levels } = ladder;
  const site = options.site ?? {};
  const link = (level: Level | undefined): LinkContext | null =>
    level ? { href: `#${anchors.level(level.id)}`, label: levelLabel(level) } : null;
  return {
    title: ladder.title,
    summary: ladder.summary ?? null,
    stamp: stampOf(ladder),
    downloads: downloadsOf(ladder),
    index: INDEX_HREF,
    source: sourceOf(ladder, site),
    columns: levels.length + 1,
    canCompare: levels.length > 1,
    competencyCount: ladder.categories.reduce((n, c) => n + c.competencies.length, 0),
    levels: levels.map((level, i) => {
      const next = levels[i + 1];
      return {
        id: level.id,
        label: levelLabel(level),
        summary: level.summary ?? null,
        anchor: anchors.level(level.id),
        previous: link(levels[i - 1]),
        next: link(next),
        compareNext: next ? { href: `#${anchors.compare(level.id, next.id)}`, label: levelLabel(next) } : null,
        groups: ladder.categories.map((category) => ({
          categoryId: category.id,
          name: category.name,
          description: category.description ?? null,
          entries: category.competencies.map((competency) => ({
            competencyId: competency.id,
            anchor: anchors.entry(level.id, competency.id),
            name: competency.name,
            description: competency.description ?? null,
            propose: proposeCell(ladder, competency, level, site),
            proposeFor: ` to ${competency.name} at ${levelLabel(level)}`,
            text: cellText(competency, level),
            examples: competency.examples?.[level.id] ?? null,
          })),
        })),
      };
    }),
    categories: ladder.categories.map((category) => ({
      id: category.id,
      anchor: anchors.category(category.id),
      name: category.name,
      description: category.description ?? null,
      rows: category.competencies.map((competency) => ({
        id: competency.id,
        anchor: anchors.competency(competency.id),
        name: competency.name,
        description: competency.description ?? null,
        cells: levels.map((level) => ({
          anchor: anchors.cell(competency.id, level.id),
          label: levelLabel(level),
          text: cellText(competency, level),
        })),
      })),
    })),
  };
}

/** A valid ladder has every cell (rule cells-match-levels); an empty string keeps the table's shape regardless. */
function cellText(competency: Competency, level: Level): string {
  return Object.hasOwn(competency.cells, level.id) ? (competency.cells[level.id] as string) : "";
}

/** The version fields the artifacts engineer adds to the model (optional; absent on today's ladders). */
interface Versioned {
  version?: string;
  effective?: string;
  status?: string;
}

/** "Version 2.1.0 · effective 2026-12-01", or null when the ladder carries neither (nothing is rendered). */
function stampOf(ladder: Ladder): string | null {
  const { version, effective, status } = ladder as Ladder & Versioned;
  const parts = [
    version ? `Version ${version}` : "",
    effective ? `effective ${effective}` : "",
    status && status !== "current" ? status : "",
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const text = parts.join(" · ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
