/**
 * Every lint rule on its fixtures: `test/fixtures/lint/<rule>.yaml` fires, `<rule>-near-miss.yaml` must not.
 * Each fixture's first line lists exactly the findings expected: `# expect: RULE LINE:COL[ error], …` or `none`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintLadder, lintRules, suppressionRules } from "../scripts/check/lint.js";
import { validateLadders } from "../scripts/check/pipeline.js";

const dir = path.join(import.meta.dirname, "fixtures/lint");
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

function findings(file: string, text: string): string[] {
  const result = validateLadders([{ file, text }], { lint: true });
  const problems = result.ok ? result.warnings : result.problems;
  return problems.map((p) => `${p.rule} ${p.line}:${p.column}${p.severity === "error" ? " error" : ""}`);
}

function expected(text: string): string[] {
  const line = /^# expect: (.*)$/m.exec(text)?.[1];
  if (line === undefined) throw new Error("fixture lacks its `# expect:` line");
  return line === "none" ? [] : line.split(", ");
}

describe("lint rule fixtures", () => {
  it.each(fixtures)("%s reports exactly the findings it expects", (name) => {
    const text = readFileSync(path.join(dir, name), "utf8");
    expect(findings(`test/fixtures/lint/${name}`, text)).toEqual(expected(text));
  });

  it("has a firing case and a near miss for every rule, and a case for every suppression rule", () => {
    for (const rule of Object.keys(lintRules)) {
      expect(fixtures).toContain(`${rule}.yaml`);
      expect(fixtures).toContain(`${rule}-near-miss.yaml`);
      expect(expected(readFileSync(path.join(dir, `${rule}.yaml`), "utf8")).some((f) => f.startsWith(`${rule} `))).toBe(
        true,
      );
    }
    for (const rule of [...suppressionRules, "unknown-lint-rule"]) expect(fixtures).toContain(`${rule}.yaml`);
  });

  it("reports the findings that suppressions silence once the suppression comments are gone", () => {
    const text = readFileSync(path.join(dir, "suppressed.yaml"), "utf8");
    // Blanked rather than removed, so that every other line keeps its number.
    const bare = text.replace(/ *# ladder-lint-ignore.*$/gm, "");
    expect(findings("suppressed.yaml", bare)).toEqual([
      "identical-cells 23:15",
      "extra-space 31:15",
      "identical-cells 31:15",
      "identical-cells 37:15",
    ]);
  });
});

describe("lint configuration", () => {
  const base = readFileSync(path.join(dir, "identical-cells.yaml"), "utf8");

  it("fails validation only when the ladder sets a rule to error", () => {
    expect(validateLadders([{ file: "a.yaml", text: base }], { lint: true }).ok).toBe(true);
    const strict = `${base}lint:\n  rules:\n    identical-cells: error\n`;
    const result = validateLadders([{ file: "a.yaml", text: strict }], { lint: true });
    expect(result.ok).toBe(false);
    expect(validateLadders([{ file: "a.yaml", text: strict }]).ok).toBe(true);
  });

  it("suggests the closest rule for a misspelt rule id", () => {
    const text = `${base}lint:\n  rules:\n    identicalcells: off\n`;
    const result = validateLadders([{ file: "a.yaml", text }], { lint: true });
    const messages = result.ok ? result.warnings.map((w) => w.message) : [];
    expect(messages).toContain('"identicalcells" is not a lint rule; did you mean identical-cells?');
  });
});

describe("lintLadder", () => {
  it("is pure: the same findings twice, and the ladder unchanged", () => {
    const text = readFileSync(path.join(dir, "cell-length.yaml"), "utf8");
    const result = validateLadders([{ file: "ladder/cell-length.yaml", text }]);
    if (!result.ok) throw new Error("fixture is invalid");
    const ladder = result.ladders[0];
    const before = structuredClone(ladder);
    const first = lintLadder(ladder);
    expect(lintLadder(structuredClone(ladder))).toEqual(first);
    expect(ladder).toEqual(before);
    expect(first.map((f) => f.path)).toEqual([
      ["categories", 0, "competencies", 0, "cells", "l2"],
      ["categories", 0, "competencies", 1, "cells", "l3"],
    ]);
  });
});
