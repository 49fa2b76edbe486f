/**
 * The edge that reads one side of a diff: the ladder files at a git ref (with git itself: no checkout, the
 * working tree and index untouched, no filter or hook run), in a directory holding `ladder/`, or in the
 * working tree. A pull request's commits are data here: only blobs under ladder/ are read, by id.
 */
import { lstat, stat } from "node:fs/promises";
import path from "node:path";
import type { Source } from "../check/load.js";
import { fileNameProblem, type Locations, readSources } from "../check/sources.js";
import { ExitError } from "../model/io.js";
import { byCodeUnit, MAX_FILE_BYTES } from "../model/model.js";
import { parseVersionTag } from "../model/version.js";
import { git } from "./run-git.js";
import { unknownVersion, versionTags } from "./tags.js";

/** Where a side was read from, as the report shows it. */
export type SideInfo = { kind: "git"; ref: string; commit: string } | { kind: "directory"; path: string };

export interface Side {
  info: SideInfo;
  sources: Source[];
}

/** How a side was named: `--base X` may be either, `--base-ref X` and `--base-dir X` say which. */
export type SideKind = "any" | "ref" | "dir";

/**
 * Reads one side. `spec` is a git ref of the repository at `where.root` (read with git, nothing checked out)
 * or a directory holding `ladder/`; without `spec`, the working tree. With `kind: "any"` a name that is both a
 * commit and a directory is refused as ambiguous, as git refuses `git log NAME` when NAME is both a revision and
 * a path: a pull request could otherwise add a folder `HEAD/ladder/` and have the report read it instead of
 * the commit. Throws ExitError(1) when the side cannot be read, ExitError(2) when it is ambiguous.
 */
export async function readSide(
  spec: string | undefined,
  where: Locations,
  cwd: string,
  name: string,
  kind: SideKind = "any",
): Promise<Side> {
  if (spec === undefined) {
    return { info: { kind: "directory", path: shown(cwd, where.root) }, sources: await readSources(where) };
  }
  const dir = path.resolve(cwd, spec);
  const isDir = kind !== "ref" && (await lstat(dir).catch(() => undefined))?.isDirectory() === true;
  // A version's name (`sre@1.2.0`) is its release tag and nothing else: never a branch of that name.
  const version = kind !== "dir" ? parseVersionTag(spec) : undefined;
  const commit = kind !== "dir" ? await resolveCommit(version ? `refs/tags/${spec}` : spec, where.root) : undefined;
  if (version && commit === undefined && !isDir) {
    throw new ExitError(1, unknownVersion(name, version, await versionTags(where.root, version.ladder)));
  }
  const option = name.replace(/-(ref|dir)$/, "");
  if (isDir && commit !== undefined) {
    throw new ExitError(
      2,
      `ambiguous ${name} ${spec}: both a git revision and a directory; ` +
        `use ${option}-ref ${spec} for the commit or ${option}-dir ${spec} for the directory`,
    );
  }
  if (isDir) {
    const ladders = path.join(dir, "ladder");
    if (!(await stat(ladders).catch(() => undefined))?.isDirectory()) {
      throw new ExitError(1, `cannot read ${name} ${spec}: the directory holds no ladder/ folder`);
    }
    return { info: { kind: "directory", path: shown(cwd, dir) }, sources: await readSources({ root: dir, ladders }) };
  }
  if (commit !== undefined) return readRef(spec, commit, where, name);
  if (kind === "dir") throw new ExitError(1, `cannot read ${name} ${spec}: no such directory`);
  if (kind === "ref") {
    throw new ExitError(1, `cannot read ${name} ${spec}: not a commit in the git repository at ${where.root}`);
  }
  throw new ExitError(
    1,
    `cannot read ${name} ${spec}: no such directory, and not a commit in the git repository at ${where.root}`,
  );
}

/** The commit id `ref` names in the repository at `root`, or undefined when it names none. */
async function resolveCommit(ref: string, root: string): Promise<string | undefined> {
  if (ref === "" || ref.startsWith("-") || ref.includes("\0")) return undefined;
  return git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root).then(
    (out) => out.toString("utf8").trim(),
    () => undefined,
  );
}

