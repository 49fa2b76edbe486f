/**
 * Stage 6, report: the diff of two sides as the report model (`--format json`), and the plain, typed
 * context the Markdown templates lay out (generators/report/). Pure: sources and a renderer in, data out.
 */
import { code, inline, type Md, md, raw } from "../../generators/report/escape.js";
import { type LoadResult, loadOnce, type Source } from "../check/load.js";
import { position } from "../check/pipeline.js";
import { isOrganisationFile } from "../check/sources.js";
import { validateSchema } from "../check/validate.js";
import { distPaths } from "../dist/dist-paths.js";
import type { Ladder, Organisation, Problem } from "../model/model.js";
import { checkOrganisation } from "../resolve/organisation.js";
import { asValidateResult, resolveSources } from "../resolve/pipeline.js";
import { resolveLadders } from "../resolve/resolve.js";
import { addVersionChecks } from "./bump.js";
import { byCodeUnit, type Change, type LadderDiff, PROSE_FIELDS } from "./change.js";
import { diffLadders } from "./diff.js";
import { changedFiles } from "./generated.js";
import type { SideInfo } from "./git.js";
import type { Impact } from "./impact.js";
import { messageMarkdown, shownDiff, whitespaceNote } from "./report-text.js";
import { headline, impactLabel as impactMd, listTitle, Names, sentence, versionLine } from "./report-words.js";

export const DIFF_SCHEMA_ID = "https://ladder-as-code.dev/schemas/diff.schema.json";

/** The report model: the shape of `ladder diff --format json`, described by schemas/diff.schema.json. */
export interface DiffReport {
  $schema: string;
  base: SideInfo;
  head: SideInfo;
  /** False when the head ladders are invalid: `problems` then says why, and there is no diff. */
  valid: boolean;
  problems: Problem[];
  /** How many changes of each impact, over all ladders. */
  impacts: Record<Impact, number>;
  ladders: LadderDiff[];
  /** The dist/ files that change: base and head rendered, compared file by file. */
  generated: { files: Array<{ path: string; status: "added" | "removed" | "changed" }>; error?: string };
}

export interface Compared {
  report: DiffReport;
  base: Ladder[];
  head: Ladder[];
}

/**
 * Compares two sides. The head must be valid, else the report lists its problems instead of a diff. The base
 * need only load and match the schema (a change may fix a rule the base broke); when it does not, the result
 * is its problems, and the caller cannot report. The generated files that change are found without
 * rendering them (generated.ts).
 */
export function compare(
  base: { info: SideInfo; sources: readonly Source[] },
  head: { info: SideInfo; sources: readonly Source[] },
  options: { only?: string } = {},
): { ok: true; compared: Compared } | { ok: false; problems: Problem[] } {
  const load = loadOnce();
  const read = readLeniently(base.sources, load);
  if (!read.ok) return read;
  // Both sides are compared as resolved ladders: a change to a base shows in every track that extends it.
  const resolved = asValidateResult(resolveSources(head.sources, { load }));
  // `only`: one ladder's versions are compared (`--base sre@1.0.0`), resolved with the others, reported alone.
  const one = <T extends { ok: boolean; ladders?: Ladder[] }>(side: T): T =>
    options.only === undefined || !side.ladders
      ? side
      : { ...side, ladders: side.ladders.filter((l) => l.id === options.only) };
  const before = one(read);
  const after = one(resolved);
  const report: DiffReport = {
    $schema: DIFF_SCHEMA_ID,
    base: base.info,
    head: head.info,
    valid: after.ok,
    problems: after.ok ? [] : after.problems,
    impacts: { breaking: 0, substantive: 0, editorial: 0 },
    ladders: [],
    generated: { files: [] },
  };
  if (!after.ok) return { ok: true, compared: { report, base: before.ladders, head: [] } };
  report.ladders = diffLadders(before.ladders, after.ladders);
  addVersionChecks(report.ladders, before.ladders, after.ladders);
  for (const ladder of report.ladders) for (const change of ladder.changes) report.impacts[change.impact]++;
  try {
    // What `build` would refuse on either side (two outputs on one file) is reported instead of the list.
    distPaths(before.ladders.map((ladder) => ladder.id));
    distPaths(after.ladders.map((ladder) => ladder.id));
    report.generated.files = changedFiles(before.ladders, after.ladders);
  } catch (error) {
    report.generated.error = `the generated files could not be compared: ${(error as Error).message}`;
  }
  return { ok: true, compared: { report, base: before.ladders, head: after.ladders } };
}

