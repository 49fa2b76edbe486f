/**
 * The Markdown's History section: each version `ladder bump` recorded in the ladder's `history:`, newest
 * first, with what changed in it and the words before and after, so a reader on GitHub sees what moved
 * between the ladder they were assessed against and this one. Absent for a ladder with no history, so its
 * file is as before. Every text escaped here; the template only lays it out.
 */
import type { HistoryChange, Ladder, VersionEntry } from "../../scripts/model/model.js";
import { escapeMarkdown, type MarkdownText, md, trustedMarkdown } from "./escape.js";

export interface HistoryVersion {
  /** `2.1.0 · 2026-11-20 · substantive, since 2.0.0` */
  heading: MarkdownText;
  anchor: MarkdownText;
  lines: MarkdownText[];
}

/** The versions to show, or null when the ladder records none. */
export function historyMarkdown(ladder: Ladder): HistoryVersion[] | null {
  const history = ladder.history ?? [];
  if (history.length === 0) return null;
  return history.map((entry) => ({
    heading: escapeMarkdown(headingOf(entry)),
    // Version numbers are digits and dots (the schema), so the anchor needs no escaping.
    anchor: trustedMarkdown(`version-${entry.version}`),
    lines: entry.changes.length > 0 ? entry.changes.map(changeLine) : [trustedMarkdown("The first recorded version.")],
  }));
}

function headingOf(entry: VersionEntry): string {
  const parts = [entry.version];
  if (entry.date) parts.push(entry.date);
  if (entry.impact) parts.push(entry.previous ? `${entry.impact}, since ${entry.previous}` : entry.impact);
  else if (entry.previous) parts.push(`since ${entry.previous}`);
  return parts.join(" · ");
}

/** `**Tickets · Support Engineer (S1)**: expectation changed (substantive): was “…”; now “…”` */
function changeLine(change: HistoryChange): MarkdownText {
  const kind = escapeMarkdown(change.kind.replace(/-/g, " ").replace(/^cell /, "expectation "));
  const line = md`**${escapeMarkdown(change.what)}**: ${kind} (${escapeMarkdown(change.impact)})`;
  const { before, after } = change;
  if (before === undefined || after === undefined || before === after) return line;
  return md`${line}: was “${escapeMarkdown(before)}”; now “${escapeMarkdown(after)}”`;
}
