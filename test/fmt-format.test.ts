/**
 * The canonical layout: the seed is already in it, a scrambled file reaches it with every comment and every
 * character of text kept, and formatting twice changes nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readComments } from "../scripts/check/comments.js";
import { validateLadders } from "../scripts/check/pipeline.js";
import { formatLadder } from "../scripts/import/format.js";
import { projectRoot } from "./helpers/cli.js";

const fixtures = path.join(projectRoot, "test/fixtures");
const read = (file: string) => readFileSync(path.join(projectRoot, file), "utf8");

/** Every valid ladder file among the fixtures and in ladder/, as paths relative to the project. */
function ladderFiles(): string[] {
  const files = ["ladder/sre.yaml", "test/fixtures/fmt/scrambled.yaml"];
  for (const dir of ["valid", "lint"]) {
    for (const name of readdirSync(path.join(fixtures, dir))) files.push(`test/fixtures/${dir}/${name}`);
  }
  for (const name of readdirSync(fixtures)) {
    const dir = path.join(fixtures, name, "ladder");
    try {
      for (const file of readdirSync(dir)) files.push(`test/fixtures/${name}/ladder/${file}`);
    } catch {
      // not a golden case
    }
  }
  return files.filter((f) => f.endsWith(".yaml")).sort();
}

function formatted(text: string): string {
  const result = formatLadder(text);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

/** Each comment's text, as a sorted list: what must survive byte for byte. */
const commentTexts = (text: string) =>
  readComments(text)
    .map((c) => c.text)
    .sort();

describe("formatLadder", () => {
  it("leaves ladder/sre.yaml exactly as it is: it is the canonical layout", () => {
    const sre = read("ladder/sre.yaml");
    expect(formatLadder(sre)).toEqual({ ok: true, text: sre, changed: false });
  });

  it("puts a scrambled file in the canonical layout", async () => {
    const out = formatted(read("test/fixtures/fmt/scrambled.yaml"));
    await expect(out).toMatchFileSnapshot(path.join(fixtures, "fmt/expected/scrambled.yaml"));
  });

  it.each(ladderFiles())("keeps every comment and every character of text of %s, and is idempotent", (file) => {
    const input = read(file);
    const once = formatted(input);
    expect(formatted(once)).toBe(once);
    expect(parse(once)).toEqual(parse(input.replace(/^\uFEFF/, "")));
    expect(commentTexts(once)).toEqual(commentTexts(input));
    expect(once).not.toMatch(/\r|^\uFEFF/);
  });

  it("keeps a suppression directly above the cell it silences when cells are put in level order", () => {
    const out = formatted(read("test/fixtures/fmt/scrambled.yaml"));
    expect(out).toContain(
      "          # ladder-lint-ignore identical-cells: the mid level only widens scope, said in its summary\n          l2: Delivers features on their own.\n",
    );
    expect(out).toContain("        cells:\n          # the cells, out of level order\n          l1: ");
  });

  it("turns CRLF and a byte order mark into LF without one, keeping the text", () => {
    const sre = read("ladder/sre.yaml");
    const result = formatLadder(`\uFEFF${sre.replace(/\n/g, "\r\n")}`);
    expect(result).toEqual({ ok: true, text: sre, changed: true });
  });

  it("writes text with line breaks on one line, double-quoted, and quotes only where YAML needs it", () => {
    const input = [
      "title: 'Plain'",
      "summary: >",
      "  Folded",
      "  text",
      "levels:",
      "  - {id: l1, code: L1, title: 'true'}",
      "categories:",
      "  - id: c",
      "    name: '#1: first'",
      "    competencies:",
      "      - {id: k, name: \"K\", cells: {l1: '- starts like a list'}}",
      "",
    ].join("\n");
    expect(formatted(input)).toBe(
      [
        "title: Plain",
        'summary: "Folded text\\n"',
        "levels:",
        "  - id: l1",
        "    code: L1",
        '    title: "true"',
        "categories:",
        "  - id: c",
        '    name: "#1: first"',
        "    competencies:",
        "      - id: k",
        "        name: K",
        "        cells:",
        '          l1: "- starts like a list"',
        "",
      ].join("\n"),
    );
  });

  it("refuses text that is not YAML rather than guess", () => {
    expect(formatLadder("title: [unclosed\n").ok).toBe(false);
  });

  it("formats every golden ladder into a file that still validates", () => {
    for (const file of ladderFiles().filter((f) => f.includes("/ladder/"))) {
      const result = validateLadders([{ file, text: formatted(read(file)) }]);
      expect(result.ok, file).toBe(true);
    }
  });
});