type Lenient = { ok: true; ladders: Ladder[] } | { ok: false; problems: Problem[] };

/**
 * The base side's ladders: every one that loads and matches the schema, sorted by id. (The rules are not
 * checked: a change may fix what the base broke. When they hold, this is what `validateLadders` returns.)
 */
function readLeniently(sources: readonly Source[], load: (source: Source) => LoadResult): Lenient {
  const ladders: Ladder[] = [];
  const problems: Problem[] = [];
  let organisation: Organisation | undefined;
  for (const source of sources) {
    const loaded = load(source);
    if (!loaded.ok) {
      problems.push(...loaded.problems);
      continue;
    }
    if (isOrganisationFile(source.file)) {
      const checked = checkOrganisation(loaded);
      if (checked.ok) organisation = checked.organisation;
      continue;
    }
    const schemaProblems = validateSchema(loaded.parsed.data);
    if (schemaProblems.length > 0) problems.push(...position(loaded.parsed, schemaProblems));
    else ladders.push({ id: loaded.parsed.id, file: loaded.parsed.file, ...(loaded.parsed.data as object) } as Ladder);
  }
  if (problems.length > 0) return { ok: false, problems };
  // Resolved as far as they can be: a track whose base the base side lacks (or breaks) is left out of it.
  const resolved = ladders.some((l) => l.extends !== undefined || organisation !== undefined)
    ? resolveLadders(ladders, { organisation }).ladders
    : ladders;
  return { ok: true, ladders: resolved.sort((a, b) => byCodeUnit(a.id, b.id)) };
}

/** What the Markdown templates lay out; every string in it is already escaped (`Md`). */
export interface ReportContext {
  marker: Md;
  headline: Md;
  sides: Md;
  problems: Md[];
  ladders: LadderContext[];
  files?: { items: Md[]; error?: Md };
  artifacts?: Md;
  /** Where the full report is, for the note on what was left out. */
  fullReport: Md;
}

/**
 * One changed ladder. Rows, structural sentences, texts and lists are built on demand (`Lazy`): a change to
 * 50,000 cells cannot be shown in one comment, and only what fits is ever built.
 */
export interface LadderContext {
  heading: Md;
  /** Its versions and the one the change requires (report-words.ts `versionLine`), when it is versioned. */
  version?: Md;
  rows: Lazy<{ level: Md; competency: Md; change: Md; impact: Md }>[];
  structure: Lazy<Md>[];
  texts: Lazy<{ title: Md; diff: Md; note?: Md; before?: Md; after?: Md }>[];
  lists: Lazy<{ title: Md; summary: Md; items: Array<{ label: Md; text: Md }> }>[];
}

export type Lazy<T> = () => T;

/** Builds the Markdown context. `command` is how to get the full report when no artifacts URL is given. */
export function reportContext(compared: Compared, options: { artifactsUrl?: string; command: string }): ReportContext {
  const { report } = compared;
  const byId = (ladders: Ladder[]) => new Map(ladders.map((l) => [l.id, l]));
  const base = byId(compared.base);
  const head = byId(compared.head);
  const names = new Map(report.ladders.map((l) => [l.id, new Names(head.get(l.id), base.get(l.id))]));
  const namesOf = (id: string) => names.get(id) ?? new Names();
  const changed = report.ladders.filter((l) => l.status !== "unchanged");
  const problemCount = report.problems.filter((p) => p.severity === "error").length;
  const url = options.artifactsUrl ? linkTarget(options.artifactsUrl) : undefined;
  return {
    marker: raw(`<!-- ladder-diff base=${markerId(report.base)} head=${markerId(report.head)} -->`),
    headline: !report.valid
      ? md`The head ladders are invalid (${raw(plural(problemCount, "error"))}): no diff was made`
      : changed.length === 0
        ? raw("No change to any ladder")
        : headline(changed, namesOf),
    sides: md`Base: ${side(report.base)} · head: ${side(report.head)}`,
    // Only the errors: they are why there is no diff; `ladder validate` shows the warnings too.
    problems: report.problems
      .filter((p) => p.severity === "error")
      .map(
        (p) =>
          md`${code(`${p.file}:${p.line}:${p.column}`)} ${p.severity}: ${messageMarkdown(p.message)} (${code(p.rule)})`,
      ),
    ladders: changed.map((l) => ladderContext(l, namesOf(l.id), head.get(l.id) ?? base.get(l.id))),
    files: report.valid
      ? {
          items: report.generated.files.map((f) => md`${code(f.path)} (${f.status})`),
          error: report.generated.error === undefined ? undefined : md`${report.generated.error}`,
        }
      : undefined,
    artifacts: url ? md`[Download the generated files and the full report](${raw(url)})` : undefined,
    fullReport: url
      ? md`The full report is in the [artifacts](${raw(url)}).`
      : md`Run ${code(options.command)} for the full report.`,
  };
}

