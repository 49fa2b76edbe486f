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
  summary?: string;
  levels: Level[];
  categories: Category[];
  /** Per-ladder lint configuration: rule id to severity. */
  lint?: LintConfig;
}

export interface Level {
  id: string;
  /** Short code shown after the title: `L1`. */
  code: string;
  /** Title without the code: `Junior SRE`. */
  title: string;
  summary?: string;
}

export interface Category {
  id: string;
  name: string;
  description?: string;
  competencies: Competency[];
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

/** Display label of a level, as in the seed's header: `Junior SRE (L1)`. */
export function levelLabel(level: Level): string {
  // A title that already ends with its code ("Distinguished SRE (L6)") does not get it twice.
  return level.title.endsWith(`(${level.code})`) ? level.title : `${level.title} (${level.code})`;
}

/** Every competency of a ladder in display order, with the category it belongs to. */
export function competencyRows(ladder: Ladder): Array<{ category: Category; competency: Competency }> {
  return ladder.categories.flatMap((category) => category.competencies.map((competency) => ({ category, competency })));
}
