#!/usr/bin/env node
/**
 * The `ladder` command as npm scripts and CI run it: from the compiled JavaScript in .build/ when that matches
 * the sources (scripts/cli/freshness.mjs), which starts in a fraction of the time; otherwise from the TypeScript
 * sources through tsx, exactly as `node --import tsx scripts/ladder.ts` would. `npm run compile` (or `npm ci`)
 * brings .build/ up to date; LADDER_FROM_SOURCES=1 always takes the sources.
 *
 * V8 is asked to inline less when it optimises: a build renders many small files with many small functions,
 * each used for a short while, and on two cores the time spent optimising (inlining most of all) competed with
 * the work itself. Measured on 834 seed-sized ladders: check 1.5 → 1.4 s. The package.json scripts also run
 * node with `--v8-pool-size=1` (one thread for V8's background work): 1.4 → 1.3 s. A flag this V8 does not
 * know is ignored.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { isFresh } from "../scripts/cli/freshness.mjs";

setFlagsFromString("--max-inlined-bytecode-size-cumulative=200");

const root = fileURLToPath(new URL("..", import.meta.url));
const build = path.join(root, ".build");

/** @type {{ main: (argv: string[], io: unknown) => Promise<number>, processIo: () => unknown, finish: (code: number) => void }} */
let cli;
if (process.env.LADDER_FROM_SOURCES !== "1" && isFresh(root, build)) {
  cli = await import(pathToFileURL(path.join(build, "scripts/ladder.js")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(pathToFileURL(path.join(root, "scripts/ladder.ts")).href);
}
cli.finish(await cli.main(process.argv.slice(2), cli.processIo()));
