import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, neutraliseFormula, restoreFormula } from "../generators/csv/escape.js";
import { CELLS_COLUMNS, renderCellsCsv, renderCsv } from "../generators/csv/render.js";
import { type Ladder, levelLabel } from "../scripts/model/model.js";
import { caseLadder, expectedFile, goldenCases } from "./helpers/golden.js";

/** Reads our CSV as a spreadsheet would: csv-parse, strict RFC 4180, BOM removed. */
const read = (csv: string): string[][] => parse(csv, { bom: true, relax_quotes: false, record_delimiter: "\r\n" });

const matrixOf = (ladder: Ladder): string[][] => [
  ["Category", "Competency", "Description", ...ladder.levels.map(levelLabel)],
  ...ladder.categories.flatMap((category) =>
    category.competencies.map((competency) => [
      category.name,
      competency.name,
      competency.description ?? "",
      ...ladder.levels.map((level) => competency.cells[level.id] ?? ""),
    ]),
  ),
];

const cellsOf = (ladder: Ladder): string[][] => [
  [...CELLS_COLUMNS],
  ...ladder.categories.flatMap((category) =>
    category.competencies.flatMap((competency) =>
      ladder.levels.map((level, i) => [
        ladder.id,
        category.id,
        category.name,
        competency.id,
        competency.name,
        competency.description ?? "",
        level.id,
        String(i + 1),
        level.code,
        level.title,
        competency.cells[level.id] ?? "",
      ]),
    ),
  ),
];

const FORMULA = /^[=+\-@\t\r]/;

describe("the CSV generators", () => {
  for (const name of goldenCases()) {
    it(`render the ${name} case as its golden files`, async () => {
      const ladder = caseLadder(name);
      await expect(renderCsv(ladder)).toMatchFileSnapshot(expectedFile(name, `${ladder.id}.csv`));
      await expect(renderCellsCsv(ladder)).toMatchFileSnapshot(expectedFile(name, `${ladder.id}.cells.csv`));
    });

    it(`read back with csv-parse to the YAML of ${name}, once the formula apostrophe is removed`, () => {
      const ladder = caseLadder(name);
      const restore = (rows: string[][]) => rows.map((row) => row.map(restoreFormula));
      expect(restore(read(renderCsv(ladder)))).toEqual(matrixOf(ladder));
      expect(restore(read(renderCellsCsv(ladder)))).toEqual(cellsOf(ladder));
    });
  }

  it("write UTF-8 with a byte order mark and CRLF after every record, the last one too", () => {
    for (const csv of [renderCsv(caseLadder("sre")), renderCellsCsv(caseLadder("sre"))]) {
      const bytes = Buffer.from(csv, "utf8");
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.endsWith('"\r\n')).toBe(true);
      // The seed has no line breaks inside cells, so every LF is a record end, and every one follows a CR.
      expect(csv.match(/\n/g)?.length).toBe(csv.match(/\r\n/g)?.length);
    }
    expect(read(renderCsv(caseLadder("sre")))[11]?.[5]).toMatch(/^Fully productive .* Work doesn’t necessarily/);
  });

  it("keep line breaks inside a cell as written, inside quotes", () => {
    const csv = renderCsv(caseLadder("hostile-content"));
    expect(csv).toContain('"Line one\nLine two\r\nLine three\n\nNew paragraph"');
  });

  it("leave no field that a spreadsheet would run as a formula, and change nothing else", () => {
    for (const name of ["hostile-content", "sre", "pipe-in-cell"]) {
      const ladder = caseLadder(name);
      const written = [...read(renderCsv(ladder)), ...read(renderCellsCsv(ladder))].flat();
      const original = [...matrixOf(ladder), ...cellsOf(ladder)].flat();
      expect(written).toHaveLength(original.length);
      written.forEach((field, i) => {
        expect(field).not.toMatch(FORMULA);
        const text = original[i] as string;
        // What a person sees: exactly the text, after a single apostrophe where it would have been a formula.
        expect(field).toBe(FORMULA.test(text) ? `'${text}` : text);
      });
    }
    const hostile = read(renderCsv(caseLadder("hostile-content")));
    expect(hostile[3]?.slice(1)).toEqual([
      "'=SUM(A1:A9)",
      "",
      `'=HYPERLINK("http://evil.example","click")`,
      "'+1 and -1 and @mention",
      `'\tTab first, then "quotes", commas, and ; semicolons`,
    ]);
    expect(hostile[0]?.[5]).toBe(`'=HYPERLINK("http://x") (L3)`);
  });
});

describe("csvField", () => {
  it("quotes every field and doubles inner quotes", () => {
    expect(csvField("plain")).toBe('"plain"');
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("")).toBe('""');
  });

  it("neutralises each start OWASP lists, and only at the start", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
      expect(neutraliseFormula(`a ${start}1+1`)).toBe(`a ${start}1+1`);
    }
    expect(csvField("=1+1")).toBe(`"'=1+1"`);
  });

  it("stays reversible when a text itself starts with apostrophes before a formula", () => {
    for (const text of ["'=1", "''+2", "'plain", "=x", "'", "plain"]) {
      expect(restoreFormula(neutraliseFormula(text))).toBe(text);
    }
    expect(neutraliseFormula("'plain")).toBe("'plain");
    expect(neutraliseFormula("'=1")).toBe("''=1");
  });
});
