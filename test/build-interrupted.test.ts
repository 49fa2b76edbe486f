/**
 * A build interrupted at any point (`kill -9`) leaves the old or the new dist/, and the next run finishes or undoes
 * what it left (`.dist.tmp.*`): the states between the two renames of the swap are made on disk and recovered,
 * and real builds are killed at a spread of moments.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, recoverDist } from "../scripts/dist/write.js";
import { projectRoot, tempRoot } from "./helpers/cli.js";
import { runMain } from "./helpers/run-main.js";

const seed = readFileSync(path.join(import.meta.dirname, "fixtures/sre/ladder/sre.yaml"), "utf8");

/** A folder's files and their contents, for comparing whole folders. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out[child] = readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return out;
}

function folder(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
}

const leftovers = (root: string) => readdirSync(root).filter((n) => n.startsWith(".dist.tmp."));

describe("an interrupted build", () => {
  const OLD = { "a.md": "old", "gone.md": "old only" };
  const NEW = { "a.md": "new", "b.md": "new only" };
  /** Folders (relative to the root) to files, as an interrupted build can leave them. */
  type Disk = Record<string, Record<string, string>>;
  const T = ".dist.tmp.abc123";
  const states: Array<[string, Disk, Record<string, string>]> = [
    ["killed while staging", { dist: OLD, [T]: { "a.md": "ne" } }, OLD],
    ["killed between the two renames", { [`${T}.old`]: OLD, [T]: NEW }, NEW],
    ["killed before removing the old folder", { dist: NEW, [`${T}.old`]: OLD }, NEW],
    ["killed while removing the old folder", { dist: NEW, [`${T}.old`]: { "a.md": "o" } }, NEW],
    ["killed staging the first build", { [T]: { "a.md": "n" } }, {}],
  ];
  for (const [name, disk, expected] of states) {
    it(`${name}: the next run finds the old or the new dist/ whole, and no leftovers`, async () => {
      const root = tempRoot();
      for (const [dir, files] of Object.entries(disk)) folder(path.join(root, dir), files);
      await recoverDist(path.join(root, "dist"));
      expect(snapshot(path.join(root, "dist"))).toEqual(expected);
      expect(leftovers(root)).toEqual([]);
    });
  }

  it("`ladder check` and `ladder build` recover first: dist/ between the renames is still up to date", async () => {
    const root = tempRoot({ "sre.yaml": seed });
    expect((await runMain(["build", "--root", root], root)).code).toBe(0);
    const built = snapshot(path.join(root, "dist"));
    cpSync(path.join(root, "dist"), path.join(root, ".dist.tmp.x1y2z3"), { recursive: true });
    folder(path.join(root, ".dist.tmp.x1y2z3.old"), OLD);
    rmSync(path.join(root, "dist"), { recursive: true });
    const check = await runMain(["check", "--root", root], root);
    expect([check.code, check.stdout]).toEqual([0, `dist/ is up to date (${Object.keys(built).length} files)\n`]);
    expect(leftovers(root)).toEqual([]);
    folder(path.join(root, ".dist.tmp.q1w2e3"), { "half.md": "x" });
    expect((await runMain(["build", "--root", root], root)).code).toBe(0);
    expect(snapshot(path.join(root, "dist"))).toEqual(built);
    expect(leftovers(root)).toEqual([]);
    expect([...(await listFiles(path.join(root, "dist")))].sort()).toEqual(Object.keys(built).sort());
  });

  it("real builds killed with SIGKILL at a spread of moments leave the old or the new dist/", async () => {
    const root = tempRoot({ "sre.yaml": seed });
    expect((await runMain(["build", "--root", root], root)).code).toBe(0);
    const old = snapshot(path.join(root, "dist"));
    writeFileSync(path.join(root, "ladder/sre.yaml"), seed.replace("Junior SRE", "Apprentice SRE"));
    const fresh = tempRoot({ "sre.yaml": seed.replace("Junior SRE", "Apprentice SRE") });
    expect((await runMain(["build", "--root", fresh], fresh)).code).toBe(0);
    const next = snapshot(path.join(fresh, "dist"));
    for (const delay of [0, 150, 300, 500, 800, 1200]) {
      rmSync(path.join(root, "dist"), { recursive: true, force: true });
      folder(path.join(root, "dist"), old);
      const child = spawn(process.execPath, [path.join(projectRoot, "bin/ladder.mjs"), "build", "--root", root], {
        stdio: "ignore",
      });
      const closed = new Promise((ok) => child.on("close", ok));
      await new Promise((ok) => setTimeout(ok, delay));
      child.kill("SIGKILL");
      await closed;
      await recoverDist(path.join(root, "dist"));
      const now = snapshot(path.join(root, "dist"));
      expect(
        now === old || JSON.stringify(now) === JSON.stringify(old) || JSON.stringify(now) === JSON.stringify(next),
        `killed after ${delay} ms`,
      ).toBe(true);
      expect(leftovers(root)).toEqual([]);
    }
  }, 60_000);
});
