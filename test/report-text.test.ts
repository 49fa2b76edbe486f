/** How a changed text reads in the report: visible whitespace, a gap between runs, problems as Markdown. */
import { describe, expect, it } from "vitest";
import { GAP, messageMarkdown, shownDiff, whitespaceNote } from "../scripts/diff/report-text.js";

describe("the word diff as shown", () => {
  it("keeps a removed and an inserted run apart with a thin space that belongs to neither text", () => {
    expect(shownDiff("with help.", "independently.").text).toBe(`<del>with help</del>${GAP}<ins>independently</ins>.`);
    expect(shownDiff("Leads the team", "Leads the whole team").text).toBe("Leads the <ins>whole </ins>team");
  });

  it("shows whitespace inserted or removed on its own as signs, and says where in words", () => {
    expect(shownDiff("planning.Demonstrates", "planning. Demonstrates").text).toBe("planning.<ins>␣</ins>Demonstrates");
    expect(whitespaceNote("planning.Demonstrates", "planning. Demonstrates")?.text).toBe(
      "Whitespace: a space added between “planning.” and “Demonstrates”.",
    );
    expect(whitespaceNote("Work is  reviewed.", "Work is reviewed.")?.text).toBe(
      "Whitespace: 2 spaces replaced by a space between “is” and “reviewed.”.",
    );
    expect(whitespaceNote("Work is reviewed.", "Work is reviewed. ")?.text).toBe(
      "Whitespace: a space added at the end, after “reviewed.”.",
    );
    expect(whitespaceNote("Leads the team", "Leads the whole team")).toBeUndefined();
  });

  it("escapes the words it quotes", () => {
    expect(whitespaceNote("**x**y", "**x** y")?.text).toBe(
      "Whitespace: a space added between “\\*\\*x\\*\\*” and “y”.",
    );
  });
});

describe("a problem's message", () => {
  it("keeps its code spans as code and escapes the rest", () => {
    expect(messageMarkdown("unknown key `levls` in the ladder; did you mean `levels`?").text).toBe(
      "unknown key `levls` in the ladder; did you mean `levels`?",
    );
    expect(messageMarkdown('says "<b>you</b>" `x` and *this*').text).toBe(
      'says "&lt;b&gt;you&lt;/b&gt;" `x` and \\*this\\*',
    );
    expect(messageMarkdown("a stray ` backquote").text).toBe("a stray \\` backquote");
  });
});

describe("the impact label", () => {
  it("names an editorial edit that is only voice or only whitespace", async () => {
    const { impactLabel } = await import("../scripts/diff/report-words.js");
    expect(impactLabel("editorial", "voice").text).toBe("_editorial_ (voice only)");
    expect(impactLabel("editorial", "whitespace").text).toBe("_editorial_ (whitespace only)");
    expect(impactLabel("editorial").text).toBe("_editorial_");
    expect(impactLabel("substantive").text).toBe("substantive");
  });
});
