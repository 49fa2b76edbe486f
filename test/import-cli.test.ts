/** `ladder import FILE` on a real folder: what it writes, what it refuses, and what it says. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyOfProject, projectRoot } from "./helpers/cli.js";
import { ladder } from "./helpers/golden.js";

const fixture = (name: string) => path.join(projectRoot, "test/fixtures", name);

/** A copy of the project (ladders and schemas) with the given fixtures copied into `in/`. */
function workspace(...files: string[]): string {
  const root = copyOfProject();
  mkdirSync(path.join(root, "in"));
  for (const file of files) copyFileSync(fixture(file), path.join(root, "in", path.basename(file)));
  return root;
}

describe("ladder import", () => {
  it("writes ladder/<id>.yaml from the seed table, which then validates and is formatted", async () => {
    const root = workspace("seed/titles-for-ops.md");
    const result = await ladder(["import", "in/titles-for-ops.md", "--fix-encoding"], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "imported in/titles-for-ops.md → ladder/titles-for-ops.yaml: 5 levels, 3 categories, 12 competencies\n",
    );
    // The seed's own defects are reported, not changed.
    expect(result.stderr).toContain('"planning.Demonstrates"');
    const written = readFileSync(path.join(root, "ladder/titles-for-ops.yaml"), "utf8");
    expect(written.startsWith("# yaml-language-server: $schema=../schemas/ladder.schema.json\n\ntitle: Titles")).toBe(
      true,
    );
    expect(written).toContain("Work doesn’t necessarily need to be reviewed");
    expect((await ladder(["validate", "ladder/titles-for-ops.yaml"], root)).code).toBe(0);
    expect((await ladder(["fmt", "--check", "ladder/titles-for-ops.yaml"], root)).code).toBe(0);
  });

  it("suggests --fix-encoding when the input has mojibake, and keeps the text as it is", async () => {
    const root = workspace("import/damaged-encoding.md");
    const result = await ladder(["import", "in/damaged-encoding.md", "--id", "ops"], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("run again: npm run ladder -- import in/");
    expect(result.stderr).toContain(" --fix-encoding --force");
    expect(result.stderr).toMatch(/^ladder\/ops\.yaml:\d+:\d+: warning: .* \(mojibake\)$/m);
    expect(readFileSync(path.join(root, "ladder/ops.yaml"), "utf8")).toContain("doesnâ€™t");
  });

  it("writes to --out with the schema modeline pointing back at schemas/, and takes --title for a CSV", async () => {
    const root = workspace("import/spreadsheet.csv");
    const result = await ladder(
      ["import", "in/spreadsheet.csv", "--out", "other/eng.yaml", "--title", "Engineering"],
      root,
    );
    expect(result.code).toBe(0);
    const written = readFileSync(path.join(root, "other/eng.yaml"), "utf8");
    expect(written.split("\n").slice(0, 3)).toEqual([
      "# yaml-language-server: $schema=../schemas/ladder.schema.json",
      "",
      "title: Engineering",
    ]);
  });

  it("refuses to overwrite an existing ladder unless --force", async () => {
    const root = workspace("seed/titles-for-ops.md");
    const before = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
    const refused = await ladder(["import", "in/titles-for-ops.md", "--id", "sre"], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ladder/sre.yaml already exists; choose another --out or add --force");
    expect(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8")).toBe(before);
    const forced = await ladder(["import", "in/titles-for-ops.md", "--id", "sre", "--force", "--fix-encoding"], root);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8")).toContain("id: mastery-2");
  });

  it.each([
    ["import/unparseable-row.md", "in/unparseable-row.md:7:1: error: this row has 2 cells; the header has 3 (import)"],
    ["import/unclosed-quote.csv", "in/unclosed-quote.csv:3:1: error: a quoted field is never closed"],
  ])("names the line of %s that cannot be read, exits 1 and writes nothing", async (file, message) => {
    const root = workspace(file);
    const result = await ladder(["import", `in/${path.basename(file)}`, "--id", "broken"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("nothing was written");
    expect(existsSync(path.join(root, "ladder/broken.yaml"))).toBe(false);
  });

  it("refuses a file that is not UTF-8, naming its line", async () => {
    const root = workspace();
    writeFileSync(path.join(root, "in/latin1.csv"), Buffer.from("Category,Competency,A (L1)\nCaf\xe9,X,Y\n", "latin1"));
    const result = await ladder(["import", "in/latin1.csv"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("in/latin1.csv:2: the file is not UTF-8");
    expect(existsSync(path.join(root, "ladder/latin1.yaml"))).toBe(false);
  });

  it("exits 2 without exactly one FILE or with an id that is not one", async () => {
    const root = workspace("seed/titles-for-ops.md");
    expect((await ladder(["import"], root)).code).toBe(2);
    expect((await ladder(["import", "in/titles-for-ops.md", "--id", "Not An Id"], root)).code).toBe(2);
    expect((await ladder(["import", "--help"], root)).stdout).toContain("--fix-encoding");
  });
});
