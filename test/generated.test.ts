/**
 * `changedFiles` predicts which dist/ files a change rewrites without rendering them. Here every field of the
 * model is changed, one at a time, in every golden case, and the prediction must equal what rendering both
 * sides and comparing the files says. A generator that starts (or stops) showing a field fails this test
 * until scripts/generated.ts says so too.
 */
import { describe, expect, it } from "vitest";
import { byCodeUnit } from "../scripts/diff/change.js";
import { changedFiles } from "../scripts/diff/generated.js";
import { renderDist } from "../scripts/dist/render.js";
import type { Competency, Ladder } from "../scripts/model/model.js";
import { caseLadders, goldenCases } from "./helpers/golden.js";

/** The truth: both sides rendered, compared file by file. */
function rendered(base: Ladder[], head: Ladder[]) {
  const b = renderDist(base);
  const h = renderDist(head);
  return [...new Set([...b.keys(), ...h.keys()])]
    .filter((path) => !sameContent(b.get(path), h.get(path)))
    .map((path) => ({
      path: `dist/${path}`,
      status: !b.has(path) ? "added" : !h.has(path) ? "removed" : "changed",
    }))
    .sort((x, y) => byCodeUnit(x.path, y.path));
}

/** Text by value, a workbook's bytes by value too. */
function sameContent(a: string | Uint8Array | undefined, b: string | Uint8Array | undefined): boolean {
  if (typeof a === "string" || typeof b === "string" || a === undefined || b === undefined) return a === b;
  return Buffer.compare(a, b) === 0;
}

type Mutation = [string, (ladder: Ladder) => void];

const rows = (ladder: Ladder): Competency[] => ladder.categories.flatMap((c) => c.competencies);
const last = <T>(list: T[]): T => list[list.length - 1];
const renameKey = <T>(record: Record<string, T> | undefined, from: string, to: string) => {
  if (!record || !Object.hasOwn(record, from)) return;
  record[to] = record[from];
  delete record[from];
};

