/**
 * The disk edge of loading: finds and reads ladder files. Only regular files whose names are ladder ids are
 * read, each with a size bound and without following a symbolic link; anything else (a directory named
 * `x.yaml`, a symlink, a FIFO, an unreadable or vanished file, a name that is not an id) is a problem with the
 * file's name and a rule id, never an internal error.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { ExitError } from "../model/io.js";
import { ladderIdOf, MAX_FILE_BYTES, ORGANISATION_FILE, type Problem } from "../model/model.js";
import type { Source } from "./load.js";

/** Where a command finds the repository and its ladders. */
export interface Locations {
  /** Repository root; problems show paths relative to it. */
  root: string;
  /** Folder of ladder files (default `<root>/ladder`). */
  ladders: string;
}

/** A ladder id, as the schema's `id` pattern and length say; a ladder file's name is its id. */
export const LADDER_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 64;

/** Whether a file shown as `file` is the organisation file (`ladder/organisation.yaml`), not a ladder. */
export function isOrganisationFile(file: string): boolean {
  return `${ladderIdOf(file)}.yaml` === ORGANISATION_FILE && /\.yaml$/i.test(file);
}

/** Reads the named files, or every `*.yaml` in the ladders folder, sorted by name. */
export async function readSources(where: Locations, files: readonly string[] = []): Promise<Source[]> {
  return (await listSources(where, files)).map(readListed);
}

/** A ladder file found but not read yet: how problems show it, where it is, and its size in bytes. */
export interface Listed {
  file: string;
  path: string;
  size: number;
  /** Why the file cannot be a ladder (its name, its kind); it is then never opened. */
  problem?: Problem;
}

/** Finds the named files, or every `*.yaml` in the ladders folder, sorted by name; reads none of them. */
export async function listSources(where: Locations, files: readonly string[] = []): Promise<Listed[]> {
  let paths: string[];
  const named = files.length > 0;
  if (named) {
    paths = files.map((f) => path.resolve(where.root, f));
  } else {
    const shown = displayPath(where.root, where.ladders);
    const folder = await lstat(where.ladders).catch(() => undefined);
    if (folder?.isSymbolicLink()) {
      throw new ExitError(1, `${shown}: the ladder folder is a symbolic link; ladders must be files in the repository`);
    }
    let names: string[];
    try {
      names = await readdir(where.ladders);
    } catch {
      // The full path: relative to a --root it would read as a folder of the current directory.
      throw new ExitError(1, `no ladder folder at ${where.ladders} (use --ladders DIR or --root DIR)`);
    }
    paths = names
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort()
      .map((n) => path.join(where.ladders, n));
  }
  // One synchronous lstat a file: for 834 files, 3 ms instead of 25 ms through the thread pool's promises.
  return paths.map((p): Listed => {
    const file = displayPath(where.root, p);
    const nameProblem = fileNameProblem(file);
    if (nameProblem) return { file, path: p, size: 0, problem: nameProblem };
    let info: Stats;
    try {
      info = lstatSync(p);
    } catch (error) {
      if (named && (error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new ExitError(1, `${file}: no such ladder file`);
      }
      return { file, path: p, size: 0, problem: readProblem(file, error) };
    }
    const kind = notRegular(info);
    if (kind) return { file, path: p, size: 0, problem: notRegularProblem(file, kind) };
    return { file, path: p, size: info.size };
  });
}

/** Reads a listed file: its bytes, or its problem as the source's only problem. */
export function readListed(listed: Listed): Source {
  const { file } = listed;
  if (listed.problem) return { file, text: "", problems: [listed.problem] };
  const read = readBounded(listed.path, MAX_FILE_BYTES);
  if (read.ok) return { file, text: read.bytes };
  if (read.kind) return { file, text: "", problems: [notRegularProblem(file, read.kind)] };
  if (read.tooLarge !== undefined) return { file, text: "", problems: [tooLargeProblem(file, read.tooLarge)] };
  return { file, text: "", problems: [readProblem(file, read.error)] };
}

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; kind?: string; tooLarge?: number; error?: unknown };

/**
 * Reads a regular file of at most `max` bytes: never follows a symbolic link, never blocks on a FIFO or a
 * device (opened non-blocking, then checked on the open descriptor, so a file swapped in between is caught),
 * and never reads more than `max` bytes, however large the file is or grows.
 */
export function readBounded(file: string, max: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") return { ok: false, kind: "a symbolic link" };
    return { ok: false, error };
  }
  try {
    const info = fstatSync(fd);
    const kind = notRegular(info);
    if (kind) return { ok: false, kind };
    if (info.size > max) return { ok: false, tooLarge: info.size };
    // The size the descriptor had when checked, as fs.readFileSync reads it: no read past it to find the end
    // (one system call a file fewer), and never more than `max` bytes, however the file grows meanwhile.
    const buffer = Buffer.allocUnsafe(info.size);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, error };
  } finally {
    closeSync(fd);
  }
}

/** Why `name` (a path as shown) cannot be a ladder file: its base name without `.yaml` is not an id. */
export function fileNameProblem(file: string): Problem | undefined {
  const id = ladderIdOf(file);
  if (LADDER_ID.test(id) && id.length <= MAX_ID_LENGTH) return undefined;
  return problem(
    file,
    "file-name",
    `the file name ${JSON.stringify(id)} is not a ladder id; a ladder file is named <id>.yaml, the id being ` +
      `lower-case letters and digits in words joined by single hyphens, starting with a letter, at most ` +
      `${MAX_ID_LENGTH} characters (for example ladder/sre.yaml); rename the file`,
  );
}

function notRegular(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isSymbolicLink()) return "a symbolic link";
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  return "a device";
}

function notRegularProblem(file: string, kind: string): Problem {
  return problem(file, "file-not-regular", `is ${kind}, not a regular file; a ladder must be a plain file`);
}

function tooLargeProblem(file: string, bytes: number): Problem {
  return problem(
    file,
    "file-too-large",
    `file is ${bytes} bytes; a ladder file may be at most ${MAX_FILE_BYTES} bytes (split it into several ladders)`,
  );
}

function readProblem(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why =
    code === "ENOENT"
      ? "the file vanished while it was being read"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory"
          : `${code ?? String(error)}`;
  return problem(file, "file-unreadable", `cannot read the file: ${why}`);
}

function problem(file: string, rule: string, message: string): Problem {
  return { file, line: 1, column: 1, severity: "error", rule, message };
}

/** A path as shown to people: relative to the root with forward slashes when inside it. */
export function displayPath(root: string, p: string): string {
  const rel = path.relative(root, p);
  return rel.startsWith("..") || path.isAbsolute(rel) ? p : rel.split(path.sep).join("/");
}
