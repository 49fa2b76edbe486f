import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHECK_DETAILED, CHECK_NAMED } from "../scripts/cli/commands/check.js";
import { firstDifference } from "../scripts/dist/compare.js";
import { runCli, tempRoot } from "./helpers/cli.js";
import { fixtures, ladder } from "./helpers/golden.js";

const sreYaml = readFileSync(path.join(fixtures, "sre/ladder/sre.yaml"), "utf8");
const smallYaml = readFileSync(path.join(fixtures, "three-rows-same-name/ladder/three-rows-same-name.yaml"), "utf8");

/** A temporary repository with the SRE and a small ladder, freshly built. */
async function builtRoot(): Promise<string> {
  const root = tempRoot({ "sre.yaml": sreYaml, "small.yaml": smallYaml });
  expect((await ladder(["build", "--root", root], root)).code).toBe(0);
  return root;
}

const dist = (root: string, file = "") => path.join(root, "dist", file);
const contents = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f)).toString("hex")]));

describe("ladder check", () => {
  it("exits 0 when dist/ is exactly what build writes", async () => {
    const root = await builtRoot();
    const result = await ladder(["check", "--root", root], root);
    expect(result).toEqual({ code: 0, stdout: "dist/ is up to date (14 files)\n", stderr: "" });
  });

  it("names every stale file after a ladder edit, with the differing lines and the fix", async () => {
    const root = await builtRoot();
    writeFileSync(
      path.join(root, "ladder/sre.yaml"),
      sreYaml.replace("Shadows on call shifts", "Shadows on-call shifts"),
    );
    const before = contents(dist(root));
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const named = [...result.stderr.matchAll(/^ {2}(\w+) +dist\/(\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(named).toEqual([
      "stale sre.cells.csv",
      "stale sre.csv",
      "stale sre.html",
      "stale sre.json",
      "stale sre.md",
      "stale sre.xlsx",
    ]);
    expect(result.stderr).toMatch(/^dist\/ is out of date: 6 files differ/);
    // The workbook is a zip: its stale part is named and shown where it differs, as text.
    expect(result.stderr).toMatch(
      /stale {3}dist\/sre\.xlsx\n {12}xl\/sharedStrings\.xml, line 2:\n {12}- …?.*Shadows on call shifts/,
    );
    expect(result.stderr).toMatch(/\n {12}\+ …?.*Shadows on-call shifts/);
    expect(result.stderr).toContain("- | *Mastery* | Shadows on call shifts");
    expect(result.stderr).toContain("+ | *Mastery* | Shadows on-call shifts");
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe("Run `npm run build` to update dist/, then commit it.");
    expect(contents(dist(root))).toEqual(before);
    expect((await ladder(["build", "--root", root], root)).code).toBe(0);
    expect((await ladder(["check", "--root", root], root)).code).toBe(0);
  });

  it("names a missing and an extra file", async () => {
    const root = await builtRoot();
    rmSync(dist(root, "small.json"));
    writeFileSync(dist(root, "old.md"), "# a ladder that is gone\n");
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("  missing dist/small.json\n");
    expect(result.stderr).toContain("  extra   dist/old.md\n");
    expect(result.stderr).toMatch(/2 files differ/);
  });

  it("reports every file missing when there is no dist/ at all", async () => {
    const root = tempRoot({ "small.yaml": smallYaml });
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr.match(/^ {2}missing dist\//gm)).toHaveLength(8);
    expect(readdirSync(root)).toEqual(["ladder"]);
  });

  it("reports a workbook changed by hand as stale, even when its text is the same", async () => {
    const root = await builtRoot();
    const file = dist(root, "small.xlsx");
    const bytes = readFileSync(file);
    // One byte of a zip timestamp: the text inside is unchanged, the file is not what build writes.
    bytes[10] ^= 1;
    writeFileSync(file, bytes);
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("  stale   dist/small.xlsx\n");
    expect(result.stderr).toContain("the entries are equal; the zip around them differs");
    writeFileSync(file, "not a zip");
    const broken = await ladder(["check", "--root", root], root);
    expect(broken.stderr).toContain("binary: the bytes differ from byte 0 (9 bytes; build would write");
  });

  it("shows a change of line endings, which is invisible otherwise", async () => {
    const root = await builtRoot();
    const csv = readFileSync(dist(root, "small.csv"), "utf8");
    writeFileSync(dist(root, "small.csv"), csv.replace(/\r\n/g, "\n"));
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("  stale   dist/small.csv\n");
    expect(result.stderr).toContain('+ <BOM>"Category","Competency","Description","Junior (L1)","Senior (L2)"\\r');
  });

  it("exits 1 with the problems when a ladder is invalid", async () => {
    const root = await builtRoot();
    writeFileSync(path.join(root, "ladder/small.yaml"), "title: [unclosed\n");
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ladder\/small\.yaml:\d+:\d+: error: .*\(yaml-bracket\)$/m);
  });

  it("runs as a process with the exit codes CI sees", async () => {
    const root = await builtRoot();
    expect(runCli(["check", "--root", root]).status).toBe(0);
    writeFileSync(dist(root, "extra.txt"), "x");
    const stale = runCli(["check", "--root", root]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("extra   dist/extra.txt");
  });

  it("keeps a long report readable: the first files with their lines, then names, then a count", async () => {
    // 12 small ladders, 8 files each: every file stale (a changed tail), and 10 extra files.
    const ladders = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`s${String(i).padStart(2, "0")}.yaml`, smallYaml]),
    );
    const root = tempRoot(ladders);
    expect((await ladder(["build", "--root", root], root)).code).toBe(0);
    for (const file of readdirSync(dist(root))) {
      if (!file.endsWith(".xlsx")) writeFileSync(dist(root, file), `${readFileSync(dist(root, file), "utf8")}x`);
    }
    for (let i = 0; i < 10; i++) writeFileSync(dist(root, `zz-old-${i}.md`), "x");
    const result = await ladder(["check", "--root", root], root);
    expect(result.code).toBe(1);
    const stale = readdirSync(dist(root)).filter((f) => !f.endsWith(".xlsx") && !f.startsWith("zz-old-")).length;
    const total = stale + 10;
    expect(result.stderr).toMatch(new RegExp(`^dist/ is out of date: ${total} files differ`));
    const named = result.stderr.match(/^ {2}(stale|missing|extra) +dist\//gm) ?? [];
    expect(named).toHaveLength(CHECK_NAMED);
    // Only the first files show their lines.
    expect(result.stderr.match(/^ {12}line \d+:$/gm)).toHaveLength(CHECK_DETAILED);
    expect(result.stderr).toContain(
      `  … and ${total - CHECK_NAMED} more files (${stale - CHECK_NAMED} stale, 10 extra)\n`,
    );
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe("Run `npm run build` to update dist/, then commit it.");
  });

  it("prints its help with --help", async () => {
    const help = await ladder(["check", "--help"], process.cwd());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ladder check /);
    expect(help.stdout).toContain("npm run build");
  });
});

describe("firstDifference", () => {
  it("shows only the lines that differ, with their line number", () => {
    expect(firstDifference("a\nb\nc\n", "a\nB\nc\n")).toBe("line 2:\n- b\n+ B");
  });

  it("shows inserted and removed lines, and the end of a file", () => {
    expect(firstDifference("a\nc\n", "a\nb\nc\n")).toBe("line 2:\n+ b");
    // A final newline that build would not write: the empty last line is the one removed.
    expect(firstDifference("a\n", "a")).toBe("line 2:\n- ");
  });

  it("cuts long lines to a window around the first differing character", () => {
    const long = "x".repeat(500);
    const diff = firstDifference(`${long}OLD${long}`, `${long}NEW${long}`);
    expect(diff).toContain(`- …${"x".repeat(50)}OLD`);
    expect(diff).toContain(`+ …${"x".repeat(50)}NEW`);
    expect(diff.split("\n").every((line) => line.length < 110)).toBe(true);
  });

  it("keeps to a few lines however much differs", () => {
    const diff = firstDifference("1\n2\n3\n4\n5\n", "one\ntwo\nthree\nfour\nfive\n");
    expect(diff.split("\n")).toEqual([
      "line 1:",
      "- 1",
      "- 2",
      "- 3",
      "- … 2 more lines",
      "+ one",
      "+ two",
      "+ three",
      "+ … 2 more lines",
    ]);
  });
});