const mutations: Mutation[] = [
  [
    "ladder title",
    (l) => {
      l.title += " changed";
    },
  ],
  [
    "ladder summary added or changed",
    (l) => {
      l.summary = `${l.summary ?? ""} more`;
    },
  ],
  [
    "ladder summary removed",
    (l) => {
      delete l.summary;
    },
  ],
  [
    "ladder file renamed",
    (l) => {
      l.file = l.file.replace(/\.yaml$/, ".yml");
    },
  ],
  [
    "lint settings",
    (l) => {
      l.lint = { rules: { "identical-cells": "off" } };
    },
  ],
  [
    "level id",
    (l) => {
      const [level] = l.levels;
      for (const c of rows(l)) {
        renameKey(c.cells, level.id, "renamed");
        renameKey(c.examples, level.id, "renamed");
      }
      level.id = "renamed";
    },
  ],
  [
    "level code",
    (l) => {
      l.levels[0].code = "X9";
    },
  ],
  [
    "level title",
    (l) => {
      last(l.levels).title += " changed";
    },
  ],
  [
    "level summary added or changed",
    (l) => {
      l.levels[0].summary = `${l.levels[0].summary ?? ""} more`;
    },
  ],
  [
    "level summary removed",
    (l) => {
      for (const level of l.levels) delete level.summary;
    },
  ],
  [
    "levels swapped",
    (l) => {
      l.levels.reverse();
    },
  ],
  [
    "level added",
    (l) => {
      l.levels.push({ id: "added", code: "Z1", title: "Added" });
      for (const c of rows(l)) c.cells.added = "New text.";
    },
  ],
  [
    "category id",
    (l) => {
      l.categories[0].id = "renamed";
    },
  ],
  [
    "category name",
    (l) => {
      last(l.categories).name += " changed";
    },
  ],
  [
    "category description added or changed",
    (l) => {
      l.categories[0].description = `${l.categories[0].description ?? ""} more`;
    },
  ],
  [
    "category description removed",
    (l) => {
      for (const c of l.categories) delete c.description;
    },
  ],
  [
    "categories swapped",
    (l) => {
      l.categories.reverse();
    },
  ],
  [
    "competency id",
    (l) => {
      rows(l)[0].id = "renamed";
    },
  ],
  [
    "competency name",
    (l) => {
      last(rows(l)).name += " changed";
    },
  ],
  [
    "competency description added or changed",
    (l) => {
      rows(l)[0].description = `${rows(l)[0].description ?? ""} more`;
    },
  ],
  [
    "competency description removed",
    (l) => {
      for (const c of rows(l)) delete c.description;
    },
  ],
  [
    "competencies swapped",
    (l) => {
      l.categories[0].competencies.reverse();
    },
  ],
  [
    "competency moved to another category",
    (l) => {
      const moved = l.categories[0].competencies.pop();
      if (moved) (l.categories[1] ?? l.categories[0]).competencies.unshift(moved);
    },
  ],
  [
    "competency removed",
    (l) => {
      last(l.categories).competencies.pop();
    },
  ],
  [
    "cell text",
    (l) => {
      rows(l)[0].cells[l.levels[0].id] += " more";
    },
  ],
  [
    "cell text of the last level",
    (l) => {
      last(rows(l)).cells[last(l.levels).id] = "Other text.";
    },
  ],
  [
    "example added",
    (l) => {
      const competency = rows(l)[0];
      competency.examples = { ...competency.examples, [l.levels[0].id]: ["An example."] };
    },
  ],
  [
    "example changed",
    (l) => {
      for (const c of rows(l)) for (const list of Object.values(c.examples ?? {})) list[0] += " more";
    },
  ],
  [
    "examples removed",
    (l) => {
      for (const c of rows(l)) delete c.examples;
    },
  ],
  [
    "example list emptied",
    (l) => {
      for (const c of rows(l)) for (const key of Object.keys(c.examples ?? {})) (c.examples ?? {})[key] = [];
    },
  ],
  [
    "prose before and after the matrix",
    (l) => {
      l.prose = [{ heading: "About", text: "Read **this** first." }];
      l.afterword = [{ text: "After." }];
    },
  ],
  [
    "prose on a level, a category and a competency",
    (l) => {
      l.levels[0].prose = [{ text: "Level prose." }];
      l.categories[0].prose = [{ heading: "Why", text: "Category prose." }];
      rows(l)[0].prose = [{ text: "Row prose." }];
    },
  ],
  [
    "a cell marked not applicable",
    (l) => {
      const row = rows(l)[0];
      const level = l.levels[0].id;
      delete row.cells[level];
      row.notApplicable = { [level]: "Does not apply yet." };
    },
  ],
  [
    "inherited marks on a category, a row and a cell",
    (l) => {
      l.extends = "core";
      l.categories[0].from = "core";
      rows(l)[0].from = "core";
      rows(l)[0].cellsFrom = { [l.levels[0].id]: "core" };
    },
  ],
  [
    "version added or changed",
    (l) => {
      l.version = l.version === "2.0.0" ? "2.0.1" : "2.0.0";
    },
  ],
  [
    "effective date",
    (l) => {
      l.effective = "2027-01-01";
    },
  ],
  [
    "status and replacement",
    (l) => {
      l.status = "superseded";
      l.replacedBy = "other";
    },
  ],
  [
    "status legacy, without a replacement",
    (l) => {
      l.status = "legacy";
    },
  ],
  [
    "status said to be current, as it was",
    (l) => {
      l.status = "current";
    },
  ],
  [
    "history recorded",
    (l) => {
      const row = rows(l)[0];
      const level = l.levels[0].id;
      l.version = "1.1.0";
      l.history = [
        {
          version: "1.1.0",
          previous: "1.0.0",
          impact: "substantive",
          changes: [
            { what: "A cell", kind: "cell-changed", impact: "substantive", competency: row.id, level, before: "Old." },
          ],
        },
      ];
    },
  ],
  ["nothing", () => {}],
];

describe("changedFiles", () => {
  for (const name of goldenCases()) {
    const ladders = caseLadders(name);
    it.each(mutations)(`agrees with rendering on ${name}: %s`, (_label, mutate) => {
      const head = structuredClone(ladders);
      mutate(head[0]);
      expect(changedFiles(ladders, head)).toEqual(rendered(ladders, head));
    });
  }

  it("lists the files of an added and a removed ladder, and the index pages", () => {
    const [one] = caseLadders("sre");
    const [other] = caseLadders("summaries-and-examples");
    expect(changedFiles([one], [other])).toEqual(rendered([one], [other]));
    expect(changedFiles([one], [one, other])).toEqual(rendered([one], [one, other]));
    expect(changedFiles([], [])).toEqual([]);
    expect(changedFiles([one], [])).toEqual(rendered([one], []));
  });
});
