/**
 * What `dist/<id>.md` adds for prose, inheritance, not-applicable cells and the organisation: all of it absent
 * (null) for a ladder that has none of these, so such a ladder's file stays byte for byte as before.
 * Prose text is the ladder's own Markdown, already limited by the `prose-markdown` rule to paragraphs, lists,
 * emphasis, code and links (no HTML), so it passes through as written; headings are plain text, escaped.
 */
import type { Competency, Ladder, Level, Section } from "../../scripts/model/model.js";
import { escapeMarkdown, type MarkdownText, markdownUrl, md } from "./escape.js";

/** Prose text, validated by the `prose-markdown` rule: written as the ladder has it. */
const validatedProse = (text: string) => text.replace(/\r\n?/g, "\n").trimEnd() as MarkdownText;

/** One prose section as Markdown lines: its heading at the given depth (none when it has none), its text. */
export function proseMarkdown(sections: readonly Section[] | undefined, shift = 0): MarkdownText | null {
  if (sections === undefined || sections.length === 0) return null;
  const blocks = sections.map((section) => {
    const parts: string[] = [];
    if (section.heading !== undefined) {
      const depth = Math.min(6, (section.depth ?? 2) + shift);
      parts.push(`${"#".repeat(depth)} ${escapeMarkdown(section.heading)}`);
    }
    if (section.text !== undefined) parts.push(validatedProse(section.text));
    return parts.join("\n\n");
  });
  return blocks.join("\n\n") as MarkdownText;
}

/** The mark after an inherited item's name: ` *(from core)*`, or "" for the ladder's own. */
export function fromMark(from: string | undefined): MarkdownText {
  return from === undefined ? md`` : md` *(from ${escapeMarkdown(from)})*`;
}

/** A cell's text, or how a not-applicable cell reads: `*Not applicable*` and its reason. */
export function cellMarkdown(competency: Competency, levelId: string, inTable: boolean): MarkdownText {
  const text = competency.cells[levelId];
  if (text !== undefined) return escapeMarkdown(text);
  const reason = competency.notApplicable?.[levelId];
  if (reason === undefined) return escapeMarkdown("");
  if (reason === "") return md`*Not applicable*`;
  return inTable ? md`*Not applicable: ${escapeMarkdown(reason)}*` : md`*Not applicable*: ${escapeMarkdown(reason)}`;
}

export interface OrganisationLines {
  /** The line under the title: the track, the organisation, the base and what the marks mean. */
  intro: MarkdownText | null;
  prose: MarkdownText | null;
  afterword: MarkdownText | null;
  dropped: Array<{ name: MarkdownText; category: MarkdownText; from: MarkdownText; reason: MarkdownText }> | null;
  /** Category and competency prose, under "Notes on the competencies". */
  notes: Array<{
    name: MarkdownText;
    prose: MarkdownText | null;
    competencies: Array<{ name: MarkdownText; prose: MarkdownText }>;
  }> | null;
}

/** The line of a level's section that says which scale level it sits on. */
export function scaleLine(ladder: Ladder, level: Level): MarkdownText | null {
  const place = level.scale === undefined ? undefined : ladder.organisation?.scaleLevels[level.scale];
  if (place === undefined) return null;
  const what = place.summary === undefined ? md`` : md`: ${escapeMarkdown(place.summary)}`;
  return md`Scale level **${escapeMarkdown(place.code)}** (${escapeMarkdown(place.title)}, ${escapeMarkdown(place.scaleName)})${what}`;
}

export function organisationLines(ladder: Ladder): OrganisationLines {
  const parts: MarkdownText[] = [];
  const org = ladder.organisation;
  if (org?.track !== undefined) {
    parts.push(md`Track **${escapeMarkdown(org.track)}** of ${escapeMarkdown(org.title)}.`);
  } else if (org !== undefined) {
    parts.push(md`A ladder of ${escapeMarkdown(org.title)}.`);
  }
  if (ladder.extends !== undefined) {
    const base = escapeMarkdown(ladder.extends);
    parts.push(
      md`Extends [${base}](${markdownUrl(`${ladder.extends}.md`)}): what is marked *(from ${base})* is inherited from it; the rest is this ladder's own.`,
    );
  }
  const notes = ladder.categories
    .map((category) => ({
      name: md`${escapeMarkdown(category.name)}${fromMark(category.from)}`,
      prose: proseMarkdown(category.prose, 2),
      competencies: category.competencies.flatMap((c) => {
        const prose = proseMarkdown(c.prose, 3);
        return prose === null ? [] : [{ name: md`${escapeMarkdown(c.name)}${fromMark(c.from)}`, prose }];
      }),
    }))
    .filter((category) => category.prose !== null || category.competencies.length > 0);
  return {
    intro: parts.length === 0 ? null : (parts.join(" ") as MarkdownText),
    prose: proseMarkdown(ladder.prose),
    afterword: proseMarkdown(ladder.afterword),
    dropped:
      ladder.dropped === undefined
        ? null
        : ladder.dropped.map((d) => ({
            name: escapeMarkdown(d.name),
            category: escapeMarkdown(ladder.categories.find((c) => c.id === d.category)?.name ?? d.category),
            from: escapeMarkdown(d.from),
            reason: escapeMarkdown(d.reason),
          })),
    notes: notes.length === 0 ? null : notes,
  };
}
