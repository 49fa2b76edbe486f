/**
 * Every YAML mistake a manager makes, in plain words, at the line and column where they must act. Each fixture in
 * test/fixtures/yaml-mistakes/ is the small ladder with one mistake, and starts with `# expect: RULE LINE:COL`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSource } from "../scripts/check/load.js";
import { validateLadders } from "../scripts/check/pipeline.js";
import { quotedTexts, shapeOf } from "../scripts/check/yaml-lines.js";

const dir = path.join(import.meta.dirname, "fixtures/yaml-mistakes");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

/** Words of the parser's vocabulary that mean nothing to the person editing a ladder. */
const JARGON = [
  "nested mappings",
  "compact mapping",
  "implicit key",
  "unexpected scalar",
  "node end",
  "flow",
  "block scalar",
  "block_",
  "plain scalar",
  "plain value",
  "scalar",
  "mapping",
  "token",
  "indicator",
  "anchor",
  "alias",
  "tag",
  "document",
];

describe("YAML mistakes in plain words", () => {
  it("holds a case for each mistake the issue names", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)("%s: the expected rule, at the line and column to fix, in plain words", (name) => {
    const text = readFileSync(path.join(dir, name), "utf8");
    const expected = /^# expect: (\S+) (\d+):(\d+)$/m.exec(text);
    expect(expected).not.toBeNull();
    if (!expected) return;
    const result = validateLadders([{ file: `ladder/${name}`, text }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.rule} ${p.line}:${p.column}`)).toEqual([
      `${expected[1]} ${expected[2]}:${expected[3]}`,
    ]);
    const [problem] = result.problems;
    for (const word of JARGON) expect(problem.message.toLowerCase()).not.toContain(word);
    expect(problem.message).not.toMatch(/YAML says|\n/);
    // The message says what to do, and a command it names is one people have.
    expect(problem.message).toMatch(/\b(put|write|replace|indent|end|remove|add|save)\b/);
    if (/\bfmt\b/.test(problem.message)) expect(problem.message).toContain("npm run fmt");
    // The reference path gives the same problem (the fast path declines every one of these files).
    const slow = loadSource({ file: `ladder/${name}`, text }, { fast: false });
    expect(slow.ok).toBe(false);
    if (!slow.ok) expect(slow.problems).toEqual(result.problems);
  });

  it("points at the opening quote even when a later line's quote closes the text", () => {
    const text = readFileSync(path.join(dir, "unclosed-double-quote.yaml"), "utf8");
    const result = validateLadders([{ file: "ladder/x.yaml", text }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { line, column } = result.problems[0];
    expect(text.split("\n")[line - 1].slice(column - 1)).toBe('"Skill');
  });

  it("reports a forgotten dash once, not once for every key of the item", () => {
    const text = readFileSync(path.join(dir, "missing-dash.yaml"), "utf8");
    const result = validateLadders([{ file: "ladder/x.yaml", text }]);
    expect(result).toMatchObject({ ok: false, problems: [{ rule: "yaml-missing-dash" }] });
    if (!result.ok) expect(result.problems).toHaveLength(1);
  });

  it("keeps texts that only look like mistakes: quoted, or with the character inside", () => {
    const small = readFileSync(path.join(import.meta.dirname, "fixtures/valid/small.yaml"), "utf8");
    for (const cell of [
      '"Note: learns the craft."',
      "'\"Familiar\" with all the craft.'",
      "Learns C# and F#, R&D, 1*2 and 100% of [the] craft.",
      '"Learns #1 the craft."',
      "“Learns the craft.”",
      '"*Learns* the craft:"',
      "Learns the craft. # a comment, with a space after the hash",
    ]) {
      const text = small.replace("l1: Learns the craft.", `l1: ${cell}`);
      const result = validateLadders([{ file: "ladder/x.yaml", text }]);
      expect(result.ok, cell).toBe(true);
    }
  });
});

describe("the shape of a line and the quoted texts, as the explanations read them", () => {
  it("splits a line into indentation, dashes, key and text", () => {
    expect(shapeOf("  - id: l1")).toMatchObject({
      indent: 2,
      dashes: 1,
      content: 4,
      key: "id",
      value: "l1",
      valueColumn: 8,
    });
    expect(shapeOf("    cells:")).toMatchObject({ indent: 4, dashes: 0, key: "cells" });
    expect(shapeOf("    cells:").value).toBeUndefined();
    expect(shapeOf("          l1:Learns")).toMatchObject({ key: "l1", colon: 13, value: "Learns", valueColumn: 13 });
    expect(shapeOf("  - plain item")).toMatchObject({ dashes: 1, value: "plain item", valueColumn: 4 });
    expect(shapeOf("  - plain item").key).toBeUndefined();
    expect(shapeOf("title: x\r")).toMatchObject({ raw: "title: x", value: "x" });
  });

  it("finds quoted texts with their offsets, and whether each is closed", () => {
    const text = "a: \"x\\\" y\"\nb: 'it''s'\nc: \"open\nd: e\n";
    expect(quotedTexts(text)).toEqual([
      { offset: 3, source: '"x\\" y"', closed: true },
      { offset: 14, source: "'it''s'", closed: true },
      { offset: 25, source: '"open\nd: e\n', closed: false },
    ]);
  });
});
