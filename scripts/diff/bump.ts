/**
 * The version a change requires: breaking → major, substantive → minor, editorial → patch, from the strongest
 * impact among a ladder's changes since the version it is compared with (scripts/model/version.ts for the
 * arithmetic). Pure; `ladder bump`, `ladder release` and the pull-request report all judge with it.
 */
import type { Ladder } from "../model/model.js";
import { compareVersions, nextVersion, type Step } from "../model/version.js";
import type { Change, Impact, LadderDiff, VersionCheck } from "./change.js";
import { impacts } from "./impact.js";

/** How far each impact moves a version. */
export const STEP: Readonly<Record<Impact, Step>> = { breaking: "major", substantive: "minor", editorial: "patch" };

/** The strongest impact of the changes (breaking over substantive over editorial), or undefined for none. */
export function strongestImpact(changes: readonly Pick<Change, "impact">[]): Impact | undefined {
  return impacts.find((impact) => changes.some((change) => change.impact === impact));
}

/** The lowest version that says what changed since `previous`: `previous` itself when nothing did. */
export function requiredVersion(previous: string, impact: Impact | undefined): string {
  return impact === undefined ? previous : nextVersion(previous, STEP[impact]);
}

/** Whether `current` is at least `required`. */
export function isEnough(current: string | undefined, required: string): boolean {
  return current !== undefined && compareVersions(current, required) >= 0;
}

/** The version check of a ladder's diff, or undefined when neither side is versioned. */
export function versionCheck(
  diff: LadderDiff,
  base: Ladder | undefined,
  head: Ladder | undefined,
): VersionCheck | undefined {
  const [before, after] = [base?.version, head?.version];
  if (before === undefined && after === undefined) return undefined;
  const impact = strongestImpact(diff.changes);
  const check: VersionCheck = {
    ...(before === undefined ? {} : { base: before }),
    ...(after === undefined ? {} : { head: after }),
    ...(impact === undefined ? {} : { impact }),
  };
  if (before === undefined || head === undefined) return check;
  const required = requiredVersion(before, impact);
  return { ...check, required, enough: isEnough(after, required) };
}

/** Gives each ladder's diff its version check (in place), from the two sides' ladders. */
export function addVersionChecks(diffs: LadderDiff[], base: readonly Ladder[], head: readonly Ladder[]): void {
  const [before, after] = [base, head].map((list) => new Map(list.map((l) => [l.id, l])));
  for (const diff of diffs) {
    const version = versionCheck(diff, before.get(diff.id), after.get(diff.id));
    if (version !== undefined) diff.version = version;
  }
}
