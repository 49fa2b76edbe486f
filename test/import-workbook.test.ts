/**
 * Round trips through our spreadsheets: every golden case and every resolved track of the organisation,
 * built to dist/<id>.xlsx, dist/<id>.cells.csv and dist/<id>.csv and imported again, gives back its ids,
 * names, descriptions, cells and not-applicable cells (the workbook also its title and summary); a workbook
 * saved again by another program still reads; any other workbook is refused, naming the file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderCellsCsv, renderCsv } from "../generators/csv/render.js";
import { renderXlsxParts } from "../generators/xlsx/render.js";
import { readSources } from "../scripts/check/sources.js";
import { zipParts } from "../scripts/dist/zip.js";
import { importLadders, type LadderData, ladderYaml } from "../scripts/import/import.js";
import type { Ladder } from "../scripts/model/model.js";
import { resolveSources } from "../scripts/resolve/pipeline.js";
import { tempRoot } from "./helpers/cli.js";
import { caseLadders, fixtures, goldenCases, ladder as run } from "./helpers/golden.js";
import { loadWorkbook } from "./helpers/workbook.js";

const workbookOf = (ladder: Ladder) => zipParts(renderXlsxParts(ladder));

function imported(input: string | Uint8Array, format: "csv" | "xlsx"): { ladder: LadderData; id?: string } {
  const result = importLadders(input, { format, title: "untitled" });
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`);
  expect(result.ladders).toHaveLength(1);
  return { ladder: result.ladders[0] as LadderData, id: result.ids[0] };
}

/** What our spreadsheets carry of a ladder: levels, categories, competencies with their cells. */
const content = (ladder: LadderData, ids: boolean, categoryDescriptions: boolean) => ({
  levels: ladder.levels.map(({ id, code, title }) => (ids ? { id, code, title } : { code, title })),
  categories: ladder.categories.map((category) => ({
    ...(ids ? { id: category.id } : {}),
    name: category.name,
    ...(categoryDescriptions && category.description !== undefined ? { description: category.description } : {}),
    competencies: category.competencies.map((c) => ({
      ...(ids ? { id: c.id } : {}),
      name: c.name,
      ...(c.description !== undefined ? { description: c.description } : {}),
      cells: ids ? c.cells : Object.values(c.cells),
      ...(c.notApplicable !== undefined
        ? { notApplicable: ids ? c.notApplicable : Object.values(c.notApplicable) }
        : {}),
    })),
  })),
});

/** What a matrix CSV carries: rows named by their category (two categories of one name run together). */
const rows = (ladder: LadderData) =>
  ladder.categories.flatMap((category) =>
    category.competencies.map((c) => ({
      category: category.name,
      name: c.name,
      description: c.description,
      cells: Object.values(c.cells),
      notApplicable: c.notApplicable === undefined ? undefined : Object.values(c.notApplicable),
    })),
  );

/** Line ends as an XML reader gives back a text whose writer left carriage returns raw (exceljs does). */
const lf = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(/\\r\\n|\\r/g, "\\n"));

async function everyLadder(): Promise<Ladder[]> {
  const root = path.join(fixtures, "organisation/repo");
  const result = resolveSources(await readSources({ root, ladders: path.join(root, "ladder") }));
  if (!result.ok) throw new Error("the organisation fixture is invalid");
  return [...goldenCases().flatMap(caseLadders), ...result.ladders];
}

