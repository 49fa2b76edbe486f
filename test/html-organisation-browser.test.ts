/**
 * A track's page in Chromium: the across-tracks view opened by its deep link, compare naming what is new and
 * what no longer applies, find over not-applicable reasons, the page with JavaScript off, and axe-core
 * (WCAG 2.2 A/AA) on every view in light, dark and phone. No request beyond the page, no console error.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderHtml } from "../generators/html/render.js";
import {
  axeViolations,
  browserOrSkip,
  contextOptions,
  launch,
  type PageServer,
  screenshot,
  servePages,
  watchErrors,
} from "./helpers/html-page.js";
import { ladders, organisation, qaTrack, sreTrack } from "./helpers/organisation-page.js";

const chromiumPath = browserOrSkip("test/html-organisation-browser.test.ts");

describe.skipIf(!chromiumPath)("a track's page in Chromium", () => {
  let browser: Browser;
  let server: PageServer;
  beforeAll(async () => {
    browser = await launch(chromiumPath as string);
    server = await servePages({
      "org-sre": renderHtml(sreTrack, { organisation, ladders }),
      "org-qa": renderHtml(qaTrack, { organisation, ladders }),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a deep link opens one competency across tracks at one level, and compare says what is new and what stops", async () => {
    const context = await browser.newContext(contextOptions("light", "desktop"));
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(`${server.url("org-sre")}#tracks-l2--on-call`);
    expect(await page.title()).toBe("SRE (L2) across tracks · Site Reliability");
    for (const hidden of ["#matrix", "#levels", "#compare"]) expect(await page.isHidden(hidden), hidden).toBe(true);
    expect(await page.isVisible("#tracks-l2")).toBe(true);
    expect(await page.$eval("#tracks-l2--on-call", (tr) => tr.matches(":target"))).toBe(true);
    expect(await page.locator("#tracks-l2--on-call td").allTextContents()).toEqual([
      "Takes shifts.",
      "Not in this track QA takes no shifts.",
    ]);
    await screenshot(page, "org-sre-across-tracks");

    await page.evaluate(() => {
      location.hash = "#compare=l1..l2";
    });
    await page.locator("#compare-summary h3").waitFor();
    const steps = await page
      .locator("#compare tr[data-competency]")
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-competency"), r.getAttribute("data-step")]));
    expect(steps).toEqual([
      ["communication", "rewritten"],
      ["on-call", "new"],
      ["tooling", "dropped"],
    ]);
    const groups = await page.locator("#compare-summary dt").allTextContents();
    expect(groups).toEqual(["New at SRE (L2) (1)", "Changed (1)", "No longer applies at SRE (L2) (1)"]);
    expect(await page.locator("#compare tr[data-competency='on-call'] td").first().textContent()).toBe(
      "Does not applyJuniors do not take shifts.",
    );

    // Find in the across-tracks view searches every track's text of a row.
    await page.evaluate(() => {
      location.hash = "#tracks-l2";
    });
    await page.fill("#find-text", "qa takes no");
    expect(await page.locator("#tracks-l2 tr[data-competency]:visible").evaluateAll((r) => r.map((e) => e.id))).toEqual(
      ["tracks-l2--on-call"],
    );
    await page.fill("#find-text", "");
    await page.evaluate(() => {
      location.hash = "#matrix";
    });
    await page.fill("#find-text", "juniors do not");
    expect(await page.locator("#matrix tr[data-competency]:visible").evaluateAll((r) => r.map((e) => e.id))).toEqual([
      "competency-on-call",
    ]);
    await page.waitForLoadState("networkidle");
    expect(requested).toEqual([server.url("org-sre")]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("with JavaScript off every across-tracks row is shown, and the other track's link is a plain link", async () => {
    const context = await browser.newContext(contextOptions("light", "phone", { javaScriptEnabled: false }));
    const page = await context.newPage();
    await page.goto(server.url("org-sre"));
    const rows = await page
      .locator("#tracks tr[data-competency]")
      .evaluateAll((r) => r.map((e) => [e.id, (e as HTMLElement).checkVisibility()]));
    expect(rows).toEqual([
      ["tracks-l2--communication", true],
      ["tracks-l2--on-call", true],
      ["tracks-l2--tooling", true],
    ]);
    expect(await page.getAttribute("#level-l2 .others a", "href")).toBe("qa.html#level-q2");
    await context.close();
  });

  const cases = (["light", "dark"] as const).flatMap((scheme) =>
    (["desktop", "phone"] as const).map((width) => ({ scheme, width })),
  );
  test.each(cases)("$scheme, $width: axe finds no WCAG 2.2 A/AA violation on the track's views", async (c) => {
    const context = await browser.newContext(contextOptions(c.scheme, c.width, { bypassCSP: true }));
    const page = await context.newPage();
    for (const [name, at] of [
      ["org-sre", "#matrix"],
      ["org-sre", "#level-l2"],
      ["org-sre", "#tracks-l2"],
      ["org-sre", "#compare=l1..l2"],
      ["org-qa", "#level-q2"],
    ] as const) {
      await page.goto(server.url(name) + at);
      await page.locator("#find-count").waitFor();
      expect(await axeViolations(page), `${name}${at}`).toEqual([]);
    }
    await screenshot(page, `org-qa-level-${c.scheme}-${c.width}`);
    await context.close();
  });
});
