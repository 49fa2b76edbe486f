import { createHash } from "node:crypto";
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { describe, expect, it } from "vitest";
import { renderIndexHtml, renderIndexMarkdown, urlPath } from "../generators/index/render.js";
import { renderDist } from "../scripts/dist/render.js";
import { levelLabel } from "../scripts/model/model.js";
import { caseLadder, caseLadders, expectedFile, goldenCases } from "./helpers/golden.js";
import { blocksOf, inlineText, markdownIt } from "./helpers/markdown-table.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** Parses HTML with parse5 (the algorithm browsers use), failing on any parse error. */
function parseStrict(html: string) {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (error) => errors.push(error.code) });
  expect(errors).toEqual([]);
  return document;
}

function elements(node: Node, tag?: string): Element[] {
  const found: Element[] = [];
  const walk = (n: Node) => {
    if ("tagName" in n && (!tag || n.tagName === tag)) found.push(n);
    const children = "childNodes" in n ? n.childNodes : [];
    const content = "content" in n ? [n.content as Node] : [];
    for (const child of [...children, ...content]) walk(child);
  };
  walk(node);
  return found;
}

const text = (node: Node): string =>
  "value" in node && node.nodeName === "#text"
    ? node.value
    : "childNodes" in node
      ? node.childNodes.map(text).join("")
      : "";
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

/** Every ladder of every case, as one index would list them. */
const allLadders = () => goldenCases().flatMap((name) => caseLadders(name));

describe("the index generators", () => {
  for (const name of goldenCases()) {
    it(`render the ${name} case as its golden index.html and README.md`, async () => {
      const ladders = caseLadders(name);
      await expect(renderIndexHtml(ladders)).toMatchFileSnapshot(expectedFile(name, "index.html"));
      await expect(renderIndexMarkdown(ladders)).toMatchFileSnapshot(expectedFile(name, "README.md"));
    });
  }

  it("write a valid, self-contained page whose only style is allowed by its hash", () => {
    const document = parseStrict(renderIndexHtml(allLadders()));
    const [html] = elements(document, "html");
    expect(html && attr(html, "lang")).toBe("en");
    const csp = elements(document, "meta").find((m) => attr(m, "http-equiv") === "Content-Security-Policy");
    const policy = (csp && attr(csp, "content")) ?? "";
    expect(policy).toMatch(/^default-src 'none'; /);
    const styles = elements(document, "style");
    expect(styles).toHaveLength(1);
    const hash = createHash("sha256")
      .update(text(styles[0] as Element), "utf8")
      .digest("base64");
    expect(policy).toContain(`style-src 'sha256-${hash}'`);
    expect(elements(document, "script")).toEqual([]);
    expect(elements(document).filter((e) => attr(e, "src") !== undefined || attr(e, "srcset") !== undefined)).toEqual(
      [],
    );
    expect(text(styles[0] as Element)).toContain("prefers-color-scheme: dark");
  });

  it("lists every ladder with its levels, and links only to files and fragments the build writes", () => {
    const ladders = allLadders();
    const dist = renderDist(ladders);
    const document = parseStrict(renderIndexHtml(ladders));
    const sections = elements(document, "section");
    expect(sections.map((s) => text(elements(s, "h2")[0] as Element))).toEqual(ladders.map((l) => l.title));
    sections.forEach((section, i) => {
      const ladder = ladders[i];
      if (!ladder) throw new Error("more sections than ladders");
      expect(attr(section, "aria-labelledby")).toBe(attr(elements(section, "h2")[0] as Element, "id"));
      const levels = elements(elements(section, "ol")[0] as Element, "a");
      expect(levels.map(text)).toEqual(ladder.levels.map(levelLabel));
      expect(elements(section, "a").length).toBe(1 + ladder.levels.length + 6);
    });
    for (const link of elements(document, "a")) {
      const [file, fragment] = (attr(link, "href") ?? "").split("#");
      const page = dist.get(decodeURIComponent(file ?? ""));
      expect(page, `link to ${file}`).toBeDefined();
      if (fragment) expect(page).toContain(`id="${fragment}"`);
    }
  });

  it("shows hostile titles exactly as written and injects nothing", () => {
    const ladder = caseLadder("hostile-content");
    const document = parseStrict(renderIndexHtml([ladder]));
    const [section] = elements(document, "section");
    expect(text(elements(section as Element, "h2")[0] as Element)).toBe(ladder.title);
    expect(text(elements(section as Element, "p")[0] as Element)).toBe(ladder.summary);
    expect(elements(document, "script")).toEqual([]);
    expect(elements(document, "b")).toEqual([]);
    expect(elements(document, "i")).toEqual([]);
  });

  it("writes a README whose links markdown-it reads as the build's files and level anchors", () => {
    const ladders = allLadders();
    const dist = renderDist(ladders);
    const readme = renderIndexMarkdown(ladders);
    const hrefs = markdownIt
      .parseInline(readme.replace(/\n/g, " "), {})[0]
      ?.children?.filter((t) => t.type === "link_open")
      .map((t) => String(t.attrGet("href") ?? ""));
    expect(hrefs?.length).toBe(ladders.reduce((n, l) => n + 1 + l.levels.length + 6, 0));
    for (const href of hrefs ?? []) {
      const [file, fragment] = href.split("#");
      const target = dist.get(decodeURIComponent(file ?? ""));
      expect(target, href).toBeDefined();
      if (fragment) expect(target).toContain(`<a id="${fragment}"></a>`);
    }
    const headings = blocksOf(readme).filter((b) => b.block === "heading_open:h2");
    expect(headings.map((h) => inlineText(h.children.slice(1, -1)))).toEqual(ladders.map((l) => l.title));
  });

  it("says so when there is no ladder", () => {
    expect(renderIndexHtml([])).toContain("No ladders yet");
    expect(renderIndexMarkdown([])).toContain("No ladders yet");
    parseStrict(renderIndexHtml([]));
  });

  it("percent-encodes file names, parentheses included", () => {
    expect(urlPath("my ladder (v2).md")).toBe("my%20ladder%20%28v2%29.md");
    expect(urlPath("sre.cells.csv")).toBe("sre.cells.csv");
  });
});
