/**
 * The workbook, `dist/<id>.xlsx`, read back by a second library (exceljs; our writer is generators/xlsx/):
 * every cell's text against the ladder, the styles, the frozen panes, the print settings and the links; every
 * text typed as a string and nothing a formula, as any reader of the XML sees it; the same bytes on every
 * build, in every time zone. The golden files are readable accounts of each workbook (`<id>.xlsx.txt`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { CELLS_COLUMNS } from "../generators/csv/render.js";
import type { RenderOptions } from "../generators/shared/site.js";
import { CELL_LIMIT, cellValue, restoreXstring, xmlText } from "../generators/xlsx/escape.js";
import { renderXlsxParts } from "../generators/xlsx/render.js";
import { Utf8Writer } from "../generators/xlsx/utf8-writer.js";
import { readSources } from "../scripts/check/sources.js";
import { renderDist } from "../scripts/dist/render.js";
import { zipParts, zipPieces } from "../scripts/dist/zip.js";
import { type Ladder, levelLabel, cellText as plainCell } from "../scripts/model/model.js";
import { resolveSources } from "../scripts/resolve/pipeline.js";
import { caseLadder, caseLadders, expectedFile, fixtures, goldenCases } from "./helpers/golden.js";
import { cellText, describeWorkbook, entryTimes, loadWorkbook, look, partsOf, sheetTexts } from "./helpers/workbook.js";

const workbookOf = (ladder: Ladder, options: RenderOptions = {}) => zipParts(renderXlsxParts(ladder, options));

const organisationRepo = path.join(fixtures, "organisation/repo");
async function organisationLadders() {
  const result = resolveSources(
    await readSources({ root: organisationRepo, ladders: path.join(organisationRepo, "ladder") }),
  );
  if (!result.ok) throw new Error("the organisation fixture is invalid");
  return { ladders: result.ladders, organisation: result.organisation };
}

/** What the Matrix sheet must show: the header, then per category its row and its competencies' rows. */
function matrixOf(ladder: Ladder): string[][] {
  const rows = [["Competency", "Description", ...ladder.levels.map(levelLabel)]];
  for (const category of ladder.categories) {
    rows.push([category.name, category.description ?? "", ...ladder.levels.map(() => "")]);
    for (const c of category.competencies) {
      rows.push([c.name, c.description ?? "", ...ladder.levels.map((level) => plainCell(c, level.id))]);
    }
  }
  return rows;
}

/** What the Cells sheet must show: CELLS_COLUMNS, then one row per cell, as `dist/<id>.cells.csv`. */
function cellsOf(ladder: Ladder): string[][] {
  const rows: string[][] = [[...CELLS_COLUMNS]];
  for (const category of ladder.categories) {
    for (const c of category.competencies) {
      ladder.levels.forEach((level, i) => {
        rows.push([
          ladder.id,
          category.id,
          category.name,
          c.id,
          c.name,
          c.description ?? "",
          level.id,
          String(i + 1),
          level.code,
          level.title,
          plainCell(c, level.id),
        ]);
      });
    }
  }
  return rows;
}

