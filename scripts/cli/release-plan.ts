/**
 * What the publish workflow releases: for each ladder whose version has no tag yet, a tag `<id>@<version>` and
 * a release whose notes are the `ladder diff` Markdown of that ladder since its previous version's tag
 * (defused: ladder text is data), with the ladder's files from dist/ attached. A version that already has a
 * tag is released already; when the ladder changed since that tag, its version was not raised (two pull
 * requests that raised it alike), and it is named as a warning rather than released under a taken name.
 */

import { inline, md, raw } from "../../generators/report/escape.js";
import { renderReport } from "../../generators/report/render.js";
import { artifactsOf } from "../../generators/shared/artifacts.js";
import { loadSource } from "../check/load.js";
import type { Locations } from "../check/sources.js";
import { isEnough, requiredVersion, strongestImpact } from "../diff/bump.js";
import { readSide, type Side } from "../diff/git.js";
import { compare, reportContext } from "../diff/report.js";
import { type VersionTag, versionTags } from "../diff/tags.js";
import { defuse } from "../github/comment.js";
import { competencyCount, type Ladder, type Problem } from "../model/model.js";
import { printable } from "../model/problems.js";
import { compareVersions, versionTag } from "../model/version.js";
import { asValidateResult, resolveSources } from "../resolve/pipeline.js";

/** One release to create. */
export interface PlannedRelease {
  ladder: string;
  version: string;
  /** `sre@1.2.0`: the tag to create, at the head commit. */
  tag: string;
  /** The previous version's tag, which the notes are the diff since; null for a ladder's first release. */
  previous: string | null;
  /** The release's title: the ladder's title and version, on one line, mentions defused. */
  title: string;
  /** The notes' file name in the notes folder. */
  notes: string;
  /** The files to attach, from the repository root: the ladder's files in dist/. */
  files: string[];
}

export interface ReleasePlan {
  releases: PlannedRelease[];
  /** Versions that already have a tag though the ladder changed since: `npm run bump` was not run. */
  stale: Array<{ ladder: string; version: string; tag: string; required: string }>;
}

export type Planned =
  | { ok: true; plan: ReleasePlan; notes: Map<string, string>; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/** Plans the releases of the ladders at `head` (a commit of the repository at `where.root`). */
export async function planReleases(where: Locations, cwd: string, head: string, maxChars: number): Promise<Planned> {
  const headSide = await readSide(head, where, cwd, "--head-ref", "ref");
  const resolved = asValidateResult(resolveSources(headSide.sources));
  if (!resolved.ok) return { ok: false, problems: resolved.problems };
  const tags = await versionTags(where.root);
  const plan: ReleasePlan = { releases: [], stale: [] };
  const notes = new Map<string, string>();
  const warnings: Problem[] = [];
  for (const ladder of resolved.ladders) {
    const version = ladder.version;
    if (version === undefined) continue;
    const own = tags.filter((t) => t.ladder === ladder.id);
    const tag = versionTag(ladder.id, version);
    const taken = own.find((t) => t.tag === tag);
    if (taken) {
      const since = await changesSince(taken, ladder.id, headSide, where, cwd);
      const required = requiredVersion(version, strongestImpact(since));
      if (!isEnough(version, required)) {
        plan.stale.push({ ladder: ladder.id, version, tag, required });
        warnings.push(staleWarning(ladder, headSide, tag, required));
      }
      continue;
    }
    const previous = own.find((t) => compareVersions(t.version, version) < 0);
    const file = `${tag}.md`;
    notes.set(file, await notesOf(ladder, tag, previous, headSide, where, cwd, maxChars));
    plan.releases.push({
      ladder: ladder.id,
      version,
      tag,
      previous: previous?.tag ?? null,
      title: defuse(printable(`${ladder.title} ${version}`)),
      notes: file,
      files: artifactsOf(ladder.id).map((a) => `dist/${a.path}`),
    });
  }
  return { ok: true, plan, notes, warnings };
}

/** The ladder's changes since a tag. */
async function changesSince(tag: VersionTag, id: string, head: Side, where: Locations, cwd: string) {
  const base = await readSide(tag.tag, where, cwd, "--base-ref", "ref");
  const result = compare(base, head, { only: id });
  return result.ok ? (result.compared.report.ladders.find((l) => l.id === id)?.changes ?? []) : [];
}

/** The release notes: the diff of this ladder since its previous version, or a first release's line. */
async function notesOf(
  ladder: Ladder,
  tag: string,
  previous: VersionTag | undefined,
  head: Side,
  where: Locations,
  cwd: string,
  maxChars: number,
): Promise<string> {
  if (previous === undefined) {
    const cells = competencyCount(ladder) * ladder.levels.length;
    const first = md`### ${inline(ladder.title)} ${raw(ladder.version ?? "")}\n\nThe first release of this ladder: ${ladder.levels.length} levels, ${cells} cells.\n`;
    return defuse(first.text);
  }
  const base = await readSide(previous.tag, where, cwd, "--base-ref", "ref");
  const result = compare(
    base,
    { ...head, info: { ...head.info, ...(head.info.kind === "git" ? { ref: tag } : {}) } },
    { only: ladder.id },
  );
  if (!result.ok) return defuse(`The ladder at ${previous.tag} could not be read, so there is no diff.\n`);
  const command = `npm run diff -- --base ${previous.tag} --head ${tag}`;
  return defuse(renderReport(reportContext(result.compared, { command }), maxChars));
}

/** A version released already, though the ladder changed since: a warning at its version line. */
function staleWarning(ladder: Ladder, head: Side, tag: string, required: string): Problem {
  const source = head.sources.find((s) => s.file === ladder.file);
  const loaded = source === undefined ? undefined : loadSource(source);
  const at = loaded?.ok ? loaded.parsed.locate(["version"]) : { line: 1, column: 1 };
  return {
    file: ladder.file,
    ...at,
    severity: "warning",
    rule: "version-not-raised",
    message: `${tag} is released already, but ${ladder.id} changed since; not released again: its version must be ${required} or higher (npm run bump)`,
  };
}
