/**
 * The seed page's header, overflow cue and print, in Chromium, and axe-core (WCAG 2.2 A/AA) on the views a
 * promotion conversation uses, in light, dark and phone. `sre-linked` is the seed built with a version and a
 * configured GitHub repository, so the header's stamp and every "propose a change" link are on it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderHtml } from "../generators/html/render.js";
import { artifactsOf } from "../generators/shared/artifacts.js";
import { competencyRows } from "../scripts/model/model.js";
import {
  axeViolations,
  browserOrSkip,
  contextOptions,
  FIXTURES,
  launch,
  layoutMoves,
  loadLadder,
  type PageServer,
  screenshot,
  servePages,
  watchErrors,
  watchLayout,
} from "./helpers/html-page.js";

const chromiumPath = browserOrSkip("test/html-header-print.test.ts");
const sre = loadLadder(FIXTURES.sre);
const { version: _version, ...unversioned } = sre;
const REPOSITORY = "https://github.com/example-org/ladders";
const linked = renderHtml({ ...sre, version: "2.1.0", effective: "2026-12-01" } as typeof sre, {
  site: { repository: REPOSITORY },
});

describe.skipIf(!chromiumPath)("the page's header, overflow cue and print", () => {
  let browser: Browser;
  let server: PageServer;
  beforeAll(async () => {
    browser = await launch(chromiumPath as string);
    server = await servePages({ "sre-linked": linked, "sre-unversioned": renderHtml(unversioned) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  /** A fresh page at a viewport; `check` then asserts it logged no error. */
  async function openAt(name: string, viewport: { width: number; height: number }, fragment = "", watch = false) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchErrors(page);
    if (watch) await watchLayout(page);
    await page.goto(server.url(name) + fragment);
    return {
      page,
      done: async () => {
        expect(errors).toEqual([]);
        await context.close();
      },
    };
  }

  test("the header links to every download and the index; with no version and no repository it says nothing of them", async () => {
    const { page, done } = await openAt("sre-unversioned", { width: 1280, height: 900 });
    const downloads = await page
      .locator(".downloads a")
      .evaluateAll((links) =>
        links.map((a) => ({ href: a.getAttribute("href"), text: a.textContent, download: a.hasAttribute("download") })),
      );
    expect(downloads).toEqual(
      artifactsOf("sre")
        .filter((a) => a.kind !== "html")
        .map((a) => ({ href: a.path, text: a.label, download: true })),
    );
    expect(await page.getAttribute(".crumbs a", "href")).toBe("index.html");
    expect(await page.locator(".stamp").count()).toBe(0);
    expect(await page.locator("a[href^='https:']").count()).toBe(0);
    await done();
  });

  test("with a version and a repository: the stamp, the source, and a propose link on every cell", async () => {
    const { page, done } = await openAt("sre-linked", { width: 1280, height: 900 }, "#level-l1");
    expect(await page.textContent(".stamp")).toBe("Version 2.1.0 · effective 2026-12-01");
    expect(await page.getAttribute(".downloads a:text('Source on GitHub')", "href")).toBe(
      `${REPOSITORY}/blob/HEAD/ladder/sre.yaml`,
    );
    const links = await page
      .locator("section.level .propose a")
      .evaluateAll((as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, name: a.textContent })));
    const cells = sre.levels.flatMap((level) => competencyRows(sre).map(({ competency }) => ({ level, competency })));
    expect(links).toHaveLength(cells.length);
    for (const [i, { level, competency }] of cells.entries()) {
      const url = new URL(links[i]?.href as string);
      expect(`${url.origin}${url.pathname}`).toBe(`${REPOSITORY}/issues/new`);
      expect(url.searchParams.get("title")).toBe(
        `Titles for Ops: ${competency.name} at ${level.title} (${level.code})`,
      );
      expect(url.searchParams.get("body")).toContain(
        `ladder/sre.yaml, competency \`${competency.id}\`, level \`${level.id}\``,
      );
      expect(links[i]?.name).toBe(`Propose a change to ${competency.name} at ${level.title} (${level.code})`);
    }
    await screenshot(page, "sre-linked-level-l1");
    await done();
  });

  test("at 900 px the matrix says which levels are off screen, and which way to scroll; at 1400 px it is silent", async () => {
    const narrow = await openAt("sre", { width: 900, height: 800 }, "", true);
    // The cue is laid out as the page is parsed: nothing moves once the script has run.
    expect(await layoutMoves(narrow.page)).toEqual([]);
    const cue = narrow.page.locator("#matrix-more");
    expect(await cue.isVisible()).toBe(true);
    expect(await cue.textContent()).toMatch(/^More levels to the right: (.+, )?Principal SRE \(L5\)\. Scroll sideways/);
    await screenshot(narrow.page, "sre-matrix-900-cue");
    await narrow.page.evaluate(() => scrollTo(document.documentElement.scrollWidth, 0));
    await expect.poll(() => cue.textContent()).toMatch(/^More levels to the left: Junior SRE \(L1\)/);
    await narrow.done();
    const wide = await openAt("sre", { width: 1400, height: 800 });
    expect(await wide.page.isHidden("#matrix-more")).toBe(true);
    await wide.done();
  });

  test("print asks for landscape, keeps words whole, clips nothing, and shows only the current view", async () => {
    // 297 mm less 2 × 12 mm margins, at 96 px per inch: the printable width of landscape A4.
    const { page, done } = await openAt("sre", { width: 1032, height: 700 }, "#matrix");
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
    expect(box, "the PDF has a page size").not.toBeNull();
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2]));
    await page.emulateMedia({ media: "print" });
    for (const selector of [".views", ".find", ".downloads", "#matrix-more", "#levels", "#compare"]) {
      expect(await page.isHidden(selector), selector).toBe(true);
    }
    const layout = await page.evaluate(() => {
      const split: string[] = [];
      const clipped: string[] = [];
      for (const cell of document.querySelectorAll<HTMLElement>("#matrix th, #matrix td")) {
        if (cell.scrollWidth > cell.clientWidth + 1) clipped.push(cell.id || cell.textContent || "");
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          // A line may end after a hyphen or slash ("high-" / "risk"), as in print; never inside a word.
          for (const word of (node.textContent ?? "").matchAll(/[^\s\-/]+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
            if (tops.size > 1) split.push(word[0]);
          }
        }
      }
      const table = document.querySelector("table.matrix")?.getBoundingClientRect();
      return { split, clipped, right: table?.right, width: document.documentElement.clientWidth };
    });
    expect(layout.split).toEqual([]);
    expect(layout.clipped).toEqual([]);
    expect(layout.right).toBeLessThanOrEqual(layout.width);
    await screenshot(page, "sre-print-matrix");
    await done();
  });
});

