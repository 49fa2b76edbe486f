/** The edge where problems meet people: one line each on stderr, and GitHub annotations in Actions. */
import type { Io } from "./io.js";
import { byCodeUnit, type Problem } from "./model.js";

/**
 * Characters that would let ladder text act on a terminal or on the Actions runner instead of being shown:
 * C0 and C1 controls (CR, LF, ESC …), DEL, the bidirectional controls and the line and paragraph separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text from a ladder (or a file name) as data on one line: every control character is written as an escape
 * (`\n`, `\r`, `\t`, `\u001b`, `\u202e`), so a message cannot start a new line (an Actions `::command::`),
 * move the cursor or reorder what is shown. A backslash stays as it is: the escapes are for reading, not parsing.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** `ladder/sre.yaml:42:7: error: level "l6" is not defined in levels (unknown-level)` */
export function formatProblem(p: Problem): string {
  return printable(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} (${p.rule})`);
}

/** Prints each problem; inside GitHub Actions also emits an annotation pinned to its file, line and column. */
export function reportProblems(problems: readonly Problem[], io: Io): void {
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
  if (io.env.GITHUB_ACTIONS === "true") {
    for (const p of problems) io.stdout(`${annotation(p)}\n`);
  }
}

/**
 * A GitHub Actions workflow command for one problem, `::error title=RULE,file=F,line=L,col=C::MESSAGE`, escaped
 * as @actions/core escapes it. Written here rather than imported: that package costs every command ~30 ms of
 * start-up for a few lines of formatting.
 */
export function annotation(p: Problem): string {
  const data = (s: string) => printable(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  // Like @actions/core, a property with an empty or zero value is left out.
  const properties: Array<[string, string | number]> = [
    ["title", p.rule],
    ["file", p.file],
    ["line", p.line],
    ["col", p.column],
  ];
  const list = properties.filter(([, value]) => value).map(([key, value]) => `${key}=${property(String(value))}`);
  return `::${p.severity}${list.length > 0 ? ` ${list.join(",")}` : ""}::${data(p.message)}`;
}

/** `2 errors, 1 warning in 1 file` */
export function summarize(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const files = new Set(problems.map((p) => p.file)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

/** Problems in file, line, column and rule order: how every command lists them. */
export function byPosition(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || byCodeUnit(a.rule, b.rule);
}
