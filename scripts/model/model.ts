/**
 * The ladder model: what every stage after `load` works on.
 *
 * Glossary (see ARCHITECTURE.md): a *ladder* is one file in `ladder/`; its *levels* are the columns,
 * its *categories* group the *competencies* (the rows), and a *cell* is one competency's expectation at
 * one level. Every level, category and competency has a stable `id`; display names may repeat.
 */

/** A ladder as written in `ladder/<id>.yaml`, after schema validation. */
export interface Ladder {
  /** The file's name without `.yaml`: `ladder/sre.yaml` is the ladder `sre`. */
  id: string;
  /** The path the ladder was read from, as shown in problems (`ladder/sre.yaml`). */
  file: string;
  title: string;
  /**
   * The ladder's version, `MAJOR.MINOR.PATCH` (`1.0.0`); absent on a ladder that is not versioned. Each file has
   * its own: a track's is never inherited from its base. `ladder bump` raises it (scripts/model/version.ts).
   */
  version?: string;
  /** The date this version takes effect, `YYYY-MM-DD`: chosen by people, never a clock. */
  effective?: string;
  /** `current` when absent. */
  status?: LadderStatus;
  /** With status `superseded` or `legacy`: the id of the ladder that replaces this one. */
  replacedBy?: string;
  summary?: string;
  /** Prose shown before the matrix (sections of allowed Markdown, see `Section`). */
  prose?: Section[];
  /** Prose shown after the matrix. */
  afterword?: Section[];
  /**
   * The id of the base ladder this one extends (`extends: core`): its categories, competencies and cells are
   * inherited (scripts/resolve/). Only inside an organisation (`ladder/organisation.yaml`).
   */
  extends?: string;
  levels: Level[];
  categories: Category[];
  /** Per-ladder lint configuration: rule id to severity. */
  lint?: LintConfig;
  /**
   * What changed in each earlier version, newest first, as `ladder bump` recorded it (scripts/diff/history.ts):
   * kept in the file so every build and every clone, with or without tags, can show it. Never inherited.
   */
  history?: VersionEntry[];
  /** Resolved ladders only: the inherited competencies this ladder drops, each with its reason. */
  dropped?: Dropped[];
  /** Resolved ladders only, inside an organisation: the track and scale levels this ladder's levels sit on. */
  organisation?: TrackInOrganisation;
}

/** One version in a ladder's history: what changed since the version before it. */
export interface VersionEntry {
  version: string;
  /** The day `ladder bump` first recorded this version, `YYYY-MM-DD`. */
  date?: string;
  /** The version its changes are counted from. */
  previous?: string;
  /** The strongest impact of its changes. */
  impact?: "breaking" | "substantive" | "editorial";
  changes: HistoryChange[];
}

/** One change of a version, as the diff found it (scripts/diff/change.ts), with a label to show. */
export interface HistoryChange {
  /** What changed, in words of that version: `Planning · Senior SRE (L3)`, `Senior SRE (L3)`, `The ladder`. */
  what: string;
  /** The diff's change kind: `cell-changed`, `competency-added`, `level-renamed` … */
  kind: string;
  impact: "breaking" | "substantive" | "editorial";
  competency?: string;
  level?: string;
  category?: string;
  field?: string;
  before?: string;
  after?: string;
}

/** Whether people are measured against a ladder: `current` (the default), or kept as `superseded`/`legacy`. */
export type LadderStatus = "current" | "superseded" | "legacy";

/**
 * A prose section: an optional heading (plain text, Markdown depth 2 to 4, default 2) and Markdown text
 * limited to paragraphs, `-`/`1.` lists, **bold**, *italic*, `code` and [links](https://…): no headings
 * inside the text, no raw HTML, no tables, no images (rule `prose-markdown`, scripts/check/prose.ts).
 */
export interface Section {
  heading?: string;
  depth?: 2 | 3 | 4;
  text?: string;
}

/** An inherited competency a resolved ladder leaves out. */
export interface Dropped {
  id: string;
  name: string;
  /** The id of the category it was in. */
  category: string;
  /** The ladder id that holds it. */
  from: string;
  reason: string;
}

export interface Level {
  id: string;
  /** Short code shown after the title: `L1`. */
  code: string;
  /** Title without the code: `Junior SRE`. */
  title: string;
  summary?: string;
  /** The id of the organisation's scale level this level sits on (`scale: l3`), see `Organisation`. */
  scale?: string;
  prose?: Section[];
}

export interface Category {
  id: string;
  name: string;
  description?: string;
  prose?: Section[];
  competencies: Competency[];
  /** Resolved ladders only: the ladder id that holds the category, when not this ladder. */
  from?: string;
}

