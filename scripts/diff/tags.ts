/**
 * The edge that reads release tags: `<ladder id>@<version>` (`sre@1.2.0`), one per released version of a
 * ladder, made by the publish workflow (`ladder release`). Read with `git for-each-ref`: tags are names, so
 * nothing here reads a file of a tagged commit.
 */
import { newestFirst, parseVersionTag } from "../model/version.js";
import { git } from "./run-git.js";

export interface VersionTag {
  ladder: string;
  version: string;
  /** `sre@1.2.0` */
  tag: string;
  /** The commit the tag names (peeled, for an annotated tag). */
  commit: string;
}

/**
 * Every release tag of the repository at `root` (of one ladder, when given), by ladder id, newest version first.
 * Tags whose names are not `<id>@<version>` are ignored; an empty list in a clone without tags.
 */
export async function versionTags(root: string, ladder?: string): Promise<VersionTag[]> {
  const pattern = ladder === undefined ? "refs/tags/" : `refs/tags/${ladder}@*`;
  const out = await git(
    ["for-each-ref", "--format=%(refname:lstrip=2)%00%(objectname)%00%(*objectname)", "--end-of-options", pattern],
    root,
  ).catch(() => Buffer.alloc(0));
  const tags: VersionTag[] = [];
  for (const line of out.toString("utf8").split("\n")) {
    const [tag, object, peeled] = line.split("\0");
    const named = tag === undefined ? undefined : parseVersionTag(tag);
    if (!named || (ladder !== undefined && named.ladder !== ladder)) continue;
    tags.push({ ...named, tag: tag as string, commit: peeled || (object as string) });
  }
  const byLadder = new Map<string, VersionTag[]>();
  for (const tag of tags) byLadder.set(tag.ladder, [...(byLadder.get(tag.ladder) ?? []), tag]);
  return [...byLadder.keys()].sort().flatMap((id) => {
    const list = byLadder.get(id) as VersionTag[];
    return newestFirst(list.map((t) => t.version)).map((v) => list.find((t) => t.version === v) as VersionTag);
  });
}

/** The error for a version that has no tag, naming the versions that have one. */
export function unknownVersion(option: string, named: { ladder: string; version: string }, known: VersionTag[]) {
  const versions = known.map((t) => t.version);
  const which =
    versions.length === 0
      ? `no version of ${named.ladder} is tagged here (tags ${named.ladder}@<version> are made when a version is released; in a clone, \`git fetch --tags\`)`
      : `known versions of ${named.ladder}: ${versions.join(", ")}`;
  return `cannot read ${option} ${named.ladder}@${named.version}: there is no tag ${named.ladder}@${named.version}; ${which}`;
}