describe.skipIf(!chromiumPath)("axe on the conversation views", () => {
  let browser: Browser;
  let server: PageServer;
  beforeAll(async () => {
    browser = await launch(chromiumPath as string);
    server = await servePages({ "sre-linked": linked });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const VIEWS = [
    { name: "rewritten compare", page: "sre", at: "#compare=l1..l5" },
    { name: "next-level summary", page: "sre-linked", at: "#compare=l2..l3" },
    { name: "find in the URL", page: "sre", at: "?find=on+call#matrix" },
    { name: "level with propose links", page: "sre-linked", at: "#level-l3" },
  ];
  const cases = (["light", "dark"] as const).flatMap((scheme) =>
    (["desktop", "phone"] as const).map((width) => ({ scheme, width })),
  );
  test.each(cases)("$scheme, $width: no WCAG 2.2 A/AA violation", async ({ scheme, width }) => {
    const context = await browser.newContext(contextOptions(scheme, width, { bypassCSP: true }));
    const page: Page = await context.newPage();
    for (const view of VIEWS) {
      await page.goto(server.url(view.page) + view.at);
      await page.locator("#find-count").waitFor();
      expect(await axeViolations(page), view.name).toEqual([]);
    }
    // The overflow cue is on screen only at a middling width.
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto(server.url("sre"));
    if (width === "desktop") expect(await page.isVisible("#matrix-more")).toBe(true);
    expect(await axeViolations(page), "matrix at 900 px").toEqual([]);
    await context.close();
  });
});
