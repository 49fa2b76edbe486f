/**
 * Stage 5, write: the disk edge of `build` and `check`. `writeDist` replaces dist/ as a whole; `compareDist`
 * tells how dist/ differs from what build would write, and `firstDifference` (pure) shows where.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `files` (path relative to dist/ → content) as the whole of `out`, atomically as far as a folder can
 * be: everything is written into a temporary sibling folder first, then that folder is swapped in. On any
 * error `out` is left as it was and the temporary folder is removed. Files in `out` that are not in `files`
 * (those of a removed ladder) are gone afterwards.
 */
export async function writeDist(out: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  await mkdir(parent, { recursive: true });
  // Siblings on the same file system, so the swap is two renames; the names match .gitignore's `*.tmp.*`.
  const fresh = await mkdtemp(path.join(parent, `.${base}.tmp.`));
  let old: string | undefined;
  try {
    // mkdtemp makes the folder private (0700); dist/ keeps its own mode, or the usual 0755 when new.
    await chmod(fresh, (await stat(out).catch(() => undefined))?.mode ?? 0o755);
    for (const [relative, content] of files) {
      const target = path.join(fresh, ...relative.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content, "utf8");
    }
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
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
  if (old) await rm(old, { recursive: true, force: true });
}

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
export async function compareDist(out: string, files: ReadonlyMap<string, string>): Promise<Difference[]> {
  const present = await listFiles(out);
  const differences: Difference[] = [];
  for (const [relative, content] of files) {
    if (!present.has(relative)) {
      differences.push({ path: relative, kind: "missing" });
      continue;
    }
    const actual = await readFile(path.join(out, ...relative.split("/")));
    if (!actual.equals(Buffer.from(content, "utf8"))) {
      differences.push({ path: relative, kind: "stale", detail: firstDifference(actual.toString("utf8"), content) });
    }
  }
  for (const relative of present) {
    if (!files.has(relative)) differences.push({ path: relative, kind: "extra" });
  }
  return differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
async function listFiles(dir: string): Promise<Set<string>> {
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
