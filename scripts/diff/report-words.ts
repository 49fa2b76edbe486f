/**
 * The report's words: labels for levels, categories and competencies, one plain sentence per structural
 * change, and the five-second headline. Pure; every piece of ladder text goes through the Markdown escaping.
 */
import { code, join, type Md, md, raw } from "../../generators/report/escape.js";
import { type Ladder, levelLabel } from "../model/model.js";
import type { Change, ChangeKind, LadderDiff, VersionCheck } from "./change.js";
import type { Impact } from "./impact.js";

/** Looks names up by id, in the head first and then in the base (for what was removed). */
export class Names {
  private readonly levels = new Map<string, { label: string; code: string; position: number }>();
  private readonly categories = new Map<string, string>();
  private readonly competencies = new Map<string, { name: string; ambiguous: boolean; position: number }>();

  constructor(...ladders: Array<Ladder | undefined>) {
    for (const ladder of ladders) {
      if (!ladder) continue;
      const names = new Map<string, number>();
      for (const category of ladder.categories) {
        for (const c of category.competencies) names.set(c.name, (names.get(c.name) ?? 0) + 1);
      }
      ladder.levels.forEach((level, position) => {
        if (!this.levels.has(level.id))
          this.levels.set(level.id, { label: levelLabel(level), code: level.code, position });
      });
      let position = 0;
      for (const category of ladder.categories) {
        if (!this.categories.has(category.id)) this.categories.set(category.id, category.name);
        for (const c of category.competencies) {
          const ambiguous = (names.get(c.name) ?? 0) > 1;
          if (!this.competencies.has(c.id)) this.competencies.set(c.id, { name: c.name, ambiguous, position });
          position++;
        }
      }
    }
  }

  /** `Senior SRE (L3)` */
  level(id: string | undefined): Md {
    const found = id === undefined ? undefined : this.levels.get(id);
    return found ? md`${found.label}` : id ? code(id) : raw("—");
  }

  levelCode(id: string): string {
    return this.levels.get(id)?.code ?? id;
  }

  /** Display order of a level; levels unknown here sort last. */
  levelPosition(id: string | undefined): number {
    return id === undefined ? -1 : (this.levels.get(id)?.position ?? Number.MAX_SAFE_INTEGER);
  }

  category(id: string | undefined): Md {
    const name = id === undefined ? undefined : this.categories.get(id);
    return name !== undefined ? md`${name}` : id ? code(id) : raw("—");
  }

  /** `Trust`, or `Mastery (`mastery-on-call`)` where several rows share the name. */
  competency(id: string | undefined): Md {
    const found = id === undefined ? undefined : this.competencies.get(id);
    if (!found || id === undefined) return id ? code(id) : raw("—");
    return found.ambiguous ? md`${found.name} (${code(id)})` : md`${found.name}`;
  }

  competencyPosition(id: string | undefined): number {
    return id === undefined ? -1 : (this.competencies.get(id)?.position ?? Number.MAX_SAFE_INTEGER);
  }
}

/** `**breaking**`, `substantive`, `_editorial_`, `_editorial_ (voice only)`, `_editorial_ (whitespace only)` */
export function impactLabel(impact: Impact, edit?: Change["edit"]): Md {
  const label = impact === "breaking" ? "**breaking**" : impact === "editorial" ? "_editorial_" : "substantive";
  return raw(edit && impact === "editorial" ? `${label} (${edit} only)` : label);
}

