/** The impact rule on real edits of the seed ladder's text (scripts/impact.ts has the rule in words). */
import { describe, expect, it } from "vitest";
import { impactOf, spellingEdit, textEdit, textImpact } from "../scripts/diff/impact.js";

/** [before, after] pairs taken from `ladder/sre.yaml`, with the edit a contributor might make. */
const editorial: Array<[string, string, string]> = [
  ["words split in the wrong place", "askin gothers", "asking others"],
  [
    "a missing space after a full stop",
    "help scoping and planning.Demonstrates curiosity",
    "help scoping and planning. Demonstrates curiosity",
  ],
  [
    "a verb agreeing with its subject",
    "Set their own direction once assigned work.",
    "Sets their own direction once assigned work.",
  ],
  ["another agreement fix", "but lack experience in all areas yet.", "but lacks experience in all areas yet."],
  [
    "a third",
    "Demonstrate project management and communication best practices.",
    "Demonstrates project management and communication best practices.",
  ],
  ["a letter swap", "Shadows on call shfits", "Shadows on call shifts"],
  [
    "a long word misspelt twice",
    "demonstrates consistent maturty in comunication",
    "demonstrates consistent maturity in communication",
  ],
  ["a hyphen", "Shadows on call shifts and assists with triaging", "Shadows on-call shifts and assists with triaging"],
  [
    "capitalisation",
    "Subject matter expert in at least one of our major systems.",
    "Subject Matter Expert in at least one of our major systems.",
  ],
  [
    "an ampersand spelt out",
    "Uses our most common tools & systems in day to day work.",
    "Uses our most common tools and systems in day-to-day work.",
  ],
  ["an en dash in a range", "Competent in 1-2 areas", "Competent in 1–2 areas"],
  [
    "typographic quotes",
    "Work doesn’t necessarily need to be reviewed",
    "Work doesn't necessarily need to be reviewed",
  ],
  ["doubled and trailing spaces", "Work is reviewed.  ", "Work is  reviewed."],
  ["a plural fixed", "Participates in higher risk maintenances.", "Participates in higher-risk maintenance."],
  ["British spelling made American", "Organises the team's behaviour", "Organizes the team's behavior"],
];

const substantive: Array<[string, string, string]> = [
  ["the issue's example", "Performs low-risk maintenance with help", "Performs low-risk maintenance independently"],
  ["a different level named", "Junior SRE", "Senior SRE"],
  ["a comparative", "Works independently on small projects", "Works independently on smaller projects"],
  ["a number", "Competent in 1-2 areas", "Competent in 2-3 areas"],
  ["digits run together", "Competent in 1-2 areas", "Competent in 12 areas"],
  ["a negation added", "Work is reviewed.", "Work is not reviewed."],
  [
    "a negation as a contraction",
    "Can lead the resolution of any problem.",
    "Can't lead the resolution of any problem.",
  ],
  ["never for always", "Able to disagree and commit, always.", "Able to disagree and commit, never."],
  ["one short word for another", "Leads high-risk maintenance", "Leads low-risk maintenance"],
  ["a word added", "Leads the team", "Leads the whole team"],
  ["a word removed", "Expert in multiple areas.", "Expert in areas."],
  ["and for any", "Able to contribute to almost any project.", "Able to contribute to almost and project."],
  // A grammar fix of short words is judged substantive: the rule errs towards asking a reviewer to look.
  ["a short verb corrected", "and are a reliable contributor", "and is a reliable contributor"],
  // One letter apart, but a different dictionary word: a typo "fixed" into another meaning.
  ["the issue's Expert → Expect", "Expert in multiple areas.", "Expect in multiple areas."],
  ["the issue's Leads → Loads", "Leads high-risk maintenance", "Loads high-risk maintenance"],
  ["the issue's large → larger", "manages large projects", "manages larger projects"],
];

describe("textImpact", () => {
  for (const [why, before, after] of editorial) {
    it(`calls ${why} editorial`, () => expect(textImpact(before, after)).toBe("editorial"));
  }
  for (const [why, before, after] of substantive) {
    it(`calls ${why} substantive`, () => expect(textImpact(before, after)).toBe("substantive"));
  }
  it("calls text that appears or disappears substantive", () => {
    expect(textImpact(undefined, "A new summary.")).toBe("substantive");
    expect(textImpact("An old summary.", undefined)).toBe("substantive");
  });
});

