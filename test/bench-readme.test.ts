/**
 * README.md's Performance figures are generated from bench/results.json (bench/readme.ts): checked on a small
 * results file made by a real `npm run bench -- --sizes seed,seedx3` run (test/fixtures/bench/results.json).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BEGIN, END, performanceSection, type Results, withPerformance } from "../bench/readme.js";

const root = path.join(import.meta.dirname, "..");
const results = JSON.parse(readFileSync(path.join(root, "test/fixtures/bench/results.json"), "utf8")) as Results;

describe("the README's Performance figures", () => {
  it("show every size's commands as median ms (peak MB), taken from the results", () => {
    const section = performanceSection(results);
    const [seed, copies] = results.sizes;
    // Both validate timings of the fixture are under 1,000 ms, so they print without a thousands separator.
    const row = (s: typeof seed) =>
      `| ${Math.round(s.commands.validate.ms)} (${Math.round(s.commands.validate.peakRssMb ?? 0)}) | `;
    expect(section).toContain(`| seed, 60 cells ${row(seed)}`);
    expect(section).toContain(`| seed×3: 3 ladders (copies of the seed), 180 cells ${row(copies)}`);
    expect(section).toContain(`\`node -e 0\` takes ${Math.round(results.floor.ms)} ms`);
  });

  it("show the cost per ladder and per cell, and each target with its verdict", () => {
    const section = performanceSection(results);
    const { check } = results.sizes[1].costs;
    expect(section).toContain(`| seed×3 | `);
    expect(section).toContain(`| ${check.perLadderMs.toFixed(2)} | ${check.perCellUs.toFixed(1)} |`);
    const ajv = results.targets.find((t) => t.id === "seed-check-vs-ajv");
    expect(ajv?.met).not.toBeNull();
    expect(section).toContain(
      `- check on the seed, as a multiple of ajv-cli validate: ${ajv?.value}× (limit 0.75×): ${ajv?.met ? "met" : "**missed**"}`,
    );
    expect(section).toMatch(/- check on 20 copies of the seed.*: \? \(limit 1\.25×\): not measured/);
  });

  it("replace exactly what stands between the markers, and again to the same text", () => {
    const readme = `# Title\n\nbefore\n\n${BEGIN}\nold figures\n${END}\n\nafter\n`;
    const once = withPerformance(readme, results);
    expect(once.startsWith(`# Title\n\nbefore\n\n${BEGIN}\n`)).toBe(true);
    expect(once.endsWith(`\n${END}\n\nafter\n`)).toBe(true);
    expect(once).not.toContain("old figures");
    expect(withPerformance(once, results)).toBe(once);
  });

  it("refuses a README without the markers instead of writing the figures somewhere", () => {
    expect(() => withPerformance("# Title\n", results)).toThrow(/lacks the markers/);
  });

  it("stand in the project's README between the markers", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme.indexOf(BEGIN)).toBeGreaterThan(0);
    expect(readme.indexOf(END)).toBeGreaterThan(readme.indexOf(BEGIN));
  });
});
