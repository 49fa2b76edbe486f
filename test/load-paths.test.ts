import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fastParse, loadSource } from "../scripts/check/load.js";

const root = path.join(import.meta.dirname, "..");
const files = [
  "ladder/sre.yaml",
  "test/fixtures/hostile-content/ladder/hostile.yaml",
  ...readdirSync(path.join(root, "test/fixtures/valid")).map((f) => `test/fixtures/valid/${f}`),
  ...readdirSync(path.join(root, "test/fixtures/invalid")).map((f) => `test/fixtures/invalid/${f}`),
];

describe("the fast parser and the reference parser", () => {
  it("takes the fast path for the project's ladder", () => {
    expect(fastParse(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"))).toBeTypeOf("object");
  });

  it.each(files)("agree on %s", (file) => {
    const bytes = readFileSync(path.join(root, file));
    const fast = loadSource({ file, text: bytes });
    const slow = loadSource({ file, text: bytes }, { fast: false });
    expect(fast.ok).toBe(slow.ok);
    if (fast.ok && slow.ok) {
      expect(fast.parsed.data).toEqual(slow.parsed.data);
      const where = ["categories", 0, "competencies", 0, "cells", "l1"];
      expect(fast.parsed.locate(where)).toEqual(slow.parsed.locate(where));
      expect(fast.parsed.locate(["levels", 1, "id"], true)).toEqual(slow.parsed.locate(["levels", 1, "id"], true));
    } else if (!fast.ok && !slow.ok) {
      expect(fast.problems).toEqual(slow.problems);
    }
  });

  it("leaves aliases, tags, tabs and flow collections to the reference parser", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!binary aGk=\n",
      "a:\n\tb: 1\n",
      "a: [1, 2]\n",
      "- a\n",
      "---\na: 1\n",
    ]) {
      expect(fastParse(text)).toBeUndefined();
    }
    expect(fastParse("a: tools & systems, R&D and 1*2\n")).toEqual({ a: "tools & systems, R&D and 1*2" });
  });
});
