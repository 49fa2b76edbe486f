/**
 * Refs and folders are never confused: a pull request that adds folders named like the refs the workflow passes
 * (`HEAD/ladder/`, `HEAD^1/ladder/`) holding the old ladder cannot make the report say "no change". And what a
 * commit holds under ladder/ is data: symlinks, directories and names that are not ladder ids are problems.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { runMain } from "./helpers/run-main.js";

const repo = new Repo();
afterAll(() => repo.remove());
const seed = seedFiles();
const before = seed["ladder/sre.yaml"] as string;
const after = edit(before, /Junior SRE/, "Apprentice SRE");
const base = repo.commit("base", seed);
// The attack: the pull request edits the ladder and adds folders named after the refs, holding the old ladder.
const head = repo.commit("edit, plus decoy folders", {
  ...seed,
  "ladder/sre.yaml": after,
  "HEAD/ladder/sre.yaml": before,
  "HEAD/ladder/mini.yaml": seed["ladder/mini.yaml"] as string,
  "HEAD^1/ladder/sre.yaml": before,
  "HEAD^1/ladder/mini.yaml": seed["ladder/mini.yaml"] as string,
});

const diff = (...args: string[]) => runMain(["diff", "--format", "json", ...args, "--root", repo.dir], repo.dir);

describe("diff sides", () => {
  it("refuses a name that is both a commit and a directory, as git does, naming the explicit options", async () => {
    const result = await diff("--base", "HEAD^1", "--head", "HEAD");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "ambiguous --base HEAD^1: both a git revision and a directory; use --base-ref HEAD^1 for the commit or --base-dir HEAD^1 for the directory",
    );
  });

  it("reads commits with --base-ref/--head-ref even when decoy folders of those names exist", async () => {
    const result = await diff("--base-ref", "HEAD^1", "--head-ref", "HEAD");
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as { ladders: Array<{ id: string; status: string }> };
    expect(report.ladders.find((l) => l.id === "sre")?.status).toBe("changed");
    const byId = await diff("--base-ref", base, "--head-ref", head);
    expect(byId.stdout).toBe(result.stdout.replaceAll("HEAD^1", base).replaceAll('"HEAD"', `"${head}"`));
  });

  it("reads folders with --base-dir/--head-dir, and a plain name that is only one of the two as that", async () => {
    const dirs = await diff("--base-dir", path.join(repo.dir, "HEAD^1"), "--head-dir", path.join(repo.dir, "HEAD"));
    expect(dirs.code).toBe(0);
    const unchanged = JSON.parse(dirs.stdout) as { ladders: Array<{ status: string }> };
    expect(unchanged.ladders.every((l) => l.status === "unchanged")).toBe(true);
    expect((await diff("--base", base, "--head", head)).code).toBe(0);
    const missing = await diff("--base-ref", "no-such-branch");
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `ladder diff: cannot read --base-ref no-such-branch: not a commit in the git repository at ${repo.dir}\n`,
    ]);
    const notDir = await diff("--base-dir", "nowhere");
    expect([notDir.code, notDir.stderr]).toEqual([
      1,
      "ladder diff: cannot read --base-dir nowhere: no such directory\n",
    ]);
    const both = await diff("--base", "HEAD", "--base-ref", "HEAD");
    expect([both.code, both.stderr.split("\n")[0]]).toEqual([2, "ladder diff: give only one of --base, --base-ref"]);
  });

  it("treats what a commit holds under ladder/ as data: a symlink, a folder or a bad name is a problem", async () => {
    const dir = path.join(repo.dir, "ladder");
    const hostile = repo.commit("hostile entries", seed);
    mkdirSync(dir, { recursive: true });
    symlinkSync("/etc/passwd", path.join(dir, "link.yaml"));
    mkdirSync(path.join(dir, "folder.yaml"));
    writeFileSync(path.join(dir, "folder.yaml", "x"), "x");
    writeFileSync(path.join(dir, ".yaml"), before);
    writeFileSync(path.join(dir, "Evil\u202Efdp.yaml"), before);
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "hostile");
    const result = await diff("--base-ref", hostile, "--head-ref", "HEAD");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { problems: Array<{ file: string; rule: string }> };
    expect(report.problems.map((p) => `${p.file} ${p.rule}`)).toEqual([
      "ladder/.yaml file-name",
      "ladder/Evil\u202Efdp.yaml file-name",
      "ladder/folder.yaml file-not-regular",
      "ladder/link.yaml file-not-regular",
    ]);
  });
});
