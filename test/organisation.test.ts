import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources } from "../scripts/check/sources.js";
import { renderDist } from "../scripts/dist/render.js";
import { resolveSources } from "../scripts/resolve/pipeline.js";
import { fixtures, ladder } from "./helpers/golden.js";

const repo = path.join(fixtures, "organisation/repo");
const expected = (file: string) => path.join(fixtures, "organisation/expected", file);

async function resolved(root = repo) {
  const result = resolveSources(await readSources({ root, ladders: path.join(root, "ladder") }), { lint: true });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

/** A copy of the organisation fixture with some files replaced (name → YAML; null removes the file). */
function variant(files: Record<string, string | null>): string {
  const root = mkdtempSync(path.join(tmpdir(), "org-"));
  cpSync(repo, root, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, "ladder", name);
    if (text === null) writeFileSync(file, "");
    else writeFileSync(file, text);
  }
  return root;
}

const read = (name: string) => readFileSync(path.join(repo, "ladder", name), "utf8");

async function problemsOf(root: string): Promise<string[]> {
  const result = resolveSources(await readSources({ root, ladders: path.join(root, "ladder") }));
  return result.ok ? [] : result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`);
}

describe("an organisation of five tracks, a base and a managers' scale", () => {
  it("renders every file as its golden document", async () => {
    const { ladders, organisation } = await resolved();
    const files = renderDist(ladders, organisation);
    const names = [...files.keys()].filter((f) => /\.(md|json|csv)$/.test(f) || f === "index.html");
    for (const name of names) await expect(files.get(name)).toMatchFileSnapshot(expected(name));
    expect(names.length).toBeGreaterThan(20);
  });

  it("gives a track its base's rows, marked with where they come from, and its own rows and overrides", async () => {
    const { ladders } = await resolved();
    const sre = ladders.find((l) => l.id === "sre");
    const ownership = sre?.categories[0].competencies.find((c) => c.id === "ownership");
    expect(ownership?.from).toBe("core");
    expect(ownership?.cells.l3).toBe("Owns a service, its on-call rotation and its error budget.");
    expect(ownership?.cellsFrom).toEqual({ l1: "core", l2: "core", l4: "core", l5: "core" });
    expect(sre?.categories.map((c) => [c.id, c.from])).toEqual([
      ["engagement", "core"],
      ["coachability", "core"],
      ["skill", undefined],
    ]);
    // The base's not-applicable cell is inherited as such.
    expect(sre?.categories[1].competencies[1].notApplicable).toEqual({
      l1: "Juniors are learning; nobody expects them to mentor yet.",
    });
  });

  it("inherits only the levels a track has, and drops a competency with its reason", async () => {
    const { ladders } = await resolved();
    const designer = ladders.find((l) => l.id === "designer");
    expect(Object.keys(designer?.categories[0].competencies[0].cells ?? {})).toEqual(["l2", "l3", "l4"]);
    const support = ladders.find((l) => l.id === "support");
    expect(support?.categories.flatMap((c) => c.competencies.map((x) => x.id))).not.toContain("mentoring");
    expect(support?.dropped).toEqual([
      {
        id: "mentoring",
        name: "Mentoring",
        category: "coachability",
        from: "core",
        reason: "Support agents are coached by their team lead; mentoring is not part of this track.",
      },
    ]);
  });

  it("builds and checks through the CLI, with the organisation file not taken for a ladder", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "org-dist-"));
    const built = await ladder(["build", "--root", repo, "--out", out], repo);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(readdirSync(out)).not.toContain("organisation.md");
    expect(readFileSync(path.join(out, "README.md"), "utf8")).toBe(readFileSync(expected("README.md"), "utf8"));
    const validated = await ladder(["validate", "--root", repo], repo);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/^7 ladders valid/);
  });
});

describe("the organisation's rules, each at its file, line and column", () => {
  it("reports an unknown scale level, two levels on one scale level and a track out of order", async () => {
    const qa = read("qa.yaml")
      .replace("scale: l1", "scale: l9")
      .replace("    title: QA Engineer\n    scale: l2", "    title: QA Engineer\n    scale: l3");
    expect(await problemsOf(variant({ "qa.yaml": qa }))).toEqual([
      "ladder/qa.yaml:7:12 unknown-scale-level",
      "ladder/qa.yaml:15:12 shared-scale-level",
    ]);
    const order = read("designer.yaml").replace("scale: l2", "scale: l5");
    expect(await problemsOf(variant({ "designer.yaml": order }))).toEqual(["ladder/designer.yaml:12:12 track-order"]);
  });

  it("reports an unknown base, a cycle, and a drop without a reason or of nothing", async () => {
    expect(await problemsOf(variant({ "qa.yaml": read("qa.yaml").replace("extends: core", "extends: cor") }))).toEqual([
      "ladder/qa.yaml:2:10 unknown-base",
    ]);
    const core = read("core.yaml").replace("levels:", "extends: sre\nlevels:");
    const cycle = await problemsOf(variant({ "core.yaml": core }));
    expect(cycle).toContain("ladder/core.yaml:3:10 extends-cycle");
    expect(cycle).toContain("ladder/sre.yaml:2:10 extends-cycle");
    const noReason = read("support.yaml").replace(/drop: .*/, 'drop: " "');
    expect(await problemsOf(variant({ "support.yaml": noReason }))).toEqual([
      "ladder/support.yaml:20:15 drop-without-reason",
    ]);
    const nothing = read("support.yaml").replace("id: mentoring", "id: mentorin");
    expect(await problemsOf(variant({ "support.yaml": nothing }))).toEqual(["ladder/support.yaml:20:9 drop-unknown"]);
  });

  it("reports a cell missing once inherited, in the track's file, and an unknown track", async () => {
    const wide = read("designer.yaml").replace(
      "    scale: l4\n",
      "    scale: l4\n  - id: l5\n    code: L5\n    title: Principal Designer\n    scale: l5\n",
    );
    const missing = await problemsOf(variant({ "designer.yaml": wide }));
    // The new level takes the base's cells of the same scale level; only the track's own row lacks one.
    expect(missing).toEqual(["ladder/designer.yaml:27:9 missing-cell"]);
    const organisation = read("organisation.yaml").replace("ladder: qa", "ladder: qaa");
    expect(await problemsOf(variant({ "organisation.yaml": organisation }))).toEqual([
      "ladder/organisation.yaml:54:13 unknown-track",
    ]);
  });

  it("refuses extends and scale without an organisation file, and checks the organisation file's schema", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "org-none-"));
    mkdirSync(path.join(root, "ladder"));
    cpSync(path.join(repo, "ladder/core.yaml"), path.join(root, "ladder/core.yaml"));
    cpSync(path.join(repo, "ladder/qa.yaml"), path.join(root, "ladder/qa.yaml"));
    const problems = await problemsOf(root);
    expect(problems).toContain("ladder/qa.yaml:2:10 extends-without-organisation");
    expect(problems).toContain("ladder/core.yaml:7:12 unknown-scale-level");
    const built = await ladder(["build", "--root", root, "--out", path.join(root, "dist")], root);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(
      /ladder\/qa\.yaml:2:10: error: .*organisation\.yaml.*\(extends-without-organisation\)/,
    );
    const bad = read("organisation.yaml").replace("tracks:", "track:");
    expect(await problemsOf(variant({ "organisation.yaml": bad }))).toEqual([
      "ladder/organisation.yaml:1:1 missing-key",
      "ladder/organisation.yaml:47:1 unknown-key",
    ]);
  });
});

describe("validating named files of an organisation", () => {
  it("reads the base and the organisation as context, and reports on the named file only", async () => {
    const named = await ladder(["validate", "--root", repo, "ladder/support.yaml"], repo);
    expect(named.stderr).toBe("");
    expect(named.stdout).toBe("1 ladder valid: ladder/support.yaml\n");
    const broken = variant({ "support.yaml": read("support.yaml").replace(/drop: .*/, 'drop: ""') });
    const lint = await ladder(["lint", "--root", broken, "ladder/support.yaml"], broken);
    expect(lint.code).toBe(1);
    expect(lint.stderr).toMatch(/^ladder\/support\.yaml:20:15: error: .*\(drop-without-reason\)/);
  });
});

describe("the organisation outside the test process", () => {
  it("builds the same files from the compiled CLI, which uses the precompiled organisation schema", async () => {
    const { spawnSync } = await import("node:child_process");
    const out = mkdtempSync(path.join(tmpdir(), "org-compiled-"));
    const bin = path.join(import.meta.dirname, "../bin/ladder.mjs");
    const run = spawnSync(process.execPath, [bin, "build", "--root", repo, "--out", out], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const file of ["README.md", "index.html", "sre.md", "support.json"]) {
      expect(readFileSync(path.join(out, file), "utf8")).toBe(readFileSync(expected(file), "utf8"));
    }
  });

  it("the benchmark's organisation shape resolves cleanly: a base and tracks that extend it", async () => {
    const { corpusFrom, writeOrganisation } = await import("../bench/generate.js");
    const root = mkdtempSync(path.join(tmpdir(), "org-bench-"));
    const corpus = corpusFrom(readFileSync(path.join(import.meta.dirname, "../ladder/sre.yaml"), "utf8"));
    writeOrganisation(
      root,
      { ladders: 3, levels: 4, competencies: 12, organisation: true },
      corpus,
      path.join(import.meta.dirname, "../schemas"),
    );
    const result = await resolved(root);
    expect(result.ladders.map((l) => [l.id, l.categories.flatMap((c) => c.competencies).length])).toEqual([
      ["family-001", 12],
      ["family-002", 24],
      ["family-003", 24],
    ]);
    expect(result.organisation?.tracks.map((t) => t.ladder)).toEqual(["family-002", "family-003"]);
  });
});
