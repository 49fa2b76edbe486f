import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VALIDATE_NAMED } from "../scripts/cli/commands/validate.js";
import { projectRoot, runCli, tempRoot } from "./helpers/cli.js";

const fixture = (name: string) => readFileSync(path.join(projectRoot, "test/fixtures/invalid", name));
const small = readFileSync(path.join(projectRoot, "test/fixtures/valid/small.yaml"));

describe("ladder validate on the command line", () => {
  it("reports the project's ladders valid with exit 0", () => {
    const result = runCli(["validate"]);
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.stdout).toContain("ladder/sre.yaml");
    expect(result.status).toBe(0);
  });

  it("names the first valid files, then counts the rest", () => {
    const files = Object.fromEntries(
      Array.from({ length: 23 }, (_, i) => [`l${String(i).padStart(2, "0")}.yaml`, small]),
    );
    const result = runCli(["validate", "--root", tempRoot(files)]);
    expect(result.status).toBe(0);
    const named = Array.from({ length: VALIDATE_NAMED }, (_, i) => `ladder/l${String(i).padStart(2, "0")}.yaml`);
    expect(result.stdout).toBe(`23 ladders valid: ${named.join(", ")} and ${23 - VALIDATE_NAMED} more\n`);
  });

  it("prints every problem as FILE:LINE:COL: error: MESSAGE (RULE-ID) and exits 1, without a stack trace", () => {
    const root = tempRoot({ "a.yaml": fixture("missing-cell.yaml"), "b.yaml": fixture("unknown-key-top.yaml") });
    const result = runCli(["validate", "--root", root]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      expect.stringMatching(
        /^ladder\/a\.yaml:16:9: error: competency "craft" has no cell for level l2 .*\(missing-cell\)$/,
      ),
      expect.stringMatching(/^ladder\/b\.yaml:3:1: error: .*\(missing-key\)$/),
      "ladder/b.yaml:4:1: error: unknown key `levls` in the ladder; did you mean `levels`? (unknown-key)",
    ]);
    expect(lines.at(-1)).toBe("3 errors, 0 warnings in 2 files");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("checks only the files named, and --ladders points at another folder", () => {
    const root = tempRoot({ "bad.yaml": fixture("tab-indent.yaml"), "good.yaml": small });
    expect(runCli(["validate", "--root", root, "ladder/good.yaml"]).status).toBe(0);
    expect(runCli(["validate", "--ladders", path.join(root, "ladder")], { cwd: root }).status).toBe(1);
  });

  it("emits GitHub annotations with file, line and column inside Actions", () => {
    const root = tempRoot({ "a.yaml": fixture("missing-cell.yaml") });
    const result = runCli(["validate", "--root", root], { env: { GITHUB_ACTIONS: "true" } });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error title=missing-cell,file=ladder/a.yaml,line=16,col=9::competency");
  });

  it("exits 2 on wrong usage and 0 on --help", () => {
    const wrong = runCli(["validate", "--no-such-option"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("--no-such-option");
    expect(wrong.stderr).toContain("npm run validate -- --help");
    expect(runCli(["frobnicate"]).status).toBe(2);
    const help = runCli(["validate", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: ladder validate");
    expect(runCli(["--help"]).stdout).toContain("Commands:");
  });

  it("explains a missing ladder folder or file in one line with exit 1", () => {
    const root = tempRoot();
    const missing = runCli(["validate", "--root", root, "ladder/nope.yaml"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe("ladder validate: ladder/nope.yaml: no such ladder file");
    const noFolder = runCli(["validate", "--ladders", path.join(root, "nowhere")]);
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toContain("no ladder folder");
  });
});
