/** The sticky comment's pure core: cutting a body to fit, recognising it again, defusing, planning. */
import { describe, expect, it } from "vitest";
import {
  BodyTooLongError,
  CUT_MARKER,
  cutNote,
  defuse,
  fitBody,
  type IssueComment,
  isSameReport,
  planComment,
  stickyComments,
} from "../scripts/github/comment.js";

const head = "<!-- ladder-diff head=abc -->\n";
const body = `${head}## Summary\n\n${CUT_MARKER}\n## Table\n\n| a |\n\n${CUT_MARKER}\n## Details\n\n${"x".repeat(200)}\n`;
const note = cutNote("https://example.test/run/1");

describe("fitBody", () => {
  it("returns a body that fits unchanged", () => {
    expect(fitBody(body, body.length, note)).toBe(body);
  });

  it("cuts at the last cut marker that fits and appends the note", () => {
    const upToTable = body.indexOf(`${CUT_MARKER}\n## Details`);
    const fitted = fitBody(body, upToTable + note.length, note);
    expect(fitted).toBe(`${body.slice(0, upToTable)}${note}`);
    expect(fitted).toContain("## Table");
    const smaller = fitBody(body, upToTable + note.length - 1, note);
    expect(smaller).toBe(`${body.slice(0, body.indexOf(`${CUT_MARKER}\n## Table`))}${note}`);
  });

  it("keeps the marker line when no cut point fits, and refuses when not even that fits", () => {
    expect(fitBody(body, head.length + note.length, note)).toBe(`${head}${note}`);
    expect(() => fitBody(body, head.length + note.length - 1, note)).toThrow(BodyTooLongError);
  });

  it("never cuts at a marker that is not on a line of its own", () => {
    const inline = `${head}text ${CUT_MARKER} more ${"y".repeat(500)}\n`;
    expect(fitBody(inline, head.length + note.length + 50, note)).toBe(`${head}${note}`);
  });

  it("names where the full report is, or the run's summary and artifact when there is no link", () => {
    expect(note).toContain("[the workflow run](https://example.test/run/1)");
    expect(cutNote()).toContain("the job summary and the `ladder-diff` artifact of the workflow run");
  });
});

describe("isSameReport", () => {
  it("recognises the body itself and every cut of it, and nothing else", () => {
    expect(isSameReport(body, body, note)).toBe(true);
    const least = head.length + note.length;
    const cuts = [least, least + 20, least + 60, body.length - 1].map((limit) => fitBody(body, limit, note));
    expect(new Set(cuts).size).toBe(3);
    for (const cut of cuts) expect(isSameReport(cut, body, note)).toBe(true);
    expect(isSameReport(fitBody(body, least + 60, note), body.replace("| a |", "| b |"), note)).toBe(false);
    expect(isSameReport(`${body}more`, body, note)).toBe(false);
    expect(isSameReport(fitBody(body, least + 60, cutNote()), body, note)).toBe(false);
  });
});

describe("defuse", () => {
  it("breaks mentions and issue references with a zero-width space, once", () => {
    const once = defuse("@octocat @org/team #12 octo/repo#3 GH-4 a@b.example &#64;x &#x23;5 C# #sre-team &amp;");
    expect(once).toBe(
      "@\u200Boctocat @\u200Borg/team #\u200B12 octo/repo#\u200B3 GH-\u200B4 a@b.example &#64;\u200Bx &#x23;\u200B5 C# #sre-team &amp;",
    );
    expect(defuse(once)).toBe(once);
  });
});

const comment = (id: number, author: string, text: string, createdAt = `2026-01-01T00:0${id % 10}:00Z`) =>
  ({ id, author, body: text, createdAt }) satisfies IssueComment;

describe("planComment", () => {
  it("creates, updates the oldest of the author's marker comments, or does nothing", () => {
    expect(planComment([], body)).toEqual({ action: "create", body });
    const comments = [
      comment(3, "github-actions[bot]", `${head}newer`),
      comment(1, "octocat", `${head}a human's`),
      comment(2, "github-actions[bot]", `${head}older`),
      comment(4, "github-actions[bot]", "no marker"),
    ];
    expect(stickyComments(comments).map((c) => c.id)).toEqual([2, 3]);
    expect(planComment(comments, body)).toEqual({ action: "update", id: 2, body });
    expect(planComment(comments, `${head}older`)).toEqual({ action: "none", id: 2 });
    expect(planComment(comments, body, { author: "OCTOCAT" })).toEqual({ action: "update", id: 1, body });
  });

  it("orders comments made in the same second by id", () => {
    const same = "2026-01-01T00:00:00Z";
    const comments = [comment(9, "github-actions[bot]", head, same), comment(8, "github-actions[bot]", head, same)];
    expect(stickyComments(comments).map((c) => c.id)).toEqual([8, 9]);
  });
});
