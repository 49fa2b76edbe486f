import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_NAMED } from "../scripts/cli/commands/build.js";
import { RenderError, renderDist } from "../scripts/dist/render.js";
import { writeDist } from "../scripts/dist/write.js";
import type { Ladder } from "../scripts/model/model.js";
import { runCli, tempRoot } from "./helpers/cli.js";
import { caseLadders, fixtures, goldenCases, ladder } from "./helpers/golden.js";

const sreYaml = readFileSync(path.join(fixtures, "sre/ladder/sre.yaml"), "utf8");
const hostileYaml = readFileSync(path.join(fixtures, "hostile-content/ladder/hostile.yaml"), "utf8");
const smallYaml = readFileSync(path.join(fixtures, "three-rows-same-name/ladder/three-rows-same-name.yaml"), "utf8");

/** Every file under a folder, path → bytes (as a string of hex for easy comparison). */
function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = readFileSync(full).toString("hex");
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe("render", () => {
  it("renders the same bytes twice and leaves the ladders unchanged", () => {
    const ladders = goldenCases().flatMap((name) => caseLadders(name));
    const before = structuredClone(ladders);
    deepFreeze(ladders);
    const first = renderDist(ladders);
    const second = renderDist(ladders);
    expect([...second]).toEqual([...first]);
    expect(ladders).toEqual(before);
    expect([...first.keys()]).toEqual([...first.keys()].sort());
    expect(first.has("index.html") && first.has("README.md") && first.has("sre.cells.csv")).toBe(true);
  });

  it("refuses two outputs that would be one file, also on a disk that ignores case", () => {
    const [small] = caseLadders("three-rows-same-name") as [Ladder];
    expect(() => renderDist([{ ...small, id: "index", file: "ladder/index.yaml" }])).toThrow(RenderError);
    expect(() => renderDist([small, { ...small, id: "Three-Rows-Same-Name" }])).toThrow(/would be the same file/);
  });
});

