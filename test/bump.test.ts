/**
 * `ladder bump`: the version each ladder's changes require since its previous release (the tag of its
 * version, or the highest tag below it), written into the file on the version's line alone; `--check` fails
 * with the ladder, the impact, the version required and the command. In throwaway git repositories.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isEnough, requiredVersion, strongestImpact } from "../scripts/diff/bump.js";
import { formatLadder } from "../scripts/import/format.js";
import { setTopLevel } from "../scripts/import/set-version.js";
import type { Ladder } from "../scripts/model/model.js";
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { fixtures } from "./helpers/golden.js";
import { runMain } from "./helpers/run-main.js";

const seed = seedFiles();
const versioned = (text: string, version: string) => edit(text, /^title: (.*)$/m, `title: $1\nversion: ${version}`);
const sre1 = versioned(seed["ladder/sre.yaml"] as string, "1.0.0");

describe("the version a change requires", () => {
  it("steps major for breaking, minor for substantive, patch for editorial, from the strongest change", () => {
    expect(requiredVersion("1.4.2", "breaking")).toBe("2.0.0");
    expect(requiredVersion("1.4.2", "substantive")).toBe("1.5.0");
    expect(requiredVersion("1.4.2", "editorial")).toBe("1.4.3");
    expect(requiredVersion("1.4.2", undefined)).toBe("1.4.2");
    expect(strongestImpact([{ impact: "editorial" }, { impact: "breaking" }, { impact: "substantive" }])).toBe(
      "breaking",
    );
    expect(strongestImpact([])).toBeUndefined();
    expect(isEnough("1.10.0", "1.9.0")).toBe(true);
    expect(isEnough("1.4.2", "1.5.0")).toBe(false);
    expect(isEnough(undefined, "1.0.0")).toBe(false);
  });
});

describe("writing the version into a file", () => {
  it("changes only the value, keeping a comment after it", () => {
    const result = setTopLevel("title: T\nversion: 1.0.0 # raised by bump\nlevels: []\n", "version", "1.1.0");
    expect(result).toEqual({
      ok: true,
      changed: true,
      text: "title: T\nversion: 1.1.0 # raised by bump\nlevels: []\n",
    });
    expect(setTopLevel('title: T\nversion: "1.0.0"\n', "version", "1.0.1")).toMatchObject({
      text: "title: T\nversion: 1.0.1\n",
    });
    expect(setTopLevel("title: T\nversion: 1.0.0\n", "version", "1.0.0")).toMatchObject({ changed: false });
  });

  it("adds the line under the title where it has none, as fmt would put it, in the file's line endings", () => {
    expect(setTopLevel("# top\ntitle: T # the title\nlevels: []\n", "version", "1.0.0")).toMatchObject({
      text: "# top\ntitle: T # the title\nversion: 1.0.0\nlevels: []\n",
    });
    expect(setTopLevel("\uFEFFtitle: T\r\nlevels: []\r\n", "version", "1.0.0")).toMatchObject({
      text: "\uFEFFtitle: T\r\nversion: 1.0.0\r\nlevels: []\r\n",
    });
    expect(setTopLevel("levels: []\ntitle: T", "version", "1.0.0")).toMatchObject({
      text: "levels: []\ntitle: T\nversion: 1.0.0\n",
    });
    const canonical = readFileSync(path.join(fixtures, "sre/ladder/sre.yaml"), "utf8");
    const set = setTopLevel(canonical, "version", "1.0.0");
    expect(set.ok && formatLadder(set.text)).toMatchObject({ ok: true, changed: false });
  });

  it("refuses what it cannot change alone", () => {
    expect(setTopLevel("- a\n", "version", "1.0.0")).toMatchObject({ ok: false });
    expect(setTopLevel("levels: []\n", "version", "1.0.0")).toMatchObject({ ok: false });
    expect(setTopLevel("title: T\nversion:\n  - 1\n", "version", "1.0.0")).toMatchObject({ ok: false });
  });
});

describe("ladder bump in a repository with release tags", () => {
  const repo = new Repo();
  afterAll(() => repo.remove());
  const bump = (...args: string[]) => runMain(["bump", "--date", "2026-12-03", ...args, "--root", repo.dir], repo.dir);
  const file = () => readFileSync(path.join(repo.dir, "ladder/sre.yaml"), "utf8");
  const released = repo.commit("sre 1.0.0", { ...seed, "ladder/sre.yaml": sre1 });

  it("a ladder without a tag is not released yet, and one without a version is left alone", async () => {
    const result = await bump("--check");
    expect(result).toEqual({
      code: 0,
      stdout:
        "ladder/mini.yaml: not versioned (add `version: 1.0.0` under its title to start)\n" +
        "ladder/sre.yaml: 1.0.0, not released yet (no tag sre@*): its first version\n",
      stderr: "",
    });
    repo.git("tag", "sre@1.0.0", released);
    expect((await bump()).stdout).toContain("ladder/sre.yaml: 1.0.0, no change since sre@1.0.0\n");
  });

  it("an editorial change needs a patch: --check fails at the version's line with the command; bump raises it", async () => {
    repo.write({ "ladder/sre.yaml": edit(sre1, "Shadows on call shifts", "Shadows on-call shifts") });
    const check = await bump("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      "ladder/sre.yaml:4:10: error: sre has 1 editorial change since sre@1.0.0, so its version must be 1.0.1 or " +
        "higher, not 1.0.0; run `npm run bump` (version-not-raised)\n" +
        "1 ladder to bring up to date: run `npm run bump` and commit the result\n",
    );
    const raised = await bump();
    expect(raised.stdout).toContain(
      "ladder/sre.yaml: 1.0.0 → 1.0.1 (editorial change since sre@1.0.0); recorded in its history\n",
    );
    const edited = edit(edit(sre1, "Shadows on call shifts", "Shadows on-call shifts"), "1.0.0", "1.0.1");
    expect(file()).toBe(
      `${edited}history:\n  - version: 1.0.1\n    date: 2026-12-03\n    previous: 1.0.0\n    impact: editorial\n` +
        "    changes:\n      - what: Mastery · Junior SRE (L1)\n        kind: cell-changed\n        impact: editorial\n" +
        "        competency: mastery-on-call\n        level: l1\n        category: skill\n        field: text\n" +
        "        before: Shadows on call shifts and assists with triaging on-call issues.\n" +
        "        after: Shadows on-call shifts and assists with triaging on-call issues.\n",
    );
    expect(formatLadder(file())).toMatchObject({ ok: true, changed: false });
    // Run again: the file already says enough.
    expect(await bump("--check")).toMatchObject({ code: 0, stderr: "" });
    expect((await bump()).stdout).toContain("1.0.1, enough for the editorial change since sre@1.0.0");
  });

  it("counts from the release below an unreleased version: a substantive change on top makes 1.1.0, not 1.0.2", async () => {
    repo.write({ "ladder/sre.yaml": edit(file(), "Competent in 1-2 areas", "Competent in 3 areas") });
    expect((await bump()).stdout).toContain(
      "ladder/sre.yaml: 1.0.1 → 1.1.0 (substantive change since sre@1.0.0); recorded in its history\n",
    );
    expect(file()).toMatch(/^version: 1\.1\.0$/m);
    // 1.0.1 was never released: its entry goes, and 1.1.0's holds both changes since 1.0.0.
    const history = (parse(file()) as Ladder).history ?? [];
    expect(history.map((e) => [e.version, e.previous, e.impact, e.changes.map((c) => c.competency)])).toEqual([
      ["1.1.0", "1.0.0", "substantive", ["mastery-expertise", "mastery-on-call"]],
    ]);
  });

  it("--check finds a history that does not record the latest edit; bump records it and keeps the first date", async () => {
    repo.write({ "ladder/sre.yaml": edit(file(), "Competent in 3 areas", "Competent in three areas") });
    const check = await bump("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      "ladder/sre.yaml:4:10: error: the history of sre does not record the changes of 1.1.0 since sre@1.0.0 " +
        "(1 substantive change); run `npm run bump` (history-not-recorded)",
    );
    const result = await runMain(["bump", "--date", "2027-01-05", "--root", repo.dir], repo.dir);
    expect(result.stdout).toContain(
      "1.1.0, enough for the substantive change since sre@1.0.0; recorded in its history",
    );
    const [entry] = (parse(file()) as Ladder).history ?? [];
    expect(entry?.date).toBe("2026-12-03");
    expect(entry?.changes.find((c) => c.competency === "mastery-expertise")?.after).toMatch(
      /^Competent in three areas/,
    );
    expect(await bump("--check")).toMatchObject({ code: 0, stderr: "" });
    const before = file();
    expect((await bump()).stdout).toContain("Every version is up to date.");
    expect(file()).toBe(before);
  });

  it("a breaking change needs a major version; a released version with new changes counts from itself", async () => {
    const v11 = file();
    repo.commit("sre 1.1.0", { ...seed, "ladder/sre.yaml": v11 });
    repo.git("tag", "sre@1.1.0");
    expect((await bump("--check")).stdout).toContain("1.1.0, no change since sre@1.1.0");
    // Remove the last level: people were measured against it.
    const cut = v11.replace(/\n {2}- id: l5\n[^\n]*\n[^\n]*\n/, "\n").replace(/\n {10}l5: [^\n]*/g, "");
    repo.write({ "ladder/sre.yaml": cut });
    const check = await bump("--check");
    expect(check.stderr).toContain("since sre@1.1.0, so its version must be 2.0.0 or higher, not 1.1.0");
    expect(check.stderr).toContain("sre has 1 breaking change since sre@1.1.0");
    expect((await bump()).stdout).toContain(
      "ladder/sre.yaml: 1.1.0 → 2.0.0 (breaking change since sre@1.1.0); recorded in its history\n",
    );
  });

  it("with --base, the ladders at that commit count as released", async () => {
    repo.write({ "ladder/sre.yaml": edit(sre1, "Shadows on call shifts", "Follows on-call shifts") });
    const check = await bump("--check", "--base", released);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`since ${released}, so its version must be 1.1.0 or higher, not 1.0.0`);
    expect(check.stderr).toContain(`run \`npm run bump -- --base ${released}\``);
    expect((await bump("--base", released)).stdout).toContain(
      `1.0.0 → 1.1.0 (substantive change since ${released}); recorded in its history`,
    );
  });

  it("refuses invalid ladders, naming their problems", async () => {
    repo.write({ "ladder/sre.yaml": edit(sre1, "version: 1.0.0", "version: 1.0") });
    const result = await bump();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("ladder/sre.yaml:4:10: error: `version` must be text");
    repo.write({ "ladder/sre.yaml": sre1 });
  });
});

