/**
 * Support for the HTML page's tests: the rendered pages, a 127.0.0.1 server that records every request,
 * Debian's Chromium through playwright-core, and axe-core.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { renderHtml } from "../../generators/html/render.js";
import { validateLadders } from "../../scripts/check/pipeline.js";
import { competencyRows, type Ladder } from "../../scripts/model/model.js";

export const projectRoot = path.join(import.meta.dirname, "../..");
export const screenshots = path.join(projectRoot, "test/output/screenshots");

/** The two pages every browser test covers: the seed ladder and the hostile-content fixture. */
export const FIXTURES = {
  sre: "ladder/sre.yaml",
  hostile: "test/fixtures/hostile-content/ladder/hostile.yaml",
} as const;
export type FixtureName = keyof typeof FIXTURES;

/** Validates one ladder file of the repository; throws with the problems if it is not valid. */
export function loadLadder(file: string): Ladder {
  const result = validateLadders([{ file, text: readFileSync(path.join(projectRoot, file)) }]);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
  return result.ladders[0] as Ladder;
}

/** Every cell of a ladder with its fragment id: what each test checks is on the page. */
export function cellsOf(ladder: Ladder): Array<{ competency: string; level: string; id: string; text: string }> {
  return competencyRows(ladder).flatMap(({ competency }) =>
    ladder.levels.map((level) => ({
      competency: competency.id,
      level: level.id,
      id: `cell-${competency.id}--${level.id}`,
      text: competency.cells[level.id] as string,
    })),
  );
}

/** Path of Debian's Chromium (`command -v chromium`), or undefined when it is not installed. */
export function findChromium(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser for a test file, or undefined when there is none: loudly skipped on a workstation, a failure in
 * CI (where `.ci/run` installs Chromium), because a skipped browser test must never pass there.
 */
export function browserOrSkip(file: string): string | undefined {
  const found = findChromium();
  if (!found && process.env.CI) throw new Error(`${file}: Chromium not found (apt-get install chromium)`);
  if (!found) console.warn(`SKIPPING ${file}: no Chromium found; install it with apt-get install -y chromium`);
  return found;
}

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

export interface PageServer {
  url(name: FixtureName | (string & {})): string;
  /** Every request the server received, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves the rendered fixture pages at http://127.0.0.1:<port>/<name>.html, and any `extra` pages by name,
 * and records every request.
 */
export async function servePages(extra: Record<string, string> = {}): Promise<PageServer> {
  const pages = new Map<string, string>();
  for (const [name, file] of Object.entries(FIXTURES)) pages.set(`/${name}.html`, renderHtml(loadLadder(file)));
  for (const [name, html] of Object.entries(extra)) pages.set(`/${name}.html`, html);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const body = pages.get((request.url ?? "").split("?")[0] as string);
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}.html`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Desktop and phone viewports. */
export const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** Context options of one theme and width. */
export function contextOptions(
  scheme: "light" | "dark",
  width: keyof typeof WIDTHS,
  extra: BrowserContextOptions = {},
): BrowserContextOptions {
  // Reduced motion: nothing on the page animates, so what a test sees does not depend on when it looks.
  const motion = { reducedMotion: "reduce" } as const;
  return {
    colorScheme: scheme,
    viewport: WIDTHS[width],
    isMobile: width === "phone",
    hasTouch: false,
    ...motion,
    ...extra,
  };
}

/** Records console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

const axeSource = readFileSync(path.join(projectRoot, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * axe-core's WCAG 2.2 A/AA violations on the page as it is, one line each. The page's CSP refuses injected
 * scripts, so the page must come from a context opened with `bypassCSP: true`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return violations;
}

interface AxeResults {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>;
}

/**
 * Records where every element is the moment the page's script has run (the parser's end: the script is the last
 * element of the body and runs while the page is parsed), so `layoutMoves` can compare it with the settled page.
 * Call before `goto`. Why not the browser's layout-shift entries: they depend on when the browser paints, which
 * on a loaded machine can be before the parser reaches the script, so they measured the machine, not the page.
 */
export async function watchLayout(page: Page): Promise<void> {
  // The page's timers and animation frames wait on a paused fake clock until `layoutMoves` runs them, so
  // nothing the page schedules can slip in before the first record, however slow the machine.
  await page.clock.install({ time: 0 });
  await page.clock.pauseAt(1000);
  await page.addInitScript(() => {
    // "interactive" comes as the parser ends, right after the script at the end of the body has run.
    document.addEventListener("readystatechange", () => {
      if (document.readyState !== "interactive") return;
      const boxes: Record<string, string> = {};
      const walk = (element: Element, at: string) => {
        Array.from(element.children).forEach((child, i) => {
          const key = `${at} > ${child.tagName.toLowerCase()}${child.id ? `#${child.id}` : ""}:nth-child(${i + 1})`;
          const r = child.getBoundingClientRect();
          if (r.width > 0 || r.height > 0) {
            // Document coordinates: scrolling to a fragment is not a jump.
            const box = [r.left + scrollX, r.top + scrollY, r.width, r.height].map((n) => n.toFixed(1));
            boxes[key] = box.join(" ");
          }
          walk(child, key);
        });
      };
      walk(document.body, "body");
      const script = document.body.lastElementChild;
      const classic = script?.tagName === "SCRIPT" && script.attributes.length === 0;
      (window as unknown as { ladderLayout: unknown }).ladderLayout = { boxes, classic };
    });
  });
}

/**
 * Every element whose box moved, grew, shrank or vanished between the end of the page's script and the settled
 * page (the load event, then ten seconds of its timers and frames), as `PATH: BEFORE → AFTER`; empty when nothing jumps. Also fails when the
 * script is not a classic inline script at the end of the body, the one place that runs before the page is
 * complete. Deterministic: it compares two states of the layout, whatever the time between them.
 */
export async function layoutMoves(page: Page): Promise<string[]> {
  await page.waitForLoadState("load");
  // Ten seconds of the page's time: every timer and animation frame it scheduled has run, in order.
  await page.clock.runFor(10_000);
  await page.clock.resume();
  return page.evaluate(() => {
    const recorded = (window as unknown as { ladderLayout?: { boxes: Record<string, string>; classic: boolean } })
      .ladderLayout;
    if (!recorded) return ["no layout recorded as the page was parsed: call watchLayout(page) before goto"];
    const now: Record<string, string> = {};
    const walk = (element: Element, at: string) => {
      Array.from(element.children).forEach((child, i) => {
        const key = `${at} > ${child.tagName.toLowerCase()}${child.id ? `#${child.id}` : ""}:nth-child(${i + 1})`;
        const r = child.getBoundingClientRect();
        if (r.width > 0 || r.height > 0) {
          now[key] = [r.left + scrollX, r.top + scrollY, r.width, r.height].map((n) => n.toFixed(1)).join(" ");
        }
        walk(child, key);
      });
    };
    walk(document.body, "body");
    const moves = Object.entries(recorded.boxes)
      .filter(([key, box]) => now[key] !== box)
      .map(([key, box]) => `${key}: ${box} → ${now[key] ?? "gone"}`);
    return recorded.classic
      ? moves
      : ["the page's script is not a classic inline script at the end of the body", ...moves];
  });
}

/** Saves a screenshot of the viewport under test/output/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}
