/**
 * The command line forgives the mistakes people make with it: options npm kept for itself, `help COMMAND`,
 * `--version`, a mistyped command, hints that name the npm script, and messages that say only what is true.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { didYouMean, npmCommand, npmKeptOptions } from "../scripts/cli/forgive.js";
import { levelLabel } from "../scripts/model/model.js";
import { copyOfProject, projectRoot, runCli, tempRoot } from "./helpers/cli.js";

const fixture = (name: string) => readFileSync(path.join(projectRoot, "test/fixtures/invalid", name));

describe("options npm kept for itself", () => {
  it("`npm run diff --base HEAD` (no `--`): says so and gives the command that works", () => {
    // What npm hands the script: the option as npm_config_base=true, its value as a stray argument.
    const result = runCli(["diff", "HEAD"], { env: { npm_lifecycle_event: "diff", npm_config_base: "true" } });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "ladder diff: npm kept --base for itself: npm passes a script only what follows `--`.\n" +
        "Run instead:  npm run diff -- --base HEAD\n",
    );
  });

  it("rebuilds flags, values npm kept whole, and `npm run ladder -- COMMAND`", () => {
    expect(npmKeptOptions(["lint"], { npm_lifecycle_event: "lint:ladder", npm_config_strict: "true" })).toContain(
      "Run instead:  npm run lint:ladder -- --strict",
    );
    expect(npmKeptOptions(["check", "/tmp"], { npm_lifecycle_event: "ladder", npm_config_root: "true" })).toContain(
      "Run instead:  npm run ladder -- check --root /tmp",
    );
    // `--base=main` reaches npm with its value; `--head x` is completed by npm to its own `--heading`.
    expect(
      npmKeptOptions(["diff"], { npm_lifecycle_event: "diff", npm_config_base: "main", npm_config_heading: "x" }),
    ).toContain("Run instead:  npm run diff -- --base main --head x");
  });

  it("stays quiet outside npm and for npm's own settings", () => {
    expect(npmKeptOptions(["diff", "HEAD"], { npm_config_base: "true" })).toBeUndefined();
    expect(
      npmKeptOptions(["validate"], { npm_lifecycle_event: "validate", npm_config_cache: "/root/.npm" }),
    ).toBeUndefined();
  });

  it("a stray argument under npm gets the `--` hint and the npm script's help", () => {
    const result = runCli(["diff", "json"], { env: { npm_lifecycle_event: "diff" } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("With npm, options go after `--`, for example: npm run diff -- --base main\n");
    expect(result.stderr).toContain("Run `npm run diff -- --help` for usage.\n");
  });
});

describe("help, version and typos", () => {
  it("`ladder help validate` prints validate's own help", () => {
    const result = runCli(["help", "validate"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(runCli(["validate", "--help"]).stdout);
    expect(result.stdout).toMatch(/^Usage: ladder validate/);
  });

  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8"));
    const result = runCli(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`ladder-as-code ${version}\n`);
  });

  it("a mistyped command gets a 'did you mean' with its npm script", () => {
    const result = runCli(["valdate"]);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      'ladder: unknown command "valdate"; did you mean `validate`? (npm run validate)',
    );
    expect(didYouMean("vaildate", ["validate", "lint"])).toBe("validate");
    expect(didYouMean("buidl", ["build", "check"])).toBe("build");
    expect(didYouMean("frobnicate", ["validate", "lint", "build"])).toBeUndefined();
    expect(didYouMean("x", ["fmt"])).toBeUndefined();
  });

  it("a mistyped option gets a 'did you mean', without Node's advice about positionals", () => {
    const result = runCli(["lint", "--stirct"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "ladder lint: Unknown option '--stirct'; did you mean --strict?\nRun `npm run lint:ladder -- --help` for usage.\n",
    );
  });

  it("names the npm script, or `npm run ladder --`, in a hint", () => {
    expect(npmCommand("fmt", ["ladder/sre.yaml"])).toBe("npm run fmt -- ladder/sre.yaml");
    expect(npmCommand("build")).toBe("npm run build");
    expect(npmCommand("lint", ["--strict"])).toBe("npm run lint:ladder -- --strict");
    expect(npmCommand("import", ["a.md"])).toBe("npm run ladder -- import a.md");
  });
});

describe("messages that say only what is true", () => {
  it("`check --root /tmp/…` names the folder it looked for", () => {
    const root = tempRoot();
    const result = runCli(["check", "--root", root, "--ladders", path.join(root, "nowhere")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`no ladder folder at ${path.join(root, "nowhere")} `);
    const bare = runCli(["check", "--root", path.join(root, "ladder")]);
    expect(bare.stderr).toContain(`no ladder folder at ${path.join(root, "ladder", "ladder")} `);
  });

  it("`check` on an invalid ladder does not claim it left dist/ alone (it never writes); `build` does", () => {
    const root = copyOfProject();
    const bad = tempRoot({ "a.yaml": fixture("missing-cell.yaml") });
    const check = runCli(["check", "--root", root, "--ladders", path.join(bad, "ladder")]);
    expect(check.status).toBe(1);
    expect(check.stderr).not.toContain("dist/ was not changed");
    expect(check.stderr).toContain("1 error, 0 warnings in 1 file; fix them, then check again\n");
    const build = runCli(["build", "--root", root, "--ladders", path.join(bad, "ladder")]);
    expect(build.stderr).toContain("; dist/ was not changed\n");
  });

  it("an empty cell is to be written, never removed; an empty description may go", () => {
    const cell = runCli(["validate", "--root", tempRoot({ "a.yaml": fixture("empty-cell.yaml") })]);
    expect(cell.stderr).toContain(
      'cell l1 of competency "care" of category "skill" is empty; write what this level is expected to do (every level needs a cell) (empty-text)',
    );
    expect(cell.stderr).not.toContain("optional");
    const small = readFileSync(path.join(projectRoot, "test/fixtures/valid/small.yaml"), "utf8");
    const withDescription = small.replace("    name: Skill\n", '    name: Skill\n    description: ""\n');
    const description = runCli(["validate", "--root", tempRoot({ "a.yaml": withDescription })]);
    expect(description.stderr).toContain("is empty; write the text, or remove `description` (it is optional)");
  });

  it("a level title that already ends with its code is not given it twice", () => {
    expect(levelLabel({ id: "l6", code: "L6", title: "Distinguished SRE (L6)" })).toBe("Distinguished SRE (L6)");
    expect(levelLabel({ id: "l5", code: "L5", title: "Principal SRE" })).toBe("Principal SRE (L5)");
    expect(levelLabel({ id: "l5", code: "L5", title: "Principal SRE (L4)" })).toBe("Principal SRE (L4) (L5)");
  });
});
