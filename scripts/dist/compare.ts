/**
 * Stage 5, write, for `check`: how dist/ differs from what build would write (`compareDist`, `compareFile`),
 * reading each file of dist/ a megabyte at most at a time into a reused buffer and comparing it with the
 * rendered bytes or text as it goes; and where (`firstDifference`, pure).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { byPath } from "./dist-paths.js";
import { BLOCK, byteSize, Utf8Blocks } from "./utf8.js";
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
 * Text handed over a chunk at a time as it is rendered (render.ts `PlannedFile.stream`), and the same text
 * whole, rendered again only to show where a file differs.
 */
export interface Streamed {
  stream(each: (chunk: string) => void): void;
  render(): string | readonly string[];
}

/** Bytes handed over a piece at a time (a workbook: render.ts `PlannedFile.pieces`), and the same bytes whole. */
export interface Pieces {
  pieces(out: (bytes: Uint8Array) => boolean): number | undefined;
  render(): Uint8Array;
}

type Content = string | readonly string[] | Uint8Array | Streamed | Pieces;

const isStreamed = (content: Content): content is Streamed =>
  typeof content === "object" && "stream" in content && typeof content.stream === "function";
const isPieces = (content: Content): content is Pieces =>
  typeof content === "object" && "pieces" in content && typeof content.pieces === "function";

/**
 * How one file build would write (bytes whole or in pieces, or text whole, in chunks or streamed) differs from
 * `out/relative` (`present`: the files of `out`), if it does; and the file's size in bytes.
 */
export async function compareFile(
  out: string,
  relative: string,
  content: Content,
  present: ReadonlySet<string>,
): Promise<{ bytes: number; difference?: Difference }> {
  // Streamed text or bytes in pieces are made whole again only for a file that is missing or differs.
  const whole = () => (isStreamed(content) || isPieces(content) ? content.render() : content);
  if (!present.has(relative)) return { bytes: byteSize(whole()), difference: { path: relative, kind: "missing" } };
  const file = path.join(out, ...relative.split("/"));
  const bytes = sameBytes(file, content);
  if (bytes !== undefined) return { bytes };
  // Only a file that differs is read whole, for where it differs.
  const theirs = readFileSync(file);
  const ours = whole();
  if (ours instanceof Uint8Array) {
    // The zip reader (and its inflate) is loaded only for a workbook that differs.
    const { zipDifference } = await import("./unzip.js");
    const detail = zipDifference(theirs, ours, firstDifference) ?? bytesDiffer(theirs, ours);
    return { bytes: ours.length, difference: { path: relative, kind: "stale", detail } };
  }
  const detail = firstDifference(theirs.toString("utf8"), typeof ours === "string" ? ours : ours.join(""));
  return { bytes: byteSize(ours), difference: { path: relative, kind: "stale", detail } };
}

/** The buffer a file is read into, BLOCK bytes of it at most at a time (BlockReader), for every file. */
let block: Buffer | undefined;

/**
 * The size in bytes of `content` (text encoded as UTF-8) if `file` holds exactly it, else undefined. The file
 * is read in blocks of BLOCK bytes into one buffer reused for every file, and the text encoded BLOCK bytes at
 * most at a time: a file of a few kilobytes is one read, and comparing a 30 MB page holds no copy of it (a
 * buffer the size of the largest file, kept for every file after it, made `check` of one 50,000-cell ladder
 * take 65 MB more than `build`). (Buffer.byteLength would walk the text once more just to count: on a page
 * with any character beyond Latin-1, slower than this whole comparison.)
 */
function sameBytes(file: string, content: Content): number | undefined {
  const reader = new BlockReader(file);
  try {
    if (content instanceof Uint8Array) return reader.matches(content) && reader.atEnd() ? content.length : undefined;
    if (isPieces(content)) {
      const size = content.pieces((bytes) => reader.matches(bytes));
      return size !== undefined && reader.atEnd() ? size : undefined;
    }
    const text = new Utf8Blocks((bytes) => reader.matches(bytes));
    if (typeof content === "string") text.add(content);
    else if (!isStreamed(content)) {
      for (const chunk of content) if (!text.add(chunk)) break;
    } else {
      try {
        content.stream((chunk) => {
          // The rest of the page need not be made once it differs.
          if (!text.add(chunk)) throw MISMATCH;
        });
      } catch (error) {
        if (error !== MISMATCH) throw error;
      }
    }
    const bytes = text.end();
    return bytes !== undefined && reader.atEnd() ? bytes : undefined;
  } finally {
    reader.close();
  }
}

/** Thrown to stop a streamed render at the first block of its text that differs from the file. */
const MISMATCH = Symbol("mismatch");

/** A file compared with bytes from its start on, one block of it in memory at a time. */
class BlockReader {
  private readonly fd: number;
  private readonly size: number;
  /** The file's bytes from `start`, `length` of them, in `block`. */
  private start = 0;
  private length = 0;
  /** Where the next bytes compared start. */
  private at = 0;

  constructor(file: string) {
    this.fd = openSync(file, "r");
    this.size = fstatSync(this.fd).size;
  }

  /** Whether the file's next bytes are `bytes` (and then moves past them). */
  matches(bytes: Uint8Array): boolean {
    if (this.at + bytes.length > this.size) return false;
    for (let done = 0; done < bytes.length; ) {
      if (this.at >= this.start + this.length && !this.fill()) return false;
      const from = this.at - this.start;
      const n = Math.min(bytes.length - done, this.length - from);
      const buffer = block as Buffer;
      if (Buffer.compare(bytes.subarray(done, done + n), buffer.subarray(from, from + n)) !== 0) return false;
      done += n;
      this.at += n;
    }
    return true;
  }

  /** Whether every byte of the file was compared. */
  atEnd(): boolean {
    return this.at === this.size;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Reads the block at `at`: false when the file ended before its size said. */
  private fill(): boolean {
    block ??= Buffer.allocUnsafe(BLOCK);
    const want = Math.min(BLOCK, this.size - this.at);
    let length = 0;
    for (let n = -1; n !== 0 && length < want; length += n)
      n = readSync(this.fd, block, length, want - length, this.at + length);
    this.start = this.at;
    this.length = length;
    return length > 0;
  }
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
