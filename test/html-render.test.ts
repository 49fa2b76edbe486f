/**
 * The HTML page without a browser: parsed with parse5, it is error-free HTML that shows every cell's exact text,
 * injects nothing from hostile text, allows exactly its own inline style and script by hash, and stays small.
 */
import vm from "node:vm";
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { describe, expect, test } from "vitest";
import { shownText } from "../generators/html/escape.js";
import { inlineable, pageScript, sha256 } from "../generators/html/inline.js";
import { pageAssets, renderHtml } from "../generators/html/render.js";

const { csp: CSP, script: SCRIPT, style: STYLE } = pageAssets();

import { artifactsOf, INDEX_FILES } from "../generators/shared/artifacts.js";
import type { Ladder } from "../scripts/model/model.js";
import { cellsOf, FIXTURES, loadLadder } from "./helpers/html-page.js";

type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

/** Parses a page, failing on any HTML parse error. */
function parsePage(html: string): Element[] {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  expect(errors).toEqual([]);
  const all: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if ("tagName" in child) {
        all.push(child);
        walk(child);
      }
    }
  };
  walk(document);
  return all;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const textOf = (e: Element): string =>
  e.childNodes
    .map((n) => ("value" in n && n.nodeName === "#text" ? n.value : "tagName" in n ? textOf(n) : ""))
    .join("");
const byId = (all: Element[], id: string) => all.find((e) => attr(e, "id") === id);

const pages = (Object.keys(FIXTURES) as Array<keyof typeof FIXTURES>).map((name) => {
  const ladder = loadLadder(FIXTURES[name]);
  return { name, file: `${name}.html`, ladder, html: renderHtml(ladder) };
});

describe.each(pages)("$file", ({ ladder, html }) => {
  const all = parsePage(html);

  test("shows every cell's exact text in the matrix and in its level's section", () => {
    for (const cell of cellsOf(ladder)) {
      expect(textOf(byId(all, cell.id) as Element), cell.id).toBe(shownText(cell.text));
      const entry = byId(all, `level-${cell.level}--${cell.competency}`) as Element;
      const dd = entry.childNodes.find((n) => "tagName" in n && n.tagName === "dd") as Element;
      expect(textOf(dd), entry && attr(entry, "id")).toBe(shownText(cell.text));
    }
  });

  test("shows titles and names as written, in a table with caption and scoped headers", () => {
    expect(textOf(all.find((e) => e.tagName === "title") as Element)).toBe(shownText(ladder.title));
    expect(textOf(all.find((e) => e.tagName === "h1") as Element)).toBe(shownText(ladder.title));
    const matrix = all.find((e) => e.tagName === "table" && attr(e, "class") === "matrix") as Element;
    expect(matrix.childNodes.some((n) => "tagName" in n && n.tagName === "caption")).toBe(true);
    const columns = all.filter((e) => e.tagName === "th" && attr(e, "scope") === "col" && attr(e, "data-level"));
    expect(columns.map(textOf)).toEqual(ladder.levels.map((l) => shownText(`${l.title} (${l.code})`)));
    for (const category of ladder.categories) {
      const body = byId(all, `category-${category.id}`) as Element;
      const groupHeader = parsePageFind(body, (e) => e.tagName === "th" && attr(e, "scope") === "rowgroup");
      const withNote = (name: string, note?: string) => shownText(note === undefined ? name : `${name} ${note}`);
      expect(groupHeader && textOf(groupHeader)).toBe(withNote(category.name, category.description));
      for (const competency of category.competencies) {
        const row = byId(all, `competency-${competency.id}`) as Element;
        const header = row.childNodes.find((n) => "tagName" in n && n.tagName === "th") as Element;
        expect(attr(header, "scope")).toBe("row");
        expect(textOf(header)).toBe(withNote(competency.name, competency.description));
      }
    }
  });

  test("holds only its own elements: one style, one script, no handlers, no external reference", () => {
    const allowed = new Set(
      "html head meta title style body header h1 h2 h3 h4 p nav ul li a div label input button select option main section table caption thead tbody tr th td dl dt dd ins del span script".split(
        " ",
      ),
    );
    expect(all.filter((e) => !allowed.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
    expect(all.filter((e) => e.tagName === "script").map((e) => e.attrs)).toEqual([[]]);
    expect(all.filter((e) => e.tagName === "style")).toHaveLength(1);
    expect(all.flatMap((e) => e.attrs.filter((a) => /^on|^style$|^src$/i.test(a.name)))).toEqual([]);
    const ids = all.flatMap((e) => attr(e, "id") ?? []);
    expect(new Set(ids).size).toBe(ids.length);
    // Links stay inside the page, or go to this ladder's other downloads and the index beside it in dist/.
    const files = [...artifactsOf(ladder.id).map((a) => a.path), INDEX_FILES.html];
    for (const link of all.filter((e) => e.tagName === "a")) {
      const href = attr(link, "href") as string;
      expect(href.startsWith("#compare") || ids.includes(href.slice(1)) || files.includes(href), href).toBe(true);
    }
  });

  test("allows exactly its inline style and script by their sha256, and nothing else", () => {
    const meta = all.find((e) => attr(e, "http-equiv") === "Content-Security-Policy") as Element;
    const policy = new Map(
      (attr(meta, "content") as string).split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(" ")] as const;
      }),
    );
    const script = all.find((e) => e.tagName === "script") as Element;
    const style = all.find((e) => e.tagName === "style") as Element;
    expect(policy.get("default-src")).toBe("'none'");
    expect(policy.get("script-src")).toBe(`'${sha256(textOf(script))}'`);
    expect(policy.get("style-src")).toBe(`'${sha256(textOf(style))}'`);
    expect(policy.get("base-uri")).toBe("'none'");
    expect(attr(meta, "content")).not.toMatch(/unsafe|https?:|data:|\*/);
    expect(textOf(script)).toBe(SCRIPT);
    expect(textOf(style)).toBe(STYLE);
  });

  test("is the same bytes every time, and leaves the ladder unchanged", () => {
    const before = structuredClone(ladder);
    expect(renderHtml(ladder)).toBe(html);
    expect(ladder).toEqual(before);
  });
});

