/**
 * Whether the compiled JavaScript in .build/ still matches the sources. scripts/cli/compile.mjs records what it
 * compiled from (every file under scripts/, generators/ and schemas/, the configuration, the installed
 * packages) with sizes and modification times; bin/ladder.mjs runs .build/ only while nothing differs.
 * Plain JavaScript, so it runs before anything is compiled. Stat calls only: about 2 ms for the whole tree.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The folders whose every file the compiled build depends on. */
const FOLDERS = ["scripts", "generators", "schemas"];
/** Single files it depends on; node_modules/.package-lock.json changes whenever npm installs anything. */
const FILES = ["package.json", "tsconfig.json", "tsconfig.build.json", "node_modules/.package-lock.json"];

/**
 * Every input of the build, as `path size mtime` lines (forward slashes, sorted); folders are listed too, so
 * a file added or removed anywhere shows. A missing single file is listed as `path -`.
 * @param {string} root the project folder
 * @returns {string[]}
 */
export function inputs(root) {
  const lines = [];
  const walk = (/** @type {string} */ relative) => {
    const entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    lines.push(`${relative}/ ${entries.length}`);
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else lines.push(describe(root, child));
    }
  };
  for (const folder of FOLDERS) walk(folder);
  for (const file of FILES) lines.push(describe(root, file));
  return lines.sort();
}

/**
 * @param {string} root
 * @param {string} relative
 */
function describe(root, relative) {
  try {
    const info = statSync(path.join(root, relative));
    return `${relative} ${info.size} ${info.mtimeMs}`;
  } catch {
    return `${relative} -`;
  }
}

/** The name of the record of inputs inside the build folder. */
export const STAMP = "inputs.txt";

/**
 * True when `build` holds a complete compilation of the sources at `root` as they are now.
 * @param {string} root
 * @param {string} build
 */
export function isFresh(root, build) {
  try {
    return readFileSync(path.join(build, STAMP), "utf8") === `${inputs(root).join("\n")}\n`;
  } catch {
    return false;
  }
}
