/**
 * One ladder, one reading: the fast path and the reference parser give the same data or the same problems, a
 * file nested thousands deep is refused at the line where the limit is passed, and `fmt` never changes what
 * `validate` reads. (The fixtures for `+.5`, `1e400` and a raw CR are in test/fixtures/invalid/one-reading-*.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH, tooDeep } from "../scripts/check/depth.js";
import { loadSource } from "../scripts/check/load.js";
import { parseCanonical } from "../scripts/check/parse-canonical.js";
import { validateLadders } from "../scripts/check/pipeline.js";
import { formatLadder } from "../scripts/import/format.js";

const small = readFileSync(path.join(import.meta.dirname, "fixtures/valid/small.yaml"), "utf8");

/** `a:` nested `depth` deep, one more space each line, with a text at the bottom. */
function nestedMappings(depth: number): string {
  let text = "";
  for (let i = 0; i < depth; i++) text += `${" ".repeat(i)}a:\n`;
  return `${text}${" ".repeat(depth)}b: c\n`;
}

function bothPaths(text: string) {
  return [loadSource({ file: "ladder/x.yaml", text }), loadSource({ file: "ladder/x.yaml", text }, { fast: false })];
}

describe("nesting depth", () => {
  it("refuses a block mapping nested 3,000 deep at the line where the limit is passed, without a stack overflow", () => {
    for (const [fast, slow] of [bothPaths(nestedMappings(3000))]) {
      expect(fast).toEqual(slow);
      expect(fast).toMatchObject({
        ok: false,
        problems: [{ rule: "too-deep", line: MAX_DEPTH + 1, column: MAX_DEPTH + 1 }],
      });
    }
    const result = validateLadders([{ file: "ladder/deep.yaml", text: nestedMappings(3000) }]);
    expect(result).toMatchObject({ ok: false, problems: [{ rule: "too-deep", line: 33 }] });
  });

  it("refuses deep flow brackets and dashes on one line at their column", () => {
    const brackets = `title: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(loadSource({ file: "x.yaml", text: brackets })).toMatchObject({
      ok: false,
      problems: [{ rule: "too-deep", line: 1, column: 8 + MAX_DEPTH - 1 }],
    });
    const dashes = `a:\n  ${"- ".repeat(5000)}x\n`;
    expect(loadSource({ file: "x.yaml", text: dashes })).toMatchObject({
      ok: false,
      problems: [{ rule: "too-deep", line: 2 }],
    });
  });

  it("draws the line at the same depth on the fast path and the reference path", () => {
    const deepest = nestedMappings(MAX_DEPTH - 1);
    expect(tooDeep(deepest)).toBeUndefined();
    expect(parseCanonical(deepest)).toBeDefined();
    const [fast, slow] = bothPaths(deepest);
    expect(fast).toMatchObject({ ok: true });
    expect(slow).toMatchObject({ ok: true });
    if (fast.ok && slow.ok) expect(fast.parsed.data).toEqual(slow.parsed.data);
    const tooFar = nestedMappings(MAX_DEPTH);
    expect(parseCanonical(tooFar)).toBeUndefined();
    expect(bothPaths(tooFar)[0]).toEqual(bothPaths(tooFar)[1]);
    expect(bothPaths(tooFar)[0]).toMatchObject({ ok: false, problems: [{ rule: "too-deep", line: MAX_DEPTH + 1 }] });
  });

  it("counts sequences of mappings the way the canonical parser does", () => {
    let text = "";
    for (let i = 0; i < MAX_DEPTH; i++) text += `${"  ".repeat(i)}- k:\n`;
    text += `${"  ".repeat(MAX_DEPTH)}- end\n`;
    const wrapped = `root:\n${text.replace(/^/gm, "  ")}`;
    const [fast, slow] = bothPaths(wrapped);
    expect(fast.ok).toBe(slow.ok);
    if (!fast.ok && !slow.ok) expect(fast.problems).toEqual(slow.problems);
  });

  it("leaves the ladders of the project well inside the limit", () => {
    expect(tooDeep(readFileSync(path.join(import.meta.dirname, "../ladder/sre.yaml"), "utf8"), 8)).toBeUndefined();
  });
});

describe("values a parser could read two ways", () => {
  const values = [
    "+.5",
    "1e400",
    ".inf",
    "-.5",
    "0x1F",
    "0o17",
    "yes",
    "no",
    "on",
    "~",
    "null",
    "true",
    "1_000",
    "12:30",
    "2026-12-02",
  ];

  it.each(values)("fmt keeps what validate reads for a title written %s, quoted and bare", (value) => {
    for (const written of [value, `"${value}"`, `'${value}'`]) {
      const text = small.replace("title: Small ladder", `title: ${written}`);
      const before = validateLadders([{ file: "ladder/x.yaml", text }]);
      const [fast, slow] = bothPaths(text);
      expect(fast.ok && fast.parsed.data).toEqual(slow.ok && slow.parsed.data);
      if (!before.ok) {
        // Read as a number, true/false or nothing: refused at the title, with the fix in words.
        expect(before.problems).toMatchObject([
          { rule: expect.stringMatching(/wrong-type|empty-text/), line: 1, column: 8 },
        ]);
        continue;
      }
      const formatted = formatLadder(text);
      expect(formatted.ok).toBe(true);
      if (!formatted.ok) continue;
      const after = validateLadders([{ file: "ladder/x.yaml", text: formatted.text }]);
      expect(after.ok && after.ladders[0].title).toBe(before.ladders[0].title);
    }
  });

  it("refuses a carriage return on its own anywhere, on both paths, where it stands", () => {
    for (const [text, line, column] of [
      [small.replace("Junior", "Jun\rior"), 5, 15],
      [small.replace("title: Small ladder", 'title: "Small\rladder"'), 1, 14],
      [small.replace(/\n/g, "\r"), 1, 20],
    ] as const) {
      const [fast, slow] = bothPaths(text);
      expect(fast).toEqual(slow);
      expect(fast).toMatchObject({ ok: false, problems: [{ rule: "lone-carriage-return", line, column }] });
    }
    expect(bothPaths(small.replace(/\n/g, "\r\n"))[0].ok).toBe(true);
  });
});

describe("comments after values on the fast path", () => {
  /** Every document path of a value, the keys and indexes to each node. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (value === null || typeof value !== "object") return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }

  it.each(["test/fixtures/lint/suppressed.yaml", "test/fixtures/fmt/expected/scrambled.yaml"])(
    "reads %s as the reference parser does, and puts every path at the same place",
    (file) => {
      const text = readFileSync(path.join(import.meta.dirname, "..", file), "utf8");
      expect(text).toMatch(/\S +#/);
      expect(parseCanonical(text)).toBeDefined();
      const [fast, slow] = bothPaths(text);
      if (!fast.ok || !slow.ok) throw new Error("expected both to load");
      expect(fast.parsed.data).toEqual(slow.parsed.data);
      for (const p of paths(slow.parsed.data)) {
        expect(fast.parsed.locate(p), p.join(".")).toEqual(slow.parsed.locate(p));
        if (p.length > 0) expect(fast.parsed.locate(p, true), p.join(".")).toEqual(slow.parsed.locate(p, true));
      }
    },
  );
});

describe("a file read from its bytes", () => {
  const wide = small.replace(/^title: .*$/m, "title: It’s a “small” ladder — é 😀");

  it("gives the same data from bytes, with one or two byte order marks, as from the text", () => {
    expect(wide).not.toBe(small);
    const fromText = loadSource({ file: "ladder/x.yaml", text: wide });
    expect(fromText.ok && (fromText.parsed.data as { title: string }).title).toBe("It’s a “small” ladder — é 😀");
    for (const bom of ["", "\uFEFF", "\uFEFF\uFEFF"]) {
      const fromBytes = loadSource({ file: "ladder/x.yaml", text: Buffer.from(bom + wide, "utf8") });
      expect(fromBytes.ok && fromBytes.parsed.data, JSON.stringify(bom)).toEqual(fromText.ok && fromText.parsed.data);
    }
  });

  it("points at a problem's line and column in a file read from its bytes, after the text is gone", () => {
    // The fast path keeps the bytes, not the decoded text, and decodes them again to locate a problem.
    const broken = wide.replace(/^(\s+)code: L1$/m, "$1code: ’L1");
    const line = broken.split("\n").findIndex((l) => l.includes("’L1")) + 1;
    const result = validateLadders([{ file: "ladder/x.yaml", text: Buffer.from(`\uFEFF${broken}`, "utf8") }]);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.problems.find((p) => p.line === line) : undefined;
    expect(problem, JSON.stringify(!result.ok && result.problems)).toBeDefined();
  });
});
