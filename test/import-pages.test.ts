/**
 * Importing handbook pages keeps everything: a page with two tables becomes two ladders, and every heading,
 * paragraph, list item, cell, level title and code of the page is in the written YAML and in the rendered
 * Markdown; what cannot be kept is refused at its line, and nothing is written.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importLadders } from "../scripts/import/import.js";
import { copyOfProject, projectRoot } from "./helpers/cli.js";
import { ladder } from "./helpers/golden.js";

const pages = path.join(projectRoot, "test/fixtures/import-pages");
const read = (name: string) => readFileSync(path.join(pages, name), "utf8");

/** Every non-empty text a reader sees on the page, as a person would copy it (list markers and emphasis off). */
function textsOf(page: string): string[] {
  const texts: string[] = [];
  for (const raw of page.split("\n")) {
    const line = raw.trim();
    if (line === "" || /^\|?\s*:?-{3,}/.test(line)) continue;
    if (line.startsWith("|")) {
      for (const cell of line.split("|").map((c) => c.trim())) {
        const plain = cell.replace(/^\*\*(.*)\*\*$/, "$1").replace(/^\*(.*)\*$/, "$1");
        const level = /^(.*?) \((\w+)\)$/.exec(plain);
        if (level) texts.push(level[1] as string, level[2] as string);
        else if (plain !== "" && plain !== "Category") texts.push(plain);
      }
    } else texts.push(line.replace(/^#+\s+/, "").replace(/^([-*+]|\d+\.)\s+/, ""));
  }
  return texts;
}

/** All strings of parsed YAML data, one per line. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

function workspace(page: string): string {
  const root = copyOfProject();
  mkdirSync(path.join(root, "in"));
  copyFileSync(path.join(pages, page), path.join(root, "in", page));
  return root;
}

const cases = [
  { page: "programmers-two-tables.md", ids: ["titles-for-programmers", "programmers-leadership"] },
  { page: "designers-prose-before.md", ids: ["designers-prose-before"] },
  { page: "qa-text-after.md", ids: ["qa-text-after"] },
];

describe("importing handbook pages", () => {
  it.each(cases)("$page: every text of the page is in the written YAML and in the rendered Markdown", async (c) => {
    const root = workspace(c.page);
    const result = await ladder(["import", `in/${c.page}`], root);
    expect(result.stderr.split("\n").filter((l) => l.includes(": error:"))).toEqual([]);
    expect(result.code).toBe(0);
    const yamlData = c.ids.flatMap((id) =>
      stringsOf(parse(readFileSync(path.join(root, `ladder/${id}.yaml`), "utf8"))),
    );
    const yamlText = yamlData.join("\n");
    expect((await ladder(["build"], root)).code).toBe(0);
    const markdown = c.ids
      .map((id) => readFileSync(path.join(root, `dist/${id}.md`), "utf8"))
      .join("\n")
      .replace(/\\(.)/g, "$1");
    const texts = textsOf(read(c.page));
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((t) => !yamlText.includes(t))).toEqual([]);
    expect(texts.filter((t) => !markdown.includes(t))).toEqual([]);
  });

  it("makes two ladders of a page with two tables, named by their headings, the manager track coded M1–M3", () => {
    const result = importLadders(read("programmers-two-tables.md"), { format: "markdown", title: "x" });
    if (!result.ok) throw new Error(result.message);
    const [ic, leads] = result.ladders;
    expect(result.ladders.map((l) => l.title)).toEqual(["Titles for Programmers", "Programmers Leadership"]);
    expect(ic?.summary).toBe("These titles describe what we expect of programmers at each level.");
    expect(ic?.afterword).toEqual([
      { text: "Programmers move up when they show the next level's expectations for about six months." },
    ]);
    expect(leads?.summary).toBe("Leads are programmers who also manage a team.");
    expect(leads?.levels.map((l) => l.code)).toEqual(["M1", "M2", "M3"]);
    expect(leads?.afterword).toBeUndefined();
  });

  it("keeps sections, their headings and depths, paragraphs and lists before a table as prose, not a summary", () => {
    const result = importLadders(read("designers-prose-before.md"), { format: "markdown", title: "x" });
    if (!result.ok) throw new Error(result.message);
    const [designers] = result.ladders;
    expect(designers?.summary).toBeUndefined();
    expect(designers?.prose?.map((s) => [s.heading, s.depth ?? 2])).toEqual([
      ["How to read this page", 2],
      ["What changes between levels", 2],
      ["A note on titles", 3],
    ]);
    expect(designers?.prose?.[0]?.text).toBe(
      "Each level builds on the one before it. A designer at a level does what the levels below ask, and more.\n\n" +
        "- The levels are not a checklist.\n- Managers and designers read them together, twice a year.\n" +
        "- Examples help: bring *two or three* from recent work.",
    );
  });

  it("reads the seed's page as before: one ladder, its title, no prose", () => {
    const seed = readFileSync(path.join(projectRoot, "test/fixtures/seed/titles-for-ops.md"), "utf8");
    const result = importLadders(seed, { format: "markdown", title: "x" });
    if (!result.ok) throw new Error(result.message);
    expect(result.ladders).toHaveLength(1);
    expect(result.ladders[0]?.title).toBe("Titles for Ops");
    expect(result.ladders[0]?.prose).toBeUndefined();
    expect(result.ladders[0]?.afterword).toBeUndefined();
  });

  it.each([
    {
      name: "raw HTML in the prose",
      page: "# T\n\nIntro.\n\n<div>kept?</div>\n\n| Category | A (L1) |\n| --- | --- |\n| **S** | |\n| *C* | x |\n",
      line: 5,
      says: "raw HTML",
    },
    {
      name: "a second table with no heading",
      page: "# T\n\n| Category | A (L1) |\n| --- | --- |\n| **S** | |\n| *C* | x |\n\nBetween.\n\n| Category | B (L2) |\n| --- | --- |\n| **S** | |\n| *C* | y |\n",
      line: 10,
      says: "no heading above it",
    },
  ])("refuses $name at its line and writes nothing", async (c) => {
    const root = workspace("qa-text-after.md");
    writeFileSync(path.join(root, "in/bad.md"), c.page);
    const result = await ladder(["import", "in/bad.md"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^in/bad\\.md:${c.line}:1: error: .*${c.says}.* \\(import\\)$`, "m"));
    expect(result.stderr).toContain("nothing was written");
    expect(existsSync(path.join(root, "ladder/bad.yaml"))).toBe(false);
    expect(existsSync(path.join(root, "ladder/t.yaml"))).toBe(false);
  });

  it("takes one --id per ladder, in page order, and refuses a count that does not match", async () => {
    const root = workspace("programmers-two-tables.md");
    const wrong = await ladder(["import", "in/programmers-two-tables.md", "--id", "programmers"], root);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('holds 2 ladders ("Titles for Programmers", "Programmers Leadership")');
    const right = await ladder(
      ["import", "in/programmers-two-tables.md", "--id", "programmers", "--id", "leads"],
      root,
    );
    expect(right.code).toBe(0);
    expect(right.stdout).toContain(
      "→ ladder/programmers.yaml: 3 levels, 2 categories, 3 competencies, 1 prose section",
    );
    expect(right.stdout).toContain("→ ladder/leads.yaml: 3 levels, 1 category, 2 competencies");
  });
});
