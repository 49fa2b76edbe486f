import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateLadders } from "../scripts/check/pipeline.js";
import { levelLabel } from "../scripts/model/model.js";

const root = path.join(import.meta.dirname, "..");
const yamlText = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
const seedText = readFileSync(path.join(root, "test/fixtures/seed/titles-for-ops.md"), "utf8");

/** The seed table read independently of the project's own importer: rows of trimmed cells. */
function seedRows(): string[][] {
  return seedText
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

function ladder() {
  const result = validateLadders([{ file: "ladder/sre.yaml", text: yamlText }]);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.ladders[0];
}

describe("ladder/sre.yaml against the seed table", () => {
  const rows = seedRows();
  const sre = ladder();

  it("is valid, with the ladder id taken from the file name", () => {
    expect(sre.id).toBe("sre");
    expect(sre.title).toBe(seedText.split("\n")[0].replace(/^# /, ""));
  });

  it("starts with a yaml-language-server modeline pointing at the schema", () => {
    expect(yamlText.split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/ladder.schema.json");
  });

  it("keeps the five levels with title and code apart", () => {
    expect(sre.levels.map(levelLabel)).toEqual(rows[0].slice(1));
    expect(sre.levels.map((l) => [l.title, l.code])).toEqual([
      ["Junior SRE", "L1"],
      ["SRE", "L2"],
      ["Senior SRE", "L3"],
      ["Lead SRE", "L4"],
      ["Principal SRE", "L5"],
    ]);
  });

  it("keeps the categories and the twelve competency rows in the seed's order", () => {
    const expected: Array<[string, string[]]> = [];
    for (const row of rows.slice(2)) {
      if (row[0].startsWith("**")) expected.push([row[0].slice(2, -2), []]);
      else expected.at(-1)?.[1].push(row[0].slice(1, -1));
    }
    expect(sre.categories.map((c) => [c.name, c.competencies.map((k) => k.name)])).toEqual(expected);
    expect(expected.flatMap(([, names]) => names)).toHaveLength(12);
  });

  it("holds all sixty cells word for word, with only the mojibake apostrophe repaired", () => {
    const seedCells = rows
      .slice(2)
      .filter((row) => !row[0].startsWith("**"))
      .flatMap((row) => row.slice(1));
    const ours = sre.categories.flatMap((c) => c.competencies.flatMap((k) => sre.levels.map((l) => k.cells[l.id])));
    expect(ours).toHaveLength(60);
    const repaired = seedCells.map((cell) => cell.replace("doesn\u00e2\u20ac\u2122t", "doesn\u2019t"));
    expect(ours).toEqual(repaired);
    expect(repaired.filter((cell, i) => cell !== seedCells[i])).toEqual([
      expect.stringContaining("Work doesn\u2019t necessarily need to be reviewed"),
    ]);
  });

  it("gives the three Mastery rows distinct ids that say what each is about", () => {
    const mastery = sre.categories.flatMap((c) => c.competencies).filter((k) => k.name === "Mastery");
    expect(mastery.map((k) => k.id)).toEqual(["mastery-expertise", "mastery-maintenance", "mastery-on-call"]);
  });

  it("keeps the seed's content oddities for a reviewed change rather than fixing them silently", () => {
    const text = (id: string, level: string) =>
      sre.categories.flatMap((c) => c.competencies).find((k) => k.id === id)?.cells[level];
    expect(text("judgment", "l1")).toContain("planning.Demonstrates");
    expect(text("communication", "l2")).toBe(text("communication", "l3"));
  });
});
