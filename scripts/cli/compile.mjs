#!/usr/bin/env node
/**
 * Compiles the ladder CLI to plain JavaScript in .build/, so commands start without transpiling TypeScript
 * (bin/ladder.mjs runs .build/ while it matches the sources, and the sources through tsx otherwise).
 * npm runs this on `npm ci` and `npm install` (the `prepare` script); `npm run compile` runs it by hand.
 *
 *   1. tsc (tsconfig.build.json, no type check: `npm run typecheck` does that) emits scripts/ and generators/;
 *   2. every other file of scripts/, generators/ and schemas/ is copied beside them (templates, CSS, page.js);
 *   3. the schema's validator and the Handlebars templates are compiled ahead of time (see validate.ts and
 *      generators/shared/templates.ts for how they are found);
 *   4. the list of inputs is recorded (scripts/cli/freshness.mjs).
 * The result is built in a temporary sibling folder and swapped in, so a command never sees half a build.
 *
 * Usage: node scripts/cli/compile.mjs [--out DIR] [--if-possible]
 *   --if-possible  on failure, warn and exit 0 (for `prepare`: commands then run from the sources)
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { inputs, STAMP } from "./freshness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Compiles into `out` (replacing it). Throws with a one-line reason on failure.
 * @param {string} out
 */
export async function compile(out) {
  // Recorded before compiling: a source changed meanwhile then makes the build stale, never wrongly fresh.
  const recorded = inputs(root);
  const parent = path.dirname(out);
  mkdirSync(parent, { recursive: true });
  const fresh = mkdtempSync(path.join(parent, `.${path.basename(out)}.tmp.`));
  try {
    const typescript = path.dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
    const tsc = path.join(typescript, "bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", fresh], {
      cwd: root,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`tsc failed: ${(result.stdout + result.stderr).trim().split("\n")[0]}`);
    for (const folder of ["scripts", "generators", "schemas"])
      copyAssets(path.join(root, folder), path.join(fresh, folder));
    const { standaloneSource, organisationStandaloneSource } = await import(
      pathToFileURL(path.join(fresh, "scripts/check/validate.js")).href
    );
    writeFileSync(path.join(fresh, "schemas/ladder.validate.cjs"), standaloneSource());
    writeFileSync(path.join(fresh, "schemas/organisation.validate.cjs"), organisationStandaloneSource());
    const { precompiledFiles } = await import(pathToFileURL(path.join(fresh, "generators/shared/templates.js")).href);
    for (const file of precompiledFiles()) {
      const where = path.join(fresh, "generators/shared", ...file.path.split("/"));
      mkdirSync(path.dirname(where), { recursive: true });
      writeFileSync(where, file.source);
    }
    writeFileSync(path.join(fresh, STAMP), `${recorded.join("\n")}\n`);
    const old = `${fresh}.old`;
    try {
      renameSync(out, old);
    } catch {
      // No earlier build to move aside.
    }
    renameSync(fresh, out);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Copies every file that is not TypeScript, keeping the folder structure.
 * @param {string} from
 * @param {string} to
 */
function copyAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, path.join(to, entry.name));
    else if (!entry.name.endsWith(".ts")) {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, entry.name));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { out: { type: "string" }, "if-possible": { type: "boolean" } } });
  const out = path.resolve(values.out ?? path.join(root, ".build"));
  const started = performance.now();
  compile(out).then(
    () => {
      const shown = path.relative(process.cwd(), out) || out;
      process.stderr.write(`compiled to ${shown}/ in ${Math.round(performance.now() - started)} ms\n`);
    },
    (/** @type {unknown} */ error) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`compile: ${reason}\n`);
      if (values["if-possible"]) {
        process.stderr.write("compile: commands will run from the TypeScript sources instead (slower to start)\n");
      } else process.exitCode = 1;
    },
  );
}
