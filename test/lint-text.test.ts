/** The text helpers behind lint and import: mojibake, comments with positions, suppressions. */
import { describe, expect, it } from "vitest";
import { readComments } from "../scripts/check/comments.js";
import { findMojibake, fixMojibake } from "../scripts/check/mojibake.js";
import { applySuppressions } from "../scripts/check/suppress.js";
import type { Problem } from "../scripts/model/model.js";

describe("mojibake", () => {
  it.each([
    ["doesnâ€™t", "doesn’t"],
    ["cafÃ©", "café"],
    ["â€œquotedâ€\u009d", "“quoted”"],
    ["Ã…ngstrÃ¶m", "Ångström"],
    ["emoji ðŸš€", "emoji 🚀"],
    ["non-breakingÂ\u00a0space", "non-breaking\u00a0space"],
    ["twice: doesnÃ¢â‚¬â„¢t", "twice: doesn’t"],
  ])("repairs %j to %j", (damaged, repaired) => {
    expect(findMojibake(damaged).length).toBeGreaterThan(0);
    expect(fixMojibake(damaged)).toBe(repaired);
  });

  it.each([
    "Café, naïve, déjà vu, Ångström, Ça va, Ørsted, Þór",
    "€100, £5, “quoted”, ‘single’, — and … and ©™",
    "Zero‍width​joiners, combining é, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 👨‍👩‍👧",
    "النص العربي — עברית",
  ])("leaves real text alone: %j", (text) => {
    expect(findMojibake(text)).toEqual([]);
    expect(fixMojibake(text)).toBe(text);
  });

  it("reports a quote whose last byte a spreadsheet dropped, but cannot repair it", () => {
    expect(findMojibake("â€œquotedâ€")).toEqual([
      { index: 0, found: "â€œ", repaired: "“" },
      { index: 9, found: "â€" },
    ]);
    expect(fixMojibake("â€œquotedâ€")).toBe("“quotedâ€");
  });
});

describe("readComments", () => {
  it("finds comments with their line and column, never a # inside a text", () => {
    const text = [
      "# first",
      'title: "not # a comment"',
      "summary: plain # trailing",
      "block: |",
      "  # inside a block scalar",
      "  # ladder-lint-ignore x: y",
      "levels: # after a key",
      "",
    ].join("\r\n");
    expect(readComments(text)).toEqual([
      { line: 1, column: 1, text: " first", ownLine: true },
      { line: 3, column: 16, text: " trailing", ownLine: false },
      { line: 7, column: 9, text: " after a key", ownLine: false },
    ]);
  });
});

describe("applySuppressions", () => {
  const finding = (line: number, rule = "identical-cells"): Problem => ({
    file: "a.yaml",
    line,
    column: 15,
    severity: "warning",
    rule,
    message: "m",
  });
  const comment = (line: number, text: string, ownLine = true) => ({ line, column: 11, text, ownLine });

  it("silences a finding on the line below (or the same line) when a reason is given", () => {
    const comments = [comment(4, " ladder-lint-ignore identical-cells: same on purpose"), comment(9, " x", false)];
    expect(applySuppressions([finding(5), finding(6)], comments, "a.yaml")).toEqual([finding(6)]);
    const trailing = [comment(6, " ladder-lint-ignore identical-cells: same on purpose", false)];
    expect(applySuppressions([finding(5), finding(6)], trailing, "a.yaml")).toEqual([finding(5)]);
  });

  it("reports a malformed suppression, and one for a rule that is off only when the rule is on", () => {
    const malformed = applySuppressions([], [comment(2, " ladder-lint-ignore: no rule")], "a.yaml");
    expect(malformed.map((p) => p.rule)).toEqual(["unknown-lint-rule"]);
    const unused = [comment(2, " ladder-lint-ignore cell-length: old")];
    expect(applySuppressions([], unused, "a.yaml").map((p) => p.rule)).toEqual(["unused-suppression"]);
    expect(applySuppressions([], unused, "a.yaml", { rules: { "cell-length": "off" } })).toEqual([]);
  });

  it("ignores comments that only mention the marker later in their text", () => {
    expect(applySuppressions([finding(5)], [comment(4, " see ladder-lint-ignore in docs/lint.md")], "a.yaml")).toEqual([
      finding(5),
    ]);
  });
});
