/**
 * The stamp every artifact carries: which version of the ladder it is, from the ladder's own fields
 * (`version`, `effective`, `status`, `replacedBy`), never from a clock. One wording for every format:
 * "Version 2.1.0 · effective 2027-01-01 · superseded", and the ladder that replaces it, which each format links.
 * `readMarkdownStamp` reads the Markdown form back, for `ladder import` of our own Markdown. Pure.
 */
import type { Ladder, LadderStatus } from "../../scripts/model/model.js";

export interface Stamp {
  /** "Version 2.1.0 · effective 2027-01-01 · legacy": the status only when it is not current. */
  text: string;
  /** The id of the ladder that replaces this one, linked after the text ("replaced by …"). */
  replacedBy: string | null;
}

/** The stamp of a ladder, or null when it has none of the fields (nothing is shown). */
export function stampOf(ladder: Pick<Ladder, "version" | "effective" | "status" | "replacedBy">): Stamp | null {
  const parts = [
    ladder.version === undefined ? "" : `Version ${ladder.version}`,
    ladder.effective === undefined ? "" : `effective ${ladder.effective}`,
    ladder.status === undefined || ladder.status === "current" ? "" : ladder.status,
  ].filter(Boolean);
  if (parts.length === 0 && ladder.replacedBy === undefined) return null;
  const text = parts.join(" · ");
  return { text: text.charAt(0).toUpperCase() + text.slice(1), replacedBy: ladder.replacedBy ?? null };
}

/**
 * The stamp as one line of Markdown: `*Version 2.1.0 · effective 2027-01-01 · superseded · replaced by
 * [sre](sre.md)*`. Its values are versions, dates, status words and ids, which the format's escaping leaves as
 * they are (`escaped`); an italic line that no escaped ladder text can produce, so `readMarkdownStamp` knows it.
 */
export function markdownStamp(stamp: Stamp, escaped: (text: string) => string, href: (id: string) => string): string {
  const replaced =
    stamp.replacedBy === null ? "" : `replaced by [${escaped(stamp.replacedBy)}](${href(stamp.replacedBy)})`;
  const line = [escaped(stamp.text), replaced].filter(Boolean).join(" · ");
  return `*${line.charAt(0).toUpperCase()}${line.slice(1)}*`;
}

type StampFields = Pick<Ladder, "version" | "effective" | "status" | "replacedBy">;

const VERSION = /^[Vv]ersion ((?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*))$/;
const EFFECTIVE = /^[Ee]ffective ([0-9]{4}-[0-9]{2}-[0-9]{2})$/;
const STATUS = /^(?:[Ss]uperseded|[Ll]egacy|[Cc]urrent)$/;
const REPLACED = /^[Rr]eplaced by \[([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\]\(\1\.md\)$/;

/** The fields of a Markdown stamp line (`markdownStamp`'s output), or undefined when the line is not one. */
export function readMarkdownStamp(line: string): StampFields | undefined {
  const m = /^\*(.+)\*$/.exec(line.trim());
  if (!m) return undefined;
  const fields: StampFields = {};
  for (const part of (m[1] as string).split(" · ")) {
    const version = VERSION.exec(part);
    const effective = EFFECTIVE.exec(part);
    const replaced = REPLACED.exec(part);
    if (version && fields.version === undefined) fields.version = version[1];
    else if (effective && fields.effective === undefined) fields.effective = effective[1];
    else if (STATUS.test(part) && fields.status === undefined) fields.status = part.toLowerCase() as LadderStatus;
    else if (replaced && fields.replacedBy === undefined) fields.replacedBy = replaced[1];
    else return undefined;
  }
  return fields;
}