const quoted = (text: string | undefined) => (text === undefined ? raw("(none)") : md`“${text}”`);
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One structural change in plain words, e.g. "Level **Senior SRE (L3)** moved from position 3 to 2." */
export function sentence(change: Change, names: Names): Md {
  const level = names.level(change.level);
  const category = names.category(change.category);
  const competency = names.competency(change.competency);
  const cells = Object.keys(change.cells ?? {}).length;
  const from = change.from?.position ?? 0;
  const to = change.to?.position ?? 0;
  const field = change.field === "id" ? raw("id") : raw(change.field ?? "");
  const values = change.field === "id" || change.field === "code" ? (t?: string) => code(t ?? "") : quoted;
  const fromTo = md`${field} changed from ${values(change.before)} to ${values(change.after)}`;
  switch (change.kind) {
    case "ladder-added":
      return md`Added the ladder **${change.after ?? ""}**.`;
    case "ladder-removed":
      return md`Removed the ladder **${change.before ?? ""}**.`;
    case "ladder-changed":
      return change.field === "title" || change.field === "extends"
        ? md`The ladder's ${fromTo}.`
        : md`The ladder's ${field} changed.`;
    case "level-added":
      return md`Added the level **${level}**, with ${count(cells, "expectation", "expectations")}.`;
    case "level-removed":
      return md`Removed the level **${level}** and its ${count(cells, "expectation", "expectations")}.`;
    case "level-renamed":
      return change.field === "summary" || change.field === "prose"
        ? md`Level **${level}**: ${field} changed.`
        : md`Level **${level}**: ${fromTo}.`;
    case "level-moved":
      return md`Level **${level}** moved from position ${from} to ${to}.`;
    case "category-added":
      return md`Added the category **${category}**.`;
    case "category-removed":
      return md`Removed the category **${category}**.`;
    case "category-renamed":
      return change.field === "description" || change.field === "prose"
        ? md`Category **${category}**: ${field} changed.`
        : md`Category **${category}**: ${fromTo}.`;
    case "category-moved":
      return md`Category **${category}** moved from position ${from} to ${to}.`;
    case "competency-added":
      return md`Added the competency **${competency}** to ${category}, with ${count(cells, "expectation", "expectations")}.`;
    case "competency-removed":
      return md`Removed the competency **${competency}** from ${category}, and its ${count(cells, "expectation", "expectations")}.`;
    case "competency-renamed":
      return change.field === "description" || change.field === "prose"
        ? md`Competency **${competency}**: ${field} changed.`
        : md`Competency **${competency}**: ${fromTo}.`;
    case "competency-moved":
      return change.from?.category === change.to?.category
        ? md`Competency **${competency}** moved from position ${from} to ${to} in ${category}.`
        : md`Competency **${competency}** moved from ${names.category(change.from?.category)} (position ${from}) to ${category} (position ${to}).`;
    default:
      return md`${names.competency(change.competency)} at ${level}: ${change.kind.replace("cell-", "expectation ")}.`;
  }
}

/**
 * The heading of a list of added or removed expectations. Not the change's sentence: that is already in
 * the structural changes, and a reviewer should not read it twice.
 */
export function listTitle(change: Change, names: Names): Md {
  const added = change.kind.endsWith("-added") ? raw("added") : raw("removed");
  if (change.kind.startsWith("level-")) return md`**Level ${names.level(change.level)}** (${added})`;
  if (change.kind.startsWith("competency-")) return md`**${names.competency(change.competency)}** (${added})`;
  return md`**${sentence(change, names)}**`;
}

/** Headline words per kind of change, singular and plural; cells are counted apart. */
const clauses: Partial<Record<ChangeKind | `${ChangeKind}:${"summary" | "description"}`, [string, string]>> = {
  "ladder-added": ["ladder added", "ladders added"],
  "ladder-removed": ["ladder removed", "ladders removed"],
  "ladder-changed": ["ladder title or summary changed", "ladder titles or summaries changed"],
  "level-added": ["level added", "levels added"],
  "level-removed": ["level removed", "levels removed"],
  "level-renamed": ["level renamed", "levels renamed"],
  "level-moved": ["level moved", "levels moved"],
  "category-added": ["category added", "categories added"],
  "category-removed": ["category removed", "categories removed"],
  "category-renamed": ["category renamed", "categories renamed"],
  "category-moved": ["category moved", "categories moved"],
  "competency-added": ["competency added", "competencies added"],
  "competency-removed": ["competency removed", "competencies removed"],
  "competency-renamed": ["competency renamed", "competencies renamed"],
  "competency-moved": ["competency moved", "competencies moved"],
  "level-renamed:summary": ["level summary changed", "level summaries changed"],
  "category-renamed:description": ["category description changed", "category descriptions changed"],
  "competency-renamed:description": ["competency description changed", "competency descriptions changed"],
  "cell-added": ["expectation added", "expectations added"],
  "cell-removed": ["expectation removed", "expectations removed"],
};

