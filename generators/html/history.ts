/**
 * The page's History view and its "changed since" marks, from the ladder's `history:` (recorded by
 * `ladder bump`): one section per version, newest first, with what changed, its impact and the words before
 * and after; and, in the matrix, a mark on each cell changed since the version before this one, which a
 * selector (page-history.js) moves to any earlier version. Code decides; history.hbs and matrix.hbs lay out.
 */
import type { HistoryChange, Ladder, VersionEntry } from "../../scripts/model/model.js";
import { newestFirst } from "../../scripts/model/version.js";
import { diffWords } from "../shared/word-diff.js";
import { changedCells } from "./history-cells.js";

export interface HistoryContext {
  /** The version the matrix marks changes since: the one before this version; null when nothing is marked. */
  since: string | null;
  /** Every version, newest first, for the selector's arithmetic (`data-versions`). */
  order: string;
  /** The versions a reader may mark changes since, newest first: every version before this one. */
  choices: Array<{ version: string; selected: boolean }>;
  versions: VersionView[];
}

export interface VersionView {
  /** `version-1.2.0` */
  anchor: string;
  heading: string;
  /** "Recorded 2026-12-03 · substantive · since 1.1.0", or the first version's words. */
  summary: string;
  caption: string;
  changes: ChangeView[];
}

export interface ChangeView {
  what: string;
  /** The cell or row it is about, in the matrix, while the ladder still has it. */
  href: string | null;
  change: string;
  impact: string;
  /** The words before and after, the changed ones marked; null where there is no text. */
  before: Part[] | null;
  after: Part[] | null;
}

export interface Part {
  text: string;
  marked: boolean;
}

/** What a cell of the matrix shows of its history. */
export interface CellChange {
  /** The versions it changed in, newest first, space-separated (for the selector). */
  versions: string;
  /** Shown (not hidden) when it changed since `since`. */
  shown: boolean;
  label: string;
  href: string;
}

export const versionAnchor = (version: string) => `version-${version}`;

const KIND: Record<string, string> = {
  added: "added",
  removed: "removed",
  changed: "changed",
  renamed: "renamed",
  moved: "moved",
};

/** "expectation changed", "competency added", "level renamed (title)" */
function changeWords(change: HistoryChange): string {
  const [thing, how] = change.kind.split("-") as [string, string];
  const noun = thing === "cell" ? "expectation" : thing;
  const field = change.field && change.field !== "text" ? ` (${change.field})` : "";
  return `${noun} ${KIND[how] ?? how}${field}`;
}

/** The two texts with the words that differ marked; whole and unmarked when they share under 40% of their words. */
function parts(before: string | undefined, after: string | undefined): [Part[] | null, Part[] | null] {
  if (before === undefined || after === undefined) {
    const whole = (text: string | undefined) => (text === undefined ? null : [{ text, marked: false }]);
    return [whole(before), whole(after)];
  }
  const diff = diffWords(before, after);
  const words = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const same = diff.filter((p) => p.op === "same").reduce((n, p) => n + words(p.text), 0);
  if ((2 * same) / Math.max(1, words(before) + words(after)) < 0.4) {
    return [[{ text: before, marked: false }], [{ text: after, marked: false }]];
  }
  const side = (op: "del" | "add") =>
    diff.filter((p) => p.op === "same" || p.op === op).map((p) => ({ text: p.text, marked: p.op === op }));
  return [side("del"), side("add")];
}

function versionView(entry: VersionEntry, ladder: Ladder, current: boolean): VersionView {
  const competencies = new Set(ladder.categories.flatMap((c) => c.competencies.map((k) => k.id)));
  const levels = new Set(ladder.levels.map((l) => l.id));
  const summary = [
    entry.date === undefined ? "" : `Recorded ${entry.date}`,
    entry.impact ?? "",
    entry.previous === undefined ? "" : `since ${entry.previous}`,
  ].filter(Boolean);
  const count = entry.changes.length;
  return {
    anchor: versionAnchor(entry.version),
    heading: `Version ${entry.version}${current ? " (this version)" : ""}`,
    summary: summary.join(" · ").replace(/^./, (c) => c.toUpperCase()),
    caption: `${count} ${count === 1 ? "change" : "changes"} in ${entry.version}`,
    changes: entry.changes.map((change) => {
      const [before, after] = parts(change.before, change.after);
      const here = (id: string | undefined, set: Set<string>) => id !== undefined && set.has(id);
      const href =
        here(change.competency, competencies) && here(change.level, levels)
          ? `#cell-${change.competency}--${change.level}`
          : here(change.competency, competencies)
            ? `#competency-${change.competency}`
            : null;
      return { what: change.what, href, change: changeWords(change), impact: change.impact, before, after };
    }),
  };
}

/** The History view's context; null for a ladder with neither a version nor a history (nothing is shown). */
export function historyContext(ladder: Ladder): HistoryContext | null {
  const history = ladder.history ?? [];
  if (ladder.version === undefined && history.length === 0) return null;
  const own = history.find((e) => e.version === ladder.version);
  const since = own?.previous ?? null;
  const all = newestFirst([
    ...new Set([
      ...history.flatMap((e) => [e.version, ...(e.previous ? [e.previous] : [])]),
      ...(ladder.version ? [ladder.version] : []),
    ]),
  ]);
  const versions = history.map((e) => versionView(e, ladder, e.version === ladder.version));
  if (ladder.version !== undefined && own === undefined) {
    const first = history.length === 0;
    versions.unshift({
      anchor: versionAnchor(ladder.version),
      heading: `Version ${ladder.version} (this version)`,
      summary: first ? "The first version recorded: there is no earlier one to compare with." : "No change recorded.",
      caption: "",
      changes: [],
    });
  }
  return {
    since,
    order: all.join(" "),
    choices: all.slice(1).map((version) => ({ version, selected: version === since })),
    versions,
  };
}

/** The marks of the matrix's cells, by `competency--level`. */
export function cellChanges(ladder: Ladder, history: HistoryContext | null): Map<string, CellChange> {
  const marks = new Map<string, CellChange>();
  if (history === null) return marks;
  const order = history.order.split(" ");
  const newer = history.since === null ? [] : order.slice(0, order.indexOf(history.since));
  for (const [key, versions] of changedCells(ladder)) {
    const sorted = newestFirst(versions);
    const latest = sorted.find((v) => newer.includes(v));
    marks.set(key, {
      versions: sorted.join(" "),
      shown: latest !== undefined,
      label: history.since === null ? "Changed" : `Changed since ${history.since}`,
      href: `#${versionAnchor(latest ?? (sorted[0] as string))}`,
    });
  }
  return marks;
}