async function checkWorkbook(ladder: Ladder, bytes: Uint8Array) {
  const workbook = await loadWorkbook(bytes);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Matrix", "Cells", "About"]);
  const [matrix, cells, about] = workbook.worksheets;

  // Every text of the matrix, and its look: a bold filled header, category rows filled, all wrapped.
  const width = 2 + ladder.levels.length;
  expect(sheetTexts(matrix, width)).toEqual(matrixOf(ladder));
  expect(matrix.columnCount).toBe(width);
  let r = 1;
  for (let c = 1; c <= width; c++)
    expect(look(matrix.getCell(1, c))).toBe("bold, fill FFD9E1F2, wrap, border, text format");
  // What a track inherits is shaded (INHERITED), its own is not.
  const shade = (from: string | undefined) => (from ? `fill ${INHERITED}, ` : "");
  for (const category of ladder.categories) {
    r++;
    expect(look(matrix.getCell(r, 1))).toBe(
      `bold, ${shade(category.from) || "fill FFEDEDED, "}wrap, border, text format`,
    );
    for (let c = 2; c <= width; c++)
      expect(look(matrix.getCell(r, c))).toBe("bold, fill FFEDEDED, wrap, border, text format");
    for (const competency of category.competencies) {
      r++;
      expect(look(matrix.getCell(r, 1))).toBe(`bold, ${shade(competency.from)}wrap, border, text format`);
      expect(look(matrix.getCell(r, 2))).toBe(`${shade(competency.from)}wrap, border, text format`);
      ladder.levels.forEach((level, i) => {
        const notApplicable = competency.cells[level.id] === undefined;
        const style = notApplicable ? "italic, " : shade(competency.cellsFrom?.[level.id]);
        expect(look(matrix.getCell(r, 3 + i))).toBe(`${style}wrap, border, text format`);
      });
    }
  }
  expect(matrix.columns.map((c) => c.width)).toEqual([22, 32, ...ladder.levels.map(() => 36)]);
  expect(matrix.views).toMatchObject([{ state: "frozen", xSplit: 2, ySplit: 1, topLeftCell: "C2" }]);
  expect(matrix.pageSetup).toMatchObject({
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
  });

  // The long form: every cell with its ids; the rank a number, everything else text.
  expect(sheetTexts(cells, CELLS_COLUMNS.length)).toEqual(cellsOf(ladder));
  expect(cells.getCell(2, CELLS_COLUMNS.indexOf("level_rank") + 1).value).toBe(1);
  expect(cells.views).toMatchObject([{ state: "frozen", ySplit: 1, topLeftCell: "A2" }]);
  expect(cells.autoFilter).toBe(`A1:K${cellsOf(ladder).length}`);
  for (let c = 1; c <= CELLS_COLUMNS.length; c++) expect(look(cells.getCell(1, c))).toContain("bold");

  // About: title, summary, id, the file it was built from.
  const rows = Object.fromEntries(sheetTexts(about, 2).map(([label, value]) => [label, value]));
  expect(rows).toMatchObject({ Title: ladder.title, "Ladder id": ladder.id, "Source file": ladder.file });
  expect(rows.Summary).toBe(ladder.summary);

  // Every value is text or a number, none a formula.
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula, cell.address).toBeUndefined();
        expect([ExcelValueType.String, ExcelValueType.Number, ExcelValueType.Hyperlink]).toContain(cell.type);
      }),
    );
  }
  return workbook;
}

/** The shade of inherited names and cells. */
const INHERITED = "FFE2EFDA";

/** exceljs' ValueType, by number (a const enum in its types). */
const ExcelValueType = { Number: 2, String: 3, Hyperlink: 5 } as const;

describe("the workbook generator", () => {
  for (const name of goldenCases()) {
    it(`writes the ${name} case's every text, style, pane and print setting, as its golden account`, async () => {
      for (const ladder of caseLadders(name)) {
        const workbook = await checkWorkbook(ladder, workbookOf(ladder));
        await expect(describeWorkbook(workbook)).toMatchFileSnapshot(expectedFile(name, `${ladder.id}.xlsx.txt`));
      }
    });
  }

  it("writes a resolved track: inherited rows and cells that do not apply, in their own style", async () => {
    const { ladders, organisation } = await organisationLadders();
    for (const ladder of ladders) await checkWorkbook(ladder, workbookOf(ladder, { organisation, ladders }));
    const sre = ladders.find((l) => l.id === "sre") as Ladder;
    const workbook = await loadWorkbook(workbookOf(sre, { organisation, ladders }));
    await expect(describeWorkbook(workbook)).toMatchFileSnapshot(
      path.join(fixtures, "organisation/expected/sre.xlsx.txt"),
    );
    const texts = sheetTexts(workbook.getWorksheet("Matrix") as never);
    const mentoring = texts.find((row) => row[0] === "Mentoring") as string[];
    expect(mentoring[2]).toMatch(/^Not applicable: /);
    const about = Object.fromEntries(sheetTexts(workbook.getWorksheet("About") as never, 2));
    expect(about).toMatchObject({ Organisation: organisation?.title, Extends: "core" });
    expect(about.Inherited).toBe(
      "Shaded names and cells are inherited from core; change them there. The rest is this ladder's own.",
    );
    // The fixture has both: shaded inherited text and the track's own, on the Matrix and the Cells sheet.
    const shades = (sheet: string) => {
      const found = new Set<boolean>();
      (workbook.getWorksheet(sheet) as never as import("exceljs").Worksheet).eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value !== null && cell.value !== "") found.add(look(cell).includes(INHERITED));
        }),
      );
      return [...found].sort();
    };
    expect(shades("Matrix")).toEqual([false, true]);
    expect(shades("Cells")).toEqual([false, true]);
    // A ladder that extends nothing says nothing about shading.
    const core = ladders.find((l) => l.id === "core") as Ladder;
    const plain = Object.fromEntries(
      sheetTexts((await loadWorkbook(workbookOf(core))).getWorksheet("About") as never, 2),
    );
    expect(plain.Inherited).toBeUndefined();
  });

  it("links the source file and the repository on the About sheet when the repository is configured", async () => {
    const [ladder] = caseLadders("sre");
    const site = { repository: "https://github.com/acme/ladders" };
    const workbook = await loadWorkbook(workbookOf(ladder, { site }));
    const about = workbook.getWorksheet("About") as never as import("exceljs").Worksheet;
    const links = sheetTexts(about, 2).flatMap(([label], i) => {
      const cell = about.getCell(i + 1, 2);
      return cell.type === ExcelValueType.Hyperlink ? [[label, cell.hyperlink, cellText(cell)]] : [];
    });
    expect(links).toEqual([
      ["Source file", "https://github.com/acme/ladders/blob/HEAD/ladder/sre.yaml", "ladder/sre.yaml"],
      ["Repository", "https://github.com/acme/ladders", "https://github.com/acme/ladders"],
    ]);
    const without = await loadWorkbook(workbookOf(ladder));
    const plain = without.getWorksheet("About") as never as import("exceljs").Worksheet;
    plain.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelValueType.Hyperlink)));
  });

  it("shows the version and effective date when the ladder has them", async () => {
    const [ladder] = caseLadders("sre");
    const versioned = { ...ladder, version: "2.1.0", effective: "2026-12-01" };
    const bytes = workbookOf(versioned);
    const about = Object.fromEntries(sheetTexts((await loadWorkbook(bytes)).getWorksheet("About") as never, 2));
    expect(about).toMatchObject({ Version: "2.1.0", Effective: "2026-12-01" });
    expect(partsOf(bytes)["docProps/core.xml"]).toContain("<cp:version>2.1.0</cp:version>");
    expect(
      Object.keys(
        Object.fromEntries(sheetTexts((await loadWorkbook(workbookOf(ladder))).getWorksheet("About") as never, 2)),
      ),
    ).not.toContain("Version");
  });
});

