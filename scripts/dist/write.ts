/**
 * Stage 5, write: the disk edge of `build` and `check`. `writeDist` replaces dist/ as a whole (or, in steps,
 * `stageDist`, `writeStaged` and `commit`); `compareDist` and `compareFile` tell how dist/ differs from what
 * build would write, and `firstDifference` (pure) shows where.
 */

import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { byPath } from "./dist-paths.js";
import { zipDifference } from "./zip.js";

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
  const target = path.join(dir, ...relative.split("/"));
  // Synchronous, and each folder made once: thousands of small files through the thread pool's round trips
  // (mkdir, open, write, close) left build idle most of the time on an organisation of many ladders.
  const parent = path.dirname(target);
  if (!made.has(parent)) {
    mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  writeFileSync(target, content);
}

/** Folders of staged dist/ trees already made (each staged tree is a fresh temporary folder). */
const made = new Set<string>();

/** How one file of dist/ differs from what build would write. */
export interface Difference {
  /** Path relative to dist/, forward slashes. */
  path: string;
  /** stale: present with other bytes; missing: build would write it; extra: build would not. */
  kind: "stale" | "missing" | "extra";
  /** For stale files: the first differing lines (see `firstDifference`). */
  detail?: string;
}

/** Compares `out` with the files build would write; an absent `out` makes every file missing. Sorted by path. */
export async function compareDist(out: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<Difference[]> {
  const present = await listFiles(out);
  const differences: Difference[] = [];
  for (const [relative, content] of files) {
    const { difference } = await compareFile(out, relative, content, present);
    if (difference) differences.push(difference);
  }
  for (const relative of present) {
    if (!files.has(relative)) differences.push({ path: relative, kind: "extra" });
  }
  return differences.sort(byPath);
}

/**
 * How one file build would write differs from `out/relative` (`present`: the files of `out`), if it does;
 * and the file's size in bytes.
 */
export async function compareFile(
  out: string,
  relative: string,
  content: string | Uint8Array,
  present: ReadonlySet<string>,
): Promise<{ bytes: number; difference?: Difference }> {
  const size = () => (typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length);
  if (!present.has(relative)) return { bytes: size(), difference: { path: relative, kind: "missing" } };
  const actual = readReused(path.join(out, ...relative.split("/")));
  if (typeof content !== "string") {
    if (Buffer.compare(actual, content) === 0) return { bytes: content.length };
    const detail = zipDifference(actual, content, firstDifference) ?? bytesDiffer(actual, content);
    return { bytes: content.length, difference: { path: relative, kind: "stale", detail } };
  }
  const bytes = encodedLength(actual, content);
  if (bytes === actual.length) return { bytes };
  const detail = firstDifference(actual.toString("utf8"), content);
  return {
    bytes: bytes < 0 ? Buffer.byteLength(content, "utf8") : bytes,
    difference: { path: relative, kind: "stale", detail },
  };
}

let pool: Buffer | undefined;

/**
 * A file's bytes, read at once into one buffer reused for every file (valid until the next call): the promise
 * API reads a large file in many small steps, and a new buffer per file makes the garbage collector run often.
 */
function readReused(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (!pool || pool.length < size) pool = Buffer.allocUnsafe(Math.max(size, 1 << 20));
    let length = 0;
    for (let n = -1; n !== 0 && length < size; length += n) n = readSync(fd, pool, length, size - length, length);
    return pool.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const encoder = new TextEncoder();
let scratch: Uint8Array | undefined;

/**
 * The length of `content` in UTF-8 if its encoding starts with `bytes`, else -1: encoded a megabyte at a
 * time, so comparing a 30 MB page holds no second copy of it. (Buffer.byteLength would walk the text once
 * more just to count: on a page with any character beyond Latin-1, slower than this whole comparison.)
 */
function encodedLength(bytes: Buffer, content: string): number {
  scratch ??= new Uint8Array(1 << 20);
  let read = 0;
  let at = 0;
  while (read < content.length) {
    // encodeInto never splits a character, so each chunk ends on a whole one.
    const chunk = encoder.encodeInto(read === 0 ? content : content.slice(read), scratch);
    if (at + chunk.written > bytes.length) return -1;
    if (Buffer.compare(scratch.subarray(0, chunk.written), bytes.subarray(at, at + chunk.written)) !== 0) return -1;
    read += chunk.read;
    at += chunk.written;
  }
  return at;
}

/**
 * A short diff of where `actual` and `expected` differ: the line number, then the differing lines between the
 * common start and the common end, up to `max` of each side (`-` what is there, `+` what build would write).
 * Long lines are cut to a window around the first differing character. CR is shown as `\r` and a byte order
 * mark as `<BOM>`, so a difference in line endings or encoding is visible too. Pure.
 */
export function firstDifference(actual: string, expected: string, max = 3): string {
  const a = actual.split("\n");
  const b = expected.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const removed = a.slice(start, a.length - end);
  const added = b.slice(start, b.length - end);
  const column = firstDifferentChar(visible(removed[0] ?? ""), visible(added[0] ?? ""));
  // Shift the window only when the first difference would fall outside it.
  const from = column < WINDOW - 10 ? 0 : column - WINDOW / 2;
  const show = (lines: string[], sign: string) => [
    ...lines.slice(0, max).map((line, i) => `${sign} ${clip(visible(line), i === 0 ? from : 0)}`),
    ...(lines.length > max ? [`${sign} … ${lines.length - max} more line${lines.length - max === 1 ? "" : "s"}`] : []),
  ];
  return [`line ${start + 1}:`, ...show(removed, "-"), ...show(added, "+")].join("\n");
}

const WINDOW = 100;

/** Where two binary files part (a workbook is a zip: a line diff of it would show nothing readable). Pure. */
export function bytesDiffer(actual: Uint8Array, expected: Uint8Array): string {
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  return `binary: the bytes differ from byte ${at} (${actual.length} bytes; build would write ${expected.length})`;
}

function visible(line: string): string {
  return line.replace(/\uFEFF/g, "<BOM>").replace(/\r/g, "\\r");
}

function firstDifferentChar(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function clip(line: string, from: number): string {
  const head = from > 0 ? "…" : "";
  const tail = line.length > from + WINDOW ? "…" : "";
  return `${head}${line.slice(from, from + WINDOW)}${tail}`;
}

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
