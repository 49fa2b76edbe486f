/** The report model's vocabulary: the kinds of change and their impact. Types only; `make-change.ts` builds them. */

/** How much a change matters to the people on the ladder (the rule is in impact.ts). */
export type Impact = "breaking" | "substantive" | "editorial";

export type ChangeKind =
  | "ladder-added"
  | "ladder-removed"
  | "ladder-changed"
  | "level-added"
  | "level-removed"
  | "level-renamed"
  | "level-moved"
  | "category-added"
  | "category-removed"
  | "category-renamed"
  | "category-moved"
  | "competency-added"
  | "competency-removed"
  | "competency-renamed"
  | "competency-moved"
  | "cell-changed"
  | "cell-added"
  | "cell-removed";

/** Which property a `*-renamed`, `ladder-changed` or `cell-changed` change is about. */
export type Field =
  | "id"
  | "title"
  | "summary"
  | "code"
  | "name"
  | "description"
  | "text"
  | "examples"
  | "prose"
  | "afterword"
  | "scale"
  | "extends";

/** Fields that hold prose rather than a name: a change to one is "… changed", never a rename. */
export const PROSE_FIELDS: ReadonlySet<string> = new Set(["summary", "description", "prose", "afterword"]);

/** A list of prose sections as one Markdown text, so a change to it is diffed word by word like a cell. */
export function sectionsText(sections: ReadonlyArray<{ heading?: string; depth?: number; text?: string }> | undefined) {
  if (sections === undefined) return undefined;
  return sections
    .map((s) =>
      [s.heading === undefined ? "" : `${"#".repeat(s.depth ?? 2)} ${s.heading}`, s.text ?? ""]
        .filter(Boolean)
        .join("\n\n"),
    )
    .join("\n\n");
}

/** Where an item stood: its 1-based position in its list, and for competencies the category holding it. */
export interface Place {
  category?: string;
  position: number;
}

/** One change. Ids are the head's where the item exists there, else the base's. */
export interface Change {
  kind: ChangeKind;
  impact: Impact;
  /** An editorial text edit that is only whitespace, or only a change of voice (pronouns); see impact.ts. */
  edit?: "whitespace" | "voice";
  level?: string;
  category?: string;
  competency?: string;
  field?: Field;
  /** The full old text (a cell, a title, an id); absent where there was none. */
  before?: string;
  /** The full new text; absent where there is none. */
  after?: string;
  /** An added or removed level's code. */
  code?: string;
  from?: Place;
  to?: Place;
  /** An added or removed competency's cells by level id, or an added or removed level's by competency id. */
  cells?: Record<string, string>;
}

export interface LadderDiff {
  id: string;
  status: "added" | "removed" | "changed" | "unchanged";
  changes: Change[];
  /** The ladder's versions at both sides and the one its changes require (bump.ts); absent when unversioned. */
  version?: VersionCheck;
}

/** One ladder's versions in a diff: at the base, what the change requires, at the head. */
export interface VersionCheck {
  base?: string;
  head?: string;
  /** The strongest impact of the ladder's changes. */
  impact?: Impact;
  /** With a version at the base: the lowest version the head must say. */
  required?: string;
  /** With a required version: whether the head says at least that. */
  enough?: boolean;
}

/** Sorts by UTF-16 code units (the model's one order for strings). */
export { byCodeUnit } from "../model/model.js";
