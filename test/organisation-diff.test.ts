import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Source } from "../scripts/check/load.js";
import { compare, reportContext } from "../scripts/diff/report.js";
import { resolveSources } from "../scripts/resolve/pipeline.js";
import { fixtures } from "./helpers/golden.js";

const dir = path.join(fixtures, "organisation/repo/ladder");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
const text = (name: string) => readFileSync(path.join(dir, name), "utf8");

function sources(edits: Record<string, (yaml: string) => string> = {}): Source[] {
  return files.map((f) => ({ file: `ladder/${f}`, text: (edits[f] ?? ((t: string) => t))(text(f)) }));
}

function diff(edits: Record<string, (yaml: string) => string>) {
  const result = compare(
    { info: { kind: "directory", path: "base" }, sources: sources() },
    { info: { kind: "directory", path: "head" }, sources: sources(edits) },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.compared.report;
}

const changed = (report: ReturnType<typeof diff>) =>
  report.ladders.filter((l) => l.status !== "unchanged").map((l) => l.id);

describe("diff on resolved ladders", () => {
  it("reports a change to the base as a change to every track that extends it", () => {
    const report = diff({
      "core.yaml": (t) => t.replace("Writes clearly for people outside the team.", "Writes for the whole company."),
    });
    expect(changed(report)).toEqual(["core", "designer", "programmer", "qa", "sre", "support"]);
    const sre = report.ladders.find((l) => l.id === "sre");
    expect(sre?.changes).toEqual([
      expect.objectContaining({
        kind: "cell-changed",
        level: "l3",
        competency: "communication",
        before: "Writes clearly for people outside the team.",
        after: "Writes for the whole company.",
        impact: "substantive",
      }),
    ]);
  });

  it("counts a base's edit in every ladder it reaches in the headline, not once for the repeated ids", () => {
    const edits = {
      "core.yaml": (t: string) =>
        t.replace("Writes clearly for people outside the team.", "Writes for the whole company."),
    };
    const result = compare(
      { info: { kind: "directory", path: "base" }, sources: sources() },
      { info: { kind: "directory", path: "head" }, sources: sources(edits) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const context = reportContext(result.compared, { command: "npm run diff -- --base BASE" });
    expect(String(context.headline)).toBe(
      "6 expectations changed in 6 competencies for L3 in 6 ladders; no breaking changes",
    );
  });

  it("does not reach a track that overrides the changed cell", () => {
    const report = diff({ "core.yaml": (t) => t.replace("Owns a service and its roadmap.", "Owns two services.") });
    expect(changed(report)).toEqual(["core", "designer", "programmer", "qa", "support"]);
  });

  it("reports a cell marked not applicable as a change of its text, and prose changes by field", () => {
    const report = diff({
      "qa.yaml": (t) =>
        t
          .replace("          l1: Runs a test plan.\n", "")
          .replace(
            "        cells:\n          l2: Writes",
            '        notApplicable:\n          l1: ""\n        cells:\n          l2: Writes',
          ),
      "engineering-manager.yaml": (t) => t.replace("a change of job", "a change of role"),
    });
    const qa = report.ladders.find((l) => l.id === "qa");
    expect(qa?.changes).toEqual([
      expect.objectContaining({
        kind: "cell-changed",
        level: "l1",
        before: "Runs a test plan.",
        after: "Not applicable",
      }),
    ]);
    const manager = report.ladders.find((l) => l.id === "engineering-manager");
    expect(manager?.changes).toEqual([expect.objectContaining({ kind: "ladder-changed", field: "prose" })]);
  });

  it("judges dropping an inherited competency as breaking for that track only", () => {
    const report = diff({
      "qa.yaml": (t) =>
        t.replace(
          "  - id: skill\n",
          "  - id: coachability\n    competencies:\n      - id: feedback\n        drop: QA gets feedback in reviews.\n  - id: skill\n",
        ),
    });
    expect(changed(report)).toEqual(["qa"]);
    expect(report.ladders.find((l) => l.id === "qa")?.changes.map((c) => [c.kind, c.impact])).toEqual([
      ["competency-removed", "breaking"],
    ]);
  });
});

describe("lint on resolved ladders", () => {
  it("names the file that holds the text of an inherited cell", () => {
    // Two identical cells in the base: every track inherits them, and the finding points into core.yaml once.
    const same = (t: string) => t.replace("Owns a feature from start to finish.", "Finishes the tasks they pick up.");
    const result = resolveSources(sources({ "core.yaml": same }), { lint: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const findings = result.warnings.map((p) => `${p.file}:${p.line} ${p.rule}`);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.startsWith("ladder/core.yaml:"))).toBe(true);
    expect(new Set(findings).size).toBe(findings.length);
  });
});

describe("lint on a track's resolved rows", () => {
  it("finds what only the resolved ladder shows, in the track's own file", () => {
    // The track's own L3 cell repeats the L2 cell it inherits from core: only the resolved row has both.
    const repeat = (t: string) =>
      t.replace("Owns a service, its on-call rotation and its error budget.", "Owns a feature from start to finish.");
    const result = resolveSources(sources({ "sre.yaml": repeat }), { lint: true });
    expect(result.ok && result.warnings.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      "ladder/sre.yaml:29:15 identical-cells",
    ]);
  });
});
