#!/usr/bin/env node
/**
 * The `ladder` command as npm scripts and CI run it: from the compiled JavaScript in .build/ when that matches
 * the sources (scripts/cli/freshness.mjs), which starts in a fraction of the time; otherwise from the TypeScript
 * sources through tsx, exactly as `node --import tsx scripts/ladder.ts` would. `npm run compile` (or `npm ci`)
 * brings .build/ up to date; LADDER_FROM_SOURCES=1 always takes the sources.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isFresh } from "../scripts/cli/freshness.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const build = path.join(root, ".build");

/** @type {{ main: (argv: string[], io: unknown) => Promise<number>, processIo: () => unknown }} */
let cli;
if (process.env.LADDER_FROM_SOURCES !== "1" && isFresh(root, build)) {
  cli = await import(pathToFileURL(path.join(build, "scripts/ladder.js")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(pathToFileURL(path.join(root, "scripts/ladder.ts")).href);
}
process.exitCode = await cli.main(process.argv.slice(2), cli.processIo());
