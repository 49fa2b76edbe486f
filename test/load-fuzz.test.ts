/**
 * A seeded, bounded fuzz test of loading: the seed ladder, mutated the way hands and editors mutate files
 * (a character typed or deleted, a line indented, doubled, dropped or swapped, a value replaced by one YAML reads
 * as a number, the file cut short). For every mutant: nothing throws; the result is a valid ladder or problems
 * (exit 0 or 1); every problem is inside the file; the fast path and the reference parser read the same; and a
 * valid mutant, once formatted by `fmt`, reads exactly as before. The same seed gives the same mutants.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prng } from "../bench/generate.js";
import { loadSource } from "../scripts/check/load.js";
import { parseCanonical } from "../scripts/check/parse-canonical.js";
import { validateLadders } from "../scripts/check/pipeline.js";
import { formatLadder } from "../scripts/import/format.js";
import { main } from "../scripts/ladder.js";
import type { Io } from "../scripts/model/io.js";

const seed = readFileSync(path.join(import.meta.dirname, "../ladder/sre.yaml"), "utf8");
const CASES = 150;
const SNIPPETS = [
  ": ",
  ":",
  '"',
  "'",
  "#",
  " #",
  "[",
  "]",
  "{",
  "}",
  "- ",
  "-",
  " ",
  "  ",
  "\t",
  "\r",
  "\r\n",
  "\n",
  "*",
  "&",
  "!",
  "%",
  "@",
  "`",
  "|",
  ">",
  "?",
  ",",
  "\\",
  "“",
  "”",
  "+.5",
  "1e400",
  ".inf",
  "\u0000",
  "\u0085",
  "\u2028",
  "é",
  "😀",
];
const VALUES = [
  "+.5",
  "1e400",
  ".nan",
  "-1",
  "0x1F",
  "yes",
  "~",
  "null",
  "true",
  "''",
  '""',
  '"a\rb"',
  "[]",
  "{}",
  "|",
];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** One mutation of the text's lines or characters. */
function mutate(text: string, random: Random): string {
  const lines = text.split("\n");
  const i = Math.floor(random() * lines.length);
  const j = Math.floor(random() * lines.length);
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 9)) {
    case 0:
      return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    case 2:
      lines[i] = " ".repeat(1 + Math.floor(random() * 3)) + lines[i];
      return lines.join("\n");
    case 3:
      lines[i] = lines[i].replace(/^ {1,2}/, "");
      return lines.join("\n");
    case 4:
      lines.splice(i, 0, lines[i]);
      return lines.join("\n");
    case 5:
      lines.splice(i, 1);
      return lines.join("\n");
    case 6:
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join("\n");
    case 7:
      lines[i] = lines[i].replace(/: .*$/, `: ${pick(random, VALUES)}`);
      return lines.join("\n");
    default:
      return text.slice(0, at);
  }
}

/** The mutants of the seed for one fuzz seed: one to three mutations each. */
function mutants(fuzzSeed: number, count: number): string[] {
  const random = prng(fuzzSeed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = seed;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) text = mutate(text, random);
    out.push(text);
  }
  return out;
}

describe("loading mutants of the seed ladder", () => {
  const texts = mutants(20261202, CASES);

  it("is deterministic: the same seed gives the same mutants, and they differ from the seed", () => {
    expect(mutants(20261202, 20)).toEqual(texts.slice(0, 20));
    expect(new Set(texts).size).toBeGreaterThan(CASES * 0.9);
    expect(texts.filter((t) => t === seed).length).toBeLessThan(CASES * 0.05);
  });

  it(`gives valid ladders or problems inside the file, the same on both paths, for ${CASES} mutants`, () => {
    let valid = 0;
    let fastRead = 0;
    for (const [n, text] of texts.entries()) {
      const file = `ladder/mutant-${n}.yaml`;
      // Lint (the slowest stage, and not a reader of YAML) runs on every fifth mutant.
      const result = validateLadders([{ file, text }], { lint: n % 5 === 0 });
      const lineCount = text.split("\n").length;
      const problems = result.ok ? result.warnings : result.problems;
      if (!result.ok) expect(problems.some((p) => p.severity === "error")).toBe(true);
      for (const p of problems) {
        expect(p.line, `${file} ${p.rule}`).toBeGreaterThanOrEqual(1);
        expect(p.line, `${file} ${p.rule}`).toBeLessThanOrEqual(lineCount);
        expect(p.column, `${file} ${p.rule}`).toBeGreaterThanOrEqual(1);
        expect(p.message, `${file} ${p.rule}`).not.toMatch(/\n|internal error|Maximum call stack/);
      }
      // Where the fast path reads the mutant, the reference parser must read the same.
      if (parseCanonical(text) !== undefined) {
        fastRead++;
        const slow = loadSource({ file, text }, { fast: false });
        expect(slow.ok && slow.parsed.data, file).toEqual(parseCanonical(text));
      }
      if (!result.ok) continue;
      valid++;
      // fmt never changes what validate reads.
      const formatted = formatLadder(text);
      expect(formatted, file).toMatchObject({ ok: true });
      if (!formatted.ok) continue;
      const again = validateLadders([{ file, text: formatted.text }]);
      expect(again.ok, file).toBe(true);
      if (again.ok) expect(again.ladders, file).toEqual(result.ladders);
    }
    // The mutations must reach both outcomes, or the test would prove little.
    expect(valid).toBeGreaterThan(CASES * 0.05);
    expect(valid).toBeLessThan(CASES * 0.9);
    expect(fastRead).toBeGreaterThan(CASES * 0.05);
  }, 180_000);

  it("exits 0 or 1, never with an internal error, when validate runs on a mutant", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "ladder-fuzz-"));
    mkdirSync(path.join(root, "ladder"));
    const codes = new Set<number>();
    for (const text of texts.filter((_, n) => n % 10 === 0)) {
      writeFileSync(path.join(root, "ladder/mutant.yaml"), text);
      let stderr = "";
      const io: Io = {
        cwd: root,
        env: {},
        stdout: () => {},
        stderr: (s: string) => {
          stderr += s;
        },
      };
      const code = await main(["validate"], io);
      expect([0, 1], stderr).toContain(code);
      expect(stderr).not.toContain("internal error");
      codes.add(code);
    }
    expect([...codes].sort()).toEqual([0, 1]);
  }, 180_000);
});
