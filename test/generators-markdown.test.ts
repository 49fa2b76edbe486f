import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, unescapeMarkdown } from "../generators/markdown/escape.js";
import { renderMarkdown } from "../generators/markdown/render.js";
import { type Ladder, levelLabel } from "../scripts/model/model.js";
import { caseLadder, expectedFile, fixtures, goldenCases } from "./helpers/golden.js";
import { blocksOf, type Cell, inlineText, markdownIt, tablesOf } from "./helpers/markdown-table.js";

/** The seed's table with its one mojibake repaired, as the ladder holds it. */
const seed = readFileSync(path.join(fixtures, "seed/titles-for-ops.md"), "utf8").replace("doesnâ€™t", "doesn’t");
const tableLines = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("|"));

/** The matrix as the ladder says it should read: header, then a bold row per category, italic per competency. */
function expectedMatrix(ladder: Ladder): Cell[][] {
  const plain = (text: string): Cell => ({ wrap: null, text });
  return [
    [plain("Category"), ...ladder.levels.map((level) => plain(levelLabel(level)))],
    ...ladder.categories.flatMap((category) => [
      [{ wrap: "strong" as const, text: category.name }, ...ladder.levels.map(() => plain(""))],
      ...category.competencies.map((competency) => [
        { wrap: "em" as const, text: competency.name },
        ...ladder.levels.map((level) => plain(competency.cells[level.id] ?? "")),
      ]),
    ]),
  ];
}

const hostileTexts = [
  "a | b",
  "\\|",
  "ends with \\",
  "</td><td>x</td> <script>alert(1)</script> <!-- c -->",
  "<http://example.com> and <b>bold</b>",
  "*em* **strong** _u_ __uu__ ~~s~~ ~s~",
  "`code` ``code`` ```",
  "[link](javascript:alert(1)) ![img](x) [^1] [ref]",
  "# heading",
  "not a heading #",
  "- item",
  "+ item",
  "* item",
  "1. item",
  "12) item",
  "> quote",
  "=== setext",
  "---",
  "    indented code",
  "\ttab first",
  "trailing space ",
  "\u00a0nbsp\u00a0",
  "Line one\nLine two\r\nLine three\rfour\n\nNew paragraph",
  "\n- list after a break",
  "&amp; &#42; &#x2A; & && &;",
  "$x^2$ and $$y$$",
  "{{handlebars}} {{{triple}}} {{> partial}}",
  "\\*not escaped\\*",
  "Zero‍width​joiners, é, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👨‍👩‍👧 النص العربي",
];

