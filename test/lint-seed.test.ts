/**
 * `ladder lint` and `ladder validate` on the seed ladder: they find its real defects (docs/lint.md lists them)
 * and nothing else, in the promised format, and as GitHub annotations in Actions.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateLadders } from "../scripts/check/pipeline.js";
import { projectRoot, runCli, tempRoot } from "./helpers/cli.js";
import { ladder } from "./helpers/golden.js";

const sre = readFileSync(path.join(projectRoot, "ladder/sre.yaml"), "utf8");

/** The seed's defects, as docs/lint.md lists them: each rule and the cell it points at. */
const seedFindings = [
  ["mixed-voice", "tech-and-tooling", "l4"],
  ["mixed-voice", "tech-and-tooling", "l5"],
  ["mixed-voice", "scope", "l5"],
  ["repeats-previous-level", "scope", "l5"],
  ["missing-space", "judgment", "l1"],
  ["mixed-voice", "ownership", "l1"],
  ["mixed-voice", "ownership", "l2"],
  ["identical-cells", "communication", "l3"],
  ["mixed-voice", "flexibility", "l1"],
  ["mixed-voice", "flexibility", "l4"],
  ["mixed-voice", "trust", "l4"],
];

/** The line of the cell `level:` under the competency with id `competency` in the seed. */
function cellLine(competency: string, level: string): number {
  const lines = sre.split("\n");
  const start = lines.findIndex((line) => line.trim() === `- id: ${competency}`);
  return start + 1 + lines.slice(start).findIndex((line) => line.trim().startsWith(`${level}: `));
}

describe("lint on the seed ladder", () => {
  it("finds exactly the seed's defects: the glued sentence, the repeated levels, the switch to 'you'", () => {
    const result = validateLadders([{ file: "ladder/sre.yaml", text: sre }], { lint: true });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const found = result.warnings.map((w) => `${w.rule} ${w.line}:${w.column}`);
    expect(found).toEqual(seedFindings.map(([rule, id, level]) => `${rule} ${cellLine(id, level)}:15`));
    expect(result.warnings.every((w) => w.severity === "warning")).toBe(true);
  });

  it("names the defect in each message", () => {
    const result = validateLadders([{ file: "ladder/sre.yaml", text: sre }], { lint: true });
    const messages = result.ok ? result.warnings.map((w) => w.message) : [];
    expect(messages).toContain('no space after "." in "planning.Demonstrates"; add one between sentences');
    expect(messages).toContain(
      '"Communication" at Senior SRE (L3) has the same text as at SRE (L2); say what changes at this level',
    );
  });
});

describe("ladder lint", () => {
  it("prints FILE:LINE:COL: warning: MESSAGE (RULE-ID) for each finding and exits 0", async () => {
    const result = await ladder(["lint"], projectRoot);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("0 errors, 11 warnings in 1 file");
    for (const line of lines.slice(0, -1)) {
      expect(line).toMatch(/^ladder\/sre\.yaml:\d+:\d+: warning: .+ \([a-z-]+\)$/);
    }
    expect(lines).toContain(
      `ladder/sre.yaml:${cellLine("judgment", "l1")}:15: warning: no space after "." in "planning.Demonstrates"; add one between sentences (missing-space)`,
    );
  });

  it("makes every finding an error with --strict, and exits 1", async () => {
    const result = await ladder(["lint", "--strict", "ladder/sre.yaml"], projectRoot);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("11 errors, 0 warnings in 1 file");
    expect(result.stderr).not.toContain(": warning: ");
  });

  it("says so when a ladder has no findings", async () => {
    const clean = readFileSync(path.join(projectRoot, "test/fixtures/lint/identical-cells-near-miss.yaml"));
    const root = tempRoot({ "clean.yaml": clean });
    const result = await ladder(["lint", "--root", root], root);
    expect(result).toEqual({ code: 0, stdout: "no findings in 1 ladder\n", stderr: "" });
  });

  it("exits 1 on an invalid ladder, reporting its errors", async () => {
    const root = tempRoot({ "broken.yaml": "title: [unclosed\n" });
    const result = await ladder(["lint", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ladder\/broken\.yaml:\d+:\d+: error: /);
  });

  it("emits GitHub annotations inside Actions", () => {
    const result = runCli(["lint"], { env: { GITHUB_ACTIONS: "true" } });
    expect(result.status).toBe(0);
    const line = cellLine("communication", "l3");
    expect(result.stdout).toContain(`::warning title=identical-cells,file=ladder/sre.yaml,line=${line},col=15::`);
  });

  it("has help", async () => {
    const result = await ladder(["lint", "--help"], projectRoot);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--strict");
  });
});

describe("ladder validate with lint", () => {
  it("counts lint findings in one line, lists them with --warnings, and still exits 0", async () => {
    const result = await ladder(["validate"], projectRoot);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "11 quality warnings not shown (not errors): `npm run lint:ladder` lists them, or `npm run validate -- --warnings`\n",
    );
    expect(result.stdout).toContain("1 ladder valid");
    const all = await ladder(["validate", "--warnings"], projectRoot);
    expect(all.code).toBe(0);
    expect(all.stderr).toContain("(identical-cells)");
    expect(all.stderr.trim().split("\n")).toHaveLength(11);
  });

  it("exits 1 when a ladder makes a rule an error", async () => {
    const strict = readFileSync(path.join(projectRoot, "test/fixtures/lint/config-error.yaml"));
    const root = tempRoot({ "strict.yaml": strict });
    const result = await ladder(["validate", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ladder\/strict\.yaml:22:15: error: .* \(identical-cells\)$/m);
  });
});
