import { describe, expect, it } from "vitest";
import { validateLadders } from "../scripts/check/pipeline.js";
import { checkSection } from "../scripts/check/prose.js";

/** A two-level ladder with one competency; `extra` lines are added to the competency, `top` to the ladder. */
function ladder(options: { top?: string; competency?: string; cells?: string } = {}): string {
  return [
    "title: Small",
    ...(options.top === undefined ? [] : [options.top]),
    "levels:",
    "  - id: l1",
    "    code: L1",
    "    title: Junior",
    "  - id: l2",
    "    code: L2",
    "    title: Senior",
    "categories:",
    "  - id: skill",
    "    name: Skill",
    "    competencies:",
    "      - id: planning",
    "        name: Planning",
    "        cells:",
    options.cells ?? "          l1: Plans a day.\n          l2: Plans a quarter.",
    ...(options.competency === undefined ? [] : [options.competency]),
    "",
  ].join("\n");
}

function check(text: string) {
  return validateLadders([{ file: "ladder/small.yaml", text: Buffer.from(text) }]);
}

function problems(text: string): string[] {
  const result = check(text);
  return result.ok ? [] : result.problems.map((p) => `${p.rule} ${p.line}:${p.column}`);
}

describe("prose sections", () => {
  it("accepts paragraphs, lists, emphasis, code and links before and after the matrix", () => {
    const prose = [
      "prose:",
      "  - heading: How to read this ladder",
      "    text: |-",
      "      Each column is a level. **Bold**, *italic*, `code` and [a link](https://example.com/x).",
      "",
      "      - one",
      "      - two",
      "",
      "      1. first",
      "  - text: A paragraph without a heading.",
      "afterword:",
      "  - heading: Changes",
      "    depth: 3",
      "    text: See [the history](#history).",
    ].join("\n");
    const result = check(ladder({ top: prose }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [sre] = result.ladders;
    expect(sre.prose?.map((s) => s.heading)).toEqual(["How to read this ladder", undefined]);
    expect(sre.afterword?.[0]).toEqual({ heading: "Changes", depth: 3, text: "See [the history](#history)." });
  });

  it("refuses a heading inside the text, at the text's line, with a rule id", () => {
    const prose = ["prose:", "  - heading: Intro", "    text: |-", "      Hello.", "", "      ## Inner"].join("\n");
    const result = check(ladder({ top: prose }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.rule} ${p.line}:${p.column}`)).toEqual(["prose-markdown 4:11"]);
    expect(result.problems[0].message).toMatch(/a heading.*line 3 of the text/);
  });

  it.each([
    ["raw HTML", "Hello <b>there</b>.", /raw HTML/],
    ["an HTML block", "<div>x</div>", /raw HTML/],
    ["a table", "| a | b |\n|---|---|\n| 1 | 2 |", /a table/],
    ["an image", "![logo](https://example.com/logo.png)", /an image/],
    ["a quote", "> quoted", /a quote/],
    ["a code block", "```\ncode\n```", /a code block/],
    ["a link to a script", "[x](javascript:alert(1))", /./],
    ["a relative link", "[x](other.md)", /a link to "other.md"/],
  ])("refuses %s in prose text", (_name, text, message) => {
    const problems = checkSection({ text }, ["prose", 0]);
    if (_name === "a link to a script") {
      // markdown-it does not make a link of it; the text stays text, which every renderer escapes.
      expect(problems).toEqual([]);
      return;
    }
    expect(problems.map((p) => p.rule)).toEqual(["prose-markdown"]);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].path).toEqual(["prose", 0, "text"]);
  });

  it("refuses a section with neither heading nor text, and an unknown key in a section", () => {
    expect(problems(ladder({ top: "prose:\n  - depth: 3" }))).toEqual(["empty-section 3:5"]);
    expect(problems(ladder({ top: "prose:\n  - title: x" }))).toEqual(["unknown-key 3:5"]);
    expect(problems(ladder({ top: "prose:\n  - heading: x\n    depth: 1" }))).toEqual(["invalid-value 4:12"]);
  });

  it("checks prose on levels, categories and competencies too", () => {
    const result = check(ladder({ competency: "        prose:\n          - text: <em>x</em>" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.rule)).toEqual(["prose-markdown"]);
  });
});

describe("cells that do not apply", () => {
  it("accepts a level listed under notApplicable instead of cells, with or without a reason", () => {
    const result = check(
      ladder({ cells: "          l2: Plans a quarter.", competency: '        notApplicable:\n          l1: ""' }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const competency = result.ladders[0].categories[0].competencies[0];
    expect(competency.cells).toEqual({ l2: "Plans a quarter." });
    expect(competency.notApplicable).toEqual({ l1: "" });
  });

  it("still reports missing-cell for a level in neither cells nor notApplicable", () => {
    expect(problems(ladder({ cells: "          l2: Plans a quarter." }))).toEqual(["missing-cell 15:9"]);
  });

  it("refuses a level that has a cell and is marked not applicable, and an unknown level", () => {
    const both = ladder({ competency: "        notApplicable:\n          l1: Juniors do not plan.\n          l9: x" });
    expect(problems(both)).toEqual(["cell-and-not-applicable 19:11", "unknown-level 20:11"]);
  });

  it("refuses a reason that is not text", () => {
    expect(
      problems(ladder({ cells: "          l2: x", competency: "        notApplicable:\n          l1: 3" })),
    ).toEqual(["wrong-type 18:15"]);
  });
});

describe("extends, scale and drop in the schema", () => {
  it("accepts a ladder that extends a base with only overrides, and refuses drop in one that does not", () => {
    const derived = [
      "title: Derived",
      "extends: core",
      "levels:",
      "  - id: l1",
      "    code: L1",
      "    title: Junior",
      "    scale: l1",
      "categories:",
      "  - id: skill",
      "    competencies:",
      "      - id: planning",
      "        cells:",
      "          l1: Plans a day.",
      "      - id: mentoring",
      "        drop: Juniors do not mentor.",
      "",
    ].join("\n");
    // The schema accepts it; the check alone cannot resolve `extends` (the organisation stage does).
    const data = check(derived);
    expect(data.ok ? [] : data.problems.map((p) => p.rule)).not.toContain("missing-key");
    expect(problems(ladder({ competency: "        drop: no" }))).toEqual(["unknown-key 18:9"]);
  });
});

describe("the canonical layout of the new keys", () => {
  it("writes prose text as a block literal, and the new keys in reading order", async () => {
    const { formatLadder } = await import("../scripts/import/format.js");
    const input = [
      "title: Small",
      'prose:\n  - text: "First paragraph.\\n\\n- a\\n- b"\n    heading: Intro',
      "levels:\n  - id: l1\n    scale: l1\n    code: L1\n    title: Junior",
      "categories:\n  - id: skill\n    name: Skill\n    competencies:\n      - id: x\n        name: X\n        notApplicable:\n          l1: Not yet.\n        cells: {}",
      "",
    ].join("\n");
    const result = formatLadder(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain("  - heading: Intro\n    text: |-\n      First paragraph.\n\n      - a\n      - b\n");
    expect(result.text).toContain("    title: Junior\n    scale: l1\n");
    expect(result.text.indexOf("cells:")).toBeLessThan(result.text.indexOf("notApplicable:"));
    // Text a block literal cannot hold exactly stays double-quoted.
    const trailing = formatLadder(input.replace("First paragraph.", "Trailing space. "));
    expect(trailing.ok && trailing.text).toContain('text: "Trailing space.\\ \\n\\n- a\\n- b"');
  });
});