describe("the Markdown generator", () => {
  for (const name of goldenCases()) {
    it(`renders the ${name} case as its golden file`, async () => {
      const ladder = caseLadder(name);
      await expect(renderMarkdown(ladder)).toMatchFileSnapshot(expectedFile(name, `${ladder.id}.md`));
    });
  }

  it("reproduces the seed's table lines byte for byte", () => {
    const lines = tableLines(renderMarkdown(caseLadder("sre")));
    expect(lines).toEqual(tableLines(seed));
    expect(lines).toHaveLength(17);
  });

  it("gives a table that markdown-it reads back as the seed's table, cell for cell", () => {
    const [ours, ...moreOurs] = tablesOf(renderMarkdown(caseLadder("sre")));
    const [theirs] = tablesOf(seed);
    expect(moreOurs).toEqual([]);
    expect(ours).toEqual(theirs);
    expect(ours).toEqual(expectedMatrix(caseLadder("sre")));
  });

  for (const name of ["hostile-content", "pipe-in-cell", "three-rows-same-name", "unicode-titles"]) {
    it(`keeps every cell of ${name} exactly as written, with no markup injected`, () => {
      const ladder = caseLadder(name);
      const tables = tablesOf(renderMarkdown(ladder));
      expect(tables).toHaveLength(1);
      expect(tables[0]).toEqual(expectedMatrix(ladder));
    });
  }

  it("shows hostile titles, summaries and level sections exactly as written", () => {
    const ladder = caseLadder("hostile-content");
    const texts = blocksOf(renderMarkdown(ladder));
    const shown = (block: string) => texts.filter((b) => b.block === block).map((b) => inlineText(b.children));
    expect(shown("heading_open:h1")).toEqual([ladder.title]);
    expect(texts[1]?.block).toBe("paragraph_open:p");
    expect(inlineText(texts[1]?.children ?? [])).toBe(ladder.summary);
    expect(shown("heading_open:h2")).toEqual(ladder.levels.map(levelLabel));
    expect(shown("heading_open:h3")).toEqual(ladder.levels.flatMap(() => ladder.categories.map((c) => c.name)));
    for (const competency of ladder.categories.flatMap((c) => c.competencies)) {
      for (const level of ladder.levels) {
        const item = texts.find((b) => b.children[0]?.content === `<a id="level-${level.id}--${competency.id}">`);
        expect(item, `${level.id} ${competency.id}`).toBeDefined();
        const children = item?.children ?? [];
        // <a id>, </a>, strong_open, name, strong_close, then ": " and the cell's text.
        expect(children[2]?.type).toBe("strong_open");
        const closing = children.findIndex((t) => t.type === "strong_close");
        expect(inlineText(children.slice(3, closing))).toBe(competency.name);
        expect(inlineText(children.slice(closing + 1))).toBe(`: ${competency.cells[level.id]}`);
      }
    }
  });

  it("gives every level section and every entry a unique anchor built from ids", () => {
    const ladder = caseLadder("three-rows-same-name");
    const markdown = renderMarkdown(ladder);
    const anchors = [...markdown.matchAll(/<a id="([^"]+)">/g)].map((m) => m[1]);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(anchors).toContain("level-l2");
    expect(anchors).toContain("level-l1--mastery-on-call");
    expect(anchors).toHaveLength(ladder.levels.length * 5);
    expect(markdown).toContain("Levels: [Junior (L1)](#level-l1) · [Senior (L2)](#level-l2)");
    const headings = blocksOf(markdown).filter((b) => b.block === "heading_open:h2");
    expect(headings.map((h) => inlineText(h.children))).toEqual(["Junior (L1)", "Senior (L2)"]);
  });

  it("lays out summaries, descriptions and examples only where the ladder has them", () => {
    const markdown = renderMarkdown(caseLadder("summaries-and-examples"));
    expect(markdown).toContain("\nA ladder with every optional field filled in. - not a list; 1. not a list either.\n");
    expect(markdown).toContain("\n\\> Makes the work of others better (not a quote).\n");
    expect(markdown).toContain("\n  - Wrote the plan for the Q3 migration.\n  - \\- a dash first\n");
    expect(markdown).toContain("## About the competencies");
    expect(renderMarkdown(caseLadder("three-rows-same-name"))).not.toContain("About the competencies");
  });
});

describe("escapeMarkdown", () => {
  it("leaves plain prose alone", () => {
    const prose = "Uses our most common tools & systems (e.g. CI/CD); it's 100% fine: 1-2 areas, what's next?";
    expect(escapeMarkdown(prose)).toBe(prose);
  });

  for (const text of hostileTexts) {
    it(`shows ${JSON.stringify(text)} exactly, in a paragraph, a heading, a list item and a table cell`, () => {
      const escaped = escapeMarkdown(text);
      expect(escaped).not.toMatch(/[\r\n]/);
      const read = (markdown: string) => blocksOf(markdown).map((b) => inlineText(b.children));
      expect(read(`${escaped}\n`)).toEqual([text]);
      expect(read(`## ${escaped}\n`)).toEqual([text]);
      expect(read(`- ${escaped}\n`)).toEqual([text]);
      const [table] = tablesOf(`| a | b |\n| --- | --- |\n| ${escaped} | x |\n`);
      expect(table?.[1]).toEqual([
        { wrap: null, text },
        { wrap: null, text: "x" },
      ]);
      expect(markdownIt.render(`| ${escaped} |\n| --- |\n`)).not.toMatch(/<(?!\/?(table|thead|tbody|tr|th|td|br)\b)/);
    });

    it(`undoes its own escaping of ${JSON.stringify(text)}`, () => {
      expect(unescapeMarkdown(escapeMarkdown(text))).toBe(text);
    });
  }
});
