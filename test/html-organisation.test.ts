/**
 * The page of a track in an organisation, without a browser: prose as the allowed Markdown only (everything
 * else shown as text), inherited items marked with their source, cells that do not apply shown as such with
 * their reason, the scale line, links to the same level in the other tracks, and one across-tracks view per
 * shared scale level. A ladder outside an organisation gets none of it.
 */
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { describe, expect, test } from "vitest";
import { proseHtml } from "../generators/html/prose.js";
import { renderHtml } from "../generators/html/render.js";
import { changedFiles } from "../scripts/diff/generated.js";
import type { Ladder } from "../scripts/model/model.js";
import { FIXTURES, loadLadder } from "./helpers/html-page.js";
import { core, ladders, organisation, qaTrack, sreTrack } from "./helpers/organisation-page.js";

type Element = DefaultTreeAdapterMap["element"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];

function elements(html: string): Element[] {
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
const byId = (all: Element[], id: string) => all.find((e) => attr(e, "id") === id) as Element;
const html = renderHtml(sreTrack, { organisation, ladders });
const all = elements(html);

describe("prose", () => {
  test("renders paragraphs, lists, bold, italic, code and links; anything else stays visible text", () => {
    const out = proseHtml([
      {
        heading: "A <b>heading</b>",
        depth: 3,
        text: "**b** *i* `c<d>` [ok](https://example.com/a?b=1&c=2) [no](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n1. one\n2. two\n\n# not a heading\n\n| a |\n|---|\n\n![image](https://example.com/i.png)",
      },
    ]) as string;
    const parsed = elements(`<!doctype html><html lang="en"><head><title>t</title></head><body>${out}</body></html>`);
    const tags = new Set(parsed.map((e) => e.tagName));
    for (const tag of ["img", "table", "script", "h1", "b"]) expect(tags.has(tag), tag).toBe(false);
    expect([...tags].filter((t) => !["html", "head", "title", "body"].includes(t)).sort()).toEqual(
      ["a", "code", "em", "h3", "li", "ol", "p", "strong"].sort(),
    );
    const links = parsed.filter((e) => e.tagName === "a");
    expect(links.map((a) => attr(a, "href"))).toEqual(["https://example.com/a?b=1&c=2", "https://example.com/i.png"]);
    expect(links.every((a) => attr(a, "rel") === "noopener noreferrer")).toBe(true);
    const text = parsed.map(textOf).join(" ");
    for (const shown of [
      "A <b>heading</b>",
      "[no](javascript:alert(1))",
      "<img src=x onerror=alert(1)>",
      "# not a heading",
    ]) {
      expect(text).toContain(shown);
    }
    expect(proseHtml(undefined)).toBeNull();
    expect(proseHtml([])).toBeNull();
  });

  test("the ladder's prose stands before the matrix, its afterword after every view, a level's in its section", () => {
    const order = all.map((e) => attr(e, "id") ?? (attr(e, "class") === "prose" ? "prose" : "")).filter(Boolean);
    expect(order.indexOf("prose")).toBeLessThan(order.indexOf("matrix"));
    expect(order.lastIndexOf("prose")).toBeGreaterThan(order.indexOf("tracks"));
    const level = textOf(byId(all, "level-l1"));
    expect(level).toContain("New on call: shadow first.");
    expect(textOf(byId(all, "about-title"))).toBe("About the competencies");
    const about = all.find((e) => attr(e, "class") === "about") as Element;
    expect(textOf(about)).toContain("Pages come at night.");
    expect(textOf(about)).toContain("It matters.");
    expect(html).toContain("two &lt;script&gt;x&lt;/script&gt;");
  });
});

describe("a track's page", () => {
  test("marks inherited rows and categories with their source, and a cell that overrides it", () => {
    const row = byId(all, "competency-communication");
    expect(row.childNodes.some((n) => "tagName" in n && textOf(n as Element).includes("from Core"))).toBe(true);
    expect(textOf(byId(all, "category-engagement"))).toContain("Engagement from Core");
    expect(textOf(byId(all, "cell-communication--l1"))).toBe("Asks for help.");
    expect(textOf(byId(all, "cell-communication--l2"))).toBe("own text Writes incident reviews.");
    expect(textOf(byId(all, "level-l2--communication"))).toContain("Communication from Core");
  });

  test("shows cells that do not apply as such, with the reason when there is one", () => {
    const onCall = byId(all, "cell-on-call--l1");
    expect(attr(onCall, "data-na")).toBe("Juniors do not take shifts.");
    expect(textOf(onCall)).toBe("Does not apply Juniors do not take shifts.");
    expect(textOf(byId(all, "cell-tooling--l2"))).toBe("Does not apply");
    expect(attr(byId(all, "cell-tooling--l2"), "data-na")).toBe("");
    expect(textOf(byId(all, "level-l1--on-call"))).toContain("Does not apply Juniors do not take shifts.");
  });

  test("names the track, each level's scale level, and links to the same level in the other tracks", () => {
    expect(textOf(all.find((e) => attr(e, "class") === "track") as Element)).toBe("The SRE track of Acme Engineering");
    const l2 = byId(all, "level-l2");
    const scale = (l2.childNodes as Element[]).find((n) => "tagName" in n && attr(n, "class") === "scale") as Element;
    expect(textOf(scale)).toBe("Intermediate (L2) on the Individual contributor scale: Works independently.");
    const links = all.filter((e) => e.tagName === "a" && /\.html#level-/.test(attr(e, "href") ?? ""));
    expect(links.map((a) => [attr(a, "href"), textOf(a)])).toEqual([["qa.html#level-q2", "QA: QA Engineer (L2)"]]);
    // L1 has no other track on its scale level (QA starts at L2): no links, no across view.
    expect(textOf(byId(all, "level-l1"))).not.toContain("Same level in other tracks");
    expect(byId(all, "tracks-l1")).toBeUndefined();
  });

  test("compares each competency across the tracks at one scale level", () => {
    const view = byId(all, "tracks-l2");
    const headers = all.filter((e) => e.tagName === "th" && attr(e, "scope") === "col" && isInside(view, e));
    expect(headers.map(textOf)).toEqual(["Competency", "SRE: SRE (L2)", "QA: QA Engineer (L2)"]);
    const cells = (id: string) =>
      (byId(all, `tracks-l2--${id}`).childNodes as Element[]).filter((n) => n.tagName === "td").map(textOf);
    expect(cells("communication")).toEqual(["Writes incident reviews.", "Helps others."]);
    expect(cells("on-call")).toEqual(["Takes shifts.", "Not in this track QA takes no shifts."]);
    expect(cells("tooling")).toEqual(["Does not apply", "Not in this track"]);
    expect(
      attr(
        byId(all, "level-l2--on-call").childNodes.find(
          (n) => "tagName" in n && n.tagName === "dd" && attr(n, "class") === "propose",
        ) as Element,
        "class",
      ),
    ).toBe("propose");
  });

  test("the QA track links back to SRE at the same scale level, and a base ladder (no track) names its role", () => {
    const qa = elements(renderHtml(qaTrack, { organisation, ladders }));
    const links = qa.filter((e) => e.tagName === "a" && /\.html#level-/.test(attr(e, "href") ?? ""));
    expect(links.map((a) => attr(a, "href"))).toEqual(["sre.html#level-l2"]);
    expect(textOf(byId(qa, "find-count"))).toBe("1 competency");
    const dropped = qa.find((e) => attr(e, "class") === "dropped") as Element;
    expect(textOf(dropped)).toContain("On call from Core: QA takes no shifts.");
    const base = elements(renderHtml(core, { organisation, ladders }));
    expect(textOf(base.find((e) => attr(e, "class") === "track") as Element)).toBe(
      "Shared by the tracks of Acme Engineering",
    );
  });

  test("a proposed change to an inherited cell names the base ladder's file that holds its text", () => {
    const site = { repository: "https://github.com/example-org/ladders" };
    const page = elements(renderHtml(sreTrack, { organisation, ladders, site }));
    const body = (id: string) => {
      const link = findLink(byId(page, id)) as Element;
      return new URL(attr(link, "href") as string).searchParams.get("body");
    };
    expect(body("level-l1--communication")).toContain("The text is inherited from ladder/core.yaml.");
    expect(body("level-l2--communication")).not.toContain("inherited");
  });

  test("is the same bytes every time", () => {
    expect(renderHtml(sreTrack, { organisation, ladders })).toBe(html);
  });
});

test("past a dozen other tracks, a page links to the index for them, so pages grow with one track, not all", () => {
  // The QA track copied 40 times: every copy shares L2 with the SRE track.
  const copies = Array.from({ length: 40 }, (_, i) => ({
    ...qaTrack,
    id: `qa-${i + 1}`,
    file: `ladder/qa-${i + 1}.yaml`,
  }));
  const many = {
    ...organisation,
    tracks: [...organisation.tracks, ...copies.map((c, i) => ({ ladder: c.id, name: `QA ${i + 1}` }))],
  };
  const big = renderHtml(sreTrack, { organisation: many, ladders: [...ladders, ...copies] });
  const page = elements(big);
  expect(page.filter((e) => e.tagName === "a" && /\.html#level-/.test(attr(e, "href") ?? ""))).toEqual([]);
  expect(byId(page, "tracks-l2")).toBeUndefined();
  const pointer = page.find((e) => e.tagName === "a" && attr(e, "href") === "index.html#organisation") as Element;
  expect(textOf(pointer)).toBe("41 other tracks have a level here: see every title side by side");
  // L1 shares its scale level with no other track: no pointer there.
  expect(textOf(byId(page, "level-l1"))).not.toContain("other tracks");
  // Forty more tracks add less to the page than the one QA track's comparison did.
  expect(big.length).toBeLessThan(html.length);
});

test("a ladder outside an organisation has no marks, nothing left out, no not-applicable cells and no across view", () => {
  const page = renderHtml(loadLadder(FIXTURES.sre));
  const seed = page.slice(0, page.indexOf("<script>"));
  for (const absent of [
    'class="from"',
    "Does not apply",
    'id="tracks"',
    'class="track"',
    'class="scale"',
    'class="prose"',
  ]) {
    expect(seed).not.toContain(absent);
  }
});

function isInside(root: Element, node: Element): boolean {
  for (
    let at: ParentNode | null = node.parentNode;
    at;
    at = "parentNode" in at ? (at.parentNode as ParentNode | null) : null
  ) {
    if (at === root) return true;
  }
  return false;
}

describe("ladder diff's list of changed generated files", () => {
  const edits: Array<[string, (l: Ladder) => void]> = [
    ["prose text", (l) => Object.assign(l.prose?.[0] ?? {}, { text: "Changed." })],
    ["afterword heading", (l) => Object.assign(l.afterword?.[0] ?? {}, { heading: "Changed" })],
    ["a level's prose", (l) => Object.assign(l.levels[0] ?? {}, { prose: [{ text: "Other." }] })],
    ["a not-applicable reason", (l) => Object.assign(rowsOf(l)[1]?.notApplicable ?? {}, { l1: "Other reason." })],
    ["a cell's source", (l) => Object.assign(rowsOf(l)[0] ?? {}, { cellsFrom: {} })],
    ["a category's source", (l) => Object.assign(l.categories[0] ?? {}, { from: undefined })],
    ["the scale level's meaning", (l) => Object.assign(l.organisation?.scaleLevels.s2 ?? {}, { summary: "Other." })],
    ["the version", (l) => Object.assign(l, { version: "2.0.0" })],
  ];
  test.each(edits)("names the page when %s changes, as rendering both sides does", (_, edit) => {
    const head = structuredClone(sreTrack);
    edit(head);
    expect(renderHtml(head)).not.toBe(renderHtml(sreTrack));
    expect(changedFiles([sreTrack], [head]).map((f) => f.path)).toContain("dist/sre.html");
  });
});

const rowsOf = (ladder: Ladder) => ladder.categories.flatMap((c) => c.competencies);

function findLink(root: Element): Element | undefined {
  for (const child of root.childNodes) {
    if (!("tagName" in child)) continue;
    if (child.tagName === "a" && (attr(child, "href") ?? "").includes("/issues/new")) return child;
    const found = findLink(child);
    if (found) return found;
  }
  return undefined;
}
