/**
 * `ladder diff` as a pull-request comment: golden reports under test/fixtures/diff/, the key lines of each,
 * and the edges (no change, invalid head, working tree, unreadable sides, usage).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { ladder } from "./helpers/golden.js";

const seed = seedFiles();
const SRE = seed["ladder/sre.yaml"];
const MINI = seed["ladder/mini.yaml"];
const move = (text: string, block: RegExp, before: string) => {
  const found = block.exec(text)?.[0] ?? "";
  return edit(edit(text, found, ""), before, `${found}${before}`);
};

let repo: Repo;
beforeAll(() => {
  repo = new Repo();
  repo.commit("seed ladders", seed);
  repo.git("tag", "seed");
});
afterAll(() => repo.remove());

async function report(files: Record<string, string>, message: string, extra: string[] = []): Promise<string> {
  const head = repo.commit(message, { ...seed, ...files }, "seed");
  const result = await ladder(["diff", "--base", "seed", "--head", head, ...extra], repo.dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

const lines = (text: string) => text.split("\n");

describe("ladder diff --format markdown", () => {
  it("shows a reworded cell word by word, whitespace visibly, with the full texts folded and wrapping", async () => {
    const sre = edit(
      edit(SRE, "Performs low-risk maintenance with help.", "Performs low-risk maintenance independently."),
      "planning.Demonstrates",
      "planning. Demonstrates",
    );
    const url = "https://github.com/acme/ladder/actions/runs/42";
    const md = await report({ "ladder/sre.yaml": sre }, "reword a cell", ["--artifacts-url", url]);
    const [marker, headline] = lines(md);
    expect(marker).toMatch(/^<!-- ladder-diff base=[0-9a-f]{40} head=[0-9a-f]{40} -->$/);
    expect(headline).toBe("### Ladder diff: 2 expectations changed in 2 competencies for L1; no breaking changes");
    expect(md).toContain("| Junior SRE (L1) | Mastery (`mastery-maintenance`) | expectation changed | substantive |");
    expect(md).toContain("| Junior SRE (L1) | Judgment | expectation changed | _editorial_ (whitespace only) |");
    // A thin space keeps the removed and the inserted words apart; a space added alone is shown, and said.
    expect(md).toContain("Performs low-risk maintenance <del>with help</del>\u2009<ins>independently</ins>.");
    expect(md).toContain("planning.<ins>␣</ins>Demonstrates");
    expect(md).toContain("Whitespace: a space added between “planning.” and “Demonstrates”.");
    expect(md).toContain("<details><summary>Full text before and after</summary>");
    // Full texts are quoted paragraphs, which wrap; no fenced block that runs off the side.
    expect(md).toContain("\n> Assists with performing work on production systems");
    expect(md).not.toContain("```");
    expect(md).toContain(`[Download the generated files and the full report](${url})`);
    expect(md).toContain("- `dist/sre.md` (changed)");
    expect(md).not.toContain("Left out");
    await expect(md).toMatchFileSnapshot("fixtures/diff/cell-reworded.md");
  });

  it("describes structural changes in plain words and lists the cells of what was added or removed", async () => {
    let sre = edit(SRE, "title: Senior SRE", "title: Senior Site Reliability Engineer");
    sre = edit(sre, / {6}- id: trust\n(.*\n){7}/, "");
    sre = edit(sre, "name: Skill\n", "name: Skills\n");
    sre = `${sre}      - id: incident-review\n        name: Incident review\n        cells:\n${[1, 2, 3, 4, 5]
      .map((n) => `          l${n}: Runs blameless reviews of incidents of severity ${6 - n}.\n`)
      .join("")}`;
    const md = await report({ "ladder/sre.yaml": sre }, "restructure");
    expect(lines(md)[1]).toBe(
      "### Ladder diff: 1 level renamed; 1 category renamed; 1 competency added; 1 competency removed; **1 breaking change**",
    );
    expect(md).toContain(
      "- Level **Senior Site Reliability Engineer (L3)**: title changed from “Senior SRE” to “Senior Site Reliability Engineer”. · substantive",
    );
    expect(md).toContain("- Removed the competency **Trust** from Engagement, and its 5 expectations. · **breaking**");
    expect(md).toContain("- Category **Skills**: name changed from “Skill” to “Skills”. · _editorial_");
    expect(md).toContain("- **Lead SRE (L4)**: Runs blameless reviews of incidents of severity 2.");
    await expect(md).toMatchFileSnapshot("fixtures/diff/structural.md");
  });

  it("calls a changed description a description change, not a rename", async () => {
    const sre = edit(
      SRE,
      "      - id: scope\n        name: Scope\n",
      "      - id: scope\n        name: Scope\n        description: How big the work is.\n",
    );
    const out = lines(await report({ "ladder/sre.yaml": sre }, "describe scope"));
    expect(out[1]).toBe("### Ladder diff: 1 competency description changed; no breaking changes");
    expect(out).toContain("| all levels | Scope | description changed | substantive |");
    expect(out.join("\n")).not.toContain("renamed");
  });

  it("reports a reorder as moves only, with no text changes", async () => {
    const sre = move(
      move(SRE, / {2}- id: coachability\n[\s\S]*$/, "  - id: skill\n"),
      / {6}- id: scope\n(.*\n){7}/,
      "      - id: mastery-expertise\n",
    );
    const mini = move(MINI, / {2}- id: staff\n(.*\n){2}/, "  - id: junior\n");
    const md = await report({ "ladder/sre.yaml": sre, "ladder/mini.yaml": mini }, "reorder");
    expect(lines(md)[1]).toBe(
      "### Ladder diff: 1 level moved; 1 category moved; 1 competency moved; no breaking changes",
    );
    expect(md).not.toContain("expectation changed");
    expect(md).not.toContain("<del>");
    expect(md).toContain("- Category **Coachability** moved from position 3 to 1. · _editorial_");
    expect(md).toContain("- Competency **Scope** moved from position 5 to 1 in Skill. · _editorial_");
    expect(md).toContain("- Level **Staff (ST)** moved from position 3 to 1. · substantive");
    await expect(md).toMatchFileSnapshot("fixtures/diff/reorder-only.md");
  });

  it("says there is no change when only comments and quoting changed", async () => {
    const mini = edit(
      edit(MINI, "title: Mini ladder", 'title: "Mini ladder"  # quoted now'),
      "# A small",
      "# Still a small",
    );
    const md = await report({ "ladder/mini.yaml": mini }, "comments only");
    expect(lines(md)[1]).toBe("### Ladder diff: No change to any ladder");
    expect(md).toContain("**Generated files**: none change.");
    expect(md).not.toContain("| Level |");
    await expect(md).toMatchFileSnapshot("fixtures/diff/no-change.md");
  });

  it("lists the problems of an invalid head, with file and line, instead of a diff", async () => {
    const mini = edit(
      edit(MINI, "          staff: Grows mentors across teams.\n", ""),
      "senior: Reviews",
      "principal: Reviews",
    );
    const md = await report({ "ladder/mini.yaml": mini }, "break the head");
    expect(lines(md)[1]).toBe("### Ladder diff: The head ladders are invalid (3 errors): no diff was made");
    expect(md).toMatch(/^- `ladder\/mini\.yaml:\d+:\d+` error: .*\(`unknown-level`\)$/m);
    expect(md).toMatch(/^- `ladder\/mini\.yaml:\d+:\d+` error: .*\(`missing-cell`\)$/m);
    expect(md).not.toContain("| Level |");
    expect(md).not.toContain("warning");
    await expect(md).toMatchFileSnapshot("fixtures/diff/invalid-head.md");
    const json = JSON.parse(
      (await ladder(["diff", "--base", "seed", "--head", "HEAD", "--format", "json"], repo.dir)).stdout,
    );
    expect(json.valid).toBe(false);
    expect(json.ladders).toStrictEqual([]);
    const errors = json.problems.filter((p: { severity: string }) => p.severity === "error");
    expect(errors.map((p: { rule: string }) => p.rule).sort()).toStrictEqual([
      "missing-cell",
      "missing-cell",
      "unknown-level",
    ]);
  });
});

describe("ladder diff sides and exit codes", () => {
  it("compares with the working tree by default, and leaves the tree, the index and HEAD as they were", async () => {
    repo.commit("back to seed", seed, "seed");
    repo.write({ "ladder/mini.yaml": edit(MINI, "Asks for reviews early.", "Asks for reviews early and often.") });
    const status = repo.git("status", "--porcelain");
    const head = repo.git("rev-parse", "HEAD");
    const result = await ladder(["diff", "--base", "seed", "--format", "json"], repo.dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.head).toStrictEqual({ kind: "directory", path: "." });
    expect(json.ladders.find((l: { id: string }) => l.id === "mini").changes).toHaveLength(1);
    expect(repo.git("status", "--porcelain")).toBe(status);
    expect(repo.git("rev-parse", "HEAD")).toBe(head);
  });

  it("reads a directory holding ladder/ as a side", async () => {
    const args = [
      "diff",
      "--root",
      repo.dir,
      "--base",
      "test/fixtures/diff/seed",
      "--head",
      "seed",
      "--format",
      "json",
    ];
    const result = await ladder(args, `${import.meta.dirname}/..`);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.base).toStrictEqual({ kind: "directory", path: "test/fixtures/diff/seed" });
    expect(json.ladders.every((l: { status: string }) => l.status === "unchanged")).toBe(true);
  });

  it("reads a commit without ladder/ as no ladders, and writes the report to --out", async () => {
    const empty = repo.git("commit-tree", repo.git("hash-object", "-t", "tree", "/dev/null"), "-m", "empty");
    const args = ["diff", "--base", empty, "--head", "seed", "--format", "json", "--out", "out/report/diff.json"];
    const result = await ladder(args, repo.dir);
    expect(result).toStrictEqual({ code: 0, stdout: "", stderr: "" });
    const json = JSON.parse(readFileSync(path.join(repo.dir, "out/report/diff.json"), "utf8"));
    expect(json.ladders.map((l: { id: string; status: string }) => `${l.id} ${l.status}`)).toStrictEqual([
      "mini added",
      "sre added",
    ]);
  });

  it("exits 1 with one line when a side cannot be read", async () => {
    const noRef = await ladder(["diff", "--base", "no-such-ref"], repo.dir);
    expect(noRef.code).toBe(1);
    expect(noRef.stderr).toMatch(/^ladder diff: cannot read --base no-such-ref: no such directory, and not a commit/);
    expect(noRef.stderr.trim().split("\n")).toHaveLength(1);
    const noLadder = await ladder(["diff", "--base", ".git"], repo.dir);
    expect(noLadder.code).toBe(1);
    expect(noLadder.stderr).toContain("the directory holds no ladder/ folder");
    const badBase = repo.commit("broken yaml", { ...seed, "ladder/mini.yaml": "title: [unclosed\n" }, "seed");
    const unreadable = await ladder(["diff", "--base", badBase, "--head", "seed"], repo.dir);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/^ladder\/mini\.yaml:\d+:\d+: error: .*\(yaml-bracket\)$/m);
  });

  it("exits 2 on wrong usage", async () => {
    for (const args of [
      [],
      ["--base", "seed", "--format", "html"],
      ["--base", "seed", "--max-chars", "10"],
      ["--base", "seed", "--artifacts-url", "javascript:alert(1)"],
      ["--base", "seed", "--bogus"],
    ]) {
      const result = await ladder(["diff", ...args], repo.dir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Run `npm run diff -- --help` for usage.");
    }
    const help = await ladder(["diff", "--help"], repo.dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: ladder diff --base REF|DIR");
  });
});