function ladderContext(diff: LadderDiff, names: Names, ladder: Ladder | undefined): LadderContext {
  const title = ladder?.title ?? diff.id;
  const indexed = diff.changes.map((change, index) => ({ change, index }));
  indexed.sort(
    (a, b) =>
      names.levelPosition(a.change.level) - names.levelPosition(b.change.level) ||
      names.competencyPosition(a.change.competency) - names.competencyPosition(b.change.competency) ||
      a.index - b.index,
  );
  const textual = (c: Change) => c.kind === "cell-changed" || (c.field !== undefined && PROSE_FIELDS.has(c.field));
  return {
    heading: md`${title} (${code(diff.id)}) · ${raw(diff.status === "changed" ? plural(diff.changes.length, "change") : `ladder ${diff.status}`)}`,
    version: diff.version === undefined || diff.status === "removed" ? undefined : versionLine(diff.version),
    rows: indexed.map(({ change }) => () => ({
      level: change.level ? names.level(change.level) : change.competency ? raw("all levels") : raw("—"),
      competency: change.competency
        ? names.competency(change.competency)
        : change.category
          ? md`${names.category(change.category)} (category)`
          : raw("—"),
      change: raw(changeLabel(change)),
      impact: impactMd(change.impact, change.edit),
    })),
    structure: diff.changes
      .filter((c) => c.kind !== "cell-changed")
      .map((c) => () => md`${sentence(c, names)} · ${impactMd(c.impact, c.edit)}`),
    texts: indexed
      .map(({ change }) => change)
      .filter(textual)
      .map((c) => () => ({
        title: md`**${textTitle(c, names)}** · ${impactMd(c.impact, c.edit)}`,
        diff:
          c.before !== undefined && c.after !== undefined
            ? shownDiff(c.before, c.after)
            : inline(c.after ?? c.before ?? ""),
        note: c.before !== undefined && c.after !== undefined ? whitespaceNote(c.before, c.after) : undefined,
        // Quoted, not fenced: a long text wraps instead of running off the side of the comment.
        before: c.before === undefined ? undefined : inline(c.before),
        after: c.after === undefined ? undefined : inline(c.after),
      })),
    lists: diff.changes
      .filter((c) => c.cells && Object.keys(c.cells).length > 0)
      .map((c) => () => {
        const added = c.kind.endsWith("-added");
        const entries = Object.entries(c.cells ?? {});
        const label = (key: string) => (c.kind.startsWith("level-") ? names.competency(key) : names.level(key));
        return {
          title: listTitle(c, names),
          summary: raw(`The ${plural(entries.length, added ? "new expectation" : "removed expectation")}`),
          items: entries.map(([key, text]) => ({ label: label(key), text: inline(text) })),
        };
      }),
  };
}

function textTitle(c: Change, names: Names): Md {
  if (c.kind === "cell-changed") {
    const what = c.field === "examples" ? raw(" (examples)") : raw("");
    return md`${names.competency(c.competency)} · ${names.level(c.level)}${what}`;
  }
  if (c.kind === "ladder-changed") return raw("The ladder's summary");
  if (c.kind === "level-renamed") return md`Level ${names.level(c.level)}: summary`;
  if (c.kind === "category-renamed") return md`Category ${names.category(c.category)}: description`;
  return md`Competency ${names.competency(c.competency)}: description`;
}

function side(info: SideInfo): Md {
  if (info.kind === "directory") return md`the folder ${code(info.path)}`;
  const commit = code(info.commit.slice(0, 12));
  return info.commit.startsWith(info.ref) ? md`commit ${commit}` : md`${code(info.ref)} at ${commit}`;
}

function markerId(info: SideInfo): string {
  return info.kind === "git" ? info.commit : "directory";
}

/** An http(s) URL made safe as a Markdown link target, or undefined. */
function linkTarget(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
    return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The change table's words: "expectation changed", "level renamed (title)", "description changed". */
function changeLabel(change: Change): string {
  if (change.kind.endsWith("-renamed") && change.field !== undefined && PROSE_FIELDS.has(change.field)) {
    return `${change.field} changed`;
  }
  const words = change.kind.replace("cell-", "expectation-").replace("-", " ");
  return change.field && change.field !== "text" ? `${words} (${change.field})` : words;
}