async function readRef(ref: string, commit: string, where: Locations, name: string): Promise<Side> {
  const fail = (why: string) => new ExitError(1, `cannot read ${name} ${ref}: ${why}`);
  const folder = path.relative(where.root, where.ladders).split(path.sep).join("/");
  if (folder.startsWith("..")) throw fail(`the ladder folder ${where.ladders} is outside the repository`);
  const listing = await git(["ls-tree", "-l", "-z", "--end-of-options", commit, "--", `${folder}/`], where.root);
  const entries = listing
    .toString("utf8")
    .split("\0")
    .map((line) => /^(\d+) (blob|tree|commit) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /\.ya?ml$/i.test(m[5]))
    .map((m) => ({ mode: m[1], type: m[2], oid: m[3], size: m[4] === "-" ? 0 : Number(m[4]), file: m[5] }))
    .sort((a, b) => byCodeUnit(a.file, b.file));
  // What is not a regular file of a bounded size, or not named as a ladder, is a problem and is never read.
  const refused = (entry: (typeof entries)[number]): Source | undefined => {
    const named = fileNameProblem(entry.file);
    const fault = (rule: string, message: string): Source => ({
      file: entry.file,
      text: "",
      problems: [{ file: entry.file, line: 1, column: 1, severity: "error", rule, message }],
    });
    if (named) return { file: entry.file, text: "", problems: [named] };
    if (entry.type !== "blob" || (entry.mode !== "100644" && entry.mode !== "100755")) {
      const what = entry.mode === "120000" ? "a symbolic link" : entry.type === "tree" ? "a directory" : "a submodule";
      return fault("file-not-regular", `is ${what}, not a regular file; a ladder must be a plain file`);
    }
    if (entry.size > MAX_FILE_BYTES) {
      return fault(
        "file-too-large",
        `file is ${entry.size} bytes; a ladder file may be at most ${MAX_FILE_BYTES} bytes (split it into several ladders)`,
      );
    }
    return undefined;
  };
  const readable = entries.filter((e) => refused(e) === undefined);
  const blobs = await catFiles(
    readable.map((e) => e.oid),
    where.root,
  ).catch((error: unknown) => {
    throw fail(`git cat-file failed: ${(error as Error).message}`);
  });
  const byOid = new Map(readable.map((e, k) => [e, blobs[k]]));
  return {
    info: { kind: "git", ref, commit },
    sources: entries.map((entry) => refused(entry) ?? { file: entry.file, text: byOid.get(entry) as Uint8Array }),
  };
}

/** Reads many blobs with one `git cat-file --batch`. */
async function catFiles(oids: readonly string[], cwd: string): Promise<Uint8Array[]> {
  if (oids.length === 0) return [];
  const out = await git(["cat-file", "--batch"], cwd, `${oids.join("\n")}\n`);
  const blobs: Uint8Array[] = [];
  let at = 0;
  for (const oid of oids) {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString("utf8");
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!m || m[1] !== oid) throw new Error(`unexpected reply "${header}"`);
    const size = Number(m[2]);
    blobs.push(out.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return blobs;
}

/** The private refs a pull request's commits are fetched into: never a branch, never checked out. */
export const FETCHED = { head: "refs/ladder-comment/head", base: "refs/ladder-comment/base" } as const;

/**
 * Fetches a pull request's head (`refs/pull/N/head`) and its base branch from `remote` into the repository at
 * `root`, as objects only: nothing is checked out, no working file or index is touched, no hook or filter of
 * the fetched commits exists to run. Returns the fetched head and the merge base of the two, the commits whose
 * difference is the pull request's change (the "Files changed" of GitHub). `token`, for a private repository
 * over https, reaches git through its environment, never its arguments.
 */
export async function fetchPullRequest(
  root: string,
  remote: string,
  number: number,
  baseRef: string,
  token?: string,
): Promise<{ head: string; base: string }> {
  if (!Number.isSafeInteger(number) || number < 1) throw new ExitError(1, `not a pull request number: ${number}`);
  if (!/^[\w][\w./-]*$/.test(baseRef) || baseRef.includes("..")) {
    throw new ExitError(1, `not a branch name: ${JSON.stringify(baseRef)}`);
  }
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: "0" };
  if (token && /^https:\/\//i.test(remote)) {
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    Object.assign(env, {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraheader",
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
    });
  }
  const refspecs = [`+refs/pull/${number}/head:${FETCHED.head}`, `+refs/heads/${baseRef}:${FETCHED.base}`];
  const fetch = ["fetch", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head", "--quiet"];
  await git([...fetch, "--end-of-options", remote, ...refspecs], root, undefined, env).catch((error: Error) => {
    throw new ExitError(1, `cannot fetch pull request #${number} and ${baseRef} from ${remote}: ${error.message}`);
  });
  const head = (await git(["rev-parse", "--verify", `${FETCHED.head}^{commit}`], root)).toString("utf8").trim();
  const base = await git(["merge-base", FETCHED.base, FETCHED.head], root).then(
    (out) => out.toString("utf8").trim(),
    () => {
      throw new ExitError(1, `pull request #${number} shares no history with ${baseRef} (fetch the full history)`);
    },
  );
  return { head, base };
}

function shown(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir).split(path.sep).join("/");
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dir : rel;
}
