/**
 * Import parsing on `test/fixtures/import/`: each input shape gives the golden YAML under `expected/`, and each
 * unreadable input names the line that could not be read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSource } from "../scripts/check/load.js";
import { validateLadder } from "../scripts/check/pipeline.js";
import { detectFormat, importLadder, ladderYaml } from "../scripts/import/import.js";
import { parseCsvRecords } from "../scripts/import/import-csv.js";
import { slugify } from "../scripts/import/import-table.js";

const dir = path.join(import.meta.dirname, "fixtures/import");
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
const SCHEMA = "../../../../schemas/ladder.schema.json";

function imported(name: string, fixEncoding = false, text = read(name)) {
  const result = importLadder(text, { format: detectFormat(name, text), title: "Imported", fixEncoding });
  if (!result.ok) throw new Error(`${name}:${result.line}: ${result.message}`);
  return result.ladder;
}

describe("import: input shapes", () => {
  it("reads a spreadsheet's CSV export (BOM, CRLF, quotes, a line break in a cell, neutralised formulas)", async () => {
    const yaml = ladderYaml(imported("spreadsheet.csv"), SCHEMA);
    await expect(yaml).toMatchFileSnapshot(path.join(dir, "expected/spreadsheet.yaml"));
    const valid = validateLadder(loadSource({ file: "ladder/spreadsheet.yaml", text: yaml }));
    expect(valid.ok).toBe(true);
  });

  it("gives the same ladder for any line ending, with or without a byte order mark", () => {
    const crlf = read("spreadsheet.csv");
    const bare = crlf.replace(/^\uFEFF/, "");
    const expected = imported("spreadsheet.csv");
    // Only record separators change: the line break inside a quoted cell is content.
    for (const variant of [bare, bare.replace(/\r\n/g, "\n"), bare.replace(/\r\n/g, "\r")]) {
      expect(imported("spreadsheet.csv", false, variant)).toEqual(expected);
    }
  });

  it("restores cells a spreadsheet export neutralised with a leading apostrophe", () => {
    const cells = imported("spreadsheet.csv").categories[0].competencies[1].cells;
    expect(cells).toEqual({
      l1: "=SUM(A1:A3) is how they check capacity.",
      l2: "-2 incidents a quarter, or fewer.",
      l3: "@oncall rotations: leads them.",
    });
  });

  it("keeps the three rows named Mastery apart: mastery, mastery-2, mastery-3", () => {
    const [craft] = imported("spreadsheet.csv").categories;
    expect(craft.competencies.map((c) => [c.id, c.name])).toEqual([
      ["mastery", "Mastery"],
      ["mastery-2", "Mastery"],
      ["mastery-3", "Mastery"],
      ["tech-and-tooling", "Tech & Tooling"],
    ]);
  });

  it("repairs a damaged-encoding table with --fix-encoding, and keeps it exactly without", async () => {
    const fixed = imported("damaged-encoding.md", true);
    await expect(ladderYaml(fixed, SCHEMA)).toMatchFileSnapshot(path.join(dir, "expected/damaged-encoding.yaml"));
    expect(fixed.title).toBe("Ops ladder – draft");
    expect(fixed.categories[0].competencies[0].cells).toEqual({
      l1: "Work doesn’t need review.",
      l2: "Makes the “best coffee” in the office.",
    });
    const kept = imported("damaged-encoding.md");
    expect(kept.categories[0].competencies[0].name).toBe("CafÃ© duty");
    expect(kept.categories[0].competencies[1].cells.l2).toBe("Ships features | and fixes.");
  });
});

describe("import: unreadable input", () => {
  it.each([
    ["unparseable-row.md", 7, "this row has 2 cells; the header has 3"],
    ["no-table.md", 1, "no Markdown table found"],
    ["competency-before-category.md", 5, "a competency row comes before any category row"],
    ["missing-code.md", 3, 'level header "Junior" must read "Title (Code)"'],
    ["unclosed-quote.csv", 3, "a quoted field is never closed"],
    ["bad-header.csv", 1, "the header must read Category,Competency"],
    ["empty-cell.csv", 3, '"Review" has no text for Junior (L1)'],
    ["short-row.csv", 3, "this record has 3 fields; the header has 4"],
  ])("%s: names line %i", (name, line, message) => {
    const text = read(name);
    const result = importLadder(text, { format: detectFormat(name, text), title: "x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.line).toBe(line);
    expect(result.message).toContain(message);
  });
});

describe("import: pieces", () => {
  it.each([
    ["Ownership - Manager of One", "ownership-manager-of-one"],
    ["Tech & Tooling", "tech-and-tooling"],
    ["Écoute active", "ecoute-active"],
    ["360° feedback", "competency-360-feedback"],
    ["👩🏽‍💻", "competency"],
    ["a".repeat(100), "competency"],
  ])("slugify(%j) is %j", (name, id) => {
    const slug = slugify(name, "competency");
    if (name.length === 100) expect(slug.length).toBeLessThanOrEqual(64);
    else expect(slug).toBe(id);
    expect(slug).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it("splits RFC 4180 records: quotes, doubled quotes, commas and line breaks inside fields", () => {
    const text = 'a,"b, c","say ""hi""","two\r\nlines"\r\n\r\nx,,"",z\n';
    expect(parseCsvRecords(text)).toEqual([
      { line: 1, fields: ["a", "b, c", 'say "hi"', "two\r\nlines"] },
      { line: 4, fields: ["x", "", "", "z"] },
    ]);
  });

  it("refuses a stray quote, at its line", () => {
    expect(() => parseCsvRecords('a,b\nc,d"e\n')).toThrow(/inside an unquoted field/);
    expect(() => parseCsvRecords('a,"b"c\n')).toThrow(/after a closing quote/);
  });

  it("tells Markdown from CSV by extension, then by the first line", () => {
    expect(detectFormat("x.md", "a,b")).toBe("markdown");
    expect(detectFormat("x.CSV", "| a |")).toBe("csv");
    expect(detectFormat("x.txt", "\uFEFF# Title")).toBe("markdown");
    expect(detectFormat("x.txt", "Category,Competency")).toBe("csv");
  });
});
