/**
 * What `ladder bump` and `ladder release` decide from git: for each versioned ladder of the working tree, the
 * previous release it is compared with and the version its changes since then require. The previous release
 * is the tag `<id>@<version>` of the version the file says, or, when that version has no tag yet (it is the
 * next release, already raised), the highest tagged version below it; with `--base REF`, the ladder as REF
 * has it. Both sides are resolved (a change to a base is a change to every track that extends it).
 */

import type { Locations } from "../check/sources.js";
import { isEnough, requiredVersion, strongestImpact } from "../diff/bump.js";
import type { Change, Impact } from "../diff/change.js";
import { readSide, type Side } from "../diff/git.js";
import type { Compared } from "../diff/report.js";
import { compare } from "../diff/report.js";
import { type VersionTag, versionTags } from "../diff/tags.js";
import type { Ladder, Problem } from "../model/model.js";
import { compareVersions, versionTag } from "../model/version.js";
import { asValidateResult, resolveSources } from "../resolve/pipeline.js";

/** One ladder's verdict. */
export interface Verdict {
  ladder: Ladder;
  /** What it was compared with: `sre@1.0.0`, or the `--base` ref; undefined when there is nothing to compare with. */
  since?: string;
  /** The commit of `since`. */
  commit?: string;
  /** The previous release's version (or the base's); undefined for a ladder with no release yet. */
  previous?: string;
  /** The ladder as that release has it (resolved). */
  base?: Ladder;
  /** Its changes since then, and their strongest impact. */
  changes: Change[];
  impact?: Impact;
  /** The lowest version the ladder must say; undefined when nothing is required of it. */
  required?: string;
  /** The file says at least `required` (true when nothing is required). */
  enough: boolean;
  /** Why nothing is required, for the message: no tag yet, or the ladder is new at the base. */
  why?: "unversioned" | "no-release" | "new";
}

export type Judgement =
  | { ok: true; verdicts: Verdict[]; head: Side; ladders: Ladder[]; compared: Map<string, Compared> }
  | { ok: false; problems: Problem[] };

/** Judges every ladder of the working tree at `where`. `base`: compare with this ref instead of the tags. */
export async function judgeVersions(where: Locations, cwd: string, base?: string): Promise<Judgement> {
  const head = await readSide(undefined, where, cwd, "--head");
  const resolved = asValidateResult(resolveSources(head.sources));
  if (!resolved.ok) return { ok: false, problems: resolved.problems };
  const tags = base === undefined ? await versionTags(where.root) : [];
  // Which side each ladder is compared with; ladders that share one are compared in one pass.
  const sideOf = new Map<string, { spec: string; label: string; previous?: string }>();
  const verdicts = new Map<string, Verdict>();
  for (const ladder of resolved.ladders) {
    if (ladder.version === undefined) {
      verdicts.set(ladder.id, { ladder, changes: [], enough: true, why: "unversioned" });
    } else if (base !== undefined) {
      sideOf.set(ladder.id, { spec: base, label: base });
    } else {
      const previous = previousRelease(ladder, tags);
      if (previous === undefined) verdicts.set(ladder.id, { ladder, changes: [], enough: true, why: "no-release" });
      else sideOf.set(ladder.id, { spec: previous.commit, label: previous.tag, previous: previous.version });
    }
  }
  const compared = new Map<string, Compared>();
  for (const spec of new Set([...sideOf.values()].map((s) => s.spec))) {
    const label = [...sideOf.values()].find((s) => s.spec === spec)?.label ?? spec;
    const side = await readSide(spec, where, cwd, base === undefined ? label : "--base", "ref");
    const result = compare(side, head);
    if (!result.ok) return { ok: false, problems: result.problems };
    compared.set(spec, result.compared);
  }
  for (const ladder of resolved.ladders) {
    const at = sideOf.get(ladder.id);
    if (at === undefined) continue;
    const { report, base: before } = compared.get(at.spec) as Compared;
    const baseLadder = before.find((l) => l.id === ladder.id);
    const previous = at.previous ?? baseLadder?.version;
    const diff = report.ladders.find((l) => l.id === ladder.id);
    if (previous === undefined || diff === undefined || diff.status === "added") {
      verdicts.set(ladder.id, { ladder, since: at.label, changes: [], enough: true, why: "new" });
      continue;
    }
    const impact = strongestImpact(diff.changes);
    const required = requiredVersion(previous, impact);
    verdicts.set(ladder.id, {
      ladder,
      since: at.label,
      commit: report.base.kind === "git" ? report.base.commit : undefined,
      previous,
      ...(baseLadder === undefined ? {} : { base: baseLadder }),
      changes: diff.changes,
      ...(impact === undefined ? {} : { impact }),
      required,
      enough: isEnough(ladder.version, required),
    });
  }
  const ordered = resolved.ladders.map((l) => verdicts.get(l.id) as Verdict);
  return { ok: true, verdicts: ordered, head, ladders: resolved.ladders, compared };
}

/**
 * The release a ladder's changes are counted from: the tag of the version it says, else the highest tagged
 * version below it (the file already says the next version), else its newest tag (the file says less than a
 * release: the changes since that release decide). Undefined when the ladder has no tag at all.
 */
export function previousRelease(ladder: Ladder, tags: readonly VersionTag[]): VersionTag | undefined {
  const own = tags.filter((t) => t.ladder === ladder.id);
  const version = ladder.version as string;
  const exact = own.find((t) => t.tag === versionTag(ladder.id, version));
  return exact ?? own.find((t) => compareVersions(t.version, version) < 0) ?? own[0];
}
