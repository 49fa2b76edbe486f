/**
 * Using the seed page in Chromium: compare two levels, open deep links, follow the URL as the view changes,
 * find, reach everything with the keyboard, print, and read every cell with JavaScript off.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { shownText } from "../generators/html/escape.js";
import { diffWords } from "../generators/shared/word-diff.js";
import { competencyRows } from "../scripts/model/model.js";
import {
  browserOrSkip,
  cellsOf,
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

const chromiumPath = browserOrSkip("test/html-interaction.test.ts");
const sre = loadLadder(FIXTURES.sre);

describe.skipIf(!chromiumPath)("using the ladder page", () => {
  let browser: Browser;
  let server: PageServer;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    browser = await launch(chromiumPath as string);
    server = await servePages();
    context = await browser.newContext(contextOptions("light", "desktop"));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await context.newPage();
    errors = watchErrors(page);
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page.close();
  });

  const open = async (fragment = "") => {
    await page.goto(server.url("sre") + fragment);
  };
  const hash = () => page.evaluate(() => location.hash);
  const inViewport = (selector: string) =>
    page.$eval(selector, (element) => {
      const box = element.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.top < innerHeight;
    });

  test("compares L2 with L3: Communication is unchanged, Planning shows the words that differ", async () => {
    await open("#compare=l2..l3");
    expect(await page.locator("#compare-caption").textContent()).toMatch(/^From SRE \(L2\) to Senior SRE \(L3\): /);
    expect(await page.locator("#compare-from").inputValue()).toBe("l2");
    expect(await page.locator("#compare-to").inputValue()).toBe("l3");

    const communication = page.locator("#compare tr[data-competency='communication']");
    expect(await communication.locator(".same").textContent()).toBe("Unchanged");
    expect(await communication.locator("ins, del").count()).toBe(0);

    const planning = sre.categories.flatMap((c) => c.competencies).find((c) => c.id === "planning");
    const parts = diffWords(planning?.cells.l2 as string, planning?.cells.l3 as string);
    const row = page.locator("#compare tr[data-competency='planning']");
    const removed = parts.filter((p) => p.op === "del").map((p) => `removed: ${p.text}`);
    expect(parts.filter((p) => p.op === "del").map((p) => p.text.trim())).toContain(
      "effectively with little oversight",
    );
    expect(await row.locator("del").allTextContents()).toEqual(removed);
    expect(await row.locator("ins").allTextContents()).toEqual(parts.filter((p) => p.op === "add").map((p) => p.text));
    expect(await row.locator(".same").count()).toBe(0);

    // Added and removed words differ by more than colour: boxed or underlined, and spoken. No strike line
    // runs through removed words, so their hyphens and brackets stay legible.
    const style = (tag: string) =>
      page.$eval(`#compare ${tag}`, (element) => {
        const css = getComputedStyle(element);
        return { line: css.textDecorationLine, outline: css.outlineStyle };
      });
    expect(await style("tbody del")).toEqual({ line: "none", outline: "dashed" });
    expect((await style("tbody ins")).line).toContain("underline");
    await screenshot(page, "sre-compare-l2-l3");
  });

  test("a deep link opens the view it names, scrolled to it", async () => {
    await watchLayout(page);
    await open("#level-l4");
    expect(await layoutMoves(page)).toEqual([]);
    expect(await page.locator("section.level:visible").evaluateAll((s) => s.map((e) => e.id))).toEqual(["level-l4"]);
    expect(await page.isHidden("#matrix")).toBe(true);
    expect(await page.getAttribute(".views a[aria-current]", "href")).toBe("#level-l4");

    await open("#level-l3--planning");
    expect(await page.isVisible("#level-l3")).toBe(true);
    expect(await inViewport("#level-l3--planning")).toBe(true);

    for (const fragment of ["#cell-planning--l3", "#competency-feedback", "#category-engagement"]) {
      await open(fragment);
      expect(await page.isVisible("#matrix"), fragment).toBe(true);
      expect(await page.isHidden("#levels"), fragment).toBe(true);
      expect(await inViewport(fragment), fragment).toBe(true);
    }
    expect(await page.$eval("#cell-planning--l3", (td) => td.matches(":target"))).toBe(false);
    await open("#cell-trust--l5");
    expect(await page.$eval("#cell-trust--l5", (td) => td.matches(":target"))).toBe(true);
    await screenshot(page, "sre-deep-link-cell");
  });

  test("changing the view changes the URL, and Back goes back", async () => {
    await open();
    await page.click(".views a[href='#level-l3']");
    await expect.poll(hash).toBe("#level-l3");
    await page.click("#level-l3 .next-step a");
    await expect.poll(hash).toBe("#compare=l3..l4");
    // The hash changes first; the page fills the comparison in its handler: wait for the outcome.
    await expect
      .poll(() => page.locator("#compare-caption").textContent())
      .toMatch(/^From Senior SRE \(L3\) to Lead SRE \(L4\)/);
    await page.selectOption("#compare-from", "l1");
    await expect.poll(hash).toBe("#compare=l1..l4");
    await expect.poll(() => page.title()).toBe("From Junior SRE (L1) to Lead SRE (L4) · Titles for Ops");
    // Back is a same-document navigation: the page answers it in a handler, so wait for the outcome.
    await page.goBack();
    await expect.poll(hash).toBe("#compare=l3..l4");
    await expect.poll(() => page.locator("#compare-from").inputValue()).toBe("l3");
    await page.click(".views a[href='#matrix']");
    await expect.poll(hash).toBe("#matrix");
    await expect.poll(() => page.isVisible("#matrix")).toBe(true);

    // Compare with no pair named opens each level against the next, and says so in the URL.
    await open("#compare");
    await expect.poll(hash).toBe("#compare=l1..l2");
  });

  test("find filters by text and category and announces the count politely", async () => {
    await open();
    const count = page.locator("#find-count");
    expect(await count.getAttribute("role")).toBe("status");
    const rows = competencyRows(sre);
    expect(await count.textContent()).toBe(`${rows.length} competencies`);

    await page.fill("#find-text", "Cycle Planning");
    const expected = rows.filter(({ category, competency }) =>
      [category.name, competency.name, ...Object.values(competency.cells)].some((t) =>
        t.toLowerCase().includes("cycle planning"),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await count.textContent()).toBe(`${expected.length} of ${rows.length} competencies match`);
    const shown = await page.locator("#matrix tr[data-competency]:visible").evaluateAll((r) => r.map((e) => e.id));
    expect(shown).toEqual(expected.map(({ competency }) => `competency-${competency.id}`));
    await screenshot(page, "sre-find");

    await page.selectOption("#find-category", "skill");
    expect(await count.textContent()).toBe("No competency matches");
    await page.fill("#find-text", "");
    const skill = rows.filter(({ category }) => category.id === "skill").length;
    expect(await count.textContent()).toBe(`${skill} of ${rows.length} competencies match`);
    expect(await page.locator("#matrix tbody:visible").count()).toBe(1);
  });

  test("the keyboard alone reaches every control, each with a visible focus ring", async () => {
    for (const view of ["#matrix", "#compare=l2..l3", "#level-l2"]) {
      await open(view);
      const CONTROLS = "a[href], input, select, button";
      const controls = await page.$$eval(CONTROLS, (elements) =>
        elements.flatMap((e, i) => ((e as HTMLElement).checkVisibility() ? [i] : [])),
      );
      const reached = new Set<number>();
      for (let i = 0; i < controls.length + 2; i++) {
        await page.keyboard.press("Tab");
        const focus = await page.evaluate((selector) => {
          const element = document.activeElement as HTMLElement;
          const style = getComputedStyle(element);
          return {
            index: Array.from(document.querySelectorAll(selector)).indexOf(element),
            html: element.outerHTML.slice(0, 80),
            ring: element.matches(":focus-visible") && style.outlineStyle !== "none" && style.outlineWidth !== "0px",
          };
        }, CONTROLS);
        if (focus.index < 0) continue;
        expect(focus.ring, focus.html).toBe(true);
        reached.add(focus.index);
      }
      expect(
        [...reached].sort((a, b) => a - b),
        view,
      ).toEqual(controls);
    }
    // And it can act: Enter on the compare link opens the compare view.
    await open("#level-l2");
    await page.focus("#compare-link");
    await page.keyboard.press("Enter");
    await page.locator("#compare tbody").first().waitFor();
    expect(await hash()).toBe("#compare=l2..l3");
  });

  test("printing shows the current view without controls", async () => {
    await open("#compare=l2..l3");
    await page.emulateMedia({ media: "print" });
    for (const selector of [".views", ".find", ".pick"]) expect(await page.isHidden(selector), selector).toBe(true);
    expect(await page.isVisible("#compare table")).toBe(true);
    await screenshot(page, "sre-print-compare");
    await page.emulateMedia({ media: "screen" });
  });

  test.each(Object.keys(FIXTURES) as Array<keyof typeof FIXTURES>)(
    "%s.html with JavaScript off shows every cell in the matrix and in each level",
    async (name) => {
      const ladder = loadLadder(FIXTURES[name]);
      const noScript = await browser.newContext(contextOptions("light", "phone", { javaScriptEnabled: false }));
      const plain = await noScript.newPage();
      const plainErrors = watchErrors(plain);
      await plain.goto(server.url(name));
      const seen = await plain.$$eval("td[id^='cell-'], dl > div", (elements) =>
        elements.map((e) => ({
          id: e.id,
          text: (e.matches("td") ? e : e.querySelector("dd"))?.textContent,
          visible: (e as HTMLElement).checkVisibility(),
        })),
      );
      const cells = cellsOf(ladder);
      const levelEntries = ladder.levels.flatMap((level) =>
        cells
          .filter((c) => c.level === level.id)
          .map((c) => ({ id: `level-${level.id}--${c.competency}`, text: c.text })),
      );
      expect(seen).toEqual(
        [...cells, ...levelEntries].map((c) => ({ id: c.id, text: shownText(c.text), visible: true })),
      );
      expect(await plain.isHidden(".find")).toBe(true);
      expect(await plain.isHidden("#compare")).toBe(true);
      await screenshot(plain, `${name}-no-javascript-phone`);
      expect(plainErrors).toEqual([]);
      await noScript.close();
    },
  );
});
