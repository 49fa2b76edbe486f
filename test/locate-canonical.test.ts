/**
 * The light locator (scripts/check/locate-canonical.ts) must give the reference parser's line and column for
 * every path, or decline: on every ladder file of the project and its fixtures, on generated ladders, and on
 * texts built to be awkward. Paths that do not exist (an unknown key, an index past the end, a path through
 * a scalar) must land where the reference parser lands too.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFrom, ladderYaml } from "../bench/generate.js";
import { loadSource } from "../scripts/check/load.js";
import { canonicalLocator } from "../scripts/check/locate-canonical.js";
import type { DocPath } from "../scripts/model/model.js";

const root = path.join(import.meta.dirname, "..");

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Every path into `data`, plus paths just beside it that do not exist. */
function pathsOf(data: unknown, prefix: DocPath = []): DocPath[] {
  const paths: DocPath[] = [prefix, [...prefix, "no-such-key"], [...prefix, 99]];
  if (Array.isArray(data)) {
    for (const [i, item] of data.entries()) paths.push(...pathsOf(item, [...prefix, i]));
  } else if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data)) paths.push(...pathsOf(value, [...prefix, key]));
  } else paths.push([...prefix, 0, "deeper"]);
  return paths;
}

/** Asserts the locator equals the reference on every path of `text`; returns whether it answered at all. */
function agrees(text: string): boolean {
  const reference = loadSource({ file: "x.yaml", text }, { fast: false });
  const light = canonicalLocator(text);
  if (!reference.ok || light === undefined) return false;
  for (const where of pathsOf(reference.parsed.data)) {
    for (const atKey of [false, true]) {
      expect(light(where, atKey), `${JSON.stringify(where)} atKey=${atKey}`).toEqual(
        reference.parsed.locate(where, atKey),
      );
    }
  }
  return true;
}

describe("canonicalLocator", () => {
  const files = [...yamlFiles("ladder"), ...yamlFiles("test/fixtures")];

  it.each(files)("gives the reference parser's positions, or declines: %s", (file) => {
    agrees(readFileSync(path.join(root, file), "utf8").replace(/^\uFEFF/, ""));
  });

  it("answers for the seed ladder and generated ladders (so validate skips the reference parser)", () => {
    expect(agrees(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"))).toBe(true);
    const corpus = corpusFrom(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"));
    expect(agrees(ladderYaml({ ladders: 1, levels: 4, competencies: 12 }, 0, corpus))).toBe(true);
  });

  it("answers for quotes, comments, compact sequences and scalar items", () => {
    const texts = [
      "# head\n\ntitle: \"quoted: with \\\" escape\" # note\nlevels:\n  - id: l1\n    code: 'it''s'\n",
      "title: T\ntags:\n- one\n- two\nlevels:\n  # a comment\n  - id: l1\n\n    code: L1\n",
      "title:   spaced value\nlist:\n  - a\n  - b\n",
    ];
    for (const text of texts) expect(agrees(text), text).toBe(true);
  });

  it("declines what it does not read for certain", () => {
    const texts = [
      "title: |\n  block\n",
      "title: [a, b]\n",
      "title: plain\n  continued\n",
      'title: "open\n  closed"\n',
      "title: &a x\nother: *a\n",
      "title: !!str x\n",
      "title: T\r\n",
      "title:\tT\n",
      "---\ntitle: T\n",
      "title:\nnext: x\n",
      "- a\n- b\n".replace(/^/, "  "),
    ];
    for (const text of texts) expect(canonicalLocator(text), JSON.stringify(text)).toBeUndefined();
  });

  it("is what loading uses: a fast-path file locates its problems where the reference parser does", () => {
    const text = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
    const fast = loadSource({ file: "ladder/sre.yaml", text });
    const slow = loadSource({ file: "ladder/sre.yaml", text }, { fast: false });
    if (!fast.ok || !slow.ok) throw new Error("the seed does not load");
    const where: DocPath = ["categories", 1, "competencies", 0, "cells", "l3"];
    expect(fast.parsed.locate(where)).toEqual(slow.parsed.locate(where));
    expect(fast.parsed.locate(where, true)).toEqual(slow.parsed.locate(where, true));
  });
});
