/**
 * The History view and the "changed since" marks, in Chromium: a versioned ladder with two recorded versions
 * (test/fixtures/versioned). Without a script the matrix marks the cells changed since the version before this
 * one; the selector moves the marks to any earlier version; each mark links to its version's section; the view
 * opens from the navigation and from `#version-…`. axe-core (WCAG 2.2 A/AA) in light, dark and phone; no
 * request but the page; nothing moving once the script has run.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderHtml } from "../generators/html/render.js";
import { caseLadder } from "./helpers/golden.js";
import {
  axeViolations,
  browserOrSkip,
  contextOptions,
  launch,
  layoutMoves,
  type PageServer,
  screenshot,
  servePages,
  watchErrors,
  watchLayout,
} from "./helpers/html-page.js";

const chromiumPath = browserOrSkip("test/html-history.test.ts");
const versioned = renderHtml(caseLadder("versioned"));

/** The marks of the matrix that are shown: cell id → the mark's text and link. */
const shownMarks = (page: Page) =>
  page.locator("#matrix td[data-changed]").evaluateAll((cells) =>
    Object.fromEntries(
      cells.flatMap((td) => {
        const mark = td.querySelector<HTMLAnchorElement>(".changed");
        return mark && !mark.hidden ? [[td.id, `${mark.textContent} → ${mark.getAttribute("href")}`]] : [];
      }),
    ),
  );

describe.skipIf(!chromiumPath)("the History view and the changed-since marks", () => {
  let browser: Browser;
  let server: PageServer;
  beforeAll(async () => {
    browser = await launch(chromiumPath as string);
    server = await servePages({ versioned });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  async function open(fragment = "", options: { javaScriptEnabled?: boolean } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url().split(/[?#]/)[0] as string));
    await watchLayout(page);
    await page.goto(server.url("versioned") + fragment);
    return {
      page,
      done: async () => {
        await page.waitForLoadState("networkidle");
        expect(errors).toEqual([]);
        // Nothing but the page itself: no favicon, font or image (the policy allows none).
        expect(requested.filter((url) => url !== server.url("versioned"))).toEqual([]);
        await context.close();
      },
    };
  }

  test("without a script: the cells changed since the previous version are marked, and every version is listed", async () => {
    const { page, done } = await open("", { javaScriptEnabled: false });
    expect(await shownMarks(page)).toEqual({
      "cell-tickets--s1": "Changed since 2.0.0 → #version-2.1.0",
      "cell-tickets--s2": "Changed since 2.0.0 → #version-2.1.0",
    });
    expect(await page.isVisible("#history")).toBe(true);
    expect(await page.locator("#history h3").allTextContents()).toEqual([
      "Version 2.1.0 (this version)",
      "Version 2.0.0",
    ]);
    expect(await page.textContent(".changes-key")).toBe(
      "Cells marked Changed since 2.0.0 differ from version 2.0.0; the history says how.",
    );
    await done();
  });

  test("the selector moves the marks to any earlier version, and to none", async () => {
    const { page, done } = await open();
    expect(await layoutMoves(page)).toEqual([]);
    expect(await page.isVisible("#since")).toBe(true);
    expect(await page.inputValue("#since")).toBe("2.0.0");
    await page.selectOption("#since", "1.0.0");
    expect(await shownMarks(page)).toEqual({
      "cell-tickets--s1": "Changed since 1.0.0 → #version-2.1.0",
      "cell-tickets--s2": "Changed since 1.0.0 → #version-2.1.0",
      "cell-escalation--s1": "Changed since 1.0.0 → #version-2.0.0",
      "cell-escalation--s2": "Changed since 1.0.0 → #version-2.0.0",
    });
    await screenshot(page, "versioned-marks-since-1.0.0");
    await page.selectOption("#since", "");
    expect(await shownMarks(page)).toEqual({});
    // The marks are not the cells' text: find does not match them.
    await page.fill("#find-text", "changed since");
    await expect.poll(() => page.textContent("#find-count")).toBe("No competency matches");
    await done();
  });

  test("the view opens from the navigation and from a version's fragment; a mark leads to its version", async () => {
    const { page, done } = await open();
    await page.click(".views a[href='#history']");
    // The page answers the change of fragment when its event has run: waited for, not read at once.
    await expect.poll(() => page.isVisible("#history")).toBe(true);
    expect(await page.isHidden("#matrix")).toBe(true);
    expect(await page.title()).toBe("History · Support ladder 2026");
    expect(await page.getAttribute(".views a[href='#history']", "aria-current")).toBe("true");
    const rows = await page.locator("#version-2-1-0, #version-2\\.1\\.0 tbody tr").allTextContents();
    expect(rows[0]).toContain("Tickets · Support Engineer (S1)expectation changed substantive");
    // The words that differ are marked in the texts, and said to a screen reader.
    expect(await page.locator("#version-2\\.1\\.0 ins").first().textContent()).toBe("added: the ");
    await page.goto(`${server.url("versioned")}#matrix`);
    await page.click("#cell-tickets--s1 .changed");
    await expect.poll(() => page.isVisible("#version-2\\.1\\.0")).toBe(true);
    await page.goto(`${server.url("versioned")}#version-2.0.0`);
    await expect.poll(() => page.isVisible("#history")).toBe(true);
    await screenshot(page, "versioned-history");
    await done();
  });

  const cases = (["light", "dark"] as const).flatMap((scheme) =>
    (["desktop", "phone"] as const).map((width) => ({ scheme, width })),
  );
  test.each(cases)(
    "$scheme, $width: no WCAG 2.2 A/AA violation, no request but the page",
    async ({ scheme, width }) => {
      const context = await browser.newContext(contextOptions(scheme, width, { bypassCSP: true }));
      const page = await context.newPage();
      for (const at of ["#matrix", "#history", "#version-2.0.0"]) {
        await page.goto(server.url("versioned") + at);
        await page.locator("#find-count").waitFor();
        if (at === "#matrix") await page.selectOption("#since", "1.0.0");
        expect(await axeViolations(page), at).toEqual([]);
      }
      await context.close();
    },
  );
});