describe("spellingEdit", () => {
  it("allows one insertion, deletion or swap in short words, but no substitution", () => {
    expect(spellingEdit("teh", "the")).toBe(true);
    expect(spellingEdit("lack", "lacks")).toBe(true);
    expect(spellingEdit("and", "any")).toBe(false);
    expect(spellingEdit("in", "on")).toBe(false);
  });
  it("allows one edit up to seven letters and two beyond, always keeping the first letter", () => {
    expect(spellingEdit("recieve", "receive")).toBe(true);
    expect(spellingEdit("seperate", "separate")).toBe(true);
    expect(spellingEdit("small", "smaller")).toBe(false);
    expect(spellingEdit("junior", "senior")).toBe(false);
    expect(spellingEdit("increase", "decrease")).toBe(false);
  });
  it("refuses one dictionary word for another, but not a plural, an agreement or another spelling", () => {
    expect(spellingEdit("expert", "expect")).toBe(false);
    expect(spellingEdit("leads", "loads")).toBe(false);
    expect(spellingEdit("large", "larger")).toBe(false);
    expect(spellingEdit("process", "processes")).toBe(true);
    expect(spellingEdit("organise", "organize")).toBe(true);
    expect(spellingEdit("behaviour", "behavior")).toBe(true);
    expect(spellingEdit("maturty", "maturity")).toBe(true);
  });
});

describe("impactOf", () => {
  it("calls removals and a changed level code breaking", () => {
    for (const kind of ["ladder-removed", "level-removed", "competency-removed", "cell-removed"] as const) {
      expect(impactOf({ kind })).toBe("breaking");
    }
    expect(impactOf({ kind: "level-renamed", field: "code", before: "L5", after: "P5" })).toBe("breaking");
  });
  it("calls additions, id changes, level moves and moves to another category substantive", () => {
    for (const kind of ["ladder-added", "level-added", "category-added", "competency-added", "cell-added"] as const) {
      expect(impactOf({ kind })).toBe("substantive");
    }
    expect(impactOf({ kind: "competency-renamed", field: "id", before: "trust", after: "trusted" })).toBe(
      "substantive",
    );
    expect(impactOf({ kind: "level-moved", from: { position: 3 }, to: { position: 1 } })).toBe("substantive");
    const across = { from: { category: "skill", position: 1 }, to: { category: "engagement", position: 1 } };
    expect(impactOf({ kind: "competency-moved", ...across })).toBe("substantive");
  });
  it("calls reorders inside a parent editorial, and judges renames and cells by their text", () => {
    expect(impactOf({ kind: "category-moved", from: { position: 3 }, to: { position: 1 } })).toBe("editorial");
    const inside = { from: { category: "skill", position: 5 }, to: { category: "skill", position: 1 } };
    expect(impactOf({ kind: "competency-moved", ...inside })).toBe("editorial");
    expect(impactOf({ kind: "category-renamed", field: "name", before: "Skill", after: "Skills" })).toBe("editorial");
    expect(impactOf({ kind: "level-renamed", field: "title", before: "Senior SRE", after: "Staff SRE" })).toBe(
      "substantive",
    );
    expect(impactOf({ kind: "cell-changed", field: "text", before: "askin gothers", after: "asking others" })).toBe(
      "editorial",
    );
  });
});

describe("textEdit", () => {
  it("names a change of voice: pronouns only, all from the second person to the third (or back)", () => {
    const before = "Handles high-stakes incidents, and you often help others through theirs.";
    expect(textEdit(before, "Handles high-stakes incidents, and they often help others through theirs.")).toBe("voice");
    expect(textImpact(before, "Handles high-stakes incidents, and they often help others through theirs.")).toBe(
      "editorial",
    );
    expect(textEdit("You are trusted with your systems.", "She is trusted with her systems.")).toBe("voice");
    expect(textEdit("They help their team.", "You help your team.")).toBe("voice");
  });

  it("does not call swapped roles, or a pronoun with other rewording, a change of voice", () => {
    // Who helps whom changed: one swap each way.
    expect(textImpact("You help them debug.", "They help you debug.")).toBe("substantive");
    expect(textEdit("You help them debug.", "They help you debug.")).toBeUndefined();
    expect(textImpact("You lead small projects.", "They lead large projects.")).toBe("substantive");
    expect(textEdit("Leads small projects.", "Leads large projects.")).toBeUndefined();
  });

  it("names a whitespace-only edit, and nothing for other editorial edits", () => {
    expect(textEdit("planning.Demonstrates", "planning. Demonstrates")).toBe("whitespace");
    expect(textEdit("Work is reviewed.  ", "Work is reviewed.")).toBe("whitespace");
    expect(textEdit("Shadows on call shfits", "Shadows on call shifts")).toBeUndefined();
    expect(textEdit("Same.", "Same.")).toBeUndefined();
  });
});
