/**
 * What the import readers (import-markdown.ts, import-csv.ts) produce, and how it becomes a ladder:
 * names to ids, unique across the ladder, and every cell kept exactly. Pure.
 */

import { fixMojibake } from "../check/mojibake.js";
import type { Category, Competency, Ladder, Level, Section } from "../model/model.js";

/** A ladder as read from a table, before ids are given. Lines are 1-based, for error messages. */
export interface ImportedTable {
  /** The ladder id the input names (our workbook and cells CSV hold it), if any. */
  id?: string;
  title?: string;
  /** The version fields, from our own Markdown's version line. */
  stamp?: Pick<Ladder, "version" | "effective" | "status" | "replacedBy">;
  summary?: string;
  /** Prose around the table on its page: before it (`prose`) and after it (`afterword`). */
  prose?: Section[];
  afterword?: Section[];
  levels: Array<{ title: string; code: string; line: number; id?: string; summary?: string }>;
  groups: Array<{
    name: string;
    line: number;
    id?: string;
    description?: string;
    rows: Array<{
      name: string;
      line: number;
      cells: string[];
      /** Per level, the reason the competency does not apply there ("" when none is given); the cell is then ignored. */
      notApplicable?: Array<string | undefined>;
      id?: string;
      description?: string;
      examples?: string[][];
    }>;
  }>;
}

/** Input that cannot be read: the line where reading stopped, and why. */
export class ParseFailure extends Error {
  override name = "ParseFailure";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** `Junior SRE (L1)` → title `Junior SRE`, code `L1`. Throws ParseFailure when a header has no code. */
export function parseLevelLabel(label: string, line: number): { title: string; code: string } {
  const match = /^(.*?\S)\s*\(\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*\)$/.exec(label.trim());
  if (!match) {
    throw new ParseFailure(
      line,
      `level header "${label}" must read "Title (Code)", e.g. "Junior SRE (L1)"; codes are letters, digits, . _ -`,
    );
  }
  return { title: match[1], code: match[2] };
}

/**
 * How our CSV files and workbook write a cell that does not apply (model.ts `cellText`): "Not applicable", or
 * "Not applicable: " and the reason. Returns the reason, or undefined for any other text.
 */
export function notApplicableReason(text: string): string | undefined {
  if (text === "Not applicable") return "";
  return text.startsWith("Not applicable: ") ? text.slice("Not applicable: ".length) : undefined;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_ID = 64;

/** A readable id from a display name: `Ownership - Manager of One` → `ownership-manager-of-one`. */
export function slugify(name: string, fallback: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > MAX_ID - 4) break;
    slug = next;
  }
  if (slug === "") return fallback;
  return /^[a-z]/.test(slug) ? slug : `${fallback}-${slug}`.slice(0, MAX_ID - 4).replace(/-$/, "");
}

/** Hands out ids unique within one namespace: `mastery`, `mastery-2`, `mastery-3`. */
export function uniqueIds(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let id = wanted;
    for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
    used.add(id);
    return id;
  };
}

export interface BuildOptions {
  /** Title when the table has none (a CSV has none): the ladder id by default. */
  title: string;
  /** Repair mojibake (`â€™` → `’`) in every text. */
  fixEncoding?: boolean;
}

/**
 * Turns a table into ladder data. Ids come from the table where it has them (our own Markdown's anchors) and
 * are otherwise derived: levels `l1`, `l2` …, categories and competencies from their names, made unique.
 * Every text is kept exactly, except that `fixEncoding` repairs mojibake. Throws ParseFailure on a table that
 * cannot make a valid ladder (an empty cell, a category without competencies).
 */
export function buildLadder(table: ImportedTable, options: BuildOptions): Omit<Ladder, "id" | "file"> {
  const text = (value: string) => (options.fixEncoding ? fixMojibake(value) : value);
  if (table.levels.length === 0) throw new ParseFailure(1, "the table has no level columns");
  const levelId = uniqueIds();
  const levels: Level[] = table.levels.map((level, i) => ({
    id: levelId(level.id !== undefined && ID.test(level.id) ? level.id : `l${i + 1}`),
    code: level.code,
    title: text(level.title),
    ...(level.summary !== undefined ? { summary: text(level.summary) } : {}),
  }));
  if (table.groups.length === 0) throw new ParseFailure(1, "the table has no categories and no competencies");
  const categoryId = uniqueIds();
  const competencyId = uniqueIds();
  const categories: Category[] = table.groups.map((group) => {
    if (group.rows.length === 0) {
      throw new ParseFailure(group.line, `category "${group.name}" has no competencies; a category needs at least one`);
    }
    const competencies = group.rows.map((row): Competency => {
      if (row.name.trim() === "") throw new ParseFailure(row.line, "a competency row has no name");
      const cells: Record<string, string> = {};
      const notApplicable: Record<string, string> = {};
      row.cells.forEach((cell, i) => {
        const reason = row.notApplicable?.[i];
        if (reason !== undefined) {
          notApplicable[levels[i].id] = text(reason);
          return;
        }
        if (cell.trim() === "") {
          throw new ParseFailure(
            row.line,
            `"${row.name}" has no text for ${table.levels[i].title} (${table.levels[i].code}); every competency needs text at every level`,
          );
        }
        cells[levels[i].id] = text(cell);
      });
      const examples: Record<string, string[]> = {};
      row.examples?.forEach((list, i) => {
        if (list.length > 0) examples[levels[i].id] = list.map(text);
      });
      return {
        id: competencyId(row.id !== undefined && ID.test(row.id) ? row.id : slugify(text(row.name), "competency")),
        name: text(row.name),
        ...(row.description !== undefined ? { description: text(row.description) } : {}),
        cells,
        ...(Object.keys(notApplicable).length > 0 ? { notApplicable } : {}),
        ...(Object.keys(examples).length > 0 ? { examples } : {}),
      };
    });
    const id = group.id !== undefined && ID.test(group.id) ? group.id : slugify(text(group.name), "category");
    return {
      id: categoryId(id),
      name: text(group.name),
      ...(group.description !== undefined ? { description: text(group.description) } : {}),
      competencies,
    };
  });
  const prose = (sections: Section[] | undefined) =>
    sections?.map((s) => ({
      ...(s.heading !== undefined ? { heading: text(s.heading) } : {}),
      ...(s.depth !== undefined ? { depth: s.depth } : {}),
      ...(s.text !== undefined ? { text: text(s.text) } : {}),
    }));
  return {
    title: text(table.title ?? options.title),
    ...table.stamp,
    ...(table.summary !== undefined ? { summary: text(table.summary) } : {}),
    ...(table.prose !== undefined ? { prose: prose(table.prose) } : {}),
    levels,
    categories,
    ...(table.afterword !== undefined ? { afterword: prose(table.afterword) } : {}),
  };
}
