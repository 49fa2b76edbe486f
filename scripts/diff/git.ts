/**
 * The edge that reads one side of a diff: the ladder files at a git ref (with git itself: no checkout, the
 * working tree and index untouched), in a directory holding `ladder/`, or in the working tree.
 */
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Source } from "../check/load.js";
import { type Locations, readSources } from "../check/sources.js";
import { ExitError } from "../model/io.js";

/** Where a side was read from, as the report shows it. */
export type SideInfo = { kind: "git"; ref: string; commit: string } | { kind: "directory"; path: string };

export interface Side {
  info: SideInfo;
  sources: Source[];
}

/**
 * Reads one side. `spec` is a directory holding `ladder/` (when such a directory exists) or else a git ref
 * of the repository at `where.root`; without `spec`, the working tree. Throws ExitError(1) when the side
 * cannot be read.
 */
export async function readSide(spec: string | undefined, where: Locations, cwd: string, name: string): Promise<Side> {
  if (spec === undefined) {
    return { info: { kind: "directory", path: shown(cwd, where.root) }, sources: await readSources(where) };
  }
  const dir = path.resolve(cwd, spec);
  if ((await stat(dir).catch(() => undefined))?.isDirectory()) {
    const ladders = path.join(dir, "ladder");
    if (!(await stat(ladders).catch(() => undefined))?.isDirectory()) {
      throw new ExitError(1, `cannot read ${name} ${spec}: the directory holds no ladder/ folder`);
    }
    return { info: { kind: "directory", path: shown(cwd, dir) }, sources: await readSources({ root: dir, ladders }) };
  }
  return readRef(spec, where, name);
}

async function readRef(ref: string, where: Locations, name: string): Promise<Side> {
  const fail = (why: string) => new ExitError(1, `cannot read ${name} ${ref}: ${why}`);
  if (ref.startsWith("-") || ref.includes("\0")) throw fail("not a directory, and not a valid git ref");
  const commit = (
    await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], where.root).catch(() => {
      throw fail(`no such directory, and not a commit in the git repository at ${where.root}`);
    })
  )
    .toString("utf8")
    .trim();
  const folder = path.relative(where.root, where.ladders).split(path.sep).join("/");
  if (folder.startsWith("..")) throw fail(`the ladder folder ${where.ladders} is outside the repository`);
  const listing = await git(["ls-tree", "-z", "--end-of-options", commit, "--", `${folder}/`], where.root);
  const entries = listing
    .toString("utf8")
    .split("\0")
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /\.ya?ml$/i.test(m[2]))
    .map((m) => ({ oid: m[1], file: m[2] }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const blobs = await catFiles(
    entries.map((e) => e.oid),
    where.root,
  ).catch((error: unknown) => {
    throw fail(`git cat-file failed: ${(error as Error).message}`);
  });
  return {
    info: { kind: "git", ref, commit },
    sources: entries.map((entry, k) => ({ file: entry.file, text: blobs[k] })),
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

/** Runs git and resolves with its stdout; rejects with its first line of stderr. */
function git(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? "ignore" : "pipe";
    const child = spawn("git", args, { cwd, stdio: [stdin, "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(Buffer.concat(err).toString("utf8").split("\n")[0] || `git exited with ${code}`));
    });
    // A git that exits early closes its input; the exit code then tells what went wrong.
    child.stdin?.on("error", () => {});
    child.stdin?.end(input);
  });
}

function shown(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir).split(path.sep).join("/");
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dir : rel;
}
