/**
 * The Markdown generator: `dist/<id>.md`. Code builds a typed context in which every text is already escaped
 * (`MarkdownText`); ladder.md.hbs and its partials only lay it out.
 *
 * Shape: the title and summary; the matrix as a GitHub table of the seed's shape (first header `Category`,
 * one column per level headed `Title (Code)`, a bold row per category with empty cells, an italic row per
 * competency); a line linking every level; one section per level, grouped by category; the descriptions, when
 * the ladder has any. Anchors are built from ids only, the same fragments the HTML page uses:
 * `#level-<level>` and `#level-<level>--<competency>` (ids cannot contain `--`, so none collide).
 */
import { type Ladder, levelLabel } from "../../scripts/model/model.js";
import { markdownStamp, stampOf } from "../shared/stamp.js";
import { template as compile, environment, registerPartial, type Template } from "../shared/templates.js";
import { escapeMarkdown, type MarkdownText, markdownUrl, trustedMarkdown } from "./escape.js";
import { type HistoryVersion, historyMarkdown } from "./history.js";
import {
  cellMarkdown,
  fromMark,
  type OrganisationLines,
  organisationLines,
  proseMarkdown,
  scaleLine,
} from "./organisation.js";

export interface MarkdownContext {
  title: MarkdownText;
  /** `*Version 2.1.0 · effective 2027-01-01*` (shared/stamp.ts); null when the ladder has no version fields. */
  stamp: MarkdownText | null;
  summary: MarkdownText | null;
  /** The first header cell of the matrix, as in the seed. */
  firstHeader: MarkdownText;
  levels: LevelSection[];
  groups: MatrixGroup[];
  /** Categories and competencies that have a description; null when none has. */
  about: AboutCategory[] | null;
  /** Where the ladder came from, for the "do not edit" footer. */
  source: MarkdownText;
  /** Prose, inheritance and the organisation (generators/markdown/organisation.ts); all null for a plain ladder. */
  org: OrganisationLines;
  /** The versions the ladder's `history:` records (history.ts); null when none. */
  history: HistoryVersion[] | null;
}

export interface MatrixGroup {
  name: MarkdownText;
  /** ` *(from core)*` for an inherited category or row, else "". */
  mark: MarkdownText;
  rows: Array<{ name: MarkdownText; mark: MarkdownText; cells: MarkdownText[] }>;
}

export interface LevelSection {
  anchor: MarkdownText;
  label: MarkdownText;
  summary: MarkdownText | null;
  /** The scale level this level sits on, in an organisation. */
  scale: MarkdownText | null;
  prose: MarkdownText | null;
  categories: Array<{ name: MarkdownText; entries: LevelEntry[] }>;
}

export interface LevelEntry {
  anchor: MarkdownText;
  name: MarkdownText;
  /** ` *(from core)*` when the cell's text is inherited, else "". */
  mark: MarkdownText;
  text: MarkdownText;
  examples: MarkdownText[];
}

export interface AboutCategory {
  /** `category-skill`: lets `ladder import` give the description back to the right category. */
  anchor: MarkdownText;
  name: MarkdownText;
  description: MarkdownText | null;
  /** `anchor` is `competency-<id>`, the same fragment as the web page's. */
  competencies: Array<{ anchor: MarkdownText; name: MarkdownText; description: MarkdownText }>;
}

/** The fragment of a level's section: `level-l3`. */
export function levelAnchor(levelId: string): string {
  return `level-${levelId}`;
}

/** The fragment of one competency within a level's section: `level-l3--mastery-on-call`. */
export function entryAnchor(levelId: string, competencyId: string): string {
  return `level-${levelId}--${competencyId}`;
}

/**
 * Where a ladder came from, as shown in generated files: its path when relative to the repository
 * (`ladder/sre.yaml`), else only its file name, so no machine's folders leak into committed output.
 */
export function sourceName(ladder: Ladder): string {
  const portable = !/^([A-Za-z]:)?[\\/]/.test(ladder.file) && !ladder.file.split(/[\\/]/).includes("..");
  return portable ? ladder.file.replace(/\\/g, "/") : (ladder.file.split(/[\\/]/).pop() ?? ladder.file);
}

