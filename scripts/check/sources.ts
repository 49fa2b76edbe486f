/** The disk edge of loading: finds and reads ladder files. */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ExitError } from "../model/io.js";
import type { Source } from "./load.js";

/** Where a command finds the repository and its ladders. */
export interface Locations {
  /** Repository root; problems show paths relative to it. */
  root: string;
  /** Folder of ladder files (default `<root>/ladder`). */
  ladders: string;
}

/** Reads the named files, or every `*.yaml` in the ladders folder, sorted by name. */
export async function readSources(where: Locations, files: readonly string[] = []): Promise<Source[]> {
  const listed = await listSources(where, files);
  return Promise.all(listed.map(async ({ file, path: p }) => ({ file, text: await readFile(p) })));
}

/** A ladder file found but not read yet: how problems show it, where it is, and its size in bytes. */
export interface Listed {
  file: string;
  path: string;
  size: number;
}

/** Finds the named files, or every `*.yaml` in the ladders folder, sorted by name; reads none of them. */
export async function listSources(where: Locations, files: readonly string[] = []): Promise<Listed[]> {
  let paths: string[];
  if (files.length > 0) {
    paths = files.map((f) => path.resolve(where.root, f));
  } else {
    let names: string[];
    try {
      names = await readdir(where.ladders);
    } catch {
      throw new ExitError(
        1,
        // The full path: relative to a --root it would read as a folder of the current directory.
        `no ladder folder at ${where.ladders} (use --ladders DIR or --root DIR)`,
      );
    }
    paths = names
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort()
      .map((n) => path.join(where.ladders, n));
  }
  return Promise.all(
    paths.map(async (p) => {
      const file = displayPath(where.root, p);
      const info = await stat(p).catch(() => undefined);
      if (!info?.isFile()) throw new ExitError(1, `${file}: no such ladder file`);
      return { file, path: p, size: info.size };
    }),
  );
}

/** A path as shown to people: relative to the root with forward slashes when inside it. */
export function displayPath(root: string, p: string): string {
  const rel = path.relative(root, p);
  return rel.startsWith("..") || path.isAbsolute(rel) ? p : rel.split(path.sep).join("/");
}
