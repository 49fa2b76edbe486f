/**
 * The seed page in a promotion conversation (issue 15, item 4), in Chromium: compare that shows rewritten
 * cells whole, removed words that stay legible, a summary of what the next level asks, descriptions wherever
 * a row is named, and find that ignores apostrophe style, hyphens and case, searches descriptions, and keeps
 * its query in the URL.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { shownText } from "../generators/html/escape.js";
import { competencyRows } from "../scripts/model/model.js";
import {
  browserOrSkip,
  contextOptions,
  FIXTURES,
  launch,
  loadLadder,
  type PageServer,
  screenshot,
  servePages,
  watchErrors,
} from "./helpers/html-page.js";

const chromiumPath = browserOrSkip("test/html-conversation.test.ts");
const sre = loadLadder(FIXTURES.sre);
const rows = competencyRows(sre);
const competency = (id: string) => rows.find((r) => r.competency.id === id)?.competency;

/** An oracle for find, written apart from the page's: case, apostrophes and hyphen/space runs folded. */
const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\s-]+/g, " ")
    .trim();

describe.skipIf(!chromiumPath)("the page in a promotion conversation", () => {
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
  const open = (suffix = "") => page.goto(server.url("sre") + suffix);
  const compareRow = (id: string) => page.locator(`#compare tr[data-competency='${id}']`);

  test("L1 to L5 shares few words: each row shows both texts whole, tagged Rewritten, with nothing struck", async () => {
    await open("#compare=l1..l5");
    for (const { competency } of rows) {
      const row = compareRow(competency.id);
      expect(await row.getAttribute("data-step"), competency.id).toBe("rewritten");
      expect(await row.locator("th .tag").textContent()).toBe("Rewritten");
      expect(await row.locator("td").allTextContents()).toEqual([
        shownText(competency.cells.l1 as string),
        shownText(competency.cells.l5 as string),
      ]);
      expect(await row.locator("ins, del").count()).toBe(0);
    }
    await screenshot(page, "sre-compare-l1-l5-rewritten");
  });

  test("neighbouring levels still show the words that differ, and removed '1-2' is not struck through", async () => {
    await open("#compare=l1..l2");
    const row = compareRow("mastery-expertise");
    expect(await row.getAttribute("data-step")).toBe("changed");
    const removed = row.locator("del", { hasText: "1-2" });
    expect(await removed.textContent()).toMatch(/^removed: 1-2\s*$/);
    const style = await removed.evaluate((element) => {
      const css = getComputedStyle(element);
      return { line: css.textDecorationLine, outline: css.outlineStyle, background: css.backgroundColor };
    });
    expect(style.line).toBe("none");
    expect(style.outline).toBe("dashed");
    expect(style.background).not.toBe("rgba(0, 0, 0, 0)");
    // The left column still reads as the L1 text, and the right as the L2 text, once the spoken labels go.
    const spokenless = (i: number) =>
      row
        .locator("td")
        .nth(i)
        .evaluate((td) => {
          const copy = td.cloneNode(true) as HTMLElement;
          for (const label of copy.querySelectorAll(".vh")) label.remove();
          return copy.textContent;
        });
    expect(await spokenless(0)).toBe(competency("mastery-expertise")?.cells.l1);
    expect(await spokenless(1)).toBe(competency("mastery-expertise")?.cells.l2);
  });

  test("what the next level asks: a summary of how many change, which are new and which stay, then the details", async () => {
    await open("#level-l2");
    await page.click("#level-l2 .next-step a");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#compare=l2..l3");
    const summary = page.locator("#compare-summary");
    // Made when the page has answered the new fragment: waited for, not read at once.
    await expect.poll(() => summary.locator("h3").textContent()).toBe("What Senior SRE (L3) asks beyond SRE (L2)");
    const unchanged = rows.filter(({ competency: c }) => c.cells.l2 === c.cells.l3);
    const changed = rows.length - unchanged.length;
    expect(unchanged.map((r) => r.competency.id)).toEqual(["communication"]);
    expect(await summary.locator("p").first().textContent()).toMatch(
      new RegExp(
        `^${changed} competencies change \\(\\d+ reworded, \\d+ rewritten\\), 0 new, 0 no longer apply, 1 unchanged\\.$`,
      ),
    );
    const groups = await summary.locator("dl > div").evaluateAll((divs) =>
      divs.map((div) => ({
        name: div.querySelector("dt")?.textContent,
        items: Array.from(div.querySelectorAll("li"), (li) => li.textContent),
      })),
    );
    const named = (r: (typeof rows)[number]) =>
      r.competency.description ? `${r.competency.name} — ${r.competency.description}` : r.competency.name;
    expect(groups).toEqual([
      { name: `Changed (${changed})`, items: rows.filter((r) => !unchanged.includes(r)).map(named) },
      { name: "Unchanged (1)", items: unchanged.map(named) },
    ]);
    // A summary link jumps to its row and keeps the view's address.
    await summary.locator("a", { hasText: "Communication" }).click();
    expect(await page.evaluate(() => location.hash)).toBe("#compare=l2..l3");
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.id)).toBe("compare--communication");
    await screenshot(page, "sre-next-level-l2-l3");
  });

  test("the three rows named Mastery are told apart by their descriptions in every view", async () => {
    const masteries = rows.filter((r) => r.competency.name === "Mastery").map((r) => r.competency);
    expect(masteries).toHaveLength(3);
    const expected = masteries.map((c) => `Mastery ${c.description}`);
    await open("#level-l3");
    const entries = masteries.map((c) => page.locator(`#level-l3--${c.id} dt`).textContent());
    expect(await Promise.all(entries)).toEqual(expected);
    await open("#compare=l3..l4");
    const headers = masteries.map((c) =>
      compareRow(c.id)
        .locator("th")
        .evaluate((th) => th.firstChild?.textContent),
    );
    expect(await Promise.all(headers)).toEqual(masteries.map(() => "Mastery"));
    const notes = masteries.map((c) => compareRow(c.id).locator("th .note").textContent());
    expect(await Promise.all(notes)).toEqual(masteries.map((c) => c.description));
    await open("#matrix");
    const matrix = masteries.map((c) => page.locator(`#competency-${c.id} th .note`).textContent());
    expect(await Promise.all(matrix)).toEqual(masteries.map((c) => c.description));
  });

  test.each([
    ["doesn't", "a plain apostrophe finds the typographic one"],
    ["ON CALL", "case and a space find on-call"],
    ["on-call", "a hyphen finds on call"],
    ["incident response", "a description is searched"],
  ])("find %j: %s", async (query) => {
    await open();
    await page.fill("#find-text", query);
    const expected = rows.filter(({ category, competency: c }) =>
      [category.name, category.description ?? "", c.name, c.description ?? "", ...Object.values(c.cells)].some((t) =>
        fold(t).includes(fold(query)),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.locator("#matrix tr[data-competency]:visible").evaluateAll((r) => r.map((e) => e.id));
    expect(shown).toEqual(expected.map(({ competency: c }) => `competency-${c.id}`));
    expect(await page.locator("#find-count").textContent()).toBe(
      `${expected.length} of ${rows.length} competencies match`,
    );
  });

  test("find keeps its query in the URL, survives a reload, and the Clear button empties it", async () => {
    await open("#level-l3");
    expect(await page.isHidden("#find-clear")).toBe(true);
    await page.fill("#find-text", "on call");
    await page.selectOption("#find-category", "skill");
    expect(await page.evaluate(() => location.search + location.hash)).toBe("?find=on+call&category=skill#level-l3");
    await page.reload();
    expect(await page.inputValue("#find-text")).toBe("on call");
    expect(await page.inputValue("#find-category")).toBe("skill");
    const shown = await page.locator("#level-l3 dl > div:visible").evaluateAll((e) => e.map((d) => d.id));
    expect(shown).toEqual(["level-l3--mastery-on-call"]);
    await page.click("#find-clear");
    expect(await page.inputValue("#find-text")).toBe("");
    expect(await page.inputValue("#find-category")).toBe("");
    expect(await page.evaluate(() => location.search + location.hash)).toBe("#level-l3");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("find-text");
    expect(await page.isHidden("#find-clear")).toBe(true);
    expect(await page.locator("#level-l3 dl > div:visible").count()).toBe(rows.length);
  });
});