function parsePageFind(root: Element, match: (e: Element) => boolean): Element | undefined {
  for (const child of root.childNodes) {
    if (!("tagName" in child)) continue;
    if (match(child)) return child;
    const found = parsePageFind(child, match);
    if (found) return found;
  }
  return undefined;
}

test("the seed's page, script and style included, is under 72 KB", () => {
  const seed = pages.find((p) => p.name === "sre")?.html as string;
  expect(Buffer.byteLength(seed, "utf8")).toBeLessThan(72 * 1024);
});

test("the page script is the shared word diff and page.js, one script with nothing to import or export", () => {
  expect(() => new vm.Script(SCRIPT)).not.toThrow();
  expect(SCRIPT).toContain("function diffWords(before, after)");
  expect(SCRIPT).not.toMatch(/^\s*(import|export)\b/m);
  expect(pageScript([{ name: "a.js", text: 'import { b } from "./b.js";\nexport const a = b;\n' }])).toBe(
    '(() => {\n"use strict";\nconst a = b;\n})();\n',
  );
  expect(() => pageScript([{ name: "a.js", text: 'import x from "node:fs";\n' }])).toThrow(/a\.js: only imports/);
  expect(() => inlineable("script", "const s = '</SCRIPT>';")).toThrow(/<\/script/);
  expect(() => inlineable("style", "a { b: c } <!-- x")).toThrow(/<!--/);
  expect(CSP).toContain(`'${sha256(SCRIPT)}'`);
});

test("shows descriptions and examples, and has no compare view for a single level", () => {
  const ladder: Ladder = {
    id: "tiny",
    file: "ladder/tiny.yaml",
    title: "Tiny",
    levels: [{ id: "l1", code: "L1", title: "Only", summary: "The one level." }],
    categories: [
      {
        id: "craft",
        name: "Craft",
        description: "How the work is done.",
        competencies: [
          {
            id: "testing",
            name: "Testing",
            description: "Tests that <catch> bugs.",
            cells: { l1: "Writes tests." },
            examples: { l1: ["Added a <regression> test", "Fixed a flaky test"] },
          },
        ],
      },
    ],
  };
  const all = parsePage(renderHtml(ladder));
  const text = all.map(textOf).join("\n");
  for (const shown of ["The one level.", "How the work is done.", "Tests that <catch> bugs.", "Fixed a flaky test"]) {
    expect(text).toContain(shown);
  }
  expect(all.filter((e) => e.tagName === "li" && textOf(e) === "Added a <regression> test")).toHaveLength(1);
  expect(byId(all, "compare")).toBeUndefined();
  expect(byId(all, "compare-link")).toBeUndefined();
});