describe("what any reader of the XML sees", () => {
  it('types every text cell as a shared string (t="s"), numbers as numbers, and writes no formula anywhere', () => {
    for (const name of [...goldenCases()]) {
      for (const ladder of caseLadders(name)) {
        const parts = partsOf(workbookOf(ladder));
        const sheets = Object.keys(parts).filter((p) => p.startsWith("xl/worksheets/sheet"));
        expect(sheets).toHaveLength(3);
        for (const sheet of sheets) {
          const xml = parts[sheet] as string;
          expect(xml).not.toMatch(/<f[\s>]/);
          for (const [cell] of xml.matchAll(/<c [^>]*?(?:\/>|>.*?<\/c>)/g)) {
            // A text cell is a shared string; a cell without a value only carries its style; the rank is a number.
            expect(cell).toMatch(/^<c r="[A-Z]+\d+" s="\d+"(?: t="s"><v>\d+<\/v><\/c>|\/>|><v>\d+<\/v><\/c>)$/);
          }
        }
        const strings = parts["xl/sharedStrings.xml"] as string;
        expect(strings).not.toMatch(/<f[\s>]/);
        // The formula-looking texts of the hostile case are there as plain strings, with no guard character.
        if (name === "hostile-content") {
          expect(strings).toContain("<t>=SUM(A1:A9)</t>");
          expect(strings).toContain("<t>-2+3</t>");
          expect(strings).not.toContain("'=");
        }
      }
    }
  });

  it("declares what the format requires: content types, relationships, and the properties' fixed dates", () => {
    const parts = partsOf(workbookOf(caseLadders("sre")[0]));
    expect(Object.keys(parts)[0]).toBe("[Content_Types].xml");
    for (const part of Object.keys(parts).filter((p) => p.endsWith(".xml") && !p.startsWith("["))) {
      expect(parts["[Content_Types].xml"], part).toContain(`PartName="/${part}"`);
    }
    expect(parts["docProps/core.xml"]).toContain(">1980-01-01T00:00:00Z</dcterms:created>");
    expect(parts["docProps/core.xml"]).toContain(">1980-01-01T00:00:00Z</dcterms:modified>");
  });
});