describe("bump inside an organisation: a base change raises every track it reaches", () => {
  const repo = new Repo();
  afterAll(() => repo.remove());
  const files: Record<string, string> = {};
  const dir = path.join(fixtures, "organisation/repo/ladder");
  for (const name of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, name), "utf8");
    files[`ladder/${name}`] = ["core.yaml", "programmer.yaml", "sre.yaml"].includes(name)
      ? versioned(text, "1.0.0")
      : text;
  }
  repo.commit("versioned", files);
  for (const id of ["core", "programmer", "sre"]) repo.git("tag", `${id}@1.0.0`);

  it("rewording a shared cell raises the base and a track that inherits it, not a track that overrides it", async () => {
    const core = path.join(repo.dir, "ladder/core.yaml");
    writeFileSync(core, edit(readFileSync(core, "utf8"), "Owns a service and its roadmap.", "Owns two services."));
    const result = await runMain(["bump", "--date", "2026-12-03", "--root", repo.dir], repo.dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(
      "ladder/core.yaml: 1.0.0 → 1.1.0 (substantive change since core@1.0.0); recorded in its history\n",
    );
    expect(result.stdout).toContain(
      "ladder/programmer.yaml: 1.0.0 → 1.1.0 (substantive change since programmer@1.0.0); recorded in its history\n",
    );
    expect(result.stdout).toContain("ladder/sre.yaml: 1.0.0, no change since sre@1.0.0\n");
    expect(readFileSync(path.join(repo.dir, "ladder/programmer.yaml"), "utf8")).toMatch(/^version: 1\.1\.0$/m);
    expect(readFileSync(path.join(repo.dir, "ladder/sre.yaml"), "utf8")).toMatch(/^version: 1\.0\.0$/m);
  });
});