/** The stamp line; its values need no escaping (shared/stamp.ts), and the link is to the other ladder's Markdown. */
function stampLine(ladder: Ladder): MarkdownText | null {
  const stamp = stampOf(ladder);
  return stamp === null
    ? null
    : (markdownStamp(stamp, escapeMarkdown, (id) => markdownUrl(`${id}.md`)) as MarkdownText);
}

const optional = (text: string | undefined) => (text === undefined ? null : escapeMarkdown(text));

/** Builds the context of `dist/<id>.md`. Pure; reads the ladder, never changes it. */
export function markdownContext(ladder: Ladder): MarkdownContext {
  const levels = ladder.levels.map(
    (level): LevelSection => ({
      anchor: markdownUrl(levelAnchor(level.id)),
      label: escapeMarkdown(levelLabel(level)),
      summary: optional(level.summary),
      scale: scaleLine(ladder, level),
      prose: proseMarkdown(level.prose, 1),
      categories: ladder.categories.map((category) => ({
        name: escapeMarkdown(category.name),
        entries: category.competencies.map((competency) => ({
          anchor: markdownUrl(entryAnchor(level.id, competency.id)),
          name: escapeMarkdown(competency.name),
          mark: fromMark(competency.cellsFrom?.[level.id]),
          text: cellMarkdown(competency, level.id, false),
          examples: (competency.examples?.[level.id] ?? []).map(escapeMarkdown),
        })),
      })),
    }),
  );
  const groups = ladder.categories.map((category) => ({
    name: escapeMarkdown(category.name),
    mark: fromMark(category.from),
    rows: category.competencies.map((competency) => ({
      name: escapeMarkdown(competency.name),
      mark: fromMark(competency.from),
      cells: ladder.levels.map((level) => cellMarkdown(competency, level.id, true)),
    })),
  }));
  const about = ladder.categories
    .map((category) => ({
      anchor: trustedMarkdown(`category-${category.id}`),
      name: escapeMarkdown(category.name),
      description: optional(category.description),
      competencies: category.competencies.flatMap((c) =>
        c.description === undefined
          ? []
          : [
              {
                anchor: trustedMarkdown(`competency-${c.id}`),
                name: escapeMarkdown(c.name),
                description: escapeMarkdown(c.description),
              },
            ],
      ),
    }))
    .filter((category) => category.description !== null || category.competencies.length > 0);
  return {
    title: escapeMarkdown(ladder.title),
    stamp: stampLine(ladder),
    summary: optional(ladder.summary),
    firstHeader: trustedMarkdown("Category"),
    levels,
    groups,
    about: about.length > 0 ? about : null,
    source: escapeMarkdown(sourceName(ladder)),
    org: organisationLines(ladder),
    history: historyMarkdown(ladder),
  };
}

// One Handlebars environment of our own, so no other generator's partials or helpers can leak in.
// noEscape: Handlebars' escaping is HTML's, wrong for Markdown (it would turn `'` into `&#x27;`); every value
// in the context is already a MarkdownText, and the templates emit it with {{{ }}} to say so.
// strict: a name the context lacks is a bug, so it throws instead of rendering as nothing.
let template: Template<MarkdownContext> | undefined;

function compiled(): Template<MarkdownContext> {
  if (template) return template;
  const options = { strict: true, noEscape: true };
  const handlebars = environment();
  for (const name of ["matrix", "level"]) {
    registerPartial(handlebars, name, new URL(`partials/${name}.hbs`, import.meta.url), options);
  }
  template = compile<MarkdownContext>(handlebars, new URL("ladder.md.hbs", import.meta.url), options);
  return template;
}

/** Renders `dist/<id>.md` for a valid ladder. Pure and deterministic: same ladder, same bytes (LF endings). */
export function renderMarkdown(ladder: Ladder): string {
  return compiled()(markdownContext(ladder));
}

/** `renderMarkdown`'s text in chunks (shared/templates.ts `Template.chunks`), as build takes it. */
export function renderMarkdownChunks(ladder: Ladder): string[] {
  return compiled().chunks(markdownContext(ladder));
}

/** The same chunks, each handed to `each` as soon as it is made (`Template.stream`), as check takes them. */
export function streamMarkdown(ladder: Ladder, each: (chunk: string) => void): void {
  compiled().stream(markdownContext(ladder), each);
}
