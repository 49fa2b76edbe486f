/**
 * The whole check in one place: load → validate (schema) → rules → lint. Pure: sources in, ladders or problems out.
 * `ladder validate`, `build`, `check` and `diff` all start here.
 */

import { byCodeUnit, type Ladder, type PathProblem, type Problem } from "../model/model.js";
import { byPosition } from "../model/problems.js";
import { lintLadder } from "./lint.js";
import { type LoadResult, loadSource, type Parsed, type Source } from "./load.js";
import { checkRules } from "./rules.js";
import { applySuppressions, MARKER as SUPPRESSION_MARKER } from "./suppress.js";
import { validateSchema } from "./validate.js";

export type ValidateResult = { ok: true; ladders: Ladder[]; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Validates every source; collects all problems of all files in one pass. Ladders come back sorted by id.
 * With `lint: true` the lint rules run too (`ladder validate`, `ladder lint`): their findings are warnings
 * unless a ladder's `lint.rules` makes one an error.
 */
export function validateLadders(sources: readonly Source[], options: { lint?: boolean } = {}): ValidateResult {
  const ladders: Ladder[] = [];
  const problems: Problem[] = [];
  for (const source of sources) {
    const result = validateLadder(loadSource(source), options);
    if (result.ok) ladders.push(result.ladder);
    problems.push(...result.problems);
  }
  problems.sort(byPosition);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) return { ok: false, problems };
  ladders.sort((a, b) => byCodeUnit(a.id, b.id));
  return { ok: true, ladders, warnings: problems };
}

/** Schema, then rules, then (with `lint: true`) the lint rules with their suppressions, on one loaded file. */
export function validateLadder(
  loaded: LoadResult,
  options: { lint?: boolean } = {},
): { ok: true; ladder: Ladder; problems: Problem[] } | { ok: false; problems: Problem[] } {
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const { parsed } = loaded;
  const schemaProblems = validateSchema(parsed.data);
  if (schemaProblems.length > 0) return { ok: false, problems: position(parsed, schemaProblems) };
  const data = parsed.data as Omit<Ladder, "id" | "file">;
  const ruleProblems = position(parsed, checkRules(data));
  const ladder: Ladder = { id: parsed.id, file: parsed.file, ...data };
  if (ruleProblems.some((p) => p.severity === "error")) return { ok: false, problems: ruleProblems };
  if (options.lint !== true) return { ok: true, ladder, problems: ruleProblems };
  // Lint findings are warnings unless the ladder's lint.rules makes one an error, which then fails validation.
  // Suppressions need every comment (one may sit above others), but only files that have one pay for reading them.
  const comments = parsed.comments(SUPPRESSION_MARKER).length > 0 ? parsed.comments() : [];
  const findings = applySuppressions(position(parsed, lintLadder(data)), comments, parsed.file, data.lint);
  const problems = [...ruleProblems, ...findings];
  if (problems.some((p) => p.severity === "error")) return { ok: false, problems };
  return { ok: true, ladder, problems };
}

/** Gives path-positioned problems their line and column in the parsed file. */
export function position(parsed: Parsed, problems: readonly PathProblem[]): Problem[] {
  return problems.map(({ path, atKey, ...rest }) => ({ file: parsed.file, ...parsed.locate(path, atKey), ...rest }));
}
