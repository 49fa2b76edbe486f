/**
 * Every artifact says which version of the ladder it is: the web page's header, the Markdown, the JSON, the
 * index page and dist/README.md, from the ladder's own fields and never a clock; our Markdown's version line
 * reads back on import.
 */
import { describe, expect, it } from "vitest";
import { renderIndexHtml, renderIndexMarkdown } from "../generators/index/render.js";
import { renderJson } from "../generators/json/render.js";
import { renderMarkdown } from "../generators/markdown/render.js";
import { markdownStamp, readMarkdownStamp, stampOf } from "../generators/shared/stamp.js";
import { importLadder } from "../scripts/import/import.js";
import type { Ladder } from "../scripts/model/model.js";
import { caseLadder } from "./helpers/golden.js";

const versioned = caseLadder("versioned");
const sre = caseLadder("sre");
const replaced: Ladder = { ...versioned, status: "superseded", replacedBy: "sre" };

describe("the stamp", () => {
  it("says version, date and a status other than current; nothing without the fields", () => {
    expect(stampOf(versioned)).toEqual({ text: "Version 2.1.0 · effective 2027-01-01 · legacy", replacedBy: null });
    expect(stampOf({ status: "current" })).toBeNull();
    expect(stampOf(sre)).toBeNull();
    expect(stampOf({ status: "superseded", replacedBy: "sre" })).toEqual({ text: "Superseded", replacedBy: "sre" });
  });

  it("reads its Markdown line back, and no other line", () => {
    const line = markdownStamp(
      stampOf(replaced) as NonNullable<ReturnType<typeof stampOf>>,
      (t) => t,
      (id) => `${id}.md`,
    );
    expect(line).toBe("*Version 2.1.0 · effective 2027-01-01 · superseded · replaced by [sre](sre.md)*");
    expect(readMarkdownStamp(line)).toEqual({
      version: "2.1.0",
      effective: "2027-01-01",
      status: "superseded",
      replacedBy: "sre",
    });
    for (const other of [
      "*Version 2.1*",
      "*Version 2.1.0 · version 2.2.0*",
      "*Version 2.1.0 · soon*",
      "Version 2.1.0",
      "\\*Version 2.1.0\\*",
      "*replaced by [sre](other.md)*",
    ]) {
      expect(readMarkdownStamp(other), other).toBeUndefined();
    }
  });
});

describe("every artifact carries it", () => {
  it("the Markdown: right under the title, linking the ladder that replaces it", () => {
    expect(renderMarkdown(versioned)).toMatch(
      /^# Support ladder 2026\n\n\*Version 2\.1\.0 · effective 2027-01-01 · legacy\*\n\n/,
    );
    expect(renderMarkdown(replaced)).toContain(
      "*Version 2.1.0 · effective 2027-01-01 · superseded · replaced by [sre](sre.md)*",
    );
    expect(renderMarkdown(sre)).toMatch(/^# Titles for Ops\n\nThe career ladder/);
  });

  it("the JSON: the fields, after the title, as the file has them", () => {
    const json = JSON.parse(renderJson({ ...replaced, status: "superseded" }));
    expect(Object.keys(json).slice(0, 7)).toEqual([
      "formatVersion",
      "id",
      "title",
      "version",
      "effective",
      "status",
      "replacedBy",
    ]);
    expect(json).toMatchObject({ version: "2.1.0", effective: "2027-01-01", status: "superseded", replacedBy: "sre" });
    expect(JSON.parse(renderJson(sre))).not.toHaveProperty("version");
  });

  it("the index page and dist/README.md: each ladder's stamp, the replacement named by its title", () => {
    const html = renderIndexHtml([replaced, sre]);
    expect(html).toContain(
      '<p class="stamp">Version 2.1.0 · effective 2027-01-01 · superseded · replaced by <a href="sre.html">Titles for Ops</a></p>',
    );
    expect(html.match(/class="stamp"/g)).toHaveLength(1);
    const readme = renderIndexMarkdown([replaced, sre]);
    expect(readme).toContain(
      "## [Support ladder 2026](versioned.md)\n\n*Version 2.1.0 · effective 2027-01-01 · superseded · replaced by [sre](sre.md)*\n",
    );
  });

  it("import gives our Markdown's version line back as the fields, not as the summary", () => {
    const result = importLadder(renderMarkdown(replaced), { format: "markdown", title: "x" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ladder).toMatchObject({
      title: "Support ladder 2026",
      version: "2.1.0",
      effective: "2027-01-01",
      status: "superseded",
      replacedBy: "sre",
      summary: versioned.summary,
    });
    // A summary that merely reads like a version line is escaped, so it stays the summary.
    const lookalike = importLadder(renderMarkdown({ ...sre, summary: "*Version 9.9.9*" }), {
      format: "markdown",
      title: "x",
    });
    expect(lookalike.ok && lookalike.ladder.summary).toBe("*Version 9.9.9*");
    expect(lookalike.ok && lookalike.ladder.version).toBeUndefined();
  });
});
