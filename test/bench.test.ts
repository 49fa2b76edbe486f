/**
 * The benchmark runs end to end at a tiny size and writes well-formed results. Timings are never asserted:
 * the machines are shared and noisy; only the shape of the figures, and that every command succeeded.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSizes } from "../bench/bench.js";
import { corpusFrom, writeChanged, writeCopies } from "../bench/generate.js";

const root = path.join(import.meta.dirname, "..");
const out = mkdtempSync(path.join(tmpdir(), "ladder-bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const measurement = expect.objectContaining({
  ms: expect.any(Number),
  runsMs: [expect.any(Number)],
  exitCode: 0,
  stdoutChars: expect.any(Number),
});

describe("npm run bench", () => {
  it("measures the seed and a tiny organisation, prints one table and writes the JSON", () => {
    const file = path.join(out, "results.json");
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "bench/bench.ts",
        "--sizes",
        "seed,1x3x4,seedx2",
        "--runs",
        "1",
        "--warmup",
        "0",
        "--out",
        file,
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } },
    );
    expect(run.stderr).not.toMatch(/^bench: /m);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Whole process: median wall time and peak resident memory");
    expect(run.stdout).toMatch(/seed \(60 cells\) +ladder check/);
    expect(run.stdout).toMatch(/1x3x4 \(12 cells\) +ajv-cli validate/);
    expect(run.stdout).toMatch(/seed×2 \(120 cells\) +ladder check/);
    expect(run.stdout).toContain("Per ladder and per cell");

    const results = JSON.parse(readFileSync(file, "utf8"));
    expect(results).toMatchObject({
      formatVersion: 1,
      options: { runs: 1, warmup: 0, sizes: ["seed", "1x3x4", "seed×2"] },
    });
    expect(results.floor).toEqual(measurement);
    expect(results.sizes.map((s: { name: string; cells: number }) => [s.name, s.cells])).toEqual([
      ["seed", 60],
      ["1x3x4", 12],
      ["seed×2", 120],
    ]);
    // Two copies of the seed: two ladders of the seed's 60 cells, each command's cost per ladder and per cell.
    const copies = results.sizes[2];
    expect(copies).toMatchObject({ ladders: 2, levels: 5, competencies: 12 });
    expect(copies.costs.check.perLadderMs).toBeCloseTo(copies.commands.check.ms / 2, 2);
    expect(copies.costs.check.perCellUs).toBeCloseTo((copies.commands.check.ms * 1000) / 120, 1);
    // Of two ladders, `diff` is measured again with one of them changed; a size of one ladder has no such run.
    expect(copies.diffOne).toEqual(measurement);
    expect(run.stdout).toMatch(/seed×2 \(120 cells\) +ladder diff, one ladder changed/);
    expect(results.sizes[0].diffOne).toBeUndefined();
    for (const size of results.sizes) {
      for (const command of ["validate", "build", "check", "diff"]) {
        expect(size.commands[command], `${size.name} ${command}`).toEqual(measurement);
        expect(size.ratios[command]).toEqual({ toAjv: expect.any(Number), toFloor: expect.any(Number) });
      }
      expect(size.ajv).toEqual(measurement);
      expect(size.changedCells).toBeGreaterThan(0);
      expect(size.yamlBytes).toBeGreaterThan(0);
      for (const stage of [
        "read",
        "load",
        "schema",
        "rules",
        "lint",
        "render",
        "render:html",
        "check:compare",
        "diff",
      ]) {
        expect(size.stages.warm[stage], stage).toEqual(expect.any(Number));
        expect(size.stages.cold[stage], stage).toEqual(expect.any(Number));
      }
    }
    const ids = results.targets.map((t: { id: string }) => t.id);
    expect(ids).toEqual(expect.arrayContaining(["seed-check-vs-ajv", "scaling-check", "comment-chars"]));
    // Not a timing: the comment's length is a limit the diff must keep at any size.
    const comment = results.targets.find((t: { id: string }) => t.id === "comment-chars");
    expect(comment).toMatchObject({ limit: 65_536, met: true });
    expect(results.stress).toMatchObject({ size: "seed×2", changedCells: expect.any(Number) });
  }, 180_000);

  it("changes every ladder of a head, or only the last one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ladder-bench-changed-"));
    try {
      const seed = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
      const base = path.join(dir, "base");
      writeCopies(base, 3, seed, path.join(root, "schemas"));
      const corpus = corpusFrom(seed);
      const changedIn = (head: string) =>
        readdirSync(path.join(head, "ladder"))
          .filter((name) => readFileSync(path.join(head, "ladder", name), "utf8") !== seed)
          .sort();
      expect(writeChanged(base, path.join(dir, "all"), 0.01, corpus)).toBe(3);
      expect(changedIn(path.join(dir, "all"))).toEqual(["track-001.yaml", "track-002.yaml", "track-003.yaml"]);
      expect(writeChanged(base, path.join(dir, "one"), 0.01, corpus, 7, 1)).toBe(1);
      expect(changedIn(path.join(dir, "one"))).toEqual(["track-003.yaml"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads sizes as the seed, multiples of the base, 50k, explicit shapes and copies of the seed", () => {
    expect(parseSizes("seed,2,50k,1x50x1000,seedx834")).toEqual([
      { name: "seed", shape: "seed" },
      { name: "2×", shape: { ladders: 12, levels: 10, competencies: 100 } },
      { name: "50k", shape: { ladders: 50, levels: 10, competencies: 100 } },
      { name: "1x50x1000", shape: { ladders: 1, levels: 50, competencies: 1000 } },
      { name: "seed×834", shape: { ladders: 834, levels: 5, competencies: 12 }, copies: 834 },
    ]);
    expect(() => parseSizes("huge")).toThrow(/not seed/);
  });
});