describe("a round trip through our spreadsheets", () => {
  it("gives back from the workbook every id, name, description and cell, the title and the summary", async () => {
    for (const ladder of await everyLadder()) {
      const back = imported(workbookOf(ladder), "xlsx");
      expect(back.id).toBe(ladder.id);
      expect(back.ladder.title).toBe(ladder.title);
      expect(back.ladder.summary).toBe(ladder.summary);
      expect(content(back.ladder, true, true), ladder.id).toEqual(content(ladder, true, true));
    }
  });

  it("gives back from the cells CSV every id, name, description and cell", async () => {
    for (const ladder of await everyLadder()) {
      const back = imported(renderCellsCsv(ladder), "csv");
      expect(back.id).toBe(ladder.id);
      expect(content(back.ladder, true, false), ladder.id).toEqual(content(ladder, true, false));
    }
  });

  it("gives back from the matrix CSV every name, description and cell (ids it does not hold are derived)", async () => {
    for (const ladder of await everyLadder()) {
      const back = imported(renderCsv(ladder), "csv");
      expect(back.id).toBeUndefined();
      expect(rows(back.ladder), ladder.id).toEqual(rows(ladder));
      expect(back.ladder.levels.map(({ code, title }) => ({ code, title }))).toEqual(
        ladder.levels.map(({ code, title }) => ({ code, title })),
      );
    }
  });

  it("reads the Matrix sheet when the Cells sheet is gone: names, descriptions, cells; ids derived", async () => {
    for (const ladder of caseLadders("summaries-and-examples")) {
      const workbook = await loadWorkbook(workbookOf(ladder));
      workbook.removeWorksheet((workbook.getWorksheet("Cells") as ExcelJS.Worksheet).id);
      const back = imported(new Uint8Array(await workbook.xlsx.writeBuffer()), "xlsx");
      expect(back.ladder.title).toBe(ladder.title);
      expect(content(back.ladder, false, true)).toEqual(content(ladder, false, true));
    }
  });

  it("still reads a workbook that another program saved again (here exceljs, with its own layout)", async () => {
    for (const ladder of await everyLadder()) {
      const workbook = await loadWorkbook(workbookOf(ladder));
      const saved = new Uint8Array(await workbook.xlsx.writeBuffer());
      const back = imported(saved, "xlsx");
      expect(content(back.ladder, true, true), ladder.id).toEqual(lf(content(ladder, true, true)));
    }
  });
});

describe("ladder import of a workbook", () => {
  it("writes the ladder the workbook was built from, byte for byte", async () => {
    const root = tempRoot({});
    mkdirSync(path.join(root, "in"), { recursive: true });
    const sre = readFileSync(path.join(fixtures, "sre/ladder/sre.yaml"), "utf8");
    const [ladder] = caseLadders("sre");
    // A downloaded copy: its name says nothing; the workbook names its ladder.
    writeFileSync(path.join(root, "in/Ladder (1).xlsx"), workbookOf(ladder));
    const result = await run(["import", "in/Ladder (1).xlsx"], root);
    expect(result.stderr.split("\n").filter((l) => l.includes("error"))).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "imported in/Ladder (1).xlsx → ladder/sre.yaml: 5 levels, 3 categories, 12 competencies\n",
    );
    const written = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
    expect(written).toBe(ladderYaml(imported(workbookOf(ladder), "xlsx").ladder, "../schemas/ladder.schema.json"));
    // The fixture's own file, apart from its first comment lines, which import does not know.
    expect(written.split("\n").slice(2)).toEqual(sre.split("\n").slice(sre.split("\n").indexOf("") + 1));
  });

  it("keeps the version, effective date, status and replacement the About sheet shows", () => {
    const [ladder] = caseLadders("versioned");
    const back = imported(workbookOf(ladder), "xlsx").ladder;
    expect([back.version, back.effective, back.status, back.replacedBy]).toEqual([
      ladder.version,
      ladder.effective,
      ladder.status,
      ladder.replacedBy,
    ]);
    expect(back.version).toBe("2.1.0");
    expect(back.status).toBe("legacy");
  });

  it("refuses a workbook of another shape, and a file that is no workbook, naming the file", async () => {
    const root = tempRoot({});
    mkdirSync(path.join(root, "in"), { recursive: true });
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").addRow(["Name", "Level", "Text"]);
    writeFileSync(path.join(root, "in/other.xlsx"), new Uint8Array(await other.xlsx.writeBuffer()));
    const refused = await run(["import", "in/other.xlsx"], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^in\/other\.xlsx:1:1: error: the workbook has neither of our sheets: "Cells" .* \(sheets found: Sheet1\) \(import\)\nnothing was written\n$/,
    );
    writeFileSync(path.join(root, "in/broken.xlsx"), "PK\u0003\u0004 not really a zip");
    const broken = await run(["import", "in/broken.xlsx"], root);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^in\/broken\.xlsx:1:1: error: the file is not a workbook \(\.xlsx\) that can be read/,
    );
  });

  it("names the sheet and row of a Cells sheet that contradicts itself", async () => {
    const [ladder] = caseLadders("three-rows-same-name");
    const workbook = await loadWorkbook(workbookOf(ladder));
    const cells = workbook.getWorksheet("Cells") as ExcelJS.Worksheet;
    cells.getCell("J4").value = "Someone else";
    const result = importLadders(new Uint8Array(await workbook.xlsx.writeBuffer()), { format: "xlsx", title: "x" });
    expect(result).toMatchObject({ ok: false, line: 4 });
    expect(result.ok ? "" : result.message).toMatch(
      /^sheet Cells, row 4: level "\S+" is "Someone else \(\S+\)" here but ".*" at row 2$/,
    );
  });
});
