/**
 * What is read as a ladder: only regular files named by a ladder id, read with a size bound and without following
 * a symbolic link. A directory named `x.yaml`, a symlink (to a file outside the repository, say), a FIFO (which
 * would hang a reader), a file that vanishes or cannot be read, and a name that is not an id (`.yaml` would build
 * a hidden `dist/.html`; a newline, U+202E or a zero-width space would reach every message) are each a problem
 * with the file's name and a rule id, exit 1, never `internal error`; and dist/ is left as it was.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listSources, readBounded, readListed } from "../scripts/check/sources.js";
import { tempRoot } from "./helpers/cli.js";
import { runMain } from "./helpers/run-main.js";

const seed = readFileSync(path.join(import.meta.dirname, "fixtures/sre/ladder/sre.yaml"), "utf8");

/** `FILE:LINE:COL: error: … (RULE)` lines of a run, as `FILE RULE`. */
const rules = (stderr: string) =>
  stderr
    .split("\n")
    .map((line) => /^(.*):1:1: error: .* \(([\w-]+)\)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);

describe("ladder sources", () => {
  it("a directory named x.yaml, a symlink out of the repository and a FIFO are problems with their names", async () => {
    const root = tempRoot({ "sre.yaml": seed });
    const ladders = path.join(root, "ladder");
    mkdirSync(path.join(ladders, "x.yaml"));
    const outside = path.join(tmpdir(), `ladder-secret-${process.pid}.yaml`);
    writeFileSync(outside, seed);
    symlinkSync(outside, path.join(ladders, "secret.yaml"));
    execFileSync("mkfifo", [path.join(ladders, "pipe.yaml")]);
    for (const command of ["validate", "build"]) {
      const result = await runMain([command, "--root", root], root);
      expect(result.code, command).toBe(1);
      expect(result.stderr).not.toContain("internal error");
      expect(rules(result.stderr), command).toEqual([
        "ladder/pipe.yaml file-not-regular",
        "ladder/secret.yaml file-not-regular",
        "ladder/x.yaml file-not-regular",
      ]);
      expect(result.stderr).toContain("ladder/x.yaml:1:1: error: is a directory, not a regular file");
      expect(result.stderr).toContain("ladder/secret.yaml:1:1: error: is a symbolic link, not a regular file");
    }
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("file names must be ladder ids: the error names the file, escaped", async () => {
    const root = tempRoot({ "sre.yaml": seed, "organisation.yaml": seed });
    for (const name of [
      ".yaml",
      "SRE.yaml",
      "a_b.yaml",
      "new\nline.yaml",
      "evil\u202Eflow.yaml",
      "zero\u200Bwidth.yaml",
    ]) {
      writeFileSync(path.join(root, "ladder", name), seed);
    }
    const result = await runMain(["validate", "--root", root], root);
    expect(result.code).toBe(1);
    expect(rules(result.stderr).sort()).toEqual(
      [
        "ladder/.yaml file-name",
        "ladder/SRE.yaml file-name",
        "ladder/a_b.yaml file-name",
        "ladder/evil\\u202eflow.yaml file-name",
        "ladder/new\\nline.yaml file-name",
        "ladder/zero\u200Bwidth.yaml file-name",
      ].sort(),
    );
    expect(result.stderr).toContain('ladder/.yaml:1:1: error: the file name "" is not a ladder id;');
    // The reserved organisation file is named by an id, so its name passes (what it holds is the org stage's).
    expect(result.stderr).not.toContain("ladder/organisation.yaml:1:1: error: the file name");
    expect(result.stderr.split("\n").some((line) => line.startsWith("line.yaml"))).toBe(false);
    const build = await runMain(["build", "--root", root], root);
    expect(build.code).toBe(1);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("a file that vanishes between listing and reading, or cannot be read, is a problem, not an internal error", async () => {
    const root = tempRoot({ "sre.yaml": seed, "gone.yaml": seed });
    const listed = await listSources({ root, ladders: path.join(root, "ladder") });
    rmSync(path.join(root, "ladder", "gone.yaml"));
    const gone = readListed(listed.find((l) => l.file === "ladder/gone.yaml") as (typeof listed)[number]);
    expect(gone.problems?.map((p) => [p.rule, p.message])).toEqual([
      ["file-unreadable", "cannot read the file: the file vanished while it was being read"],
    ]);
    // A missing file named on the command line is said so in one line.
    const named = await runMain(["validate", "--root", root, "ladder/nope.yaml"], root);
    expect([named.code, named.stderr]).toEqual([1, "ladder validate: ladder/nope.yaml: no such ladder file\n"]);
    // Unreadable even for root: a path through a file is ENOTDIR at open.
    const through = readBounded(path.join(root, "ladder", "sre.yaml", "x.yaml"), 100);
    expect(through.ok).toBe(false);
  });

  it("refuses a ladder folder that is a symbolic link, in one line", async () => {
    const real = tempRoot({ "sre.yaml": seed });
    const root = tempRoot();
    rmSync(path.join(root, "ladder"), { recursive: true });
    symlinkSync(path.join(real, "ladder"), path.join(root, "ladder"));
    const result = await runMain(["validate", "--root", root], root);
    expect([result.code, result.stderr]).toEqual([
      1,
      "ladder validate: ladder: the ladder folder is a symbolic link; ladders must be files in the repository\n",
    ]);
  });

  it("reads at most the bound, however large the file", () => {
    const root = tempRoot({ "big.yaml": "x".repeat(5000) });
    const read = readBounded(path.join(root, "ladder", "big.yaml"), 1000);
    expect(read).toEqual({ ok: false, tooLarge: 5000 });
    expect(readdirSync(path.join(root, "ladder"))).toEqual(["big.yaml"]);
  });
});