describe("the same bytes on every build", () => {
  it("gives every zip entry the fixed time 1980-01-01 12:00, stored, whatever the clock says", () => {
    const times = entryTimes(workbookOf(caseLadders("sre")[0]));
    expect(times.length).toBeGreaterThan(8);
    for (const entry of times) expect([entry.time, entry.date], entry.name).toEqual([12 << 11, (1 << 5) | 1]);
  });

  it("renders twice to the same bytes, and leaves the ladder as it was", () => {
    const [ladder] = caseLadders("hostile-content");
    const before = structuredClone(ladder);
    expect(Buffer.compare(workbookOf(ladder), workbookOf(ladder))).toBe(0);
    expect(ladder).toEqual(before);
  });

  it("builds byte-identical workbooks in time zones a day apart, as the sources render them", () => {
    const bin = path.join(import.meta.dirname, "../bin/ladder.mjs");
    const root = path.join(fixtures, "hostile-content");
    const built = ["Pacific/Kiritimati", "America/Adak"].map((tz) => {
      const out = mkdtempSync(path.join(tmpdir(), "xlsx-tz-"));
      const run = spawnSync(process.execPath, [bin, "build", "--root", root, "--out", out], {
        encoding: "utf8",
        env: { ...process.env, TZ: tz, LC_ALL: tz === "America/Adak" ? "de_DE.UTF-8" : "C" },
      });
      expect(run.status, run.stderr).toBe(0);
      return readFileSync(path.join(out, "hostile.xlsx"));
    });
    expect(Buffer.compare(built[0] as Buffer, built[1] as Buffer)).toBe(0);
    const rendered = renderDist(caseLadders("hostile-content")).get("hostile.xlsx") as Uint8Array;
    expect(Buffer.compare(built[0] as Buffer, rendered)).toBe(0);
  });

  it("matches the committed dist/ for the repository's own ladder", () => {
    const committed = readdirSync(path.join(import.meta.dirname, "../dist")).filter((f) => f.endsWith(".xlsx"));
    expect(committed).toEqual(["sre.xlsx"]);
  });
});

describe("xmlText", () => {
  it("keeps every character a reader gives back: markup, carriage returns, control characters, _xHHHH_", () => {
    const texts = [
      'a & b < c > d "e"',
      "one\r\ntwo\rthree",
      "bell \u0007 and \u001f",
      "literal _x0041_ stays",
      "_x005F_",
    ];
    for (const text of texts) {
      const xml = xmlText(text);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what XML cannot hold is the point.
      expect(xml).not.toMatch(/[<>\u0000-\u0008\u000b\u000c\u000e-\u001f\r]/);
      // What an XML parser gives back, then the format's _xHHHH_ undone.
      let parsed = "";
      const parser = new SaxesParser();
      parser.on("text", (t) => {
        parsed += t;
      });
      parser.write(`<t>${xml}</t>`).close();
      expect(restoreXstring(parsed)).toBe(text);
    }
    expect(xmlText("bell \u0007")).toBe("bell _x0007_");
    expect(xmlText("_x0041_")).toBe("_x005F_x0041_");
  });

  it("cuts a text longer than a cell holds, never inside a surrogate pair", () => {
    expect(cellValue("a".repeat(CELL_LIMIT))).toHaveLength(CELL_LIMIT);
    const long = `${"a".repeat(CELL_LIMIT - 2)}😀😀`;
    const cut = cellValue(long);
    expect(cut.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(cut.endsWith("a…")).toBe(true);
  });
});

describe("Utf8Writer", () => {
  it("appends text as UTF-8 through many growths, every kind of character whole", () => {
    const writer = new Utf8Writer(4);
    const texts = ["a", "doesn’t", "😀 emoji", "", "ü".repeat(1000), '<row r="1">', "\u{10FFFF}"];
    for (let i = 0; i < 200; i++) writer.write(texts[i % texts.length] as string);
    const expected = Buffer.from(Array.from({ length: 200 }, (_, i) => texts[i % texts.length]).join(""), "utf8");
    expect(Buffer.compare(Buffer.from(writer.bytes()), expected)).toBe(0);
  });

  it("packs bytes and text alike into the zip", () => {
    const text = "<x>doesn’t</x>";
    const writer = new Utf8Writer();
    writer.write(text);
    const asText = zipParts([{ path: "a.xml", text }]);
    const asBytes = zipParts([{ path: "a.xml", text: writer.bytes() }]);
    expect(Buffer.compare(Buffer.from(asText), Buffer.from(asBytes))).toBe(0);
  });

  it("hands over the same zip a piece at a time, and stops when told to (zipPieces, for check)", () => {
    const parts = renderXlsxParts(caseLadder("sre"));
    const pieces: Buffer[] = [];
    const size = zipPieces(parts, (bytes) => pieces.push(Buffer.from(bytes)) > 0);
    const whole = Buffer.from(zipParts(parts));
    expect(Buffer.concat(pieces)).toEqual(whole);
    expect(size).toBe(whole.length);
    // A header, then each part's bytes, then the directory: two pieces a part, and one.
    expect(pieces).toHaveLength(2 * parts.length + 1);
    let taken = 0;
    expect(zipPieces(parts, () => ++taken < 3)).toBeUndefined();
    expect(taken).toBe(3);
  });
});
