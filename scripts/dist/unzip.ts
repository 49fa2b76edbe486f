/**
 * Stage 5, write, for `check`: where two workbooks (zip.ts) differ, entry by entry. Its own module, loaded
 * only for a workbook that differs: the zip reader (fflate, 90 KB of JavaScript) is then all it costs.
 * Pure.
 */
import { unzipSync } from "fflate";

/**
 * Where two zip files differ, for `check`: the first entry (in the expected file's order) whose text differs,
 * with `firstDifference` of the two texts; or undefined when either is no zip that can be read.
 */
export function zipDifference(
  actual: Uint8Array,
  expected: Uint8Array,
  differ: (a: string, b: string) => string,
): string | undefined {
  let a: Record<string, Uint8Array>;
  let b: Record<string, Uint8Array>;
  try {
    a = unzipSync(actual);
    b = unzipSync(expected);
  } catch {
    return undefined;
  }
  const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? "" : Buffer.from(bytes).toString("utf8"));
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (a[name] === undefined) return `${name} is missing from the file in dist/`;
    if (b[name] === undefined) return `${name} is in the file in dist/ but build would not write it`;
    if (Buffer.compare(a[name], b[name]) !== 0) return `${name}, ${differ(text(a[name]), text(b[name]))}`;
  }
  return "the entries are equal; the zip around them differs";
}
