/**
 * `ladder release --plan`: what the publish workflow tags and releases. One release per ladder version that
 * has no tag yet, with notes that are the defused diff of that ladder since its previous version's tag; a
 * version released already is not released again, and one whose ladder changed since is named as stale.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { runMain } from "./helpers/run-main.js";

const repo = new Repo();
const notesDir = mkdtempSync(path.join(tmpdir(), "ladder-release-"));
afterAll(() => {
  repo.remove();
  rmSync(notesDir, { recursive: true, force: true });
});
const seed = seedFiles();
const v1 = edit(seed["ladder/sre.yaml"] as string, /^title: (.*)$/m, "title: $1\nversion: 1.0.0");

interface Plan {
  releases: Array<{
    ladder: string;
    version: string;
    tag: string;
    previous: string | null;
    title: string;
    notes: string;
    files: string[];
  }>;
  stale: Array<{ ladder: string; version: string; tag: string; required: string }>;
}
const plan = async (...args: string[]) => {
  rmSync(notesDir, { recursive: true, force: true });
  const result = await runMain(["release", "--plan", "--notes-dir", notesDir, ...args, "--root", repo.dir], repo.dir);
  return { ...result, plan: result.code === 0 ? (JSON.parse(result.stdout) as Plan) : undefined };
};
const notes = (file: string) => readFileSync(path.join(notesDir, file), "utf8");

describe("ladder release --plan", () => {
  it("plans a ladder's first release with a one-line note; an unversioned ladder is never released", async () => {
    repo.commit("sre 1.0.0", { ...seed, "ladder/sre.yaml": v1 });
    const result = await plan();
    expect(result.stderr).toBe("");
    expect(result.plan).toEqual({
      releases: [
        {
          ladder: "sre",
          version: "1.0.0",
          tag: "sre@1.0.0",
          previous: null,
          title: "Titles for Ops 1.0.0",
          notes: "sre@1.0.0.md",
          files: [
            "dist/sre.html",
            "dist/sre.md",
            "dist/sre.xlsx",
            "dist/sre.csv",
            "dist/sre.cells.csv",
            "dist/sre.json",
          ],
        },
      ],
      stale: [],
    });
    expect(notes("sre@1.0.0.md")).toBe(
      "### Titles for Ops 1.0.0\n\nThe first release of this ladder: 5 levels, 60 cells.\n",
    );
    repo.git("tag", "sre@1.0.0");
    expect((await plan()).plan).toEqual({ releases: [], stale: [] });
    expect(readdirSync(notesDir)).toEqual([]);
  });

  it("plans the next version with the diff of that ladder since the previous version's tag, defused, as notes", async () => {
    const v11 = edit(
      edit(v1, "version: 1.0.0", "version: 1.1.0"),
      "Shadows on call shifts",
      "Shadows on-call shifts with @octocat (#12),",
    );
    repo.commit("sre 1.1.0, and mini", {
      ...seed,
      "ladder/sre.yaml": v11,
      "ladder/mini.yaml": edit(seed["ladder/mini.yaml"] as string, "Writes clear code with help.", "Writes code."),
    });
    const result = await plan();
    expect(result.stderr).toBe("");
    expect(result.plan?.releases.map((r) => [r.tag, r.previous, r.notes])).toEqual([
      ["sre@1.1.0", "sre@1.0.0", "sre@1.1.0.md"],
    ]);
    const text = notes("sre@1.1.0.md");
    expect(text).toMatch(/^<!-- ladder-diff base=[0-9a-f]{40} head=[0-9a-f]{40} -->\n### Ladder diff: /);
    expect(text).toContain("Base: `sre@1.0.0` at ");
    expect(text).toContain(
      "**Version**: `1.0.0` at the base; this change needs `1.1.0` or higher (substantive); the head says `1.1.0` ✓",
    );
    expect(text).toContain("@\u200boctocat");
    expect(text).toContain("#\u200b12");
    expect(text).not.toMatch(/@octocat|#12/);
    // Only this ladder: mini's change between the same commits is not in sre's notes.
    expect(text).not.toContain("mini");
  });

  it("releases a version once: a tagged version whose ladder changed since is named as stale, with a warning", async () => {
    repo.git("tag", "sre@1.1.0");
    const changed = edit(
      readFileSync(path.join(repo.dir, "ladder/sre.yaml"), "utf8"),
      "Competent in 1-2 areas",
      "Competent in 3 areas",
    );
    repo.commit("changed, version not raised", { ...seed, "ladder/sre.yaml": changed });
    const result = await plan();
    expect(result.plan).toEqual({
      releases: [],
      stale: [{ ladder: "sre", version: "1.1.0", tag: "sre@1.1.0", required: "1.2.0" }],
    });
    expect(result.stderr).toBe(
      "ladder/sre.yaml:4:10: warning: sre@1.1.0 is released already, but sre changed since; not released again: " +
        "its version must be 1.2.0 or higher (npm run bump) (version-not-raised)\n",
    );
  });

  it("plans from the commit given, and refuses wrong usage and invalid ladders", async () => {
    const older = repo.git("rev-parse", "HEAD~2");
    expect((await plan("--head-ref", older)).plan).toEqual({ releases: [], stale: [] });
    const usage = await runMain(["release", "--root", repo.dir], repo.dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--plan is required");
    repo.commit("broken", { ...seed, "ladder/sre.yaml": "title: [unclosed\n" });
    const broken = await plan();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("nothing can be released");
  });
});
