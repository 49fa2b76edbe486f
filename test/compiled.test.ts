/**
 * The compiled build (.build/, scripts/cli/compile.mjs) must behave exactly as the TypeScript sources: the same
 * problems from the ahead-of-time schema validator, the same bytes from the precompiled templates, the same
 * dist/ and reports with and without the second core. Runs the compiled CLI as a process, the way npm does.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusFrom, writeChanged, writeCopies, writeInheriting, writeOrganisation } from "../bench/generate.js";
import { EARLY_WORKER_BYTES } from "../scripts/dist/produce-organisation.js";
import { renderDist } from "../scripts/dist/render.js";
import { ALL_KINDS, FORWARD_MAX_BYTES, split } from "../scripts/dist/split.js";
import { runCli } from "./helpers/cli.js";
import { caseLadders, fixtures, goldenCases } from "./helpers/golden.js";

const root = path.join(import.meta.dirname, "..");
// Inside the project, so the compiled modules find node_modules/ as .build/ does.
mkdirSync(path.join(root, "test/output"), { recursive: true });
const work = mkdtempSync(path.join(root, "test/output/compiled-"));
const out = path.join(work, "build");
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const { compile } = await import("../scripts/cli/compile.mjs");
  await compile(out);
}, 240_000);

/** Runs the compiled CLI; LADDER_THREADS=1 keeps it to one thread. */
function compiled(args: string[], options: { threads?: boolean } = {}) {
  const env = { ...process.env, GITHUB_ACTIONS: "", LADDER_THREADS: options.threads === false ? "1" : "" };
  const run = spawnSync(process.execPath, [path.join(out, "scripts/ladder.js"), ...args], { env, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Builds `dir` into two/ on two threads and into one/ on one: `count` files, the same bytes, the same output. */
function buildsAlike(dir: string, count: number) {
  const two = compiled(["build", "--root", dir, "--out", path.join(dir, "two")]);
  const one = compiled(["build", "--root", dir, "--out", path.join(dir, "one")], { threads: false });
  expect(two.stderr).toBe("");
  expect(two.status).toBe(0);
  expect(two.stdout.replace(/\btwo\//g, "one/")).toBe(one.stdout);
  const files = tree(path.join(dir, "two"));
  expect(Object.keys(files)).toHaveLength(count);
  expect(files).toEqual(tree(path.join(dir, "one")));
}

/** Makes `files` of `dir`/one/ stale: `check` names each, and says the same on two threads as on one. */
function staleAlike(dir: string, files: readonly string[]) {
  for (const file of files) writeFileSync(path.join(dir, "one", file), "stale\n");
  const stale = ["check", "--root", dir, "--out", path.join(dir, "one")];
  const both = compiled(stale);
  expect(both.status).toBe(1);
  for (const file of files) expect(both.stderr).toContain(`one/${file}`);
  expect(both.stderr).toBe(compiled(stale, { threads: false }).stderr);
}

/** A folder's files, text as text and the workbooks (zips) as bytes, as renderDist gives them. */
function tree(dir: string): Record<string, string | Buffer> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      return [name, name.endsWith(".xlsx") ? bytes : bytes.toString("utf8")];
    }),
  );
}

describe("the compiled build", () => {
  it("writes the schema's validator and the templates ahead of time", () => {
    expect(readFileSync(path.join(out, "schemas/ladder.validate.cjs"), "utf8")).toContain("module.exports");
    const shared = path.join(out, "generators/shared");
    const table = JSON.parse(
      readFileSync(path.join(shared, "templates.precompiled.cjs"), "utf8")
        .replace(/^[^{]*/, "")
        .replace(/;\s*$/, ""),
    ) as Record<string, string | null>;
    // One module per form, each a real form: Handlebars' (with its `main`) or a fast one (with `make`).
    for (const key of ['html/page.hbs {"strict":true}', 'csv/table.csv.hbs {"noEscape":true,"strict":true}']) {
      expect(readFileSync(path.join(shared, table[key] as string), "utf8")).toMatch(/^module\.exports = \{.*"main":/ms);
      expect(readFileSync(path.join(shared, table[`fast ${key}`] as string), "utf8")).toContain("make: function (rt)");
    }
    expect(Object.values(table).filter((file) => file !== null).length).toBeGreaterThan(40);
  });

  it("loads only the precompiled forms a command renders, and never the Handlebars compiler", () => {
    // check of one ladder in one thread, then the modules it loaded: those of the forms, and of handlebars.
    const probe = path.join(work, "probe.mjs");
    writeFileSync(
      probe,
      [
        'import { createRequire } from "node:module";',
        `const cli = await import(${JSON.stringify(path.join(out, "scripts/ladder.js"))});`,
        `const code = await cli.main(["check", "--root", ${JSON.stringify(path.join(root))}], cli.processIo());`,
        "const cache = Object.keys(createRequire(import.meta.url).cache);",
        "process.stdout.write(JSON.stringify({ code, cache }));",
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, [probe], {
      env: { ...process.env, GITHUB_ACTIONS: "", LADDER_THREADS: "1" },
      encoding: "utf8",
    });
    const { code, cache } = JSON.parse(run.stdout.slice(run.stdout.indexOf('{"code"'))) as {
      code: number;
      cache: string[];
    };
    expect(code).toBe(0);
    const forms = cache
      .filter((file) => file.includes(`${path.sep}precompiled${path.sep}`))
      .map((file) => path.basename(file));
    expect(forms).toContain("page.hbs.strict.fast.cjs");
    expect(forms).toContain("ladder.md.hbs.noEscape+strict.fast.cjs");
    // Neither the forms of other option sets nor the pull-request report, which check does not render.
    expect(forms.filter((form) => form.startsWith("page.hbs."))).toEqual(["page.hbs.strict.fast.cjs"]);
    expect(forms.some((form) => form.startsWith("report"))).toBe(false);
    expect(cache.some((file) => file.endsWith(path.join("handlebars", "dist", "cjs", "handlebars.js")))).toBe(false);
    // The runtime from its one-file build, not its tree of modules (templates.ts `environment`).
    expect(cache.some((file) => file.endsWith(path.join("handlebars", "dist", "handlebars.runtime.js")))).toBe(true);
    expect(cache.some((file) => file.includes(path.join("handlebars", "dist", "cjs")))).toBe(false);
  });

  it.each(goldenCases())("renders the golden case %s byte for byte as the sources do", (name) => {
    const dist = path.join(work, `dist-${name}`);
    const run = compiled(["build", "--root", path.join(fixtures, name), "--out", dist]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const rendered = [...renderDist(caseLadders(name))].map(([file, content]) => [
      file,
      typeof content === "string" ? content : Buffer.from(content),
    ]);
    expect(tree(dist)).toEqual(Object.fromEntries(rendered));
  });

  it("reports every invalid fixture exactly as the sources do", () => {
    const ladders = path.join(work, "invalid/ladder");
    mkdirSync(ladders, { recursive: true });
    for (const file of readdirSync(path.join(fixtures, "invalid"))) {
      writeFileSync(path.join(ladders, file), readFileSync(path.join(fixtures, "invalid", file)));
    }
    // Lengths near the schema's limits, counted in code points: the validator's shortcuts must agree.
    const long = `${"a".repeat(64)}`;
    writeFileSync(
      path.join(ladders, "lengths.yaml"),
      `title: "😀"\nlevels:\n  - id: ${long}b\n    code: "${"😀".repeat(16)}"\n    title: T\n  - id: ${long}\n    code: ABCDEFGHIJKLMNOPQ\n    title: "😀😀"\ncategories:\n  - id: c\n    name: ""\n    competencies:\n      - id: k\n        name: "\\ud83d"\n        cells:\n          ${long}: x\n`,
    );
    const fromSources = runCli(["validate", "--root", path.join(work, "invalid")]);
    const fromBuild = compiled(["validate", "--root", path.join(work, "invalid")]);
    expect(fromBuild.stderr).toBe(fromSources.stderr);
    expect(fromBuild.stderr).toContain("ladder/lengths.yaml:3:");
    expect(fromBuild.status).toBe(1);
  });

  it("writes the same dist/ and finds the same differences on one core and on two", () => {
    const corpus = corpusFrom(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"));
    const schemas = path.join(root, "schemas");
    // Large enough for a worker thread: several ladders (split by ladder) and one ladder (split by kind).
    writeOrganisation(path.join(work, "many"), { ladders: 3, levels: 10, competencies: 100 }, corpus, schemas);
    writeOrganisation(path.join(work, "one"), { ladders: 1, levels: 12, competencies: 250 }, corpus, schemas);
    for (const org of ["many", "one"]) {
      const dir = path.join(work, org);
      const two = compiled(["build", "--root", dir, "--out", path.join(dir, "two")]);
      const one = compiled(["build", "--root", dir, "--out", path.join(dir, "one")], { threads: false });
      expect(two.status).toBe(0);
      expect(two.stdout.replace(/\btwo\//g, "one/")).toBe(one.stdout);
      expect(tree(path.join(dir, "two"))).toEqual(tree(path.join(dir, "one")));
      expect(compiled(["check", "--root", dir, "--out", path.join(dir, "two")]).status).toBe(0);

      writeChanged(dir, `${dir}-head`, 0.05, corpus);
      const stale = ["check", "--root", `${dir}-head`, "--out", path.join(dir, "one")];
      const both = compiled(stale);
      expect(both.status).toBe(1);
      expect(both.stderr).toBe(compiled(stale, { threads: false }).stderr);
      expect(both.stderr).toBe(runCli(stale).stderr);
      const diff = ["diff", "--root", `${dir}-head`, "--base", dir];
      expect(compiled(diff).stdout).toBe(runCli(diff).stdout);
    }
  }, 240_000);

  it("forwards many ladders to the worker as they are validated: the same dist/, differences and problems", () => {
    // 70 copies of the seed: 825 KB, past WORKER_THRESHOLD, each of 12 KB under FORWARD_MAX_BYTES.
    const dir = path.join(work, "copies");
    writeCopies(dir, 70, readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"), path.join(root, "schemas"));
    buildsAlike(dir, 2 + 70 * ALL_KINDS.length);
    // A stale file of either thread's kinds, the last ladder's included, is found as on one thread; the worker
    // renders the Markdown index page, the main thread the web one.
    staleAlike(dir, ["track-001.md", "track-070.xlsx", "track-002.html", "README.md", "index.html"]);
    // One broken ladder among them: its problem, exit 1, nothing written and nothing left beside dist/.
    writeFileSync(path.join(dir, "ladder/track-035.yaml"), "title: [unclosed\n");
    const broken = spawnSync(process.execPath, [path.join(out, "scripts/ladder.js"), "build", "--root", dir], {
      env: { ...process.env, GITHUB_ACTIONS: "", LADDER_THREADS: "" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(broken.signal).toBeNull();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^ladder\/track-035\.yaml:1:\d+: error: /m);
    expect(broken.stderr).toBe(compiled(["build", "--root", dir], { threads: false }).stderr);
    expect(existsSync(path.join(dir, "dist"))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes(".tmp."))).toEqual([]);
    // A ladder whose files would be an index page: the reader's mistake, said plainly, as on one thread.
    writeFileSync(path.join(dir, "ladder/track-035.yaml"), readFileSync(path.join(dir, "ladder/track-001.yaml")));
    writeFileSync(path.join(dir, "ladder/readme.yaml"), readFileSync(path.join(dir, "ladder/track-001.yaml")));
    const named = compiled(["build", "--root", dir]);
    expect(named.stderr).toBe(
      "ladder build: dist/README.md and dist/readme.md would be the same file; rename one ladder file\n",
    );
    expect(named.status).toBe(1);
    expect(compiled(["build", "--root", dir], { threads: false }).stderr).toBe(named.stderr);
    expect(existsSync(path.join(dir, "dist"))).toBe(false);
  }, 240_000);

  it("renders an organisation's resolved tracks on two threads exactly as on one", () => {
    // 90 tracks extending the seed: 5,400 resolved cells, past WORKER_THRESHOLD_CELLS.
    const dir = path.join(work, "tracks");
    writeInheriting(dir, 90, readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"), path.join(root, "schemas"));
    buildsAlike(dir, 2 + 91 * ALL_KINDS.length);
    // A stale file on either thread's side is found, the same way on one thread and on two.
    staleAlike(dir, ["track-001.md", "track-002.html"]);
  }, 240_000);

  it("stops a worker started early when it is not needed: invalid tracks, or too few cells once resolved", () => {
    const seed = readFileSync(path.join(root, "ladder/sre.yaml"), "utf8");
    const run = (dir: string) => {
      const started = spawnSync(process.execPath, [path.join(out, "scripts/ladder.js"), "build", "--root", dir], {
        env: { ...process.env, GITHUB_ACTIONS: "", LADDER_THREADS: "" },
        encoding: "utf8",
        timeout: 120_000,
      });
      // A worker left waiting for its input would keep the process alive until the timeout killed it.
      expect(started.signal).toBeNull();
      return started;
    };
    // Past EARLY_WORKER_BYTES, one track broken: the problem, exit 1.
    const broken = path.join(work, "early-broken");
    writeInheriting(broken, 90, seed, path.join(root, "schemas"));
    writeFileSync(path.join(broken, "ladder/track-007.yaml"), "title: [unclosed\n");
    const failed = run(broken);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^ladder\/track-007\.yaml:1:\d+: error: /m);
    // The worker, at work on its share meanwhile, is stopped before the staged dist/ is thrown away: nothing of
    // it is left beside dist/.
    expect(readdirSync(broken).filter((name) => name.includes(".tmp."))).toEqual([]);
    expect(existsSync(path.join(broken, "dist"))).toBe(false);
    // Past EARLY_WORKER_BYTES (a long comment), but 40 tracks resolve to 2,400 cells: one thread does it all.
    const small = path.join(work, "early-small");
    writeInheriting(small, 40, seed, path.join(root, "schemas"));
    const core = path.join(small, "ladder/core.yaml");
    writeFileSync(core, `${readFileSync(core, "utf8")}${"# padding\n".repeat(EARLY_WORKER_BYTES / 10)}`);
    const built = run(small);
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    expect(readdirSync(path.join(small, "dist"))).toHaveLength(2 + 41 * ALL_KINDS.length);
  }, 240_000);
});

describe("sharing the work between two threads", () => {
  const listed = (file: string, size: number) => ({ file, path: file, size });
  const none = { kind: "none" } as const;

  it("keeps small work in one thread, and everything in one without workers", () => {
    expect(split([listed("a", 1000), listed("b", 1000)], none, true)).toHaveLength(1);
    expect(split([listed("a", 900_000), listed("b", 900_000)], none, false)).toHaveLength(1);
  });

  it("shares validation by whole ladders, by size, each share keeping the files' order", () => {
    const shares = split([listed("a", 300_000), listed("b", 300_000), listed("c", 200_000)], none, true);
    expect(shares.map((s) => s.sources.map((l) => l.file))).toEqual([["a", "c"], ["b"]]);
    expect(shares.every((s) => s.validate && s.kinds.length === 6)).toBe(true);
    expect(split([listed("a", 700_000)], none, true)).toHaveLength(1);
  });

  it("shares rendering by kind of file, for one ladder or many; only the main thread validates", () => {
    for (const ladders of [[listed("a", 700_000)], [listed("a", 300_000), listed("b", 300_000)]]) {
      for (const to of [{ kind: "write", dir: "x" } as const, { kind: "compare", out: "x", present: [] } as const]) {
        const shares = split(ladders, to, true);
        expect(shares.map((s) => [s.kinds, s.validate, s.sources.length])).toEqual([
          [["html", "csv", "cells-csv", "json"], true, ladders.length],
          [["markdown", "xlsx"], false, ladders.length],
        ]);
      }
    }
  });

  it("forwards the ladders to the worker when there are many small ones", () => {
    const to = { kind: "write", dir: "x" } as const;
    const many = Array.from({ length: 80 }, (_, i) => listed(`l${i}`, 8_000));
    expect(split(many, to, true)[1].forwarded).toBe(true);
    // One ladder of FORWARD_MAX_BYTES: still forwarded; one byte more, and the worker reads them all itself.
    expect(split([...many, listed("big", FORWARD_MAX_BYTES)], to, true)[1].forwarded).toBe(true);
    expect(split([...many, listed("big", FORWARD_MAX_BYTES + 1)], to, true)[1].forwarded).toBeUndefined();
    expect(split([listed("a", 300_000), listed("b", 300_000)], to, true)[1].forwarded).toBeUndefined();
    // Validation alone is never forwarded: it is shared by whole ladders.
    expect(split(many, { kind: "none" }, true).every((s) => s.forwarded === undefined)).toBe(true);
  });
});

describe("freshness of .build/", () => {
  it("holds until any input changes, appears or disappears", async () => {
    const { inputs, isFresh, STAMP } = await import("../scripts/cli/freshness.mjs");
    const fake = path.join(work, "fake");
    for (const folder of ["scripts", "generators", "schemas"]) mkdirSync(path.join(fake, folder), { recursive: true });
    writeFileSync(path.join(fake, "scripts/a.ts"), "a");
    const build = path.join(fake, ".build");
    mkdirSync(build);
    expect(isFresh(fake, build)).toBe(false);
    writeFileSync(path.join(build, STAMP), `${inputs(fake).join("\n")}\n`);
    expect(isFresh(fake, build)).toBe(true);
    utimesSync(path.join(fake, "scripts/a.ts"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(isFresh(fake, build)).toBe(false);
    writeFileSync(path.join(build, STAMP), `${inputs(fake).join("\n")}\n`);
    writeFileSync(path.join(fake, "generators/b.hbs"), "b");
    expect(isFresh(fake, build)).toBe(false);
  });

  it("runs the same commands through bin/ladder.mjs, compiled or from the sources", () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [path.join(root, "bin/ladder.mjs"), "validate"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, GITHUB_ACTIONS: "", ...env },
      });
    const sources = run({ LADDER_FROM_SOURCES: "1" });
    expect(sources.status).toBe(0);
    expect(run({}).stdout).toBe(sources.stdout);
  });
});
