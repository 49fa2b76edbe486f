/**
 * Round trips: the seed table imported and rendered again is the seed's table; our own Markdown and CSV
 * imported again give back the ladder they were rendered from.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCsv } from "../generators/csv/render.js";
import { renderMarkdown } from "../generators/markdown/render.js";
import { validateLadders } from "../scripts/check/pipeline.js";
import { importLadder, type LadderData, ladderYaml } from "../scripts/import/import.js";
import type { Ladder } from "../scripts/model/model.js";
import { projectRoot } from "./helpers/cli.js";
import { caseLadders, goldenCases } from "./helpers/golden.js";

const seed = readFileSync(path.join(projectRoot, "test/fixtures/seed/titles-for-ops.md"), "utf8");
const sreYaml = readFileSync(path.join(projectRoot, "ladder/sre.yaml"), "utf8");
const sre = (() => {
  const result = validateLadders([{ file: "ladder/sre.yaml", text: sreYaml }]);
  if (!result.ok) throw new Error("ladder/sre.yaml is invalid");
  return result.ladders[0];
})();

/** The lines of the first pipe table in a Markdown text. */
const tableOf = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("|"));

function imported(text: string, format: "markdown" | "csv", fixEncoding = false, title = "x"): LadderData {
  const result = importLadder(text, { format, title, fixEncoding });
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`);
  return result.ladder;
}

const asLadder = (data: LadderData, id: string): Ladder => ({ id, file: `ladder/${id}.yaml`, ...data });

/** What a matrix CSV can carry: level titles and codes, category and competency names, every cell in order. */
const matrix = (ladder: LadderData) => ({
  levels: ladder.levels.map(({ code, title }) => ({ code, title })),
  rows: ladder.categories.flatMap((category) =>
    category.competencies.map((c) => [category.name, c.name, ...ladder.levels.map((l) => c.cells[l.id])]),
  ),
});

describe("the seed round trip", () => {
  it("imports the seed with --fix-encoding, renders it, and gets the seed's table with only the mojibake repaired", () => {
    const rendered = renderMarkdown(asLadder(imported(seed, "markdown", true), "titles-for-ops"));
    expect(rendered.startsWith("# Titles for Ops\n\n| Category |")).toBe(true);
    const seedTable = tableOf(seed);
    const table = tableOf(rendered);
    expect(table).toHaveLength(seedTable.length);
    const differing = table.flatMap((line, i) => (line === seedTable[i] ? [] : [i]));
    expect(differing.map((i) => seedTable[i].slice(0, 9))).toEqual(["| *Trust*"]);
    const [i] = differing;
    expect(table[i]).toBe(seedTable[i].replace("doesnâ€™t", "doesn’t"));
  });

  it("keeps every character of the seed without --fix-encoding: the table comes back byte for byte", () => {
    const rendered = renderMarkdown(asLadder(imported(seed, "markdown"), "titles-for-ops"));
    expect(tableOf(rendered)).toEqual(tableOf(seed));
  });

  it("gives the seed's content exactly as ladder/sre.yaml holds it, apart from the ids and summary it cannot know", () => {
    const fromSeed = imported(seed, "markdown", true);
    expect(matrix(fromSeed)).toEqual(matrix(sre));
    expect(fromSeed.levels.map((l) => l.id)).toEqual(sre.levels.map((l) => l.id));
    expect(fromSeed.categories.map((c) => c.id)).toEqual(sre.categories.map((c) => c.id));
  });
});

describe("our own output round trip", () => {
  it("imports dist/sre.md (renderMarkdown) back to ladder/sre.yaml byte for byte, ids and summary included", () => {
    const back = imported(renderMarkdown(sre), "markdown");
    expect(ladderYaml(back, "../schemas/ladder.schema.json")).toBe(sreYaml);
  });

  it("imports dist/sre.csv (renderCsv) back to the same levels, categories, names and cells", () => {
    const back = imported(renderCsv(sre), "csv", false, sre.title);
    expect(matrix(back)).toEqual(matrix(sre));
    expect(back.title).toBe(sre.title);
    expect(back.levels).toEqual(sre.levels.map(({ id, code, title }) => ({ id, code, title })));
    expect(back.categories.map((c) => c.id)).toEqual(sre.categories.map((c) => c.id));
    // A matrix CSV has no competency ids: they are derived from names, and made unique.
    expect(back.categories[0].competencies.map((c) => c.id).slice(0, 3)).toEqual(["mastery", "mastery-2", "mastery-3"]);
  });

  it.each(goldenCases())("golden case %s: Markdown gives back every text, id and example; CSV every cell", (name) => {
    for (const ladder of caseLadders(name)) {
      const fromMarkdown = imported(renderMarkdown(ladder), "markdown");
      expect(fromMarkdown.title).toBe(ladder.title);
      expect(fromMarkdown.summary).toBe(ladder.summary);
      expect(fromMarkdown.levels).toEqual(ladder.levels);
      expect(fromMarkdown.categories.map((c) => [c.name, c.description])).toEqual(
        ladder.categories.map((c) => [c.name, c.description]),
      );
      expect(fromMarkdown.categories.flatMap((c) => c.competencies)).toEqual(
        ladder.categories.flatMap((c) => c.competencies),
      );
      const fromCsv = imported(renderCsv(ladder), "csv", false, ladder.title);
      expect(matrix(fromCsv)).toEqual(matrix(ladder));
    }
  });
});