describe("ladder build", () => {
  it("writes every file of every ladder plus the index pages, and lists them", async () => {
    const root = tempRoot({ "sre.yaml": sreYaml, "hostile.yaml": hostileYaml });
    const result = await ladder(["build", "--root", root], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = renderDist([...caseLadders("hostile-content"), ...caseLadders("sre")]);
    const written = snapshotDir(path.join(root, "dist"));
    expect(Object.keys(written).sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) {
      const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
      expect(written[file], file).toBe(bytes.toString("hex"));
      expect(result.stdout).toContain(`  dist/${file} (${bytes.length} bytes)\n`);
    }
    expect(result.stdout).toMatch(/^wrote 14 files to dist\/ from 2 ladders:\n/);
    expect(readdirSync(root).sort()).toEqual(["dist", "ladder"]);
  });

  it("names the first files it wrote, then counts the rest", async () => {
    // 12 ladders: 74 files, past BUILD_NAMED.
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`l${String(i).padStart(2, "0")}.yaml`, smallYaml]),
    );
    const root = tempRoot(files);
    const result = await ladder(["build", "--root", root], root);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("wrote 74 files to dist/ from 12 ladders:");
    expect(lines).toHaveLength(1 + BUILD_NAMED + 1);
    expect(lines.slice(1, 3)).toEqual([
      `  dist/README.md (${statSync(path.join(root, "dist/README.md")).size} bytes)`,
      `  dist/index.html (${statSync(path.join(root, "dist/index.html")).size} bytes)`,
    ]);
    const rest = readdirSync(path.join(root, "dist"))
      .sort()
      .filter((name) => !lines.some((line) => line.startsWith(`  dist/${name} (`)));
    expect(rest).toHaveLength(74 - BUILD_NAMED);
    const bytes = rest.reduce((sum, name) => sum + statSync(path.join(root, "dist", name)).size, 0);
    expect(lines.at(-1)).toBe(`  … and ${74 - BUILD_NAMED} more files (${bytes} bytes)`);
  });

  it("writes the same bytes in another process under TZ=Pacific/Chatham and LANG=tr_TR.UTF-8", async () => {
    const root = tempRoot({ "sre.yaml": sreYaml, "hostile.yaml": hostileYaml });
    const env = { TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" };
    const probe = spawnSync(
      process.execPath,
      [
        "-e",
        "console.log(Intl.DateTimeFormat().resolvedOptions().timeZone, new Intl.Collator().resolvedOptions().locale)",
      ],
      { env: { ...process.env, ...env }, encoding: "utf8" },
    );
    expect(probe.stdout.trim()).toBe("Pacific/Chatham tr-TR");
    const other = runCli(["build", "--root", root], { env });
    expect(other.stderr).toBe("");
    expect(other.status).toBe(0);
    const there = snapshotDir(path.join(root, "dist"));
    expect(await ladder(["build", "--root", root], root)).toMatchObject({ code: 0 });
    expect(snapshotDir(path.join(root, "dist"))).toEqual(there);
  });

  it("leaves an existing dist/ byte-identical when a ladder is invalid", async () => {
    const root = tempRoot({ "sre.yaml": sreYaml, "small.yaml": smallYaml });
    expect((await ladder(["build", "--root", root], root)).code).toBe(0);
    const before = snapshotDir(path.join(root, "dist"));
    writeFileSync(path.join(root, "ladder/small.yaml"), smallYaml.replace("l2: Knows many areas.", "l9: Nowhere."));
    const result = await ladder(["build", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ladder\/small\.yaml:\d+:\d+: error: .*\(/m);
    expect(result.stderr).toContain("dist/ was not changed");
    expect(result.stdout).toBe("");
    expect(snapshotDir(path.join(root, "dist"))).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(["dist", "ladder"]);
  });

  it("removes the files of a removed ladder and anything else not built", async () => {
    const root = tempRoot({ "sre.yaml": sreYaml, "small.yaml": smallYaml });
    expect((await ladder(["build", "--root", root], root)).code).toBe(0);
    expect(readdirSync(path.join(root, "dist"))).toContain("small.csv");
    rmSync(path.join(root, "ladder/small.yaml"));
    writeFileSync(path.join(root, "dist/notes.txt"), "hand-written");
    expect((await ladder(["build", "--root", root], root)).code).toBe(0);
    const files = readdirSync(path.join(root, "dist")).sort();
    expect(files).toEqual([...renderDist(caseLadders("sre")).keys()].sort());
    expect(readFileSync(path.join(root, "dist/README.md"), "utf8")).not.toContain("small");
  });

  it("refuses to build from a folder without ladder files, leaving dist/ alone", async () => {
    const root = tempRoot({ "sre.yaml": sreYaml });
    expect((await ladder(["build", "--root", root], root)).code).toBe(0);
    const before = snapshotDir(path.join(root, "dist"));
    mkdirSync(path.join(root, "empty"));
    const result = await ladder(["build", "--root", root, "--ladders", "empty"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("ladder build: no ladder files (*.yaml) in empty\n");
    expect(snapshotDir(path.join(root, "dist"))).toEqual(before);
  });

  it("refuses a ladder whose files would overwrite the index, leaving dist/ alone", async () => {
    const root = tempRoot({ "index.yaml": smallYaml });
    const result = await ladder(["build", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "ladder build: dist/index.html and dist/index.html would be the same file; rename one ladder file\n",
    );
    expect(readdirSync(root)).toEqual(["ladder"]);
  });

  it("writes to --out, resolved against the working folder", async () => {
    const root = tempRoot({ "small.yaml": smallYaml });
    const result = await ladder(["build", "--root", root, "--out", "site/public"], root);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(root, "site/public"))).toContain("small.md");
    expect(result.stdout).toContain("  site/public/small.md (");
  });

  it("prints its help with --help and exits 2 on an unknown option", async () => {
    const help = await ladder(["build", "--help"], process.cwd());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ladder build \[--root DIR\] \[--ladders DIR\] \[--out DIR\]/);
    const wrong = await ladder(["build", "--nope"], process.cwd());
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--nope");
  });
});

describe("writeDist", () => {
  it("leaves the folder as it was and no temporary folder behind when a write fails", async () => {
    const root = tempRoot();
    const out = path.join(root, "dist");
    await writeDist(out, new Map([["keep.md", "old\n"]]));
    // "a" cannot be both a file and a folder: the second write fails after the first succeeded.
    const failing = new Map([
      ["a", "file"],
      ["a/b", "under a file"],
    ]);
    await expect(writeDist(out, failing)).rejects.toThrow();
    expect(snapshotDir(out)).toEqual({ "keep.md": Buffer.from("old\n").toString("hex") });
    expect(readdirSync(root).sort()).toEqual(["dist", "ladder"]);
  });

  it("creates the folder and its parents, and nested paths, when they do not exist", async () => {
    const root = tempRoot();
    const out = path.join(root, "a/b/dist");
    await writeDist(out, new Map([["x/y.md", "y"]]));
    expect(readFileSync(path.join(out, "x/y.md"), "utf8")).toBe("y");
    // Not the private mode of a temporary folder: dist/ may be served or shared.
    expect(statSync(out).mode & 0o777).toBe(0o755);
  });
});