export interface Competency {
  id: string;
  /** Display name; may repeat (the SRE ladder has three rows named "Mastery"). */
  name: string;
  description?: string;
  /** Level id to the expectation at that level: the row's cells. */
  cells: Record<string, string>;
  /** Level id to examples of evidence for that cell. */
  examples?: Record<string, string[]>;
  /**
   * Level id to the reason this competency does not apply at that level ("" when none is given). A level is
   * in exactly one of `cells` and `notApplicable`; `missing-cell` reports a level in neither.
   */
  notApplicable?: Record<string, string>;
  prose?: Section[];
  /**
   * Only in a ladder that extends another: drop the inherited competency with this id, for the reason given
   * (`drop: Support agents do not mentor`). Resolution removes it and lists it in `Ladder.dropped`.
   */
  drop?: string;
  /** Resolved ladders only: the ladder id that holds the competency, when not this ladder. */
  from?: string;
  /** Resolved ladders only: level id to the ladder id that holds the cell (or its not-applicable), when not this ladder. */
  cellsFrom?: Record<string, string>;
}

/**
 * `ladder/organisation.yaml` (a reserved name; not a ladder): the organisation's level scales and its tracks.
 * Without the file every ladder stands alone, as before.
 */
export interface Organisation {
  /** The path it was read from, as shown in problems (`ladder/organisation.yaml`). */
  file: string;
  title: string;
  summary?: string;
  prose?: Section[];
  /** The level scales, e.g. `ic` (L1–L5) and `management` (M1–M3). Scale level ids are unique across scales. */
  scales: Scale[];
  /** The ladders that are tracks of the organisation, in display order. */
  tracks: Track[];
}

export interface Scale {
  id: string;
  name: string;
  description?: string;
  /** Lowest first. */
  levels: ScaleLevel[];
}

/** One level of a scale, e.g. id `l3`, code `L3`, title `Senior`: what the level means across tracks. */
export interface ScaleLevel {
  id: string;
  code: string;
  title: string;
  summary?: string;
}

export interface Track {
  /** The ladder id (its file name): `sre`. */
  ladder: string;
  /** How the track is named in the organisation's views, e.g. "SRE"; defaults to the ladder's title. */
  name?: string;
}

/** What a resolved ladder knows of its organisation, for the artifacts (copied into each ladder). */
export interface TrackInOrganisation {
  title: string;
  /** The track's name (Track.name or the ladder's title); absent for a ladder that is not a track (a base). */
  track?: string;
  /** Scale level id to its scale and meaning, for the levels of this ladder that have a `scale`. */
  scaleLevels: Record<string, ScaleLevel & { scale: string; scaleName: string }>;
}

export type Severity = "error" | "warning";
export type RuleSetting = "off" | Severity;

export interface LintConfig {
  rules?: Record<string, RuleSetting>;
}

/** A path into the ladder document, as keys and indices: `["categories", 0, "competencies", 2, "cells", "l3"]`. */
export type DocPath = ReadonlyArray<string | number>;

/**
 * One thing wrong with a ladder. Pure stages report a `path`; the edge that holds the source text turns it
 * into `line` and `column` (see locate.ts).
 */
export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable rule id, printed in parentheses: `duplicate-id`. */
  rule: string;
  message: string;
}

/** A problem found by a pure stage, positioned by a document path rather than a line. */
export interface PathProblem {
  path: DocPath;
  severity: Severity;
  rule: string;
  message: string;
  /** Point at the key of the node rather than its value (an unknown key, a duplicate id's key). */
  atKey?: boolean;
}

/**
 * Whether two ladders are one: the same object, or copies of one parse (every field the same value), as the
 * two sides of a diff give for a file a change left alone (scripts/check/load.ts `loadOnce`).
 */
export function sameLadder(a: Ladder, b: Ladder): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as Array<keyof Ladder>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/** The number of competencies (rows) of a ladder, across its categories. */
export function competencyCount(ladder: Pick<Ladder, "categories">): number {
  return ladder.categories.reduce((n, category) => n + category.competencies.length, 0);
}

/** Display label of a level, as in the seed's header: `Junior SRE (L1)`. */
export function levelLabel(level: Level): string {
  // A title that already ends with its code ("Distinguished SRE (L6)") does not get it twice.
  return level.title.endsWith(`(${level.code})`) ? level.title : `${level.title} (${level.code})`;
}

/** Files above this size are refused before parsing, so a huge file cannot exhaust memory. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** The ladder id of a file: its base name without `.yaml`/`.yml`. */
export function ladderIdOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, "");
}

/** The reserved file name of the organisation file in the ladder folder. */
export const ORGANISATION_FILE = "organisation.yaml";

/** Every competency of a ladder in display order, with the category it belongs to. */
export function competencyRows(ladder: Ladder): Array<{ category: Category; competency: Competency }> {
  return ladder.categories.flatMap((category) => category.competencies.map((competency) => ({ category, competency })));
}

/**
 * A cell as plain text for formats without markup (CSV): its text, or "Not applicable" with the reason
 * ("Not applicable: Juniors are not on call yet."); "" when the level has neither.
 */
export function cellText(competency: Competency, levelId: string): string {
  const text = competency.cells[levelId];
  if (text !== undefined) return text;
  const reason = competency.notApplicable?.[levelId];
  if (reason === undefined) return "";
  return reason === "" ? "Not applicable" : `Not applicable: ${reason}`;
}

/** Orders strings by UTF-16 code units: the same order under every locale (ids, paths, names). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