/**
 * "3 expectations changed in 2 competencies for L2 and L3; 1 level renamed; no breaking changes", with "in 6
 * ladders" when the changed expectations are in more than one.
 */
export function headline(ladders: readonly LadderDiff[], namesOf: (id: string) => Names): Md {
  const parts: Md[] = [];
  const cellChanges = ladders.flatMap((l) =>
    l.changes
      .filter((c) => c.kind === "cell-changed")
      .map((change) => ({ change, ladder: l.id, names: namesOf(l.id) })),
  );
  if (cellChanges.length > 0) {
    // Ids repeat across ladders (and a base's edit reaches every track that extends it): count per ladder.
    const cells = new Set(
      cellChanges.map(({ change, ladder }) => `${ladder}\u0000${change.competency}\u0000${change.level}`),
    ).size;
    const rows = new Set(cellChanges.map(({ change, ladder }) => `${ladder}\u0000${change.competency}`)).size;
    const reached = new Set(cellChanges.map(({ ladder }) => ladder)).size;
    const codes = [
      ...new Set(
        cellChanges
          .sort((a, b) => a.names.levelPosition(a.change.level) - b.names.levelPosition(b.change.level))
          .map(({ change, names }) => names.levelCode(change.level ?? "")),
      ),
    ];
    const levels = codes.length > 4 ? `${codes.length} levels` : list(codes);
    const editorial = raw(cellChanges.every(({ change }) => change.impact === "editorial") ? " (editorial only)" : "");
    const counted = raw(
      `${count(cells, "expectation", "expectations")} changed in ${count(rows, "competency", "competencies")}`,
    );
    const across = raw(reached > 1 ? ` in ${reached} ladders` : "");
    parts.push(md`${counted} for ${levels}${across}${editorial}`);
  }
  for (const [kind, [one, many]] of Object.entries(clauses)) {
    // A renamed item counts once however many of its fields changed.
    const items = new Set<string>();
    for (const ladder of ladders) {
      for (const c of ladder.changes) {
        // A changed description or summary is not a rename, whatever the kind says: it has its own clause.
        const prose = c.field === "description" || c.field === "summary" || c.field === "prose";
        const clause =
          prose && c.kind.endsWith("-renamed") ? `${c.kind}:${c.field === "prose" ? "description" : c.field}` : c.kind;
        if (clause === kind) items.add([ladder.id, c.level, c.category, c.competency].join("\u0000"));
      }
    }
    if (items.size > 0) parts.push(raw(`${items.size} ${items.size === 1 ? one : many}`));
  }
  const breaking = ladders.reduce((n, l) => n + l.changes.filter((c) => c.impact === "breaking").length, 0);
  parts.push(
    raw(breaking === 0 ? "no breaking changes" : `**${count(breaking, "breaking change", "breaking changes")}**`),
  );
  return join(parts, "; ");
}

/** "L1", "L1 and L2", "L1, L2 and L3" */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The line under a changed ladder's heading: its version at the base, the version the change requires, and
 * whether the head already says so. It only informs: `ladder bump` raises the version (`npm run bump`).
 */
export function versionLine(check: VersionCheck): Md {
  const { base, head, required, impact } = check;
  if (base === undefined) return md`**Version**: ${code(head ?? "")} at the head, where the base has none`;
  if (required === undefined) return md`**Version**: ${code(base)} at the base`;
  const needs =
    impact === undefined ? md`needs no new version` : md`needs ${code(required)} or higher (${raw(impact)})`;
  const verdict =
    head === undefined
      ? md`the head has no version: add ${code(`version: ${required}`)} or run ${code("npm run bump")}`
      : check.enough
        ? md`the head says ${code(head)} ✓`
        : md`the head still says ${code(head)}: run ${code("npm run bump")}`;
  return md`**Version**: ${code(base)} at the base; this change ${needs}; ${verdict}`;
}
