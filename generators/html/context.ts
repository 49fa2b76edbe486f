/**
 * The page's context: everything the HTML templates lay out, decided here — fragment ids, labels, grouping,
 * neighbours of each level. Text stays raw; the templates pass it through the `text` helper (escape.ts).
 *
 * Fragment ids (stable: built only from ladder ids, which cannot contain `--`, so none can collide):
 *   #matrix, #category-<category>, #competency-<competency>, #cell-<competency>--<level>   (the matrix)
 *   #levels, #level-<level>, #level-<level>--<competency>                                 (one level at a time)
 *   #compare=<level>..<level>                                                             (two levels side by side)
 *   #history, #version-<version>                                                          (what changed in each version)
 */
import { competencyCount, type Ladder, type Level, levelLabel } from "../../scripts/model/model.js";
import type { RenderOptions } from "../shared/site.js";
import { stampOf } from "../shared/stamp.js";
import { type CellShown, cellShown, fromMark } from "./cells.js";
import { type CellChange, cellChanges, type HistoryContext, historyContext } from "./history.js";
import { type DownloadContext, downloadsOf, INDEX_HREF, proposeCell, type SourceContext, sourceOf } from "./links.js";
import { type AcrossView, acrossViews, type OrgLevelContext, orgLevel, trackLine } from "./organisation.js";
import { proseHtml } from "./prose.js";

export interface PageContext {
  title: string;
  summary: string | null;
  /** "Version 2.1.0 · effective 2026-12-01 · superseded", from the ladder's version fields (shared/stamp.ts). */
  stamp: string | null;
  /** The ladder that replaces this one (`replacedBy`), linked after the stamp. */
  replacement: { href: string; label: string } | null;
  downloads: DownloadContext[];
  index: string;
  /** Links to the source on GitHub; null when the build names no repository. */
  source: SourceContext | null;
  /** "The SRE track of Acme", inside an organisation. */
  track: string | null;
  /** Prose before the matrix and after every view, as safe HTML (prose.ts); null when none. */
  prose: string | null;
  afterword: string | null;
  /** Categories' and competencies' prose, shown under the matrix; empty when none has any. */
  about: AboutContext[];
  /** Inherited competencies this track leaves out, each with its reason. */
  dropped: Array<{ name: string; mark: string | null; reason: string }>;
  /** One view per level comparing it with the same scale level in the other tracks (organisation.ts). */
  across: AcrossView[];
  /** Columns of the matrix: the competency column plus one per level. */
  columns: number;
  /** Compare needs two levels; a one-level ladder has no compare view. */
  canCompare: boolean;
  levels: LevelContext[];
  categories: CategoryContext[];
  /** The History view and what the matrix marks as changed (history.ts); null without version or history. */
  history: HistoryContext | null;
  /** Total competencies, shown by the find count before any filter. */
  competencyCount: number;
  /** "12 competencies", "1 competency": the find count before any filter. */
  competencyCountLabel: string;
}

