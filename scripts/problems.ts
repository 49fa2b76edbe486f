/** The edge where problems meet people: one line each on stderr, and GitHub annotations in Actions. */
import * as core from "@actions/core";
import type { Io } from "./cli.js";
import type { Problem } from "./model.js";

/** `ladder/sre.yaml:42:7: error: level "l6" is not defined in levels (unknown-level)` */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} (${p.rule})`;
}

/** Prints each problem; inside GitHub Actions also emits an annotation pinned to its file, line and column. */
export function reportProblems(problems: readonly Problem[], io: Io): void {
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
  if (io.env.GITHUB_ACTIONS === "true") {
    for (const p of problems) {
      const properties = { title: `${p.rule}`, file: p.file, startLine: p.line, startColumn: p.column };
      if (p.severity === "error") core.error(p.message, properties);
      else core.warning(p.message, properties);
    }
  }
}

/** `2 errors, 1 warning in 1 file` */
export function summarize(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const files = new Set(problems.map((p) => p.file)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}
