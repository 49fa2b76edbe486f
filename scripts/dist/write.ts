/**
 * Stage 5, write: the disk edge of `build` and `check`. `writeDist` replaces dist/ as a whole (or, in steps,
 * `stageDist`, `writeStaged` and `commit`); compare.ts tells how dist/ differs from what build would write.
 */

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Utf8Blocks } from "./utf8.js";

/**
 * Writes `files` (path relative to dist/ → content) as the whole of `out`, atomically as far as a folder can
 * be: everything is written into a temporary sibling folder first, then that folder is swapped in. On any
 * error `out` is left as it was and the temporary folder is removed. Files in `out` that are not in `files`
 * (those of a removed ladder) are gone afterwards. `files` may be produced lazily, one at a time.
 */
export async function writeDist(
  out: string,
  files: Iterable<readonly [string, string]> | AsyncIterable<readonly [string, string]>,
): Promise<void> {
  const staged = await stageDist(out);
  try {
    for await (const [relative, content] of files) await writeStaged(staged.dir, relative, content);
  } catch (error) {
    await staged.abort();
    throw error;
  }
  await staged.commit();
}

/** A temporary folder that becomes `out` on `commit`, or disappears on `abort`. */
export interface StagedDist {
  /** The temporary folder: write the files of dist/ here (`writeStaged`), from any thread. */
  dir: string;
  commit: () => Promise<void>;
  abort: () => Promise<void>;
}

/**
 * Finishes or undoes what an interrupted build left beside `out` (a `kill -9`, a power cut): the staged folders
 * `.dist.tmp.XXXXXX` and the previous dist/ moved aside as `.dist.tmp.XXXXXX.old`. A staged folder is complete
 * exactly when its `.old` exists (the old dist/ is moved aside only after every file is written), so when `out`
 * is missing it is rolled forward to that staged folder, or back to the `.old` alone; then every leftover goes.
 * After this, `out` is the old or the new dist/, whole. Returns the names removed or restored.
 */
export async function recoverDist(out: string): Promise<string[]> {
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.tmp.`;
  const names = await readdir(parent).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const leftovers = names.filter((n) => n.startsWith(prefix)).sort();
  if (leftovers.length === 0) return [];
  if (!(await exists(out))) {
    const old = leftovers.find((n) => n.endsWith(".old"));
    const complete = old && leftovers.includes(old.slice(0, -".old".length)) ? old.slice(0, -".old".length) : old;
    if (complete) await rename(path.join(parent, complete), out);
  }
  const left = (await readdir(parent)).filter((n) => n.startsWith(prefix));
  for (const name of left) await rm(path.join(parent, name), { recursive: true, force: true });
  return leftovers;
}

/** Starts writing a new `out` beside it (the first half of `writeDist`), after recovering an interrupted one. */
export async function stageDist(out: string): Promise<StagedDist> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  await mkdir(parent, { recursive: true });
  await recoverDist(out);
  // Siblings on the same file system, so the swap is two renames; the names match .gitignore's `*.tmp.*`.
  const fresh = await mkdtemp(path.join(parent, `.${base}.tmp.`));
  const abort = () => rm(fresh, { recursive: true, force: true });
  try {
    // mkdtemp makes the folder private (0700); dist/ keeps its own mode, or the usual 0755 when new.
    await chmod(fresh, (await stat(out).catch(() => undefined))?.mode ?? 0o755);
  } catch (error) {
    await abort();
    throw error;
  }
  const commit = async () => {
    let old: string | undefined;
    try {
      if (await exists(out)) {
        old = `${fresh}.old`;
        await rename(out, old);
      }
      try {
        await rename(fresh, out);
      } catch (error) {
        if (old) await rename(old, out);
        old = undefined;
        throw error;
      }
    } catch (error) {
      await abort();
      throw error;
    }
    if (old) await rm(old, { recursive: true, force: true });
  };
  return { dir: fresh, commit, abort };
}

/** Writes one file of dist/ (text, or its UTF-8 bytes) into a staged folder. */
export async function writeStaged(dir: string, relative: string, content: string | Uint8Array): Promise<void> {
  writeFileSync(stagedTarget(dir, relative), content);
}

/**
 * Where a file of dist/ goes in a staged folder, its folder made. Synchronous, and each folder made once:
 * thousands of small files through the thread pool's round trips (mkdir, open, write, close) left build idle
 * most of the time on an organisation of many ladders.
 */
function stagedTarget(dir: string, relative: string): string {
  const target = path.join(dir, ...relative.split("/"));
  const parent = path.dirname(target);
  if (!made.has(parent)) {
    mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  return target;
}

/**
 * Writes one file of dist/ into a staged folder from text handed over a chunk at a time (render.ts
 * `PlannedFile.stream`), encoded and written a block at a time, never held whole; returns its size in bytes.
 */
export function writeStagedStream(
  dir: string,
  relative: string,
  stream: (each: (chunk: string) => void) => void,
): number {
  const fd = openSync(stagedTarget(dir, relative), "w");
  try {
    const blocks = new Utf8Blocks((bytes) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      return true;
    });
    stream((chunk) => blocks.add(chunk));
    return blocks.end() as number;
  } finally {
    closeSync(fd);
  }
}

/** Folders of staged dist/ trees already made (each staged tree is a fresh temporary folder). */
const made = new Set<string>();

/** Every file under `dir`, as paths relative to it with forward slashes; empty when `dir` does not exist. */
export async function listFiles(dir: string): Promise<Set<string>> {
  // What an interrupted build left is finished or undone first, so dist/ is compared whole.
  await recoverDist(dir);
  const found = new Set<string>();
  const walk = async (relative: string) => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && relative === "") return [];
      throw error;
    });
    for (const entry of entries) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else found.add(child);
    }
  };
  await walk("");
  return found;
}

async function exists(p: string): Promise<boolean> {
  return readdir(p).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
}
