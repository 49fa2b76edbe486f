/** Markdown escaping for GitHub comments (generators/report/escape.ts), on hostile text. */
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { code, fence, inline, type Md, md, raw, wordDiff } from "../generators/report/escape.js";
import { diffWords } from "../generators/shared/word-diff.js";

const ZWSP = "\u200B";
const markdown = new MarkdownIt({ html: true, linkify: true });
/** What a reader sees: the text of the rendered paragraph, tags removed and entities decoded. */
const seen = (m: Md) =>
  markdown
    .renderInline(m.text)
    .replace(/<br>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("inline", () => {
  it("escapes HTML, so no tag or comment of the text survives", () => {
    expect(inline("<script>alert(1)</script> & &amp; <!-- x -->").text).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; &lt;!-- x --&gt;",
    );
  });

  it("breaks mentions and references with a zero-width space", () => {
    expect(inline("@octocat, org/repo#7, #123, GH-5 and a@b.example").text).toBe(
      `@${ZWSP}octocat, org/repo#${ZWSP}7, #${ZWSP}123, GH-${ZWSP}5 and a@b.example`,
    );
    expect(inline("# heading and C# and issue #").text).toBe("\\# heading and C# and issue #");
  });

  it("escapes emphasis, code, links, math and table pipes", () => {
    const hostile = "*a* _b_ ~~c~~ `d` [e](f) $x$ | g \\ h {{i}}";
    expect(inline(hostile).text).toBe(
      "\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\[e\\](f) \\$x\\$ \\| g \\\\ h \\{\\{i\\}\\}",
    );
    expect(seen(inline(hostile))).toBe(hostile);
  });

  it("keeps the text on one line and stops it from opening a block", () => {
    expect(inline("Line one\r\nLine two\rthree\nfour").text).toBe("Line one<br>Line two<br>three<br>four");
    for (const start of ["# h", "> q", "- l", "+ l", "= s", "1. n", "2) n"]) {
      const rendered = markdown.render(inline(start).text);
      expect(rendered, start).toBe(`<p>${start.replace(">", "&gt;")}</p>\n`);
    }
    expect(markdown.render(inline("    indented").text)).toBe("<p>    indented</p>\n");
    expect(inline("trailing  ").text).toBe("trailing&#32;&#32;");
  });
});

describe("code and fence", () => {
  it("wraps a code span in more backticks than the text holds", () => {
    expect(code("a").text).toBe("`a`");
    expect(code("a `b` c").text).toBe("``a `b` c``");
    expect(code("`edge`").text).toBe("`` `edge` ``");
  });

  it("fences a block with more backticks than any run inside, and breaks HTML comments", () => {
    const text = "```\nfenced ```` code\n<!-- ladder-diff:cut -->\n```";
    const block = fence(text);
    expect(block.text.startsWith("`````text\n")).toBe(true);
    expect(block.text.endsWith("\n`````")).toBe(true);
    const [token] = markdown.parse(block.text, {}).filter((t) => t.type === "fence");
    expect(token.content).toBe(`${text.replace("<!--", `<!${ZWSP}--`)}\n`);
  });
});

describe("md and wordDiff", () => {
  it("escapes interpolated strings and keeps Markdown values as they are", () => {
    expect(md`**${"<b>"}** ${raw("_ours_")} ${3}`.text).toBe("**&lt;b&gt;** _ours_ 3");
    expect(md`${inline("*x*")}`.text).toBe("\\*x\\*");
  });

  it("writes an Md through Handlebars' escaping unchanged, and escapes a bare string", async () => {
    const Handlebars = (await import("handlebars")).default;
    const template = Handlebars.create().compile("{{a}} {{b}}");
    expect(template({ a: raw("<del>x</del>"), b: "<del>y</del>" })).toBe("<del>x</del> &lt;del&gt;y&lt;/del&gt;");
  });

  it("shows removed and inserted words distinctly, and the rest exactly", () => {
    const before = "Performs low-risk maintenance with help.";
    const after = "Performs low-risk maintenance independently.";
    const line = wordDiff(diffWords(before, after));
    expect(line.text).toBe("Performs low-risk maintenance <del>with help</del><ins>independently</ins>.");
    const hostile = wordDiff(diffWords("# one <b>", "# two <i>"));
    expect(hostile.text).toBe("\\# <del>one</del><ins>two</ins> &lt;<del>b</del><ins>i</ins>&gt;");
  });
});
