/**
 * Stage 5, write, for `check`: how dist/ differs from what build would write (`compareDist`, `compareFile`),
 * reading each file of dist/ once into a reused buffer and comparing it with the rendered bytes or text, a
 * megabyte at most at a time; and where (`firstDifference`, pure).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { byPath } from "./dist-paths.js";
import { byteSize, wholeCharacters } from "./utf8.js";
import { listFiles } from "./write.js";

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
export async function compareDist(
  out: string,
  files: ReadonlyMap<string, string | readonly string[] | Uint8Array>,
): Promise<Difference[]> {
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
 * How one file build would write (bytes, or text whole or in chunks) differs from `out/relative` (`present`: the
 * files of `out`), if it does; and the file's size in bytes.
 */
export async function compareFile(
  out: string,
  relative: string,
  content: string | readonly string[] | Uint8Array,
  present: ReadonlySet<string>,
): Promise<{ bytes: number; difference?: Difference }> {
  if (!present.has(relative)) return { bytes: byteSize(content), difference: { path: relative, kind: "missing" } };
  const actual = readReused(path.join(out, ...relative.split("/")));
  if (content instanceof Uint8Array) {
    if (Buffer.compare(actual, content) === 0) return { bytes: content.length };
    // The zip reader (and its inflate) is loaded only for a workbook that differs; the reused buffer is copied
    // first, since another comparison may read into it meanwhile.
    const theirs = Buffer.from(actual);
    const { zipDifference } = await import("./unzip.js");
    const detail = zipDifference(theirs, content, firstDifference) ?? bytesDiffer(theirs, content);
    return { bytes: content.length, difference: { path: relative, kind: "stale", detail } };
  }
  const chunks = typeof content === "string" ? [content] : content;
  const bytes = encodedLength(actual, chunks);
  if (bytes === actual.length) return { bytes };
  const detail = firstDifference(actual.toString("utf8"), chunks.join(""));
  return { bytes: bytes < 0 ? byteSize(content) : bytes, difference: { path: relative, kind: "stale", detail } };
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
 * The length of the text `chunks` make in UTF-8 if `bytes` starts with its encoding, else -1: encoded a
 * megabyte at most at a time, so comparing a 30 MB page holds no second copy of it. (Buffer.byteLength would
 * walk the text once more just to count: on a page with any character beyond Latin-1, slower than this whole
 * comparison.)
 */
function encodedLength(bytes: Buffer, chunks: readonly string[]): number {
  scratch ??= new Uint8Array(1 << 20);
  let at = 0;
  for (const content of wholeCharacters(chunks)) {
    let read = 0;
    while (read < content.length) {
      // encodeInto never splits a character, so each piece ends on a whole one.
      const piece = encoder.encodeInto(read === 0 ? content : content.slice(read), scratch);
      if (at + piece.written > bytes.length) return -1;
      if (Buffer.compare(scratch.subarray(0, piece.written), bytes.subarray(at, at + piece.written)) !== 0) return -1;
      read += piece.read;
      at += piece.written;
    }
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
