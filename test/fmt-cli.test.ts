/** `ladder fmt [FILE…] [--check]` on real folders: what it rewrites, what it refuses, what it reports. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, tempRoot } from "./helpers/cli.js";
import { ladder } from "./helpers/golden.js";

const sre = readFileSync(path.join(projectRoot, "ladder/sre.yaml"), "utf8");
const scrambled = readFileSync(path.join(projectRoot, "test/fixtures/fmt/scrambled.yaml"), "utf8");
const expected = readFileSync(path.join(projectRoot, "test/fixtures/fmt/expected/scrambled.yaml"), "utf8");
const at = (root: string, name: string) => readFileSync(path.join(root, "ladder", name), "utf8");

describe("ladder fmt", () => {
  it("passes --check on the project's ladders, changing nothing", async () => {
    const result = await ladder(["fmt", "--check"], projectRoot);
    expect(result).toEqual({ code: 0, stdout: "1 file already formatted\n", stderr: "" });
  });

  it("--check exits 1 naming each unformatted file, and writes nothing", async () => {
    const root = tempRoot({ "sre.yaml": sre, "scrambled.yaml": scrambled });
    const result = await ladder(["fmt", "--check", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("ladder/scrambled.yaml: not formatted (run `npm run fmt -- ladder/scrambled.yaml`)\n");
    expect(at(root, "scrambled.yaml")).toBe(scrambled);
  });

  it("rewrites unformatted files in place, after which --check passes", async () => {
    const root = tempRoot({ "sre.yaml": sre, "scrambled.yaml": scrambled });
    const result = await ladder(["fmt", "--root", root], root);
    expect(result).toEqual({ code: 0, stdout: "formatted ladder/scrambled.yaml\n", stderr: "" });
    expect(at(root, "scrambled.yaml")).toBe(expected);
    expect(at(root, "sre.yaml")).toBe(sre);
    expect((await ladder(["fmt", "--check", "--root", root], root)).code).toBe(0);
  });

  it("formats only the files named", async () => {
    const root = tempRoot({ "a.yaml": scrambled, "b.yaml": scrambled });
    const result = await ladder(["fmt", "ladder/b.yaml", "--root", root], root);
    expect(result.code).toBe(0);
    expect(at(root, "a.yaml")).toBe(scrambled);
    expect(at(root, "b.yaml")).toBe(expected);
  });

  it("reports an invalid file and never rewrites it, while formatting the valid ones", async () => {
    const invalid = scrambled.replace("    code: L1\n", "");
    const root = tempRoot({ "broken.yaml": invalid, "scrambled.yaml": scrambled });
    const result = await ladder(["fmt", "--root", root], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ladder\/broken\.yaml:\d+:\d+: error: .*\(missing-key\)$/m);
    expect(result.stderr).toContain("invalid files were not formatted");
    expect(at(root, "broken.yaml")).toBe(invalid);
    expect(at(root, "scrambled.yaml")).toBe(expected);
  });

  it("formats a ladder whose lint rules are errors: formatting is not validation", async () => {
    const strict = `${scrambled.replace("cell-length: off", "identical-cells: error")}`;
    const root = tempRoot({ "strict.yaml": strict });
    const result = await ladder(["fmt", "--root", root], root);
    expect(result.code).toBe(0);
  });

  it("turns a CRLF file with a byte order mark into LF without one", async () => {
    const root = tempRoot({ "sre.yaml": `\uFEFF${sre.replace(/\n/g, "\r\n")}` });
    expect((await ladder(["fmt", "--check", "--root", root], root)).code).toBe(1);
    expect((await ladder(["fmt", "--root", root], root)).code).toBe(0);
    expect(at(root, "sre.yaml")).toBe(sre);
  });

  it("has help, and exits 2 on an unknown option", async () => {
    expect((await ladder(["fmt", "--help"], projectRoot)).stdout).toContain("--check");
    expect((await ladder(["fmt", "--write"], projectRoot)).code).toBe(2);
  });
});
