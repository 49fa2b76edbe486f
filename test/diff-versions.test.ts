/**
 * `ladder diff` between two versions by their names: `--base sre@1.0.0 --head sre@1.1.0` reads the release
 * tags (never a branch of that name), compares that ladder alone, and an unknown version is refused with the
 * versions that exist. Refs and folders are still never confused.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import diffSchema from "../schemas/diff.schema.json" with { type: "json" };
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { runMain } from "./helpers/run-main.js";

const repo = new Repo();
afterAll(() => repo.remove());
const seed = seedFiles();
const v1 = edit(seed["ladder/sre.yaml"] as string, /^title: (.*)$/m, "title: $1\nversion: 1.0.0");
const v11 = edit(edit(v1, "version: 1.0.0", "version: 1.1.0"), "title: Junior SRE", "title: Apprentice SRE");
const first = repo.commit("sre 1.0.0", { ...seed, "ladder/sre.yaml": v1 });
repo.git("tag", "sre@1.0.0");
const second = repo.commit("sre 1.1.0, and mini changed", {
  ...seed,
  "ladder/sre.yaml": v11,
  "ladder/mini.yaml": edit(seed["ladder/mini.yaml"] as string, "Writes clear code with help.", "Writes code."),
});
// Annotated, as `gh release create` may make it: the tag names a tag object, which names the commit.
repo.git("tag", "-a", "-m", "SRE 1.1.0", "sre@1.1.0");
// A branch named like a version that was never released: it must never stand in for a tag.
repo.git("branch", "sre@1.2.0", first);

interface Report {
  base: { ref?: string; commit?: string };
  head: { ref?: string; commit?: string };
  ladders: Array<{ id: string; status: string; changes: Array<{ kind: string; level?: string }> }>;
  generated: { files: Array<{ path: string }> };
}
const diff = (...args: string[]) => runMain(["diff", "--format", "json", ...args, "--root", repo.dir], repo.dir);
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe("diff between versions by name", () => {
  it("reads both versions from their tags and reports only that ladder", async () => {
    const result = await diff("--base", "sre@1.0.0", "--head", "sre@1.1.0");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.base).toEqual({ kind: "git", ref: "sre@1.0.0", commit: first });
    expect(report.head).toEqual({ kind: "git", ref: "sre@1.1.0", commit: second });
    expect(report.ladders.map((l) => [l.id, l.status])).toEqual([["sre", "changed"]]);
    expect(report.ladders[0]?.changes.map((c) => [c.kind, c.level])).toEqual([["level-renamed", "l1"]]);
    expect(report.generated.files.every((f) => /^dist\/(sre\.|index\.html|README\.md)/.test(f.path))).toBe(true);
    // The whole repository between the same commits has mini's change too.
    const all = json((await diff("--base-ref", first, "--head-ref", second)).stdout);
    expect(all.ladders.filter((l) => l.status !== "unchanged").map((l) => l.id)).toEqual(["mini", "sre"]);
  });

  it("compares a version with the working tree", async () => {
    repo.write({ "ladder/sre.yaml": edit(v11, /Senior SRE/, "Seasoned SRE") });
    const report = json((await diff("--base", "sre@1.1.0")).stdout);
    expect(report.ladders.map((l) => l.id)).toEqual(["sre"]);
    expect(report.ladders[0]?.changes.map((c) => c.level)).toEqual(["l3"]);
    repo.write({ "ladder/sre.yaml": v11 });
  });

  it("gives each versioned ladder a line: its version at the base, the one the change needs, and the head's", async () => {
    const enough = json((await diff("--base", "sre@1.0.0", "--head", "sre@1.1.0")).stdout);
    const valid = new Ajv2020({ strict: true, allErrors: true }).compile(diffSchema);
    expect(valid(enough), JSON.stringify(valid.errors)).toBe(true);
    expect(enough.ladders[0]).toMatchObject({
      version: { base: "1.0.0", head: "1.1.0", impact: "substantive", required: "1.1.0", enough: true },
    });
    const markdown = await runMain(
      ["diff", "--base", "sre@1.0.0", "--head", "sre@1.1.0", "--root", repo.dir],
      repo.dir,
    );
    expect(markdown.stdout).toContain(
      "**Version**: `1.0.0` at the base; this change needs `1.1.0` or higher (substantive); the head says `1.1.0` ✓\n",
    );
    repo.write({ "ladder/sre.yaml": edit(v11, "title: Senior SRE", "title: Seasoned SRE") });
    const low = await runMain(["diff", "--base", "sre@1.1.0", "--root", repo.dir], repo.dir);
    expect(low.code).toBe(0);
    expect(low.stdout).toContain(
      "**Version**: `1.1.0` at the base; this change needs `1.2.0` or higher (substantive); the head still says `1.1.0`: run `npm run bump`\n",
    );
    repo.write({ "ladder/sre.yaml": v11 });
    // An unversioned ladder has no line and no field.
    const all = json((await diff("--base-ref", first, "--head-ref", second)).stdout);
    expect(all.ladders.find((l) => l.id === "mini")).not.toHaveProperty("version");
  });

  it("refuses a version without a tag, listing the versions that have one; a branch of that name is not read", async () => {
    const unknown = await diff("--base", "sre@1.2.0", "--head", "sre@1.1.0");
    expect([unknown.code, unknown.stdout]).toEqual([1, ""]);
    expect(unknown.stderr).toBe(
      "ladder diff: cannot read --base sre@1.2.0: there is no tag sre@1.2.0; known versions of sre: 1.1.0, 1.0.0\n",
    );
    const none = await diff("--base", "mini@1.0.0");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("there is no tag mini@1.0.0; no version of mini is tagged here");
    expect(none.stderr).toContain("git fetch --tags");
  });

  it("refuses versions of two different ladders", async () => {
    repo.git("tag", "mini@1.0.0", first);
    const result = await diff("--base", "mini@1.0.0", "--head", "sre@1.1.0");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--base names a version of mini and --head one of sre");
    repo.git("tag", "-d", "mini@1.0.0");
  });

  it("keeps refs and folders apart: a folder named like a version is ambiguous with its tag", async () => {
    mkdirSync(path.join(repo.dir, "sre@1.0.0", "ladder"), { recursive: true });
    writeFileSync(path.join(repo.dir, "sre@1.0.0", "ladder", "sre.yaml"), v11);
    const ambiguous = await diff("--base", "sre@1.0.0", "--head", "sre@1.1.0");
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("ambiguous --base sre@1.0.0: both a git revision and a directory");
    const ref = json((await diff("--base-ref", "sre@1.0.0", "--head-ref", "sre@1.1.0")).stdout);
    expect(ref.base.commit).toBe(first);
    expect(ref.ladders.map((l) => l.id)).toEqual(["sre"]);
    // As a folder it is only a folder: every ladder is compared, and the folder's sre is the head's.
    const dir = json((await diff("--base-dir", path.join(repo.dir, "sre@1.0.0"), "--head-ref", "sre@1.1.0")).stdout);
    expect(dir.ladders.find((l) => l.id === "sre")?.status).toBe("unchanged");
  });
});
