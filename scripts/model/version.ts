/**
 * Ladder versions: `MAJOR.MINOR.PATCH` (the schema's `version` pattern: no leading zeros, at most nine digits
 * a part, so every part is a safe integer), their order, and release tags `<ladder id>@<version>`. Pure.
 */

/** A version as its three numbers. */
export type Version = readonly [major: number, minor: number, patch: number];

const VERSION = /^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$/;

/** The three numbers of a version text, or undefined when it is not `MAJOR.MINOR.PATCH`. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. Both must be valid versions. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  if (!x || !y) throw new Error(`not a version: ${x ? b : a}`);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** How far a version moves: a major, minor or patch step. */
export type Step = "major" | "minor" | "patch";

/** The version one step after `version`: 1.4.2 → 2.0.0 (major), 1.5.0 (minor), 1.4.3 (patch). */
export function nextVersion(version: string, step: Step): string {
  const v = parseVersion(version);
  if (!v) throw new Error(`not a version: ${version}`);
  if (step === "major") return `${v[0] + 1}.0.0`;
  if (step === "minor") return `${v[0]}.${v[1] + 1}.0`;
  return `${v[0]}.${v[1]}.${v[2] + 1}`;
}

/** A ladder's release tag: `sre@1.2.0`. */
export function versionTag(ladderId: string, version: string): string {
  return `${ladderId}@${version}`;
}

/** A ladder id as the schema allows it (ladder/<id>.yaml). */
const LADDER_ID = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
const TAG = new RegExp(`^(${LADDER_ID})@((?:0|[1-9][0-9]{0,8})\\.(?:0|[1-9][0-9]{0,8})\\.(?:0|[1-9][0-9]{0,8}))$`);

/** The ladder id and version a release tag names (`sre@1.2.0`), or undefined when it is not one. */
export function parseVersionTag(tag: string): { ladder: string; version: string } | undefined {
  const m = TAG.exec(tag);
  return m ? { ladder: m[1] as string, version: m[2] as string } : undefined;
}

/** Versions newest first. */
export function newestFirst(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => compareVersions(b, a));
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isRealDate(text: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
