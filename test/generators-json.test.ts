import { describe, expect, it } from "vitest";
import { ladderJson, renderJson } from "../generators/json/render.js";
import type { Ladder } from "../scripts/model/model.js";
import { caseLadder, expectedFile, goldenCases } from "./helpers/golden.js";

/** The same object with every key order reversed, recursively: what a YAML file in another order gives. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  }
  return value;
}

describe("the JSON generator", () => {
  for (const name of goldenCases()) {
    it(`renders the ${name} case as its golden file`, async () => {
      const ladder = caseLadder(name);
      await expect(renderJson(ladder)).toMatchFileSnapshot(expectedFile(name, `${ladder.id}.json`));
    });

    it(`parses back to the ladder of ${name}, without its source path and lint settings`, () => {
      const ladder = caseLadder(name);
      const { file: _file, lint: _lint, ...content } = ladder;
      expect(JSON.parse(renderJson(ladder))).toEqual({ formatVersion: 1, ...content });
    });
  }

  it("writes keys in one fixed order whatever order the YAML had", () => {
    const ladder = caseLadder("summaries-and-examples");
    const reversed = reversedKeys(ladder) as Ladder;
    expect(Object.keys(reversed)[0]).not.toBe("id");
    expect(renderJson(reversed)).toBe(renderJson(ladder));
    const json = ladderJson(reversed);
    expect(Object.keys(json)).toEqual(["formatVersion", "id", "title", "summary", "levels", "categories"]);
    const competency = json.categories[0]?.competencies[0];
    expect(Object.keys(competency ?? {})).toEqual(["id", "name", "description", "cells", "examples"]);
    expect(Object.keys(competency?.cells ?? {})).toEqual(["l1", "l2"]);
  });

  it("leaves optional fields out rather than writing null", () => {
    const json = renderJson(caseLadder("sre"));
    expect(json).not.toContain("null");
    expect(json).not.toContain('"examples"');
    expect(json.endsWith("}\n")).toBe(true);
    expect(json).not.toContain("\r");
  });
});
