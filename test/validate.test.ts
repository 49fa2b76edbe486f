import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSource } from "../scripts/check/load.js";
import { validateLadders } from "../scripts/check/pipeline.js";
import { MAX_FILE_BYTES } from "../scripts/model/model.js";

const invalidDir = path.join(import.meta.dirname, "fixtures/invalid");
const validDir = path.join(import.meta.dirname, "fixtures/valid");

/** Each invalid fixture starts with `# expect: RULE LINE:COL` lines naming every problem it must produce. */
function expectations(bytes: Buffer): string[] {
  return bytes
    .toString("latin1")
    .split("\n")
    .filter((line) => line.startsWith("# expect: "))
    .map((line) => line.slice("# expect: ".length).trim());
}

describe("the bad-input corpus", () => {
  const files = readdirSync(invalidDir).filter((f) => f.endsWith(".yaml"));

  it("holds at least 25 cases", () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(files)("%s gives exactly the expected rule, line and column", (name) => {
    const bytes = readFileSync(path.join(invalidDir, name));
    const expected = expectations(bytes);
    expect(expected.length).toBeGreaterThan(0);
    const result = validateLadders([{ file: `ladder/${name}`, text: bytes }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const got = result.problems.map((p) => `${p.rule} ${p.line}:${p.column}`);
    expect(got).toEqual(expected);
    for (const p of result.problems) {
      expect(p.file).toBe(`ladder/${name}`);
      expect(p.severity).toBe("error");
      expect(p.message).not.toMatch(/\n/);
      expect(p.message.length).toBeGreaterThan(10);
    }
  });
});

describe("loading", () => {
  const small = readFileSync(path.join(validDir, "small.yaml"));

  it("accepts a UTF-8 byte order mark and CRLF line endings, with the same result as plain LF", () => {
    const bomCrlf = readFileSync(path.join(validDir, "bom-crlf.yaml"));
    expect([...bomCrlf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bomCrlf.includes("\r\n")).toBe(true);
    const a = validateLadders([{ file: "ladder/small.yaml", text: small }]);
    const b = validateLadders([{ file: "ladder/small.yaml", text: bomCrlf }]);
    expect(b).toEqual(a);
    expect(a.ok).toBe(true);
  });

  it("reports a file of zero bytes as empty at 1:1", () => {
    const result = validateLadders([{ file: "ladder/x.yaml", text: new Uint8Array() }]);
    expect(result).toMatchObject({ ok: false, problems: [{ rule: "empty-file", line: 1, column: 1 }] });
  });

  it("refuses a very large file before parsing it", () => {
    const huge = Buffer.alloc(MAX_FILE_BYTES + 1, "a");
    const result = loadSource({ file: "ladder/huge.yaml", text: huge });
    expect(result).toMatchObject({ ok: false, problems: [{ rule: "file-too-large", line: 1, column: 1 }] });
  });

  it("refuses an alias bomb without expanding it", () => {
    const bomb = readFileSync(path.join(invalidDir, "alias-bomb.yaml"));
    const result = loadSource({ file: "ladder/bomb.yaml", text: bomb });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(1);
  });

  it("points at the second occurrence of a duplicate competency id", () => {
    const text = readFileSync(path.join(invalidDir, "duplicate-competency-id.yaml"), "utf8");
    const result = validateLadders([{ file: "ladder/d.yaml", text }]);
    if (result.ok) throw new Error("expected problems");
    const line = text.split("\n")[result.problems[0].line - 1];
    expect(line.slice(result.problems[0].column - 1)).toBe("craft");
    expect(result.problems[0].message).toContain('"craft"');
  });

  it("suggests the closest known key for a misspelt one", () => {
    const text = readFileSync(path.join(invalidDir, "unknown-key-level.yaml"), "utf8");
    const result = validateLadders([{ file: "ladder/k.yaml", text }]);
    if (result.ok) throw new Error("expected problems");
    expect(result.problems.find((p) => p.rule === "unknown-key")?.message).toContain("did you mean `title`?");
  });

  it("collects the problems of several files in one pass, sorted by file", () => {
    const a = readFileSync(path.join(invalidDir, "missing-cell.yaml"));
    const b = readFileSync(path.join(invalidDir, "tab-indent.yaml"));
    const result = validateLadders([
      { file: "ladder/b.yaml", text: b },
      { file: "ladder/a.yaml", text: a },
      { file: "ladder/ok.yaml", text: small },
    ]);
    if (result.ok) throw new Error("expected problems");
    expect(result.problems.map((p) => `${p.file} ${p.rule}`)).toEqual([
      "ladder/a.yaml missing-cell",
      "ladder/b.yaml yaml-tab",
    ]);
  });

  it("names the ladder after its file and keeps the model's order", () => {
    const result = validateLadders([{ file: "ladder/small.yaml", text: small }]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [ladder] = result.ladders;
    expect(ladder.id).toBe("small");
    expect(ladder.levels.map((l) => l.id)).toEqual(["l1", "l2"]);
    expect(ladder.categories[0].competencies[0].cells).toEqual({ l1: "Learns the craft.", l2: "Teaches the craft." });
  });
});