export interface LevelContext {
  id: string;
  label: string;
  summary: string | null;
  prose: string | null;
  org: OrgLevelContext;
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

export interface AboutContext {
  name: string;
  prose: string | null;
  competencies: Array<{ name: string; description: string | null; prose: string }>;
}

export interface LevelGroupContext {
  categoryId: string;
  name: string;
  mark: string | null;
  description: string | null;
  entries: EntryContext[];
}

export interface EntryContext extends CellShown {
  competencyId: string;
  anchor: string;
  name: string;
  rowMark: string | null;
  /** This competency at this scale level in every track, when the organisation has other tracks. */
  across: string | null;
  description: string | null;
  /** A prefilled issue about this cell; null when the build names no repository. */
  propose: string | null;
  /** Spoken after "Propose a change": which cell. */
  proposeFor: string;
  examples: string[] | null;
}

export interface CategoryContext {
  id: string;
  anchor: string;
  name: string;
  mark: string | null;
  description: string | null;
  rows: RowContext[];
}

export interface RowContext {
  id: string;
  anchor: string;
  name: string;
  mark: string | null;
  description: string | null;
  cells: CellContext[];
}

export interface CellContext extends CellShown {
  anchor: string;
  /** The versions this cell changed in, and its "changed since" mark (history.ts); null when it never did. */
  changed: CellChange | null;
  /** The level's label, shown before the text when the row becomes a card on a phone. */
  label: string;
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
  const labels = levels.map(levelLabel);
  const count = competencyCount(ladder);
  const stamp = stampOf(ladder);
  const history = historyContext(ladder);
  const changes = cellChanges(ladder, history);
  const link = (level: Level | undefined): LinkContext | null =>
    level ? { href: `#${anchors.level(level.id)}`, label: levelLabel(level) } : null;
  return {
    title: ladder.title,
    summary: ladder.summary ?? null,
    stamp: stamp?.text || null,
    // Named by its id, as in the Markdown: the page shows only what its own ladder says.
    replacement: stamp?.replacedBy == null ? null : { href: `${stamp.replacedBy}.html`, label: stamp.replacedBy },
    downloads: downloadsOf(ladder),
    index: INDEX_HREF,
    source: sourceOf(ladder, site),
    track: trackLine(ladder),
    prose: proseHtml(ladder.prose),
    afterword: proseHtml(ladder.afterword),
    about: aboutOf(ladder),
    across: acrossViews(ladder, options),
    dropped: (ladder.dropped ?? []).map((d) => ({ name: d.name, mark: fromMark(d.from, options), reason: d.reason })),
    columns: levels.length + 1,
    canCompare: levels.length > 1,
    history,
    competencyCount: count,
    competencyCountLabel: `${count} ${count === 1 ? "competency" : "competencies"}`,
    levels: levels.map((level, i) => {
      const next = levels[i + 1];
      const org = orgLevel(ladder, level, options);
      return {
        id: level.id,
        label: levelLabel(level),
        summary: level.summary ?? null,
        prose: proseHtml(level.prose, 2),
        org,
        anchor: anchors.level(level.id),
        previous: link(levels[i - 1]),
        next: link(next),
        compareNext: next ? { href: `#${anchors.compare(level.id, next.id)}`, label: levelLabel(next) } : null,
        groups: ladder.categories.map((category) => ({
          categoryId: category.id,
          name: category.name,
          mark: fromMark(category.from, options),
          description: category.description ?? null,
          entries: category.competencies.map((competency) => ({
            competencyId: competency.id,
            anchor: anchors.entry(level.id, competency.id),
            name: competency.name,
            rowMark: fromMark(competency.from, options),
            across: org.across ? `#tracks-${level.id}--${competency.id}` : null,
            description: competency.description ?? null,
            propose: proposeCell(ladder, competency, level, site, options.ladders),
            proposeFor: site.repository ? ` to ${competency.name} at ${labels[i]}` : "",
            ...cellShown(competency, level, options),
            examples: competency.examples?.[level.id] ?? null,
          })),
        })),
      };
    }),
    categories: ladder.categories.map((category) => ({
      id: category.id,
      anchor: anchors.category(category.id),
      name: category.name,
      mark: fromMark(category.from, options),
      description: category.description ?? null,
      rows: category.competencies.map((competency) => ({
        id: competency.id,
        anchor: anchors.competency(competency.id),
        name: competency.name,
        mark: fromMark(competency.from, options),
        description: competency.description ?? null,
        cells: levels.map((level, i) => ({
          anchor: anchors.cell(competency.id, level.id),
          label: labels[i] as string,
          changed: changes.get(`${competency.id}--${level.id}`) ?? null,
          ...cellShown(competency, level, options),
        })),
      })),
    })),
  };
}

/** Categories and competencies that carry prose, for the "About the competencies" part under the matrix. */
function aboutOf(ladder: Ladder): AboutContext[] {
  return ladder.categories.flatMap((category) => {
    const competencies = category.competencies.flatMap((competency) => {
      const prose = proseHtml(competency.prose, 3);
      return prose ? [{ name: competency.name, description: competency.description ?? null, prose }] : [];
    });
    const prose = proseHtml(category.prose, 2);
    return prose || competencies.length > 0 ? [{ name: category.name, prose, competencies }] : [];
  });
}
