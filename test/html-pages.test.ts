/**
 * The ladder page in a real browser (Debian's Chromium): the seed page and the hostile-content page, in light and
 * dark, at desktop and phone widths, each view — every cell shown, no console error, no request beyond the page
 * itself, no axe-core WCAG 2.2 A/AA violation. Screenshots go to test/output/screenshots/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shownText } from "../generators/html/escape.js";
import {
  axeViolations,
  browserOrSkip,
  cellsOf,
  contextOptions,
  FIXTURES,
  type FixtureName,
  launch,
  layoutMoves,
  loadLadder,
  type PageServer,
  screenshot,
  servePages,
  watchErrors,
  watchLayout,
} from "./helpers/html-page.js";

const chromiumPath = browserOrSkip("test/html-pages.test.ts");

/** Each view, by the fragment that opens it and the section it shows. */
const VIEWS = [
  { name: "matrix", hash: "#matrix", shows: "#matrix" },
  { name: "level", hash: "#level-l2", shows: "#level-l2" },
  { name: "compare", hash: "#compare=l1..l2", shows: "#compare tbody" },
] as const;

/** Opens a view by changing the fragment, as a link would, and waits until it shows. */
async function openView(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, view.hash);
  await page.locator(view.shows).first().waitFor({ state: "visible" });
}

describe.skipIf(!chromiumPath)("the ladder page in Chromium", () => {
  let browser: Browser;
  let server: PageServer;
  beforeAll(async () => {
    browser = await launch(chromiumPath as string);
    server = await servePages();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cases = (Object.keys(FIXTURES) as FixtureName[]).flatMap((page) =>
    (["light", "dark"] as const).flatMap((scheme) =>
      (["desktop", "phone"] as const).map((width) => ({ page, file: `${page}.html`, scheme, width })),
    ),
  );

  test.each(cases)("$file, $scheme, $width: every cell, no jank, no error, no request", async (c) => {
    const ladder = loadLadder(FIXTURES[c.page]);
    const context = await browser.newContext(contextOptions(c.scheme, c.width));
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const served = server.requests.length;
    await watchLayout(page);
    await page.goto(server.url(c.page));

    const cells = await page.$$eval("td[id^='cell-']", (tds) =>
      tds.map((td) => ({ id: td.id, text: td.textContent, visible: td.checkVisibility() })),
    );
    expect(cells).toEqual(cellsOf(ladder).map((cell) => ({ id: cell.id, text: shownText(cell.text), visible: true })));

    // Enhancing the page must not make it jump: the script runs while the page is parsed, and once it has run
    // no element moves (compared as two layouts, so the machine's load cannot change the answer).
    expect(await layoutMoves(page)).toEqual([]);

    for (const view of VIEWS) {
      await openView(page, view);
      await screenshot(page, `${c.page}-${view.name}-${c.scheme}-${c.width}`);
    }
    // The page must leave the browser nothing to fetch: no favicon, font, image or anything else.
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    expect(requested).toEqual([server.url(c.page)]);
    expect(server.requests.slice(served)).toEqual([`GET /${c.page}.html`]);
    await context.close();
  });

  test.each(cases)("$file, $scheme, $width: axe finds no WCAG 2.2 A/AA violation in any view", async (c) => {
    // The page's CSP refuses axe's injected script; this context bypasses CSP for the axe run only.
    const context = await browser.newContext(contextOptions(c.scheme, c.width, { bypassCSP: true }));
    const page = await context.newPage();
    await page.goto(server.url(c.page));
    for (const view of VIEWS) {
      await openView(page, view);
      expect(await axeViolations(page), `${view.name} view`).toEqual([]);
    }
    await context.close();
  });
});
