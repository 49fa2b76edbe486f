/**
 * How long Chromium takes to load and lay out the web page with long cells: one cell, then every cell, at the
 * schema's longest allowed cell (and a few shorter and longer lengths, to show the curve). The page sets
 * `unicode-bidi: plaintext` on every cell, whose layout cost grows faster than the text: a 1 MB cell took over
 * a minute; the schema's `maxLength` keeps every cell well inside the fast range.
 *
 *   node --import tsx bench/cell-layout.ts [LENGTH…]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { renderHtml } from "../generators/html/render.js";
import { validateLadders } from "../scripts/check/pipeline.js";

const root = path.join(import.meta.dirname, "..");
const schema = JSON.parse(readFileSync(path.join(root, "schemas/ladder.schema.json"), "utf8"));
const MAX: number = schema.$defs.cells.additionalProperties.maxLength;
const seed = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
const lengths = process.argv.slice(2).map(Number);
const words = "Leads the team and mentors others on common processes and procedures. ";

async function main() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const file = path.join(tmpdir(), "ladder-cell-layout.html");
  console.log(`longest cell the schema allows: ${MAX} characters`);
  // A warm-up load, so the first measurement does not pay for starting the renderer.
  writeFileSync(file, "<!doctype html><title>warm-up</title><p>warm-up");
  const warm = await browser.newPage();
  await warm.goto(`file://${file}`);
  await warm.close();
  for (const n of lengths.length > 0 ? lengths : [1000, MAX, 4 * MAX]) {
    for (const every of [false, true]) {
      const cell = JSON.stringify(words.repeat(Math.ceil(n / words.length)).slice(0, n));
      const cells = every ? /^( {10}l[1-5]: ).*$/gm : /^( {10}l1: ).*$/m;
      const text = seed.replace(cells, (_m, key: string) => `${key}${cell}`);
      // Longer than the schema allows: rendered anyway, to measure what the limit prevents.
      const result = validateLadders([{ file: "ladder/sre.yaml", text: text.replaceAll(cell, '"x"') }]);
      if (!result.ok) throw new Error(JSON.stringify(result.problems[0]));
      const ladder = result.ladders[0] as NonNullable<(typeof result.ladders)[0]>;
      for (const category of ladder.categories) {
        for (const competency of category.competencies) {
          for (const level of Object.keys(competency.cells)) {
            if (competency.cells[level] === "x") competency.cells[level] = JSON.parse(cell) as string;
          }
        }
      }
      writeFileSync(file, renderHtml(ladder));
      const page = await browser.newPage();
      const start = performance.now();
      await page.goto(`file://${file}`, { timeout: 600_000 });
      await page.evaluate(() => document.body.getBoundingClientRect().height);
      const ms = Math.round(performance.now() - start);
      console.log(`${every ? "every cell" : "one cell  "} of ${String(n).padStart(8)} characters: ${ms} ms`);
      await page.close();
    }
  }
  await browser.close();
}

await main();
