/**
 * The whole check of a ladder folder with its organisation: every ladder file checked on its own (check's
 * `validateLadder`), the organisation file against its schema and rules, then resolution (resolve.ts); every
 * problem of every file collected in one pass, with file, line and column. Without an organisation file and
 * without `extends`, the result is exactly check's `validateLadders`. Pure: sources in, ladders or problems out.
 */
import { lintLadder } from "../check/lint.js";
import { type LoadResult, loadSource, type Source } from "../check/load.js";
import { position, type ValidateResult, validateLadder } from "../check/pipeline.js";
import { isOrganisationFile } from "../check/sources.js";
import { applySuppressions } from "../check/suppress.js";
import { byCodeUnit, type Ladder, type Organisation, type Problem } from "../model/model.js";
import { byPosition } from "../model/problems.js";
import { checkOrganisation } from "./organisation.js";
import { originOf } from "./origin.js";
import { type FileProblem, resolveLadders } from "./resolve.js";

export type ResolveResult =
  | { ok: true; ladders: Ladder[]; warnings: Problem[]; organisation?: Organisation }
  | { ok: false; problems: Problem[] };

/** Validates and resolves every source; the organisation file, when present, is recognised by its name. */
export function resolveSources(
  sources: readonly Source[],
  options: { lint?: boolean; only?: readonly string[]; load?: (source: Source) => LoadResult } = {},
): ResolveResult {
  const result = resolveAll(sources, options);
  if (options.only === undefined) return result;
  // Files read only as context (a track's base, the organisation) are checked but not reported on.
  const only = new Set(options.only);
  if (!result.ok) {
    const problems = result.problems.filter((p) => only.has(p.file));
    if (problems.some((p) => p.severity === "error")) return { ok: false, problems };
    return { ok: false, problems: result.problems };
  }
  return {
    ...result,
    ladders: result.ladders.filter((l) => only.has(l.file)),
    warnings: result.warnings.filter((p) => only.has(p.file)),
  };
}

function resolveAll(
  sources: readonly Source[],
  options: { lint?: boolean; load?: (source: Source) => LoadResult },
): ResolveResult {
  const load = options.load ?? loadSource;
  const problems: Problem[] = [];
  let organisation: Organisation | undefined;
  const ladders: Ladder[] = [];
  const known: string[] = [];
  const raw = new Map<string, Ladder>();
  for (const source of sources) {
    const loaded = load(source);
    if (isOrganisationFile(source.file)) {
      const checked = checkOrganisation(loaded);
      if (checked.ok) organisation = checked.organisation;
      else problems.push(...checked.problems);
      continue;
    }
    if (loaded.ok) known.push(loaded.parsed.id);
    // A ladder that extends another is linted once resolved (below): its own file holds only part of it.
    const extending = loaded.ok && (loaded.parsed.data as { extends?: unknown } | null)?.extends !== undefined;
    const checked = validateLadder(loaded, { lint: options.lint === true && !extending });
    problems.push(...checked.problems);
    if (checked.ok) {
      ladders.push(checked.ladder);
      raw.set(checked.ladder.id, checked.ladder);
    }
  }
  const organisationFailed = problems.some((p) => isOrganisationFile(p.file) && p.severity === "error");
  if (!organisationFailed) {
    const resolution = resolveLadders(ladders, { organisation, known });
    problems.push(...locate(resolution.problems, sources));
    ladders.splice(0, ladders.length, ...resolution.ladders);
    if (options.lint === true) problems.push(...lintResolved(ladders, raw, sources, problems));
  }
  problems.sort(byPosition);
  if (problems.some((p) => p.severity === "error")) return { ok: false, problems };
  ladders.sort((a, b) => byCodeUnit(a.id, b.id));
  return { ok: true, ladders, warnings: problems, ...(organisation === undefined ? {} : { organisation }) };
}

/**
 * The ladders and organisation of sources another thread validates (a worker of build and check), read and
 * resolved as `resolveSources` does but unchecked: quicker, and the same ladders exactly when resolveSources
 * finds no error in the same sources. Of invalid sources it may give anything, or throw.
 */
export function resolveUnchecked(sources: readonly Source[]): { ladders: Ladder[]; organisation?: Organisation } {
  let organisation: Organisation | undefined;
  const ladders: Ladder[] = [];
  for (const source of sources) {
    const loaded = loadSource(source);
    if (!loaded.ok) continue;
    const { id, file, data } = loaded.parsed;
    if (isOrganisationFile(source.file)) organisation = { file, ...(data as Omit<Organisation, "file">) };
    else ladders.push({ id, file, ...(data as Omit<Ladder, "id" | "file">) });
  }
  const known = ladders.map((ladder) => ladder.id);
  const resolved = resolveLadders(ladders, { organisation, known }).ladders;
  return { ladders: resolved.sort((a, b) => byCodeUnit(a.id, b.id)), organisation };
}

/** The same as `ValidateResult`, for the callers that know only that shape. */
export function asValidateResult(result: ResolveResult): ValidateResult {
  return result.ok ? { ok: true, ladders: result.ladders, warnings: result.warnings } : result;
}

/** Gives resolution problems their line and column, parsing again only the files that have one. */
export function locate(problems: readonly FileProblem[], sources: readonly Source[]): Problem[] {
  const byFile = new Map<string, FileProblem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  return [...byFile].flatMap(([file, list]) => {
    const source = sources.find((s) => s.file === file);
    const loaded = source === undefined ? undefined : loadSource(source);
    if (loaded === undefined || !loaded.ok) {
      return list.map(({ path: _p, atKey: _a, ...rest }) => ({ ...rest, line: 1, column: 1 }));
    }
    return position(
      loaded.parsed,
      list.map(({ file: _f, ...rest }) => rest),
    );
  });
}

/**
 * Lint on the resolved ladders that extend a base, each finding at the file and line that hold the text (an
 * inherited cell's finding points into the base). Suppressions in that file apply; a finding already reported
 * (the base's own lint finds the same text) is not repeated.
 */
function lintResolved(
  ladders: readonly Ladder[],
  raw: ReadonlyMap<string, Ladder>,
  sources: readonly Source[],
  already: readonly Problem[],
): Problem[] {
  const byFile = new Map<string, { findings: FileProblem[]; ladder: Ladder }>();
  for (const ladder of ladders) {
    if (ladder.extends === undefined) continue;
    for (const finding of lintLadder(ladder)) {
      const origin = originOf(ladder, finding.path, raw);
      const entry = byFile.get(origin.ladder.file) ?? { findings: [], ladder: origin.ladder };
      entry.findings.push({ ...finding, path: origin.path, file: origin.ladder.file });
      byFile.set(origin.ladder.file, entry);
    }
  }
  // One finding per place and rule: the same base text inherited by five tracks is one thing to fix.
  const key = (p: Problem) => `${p.file}|${p.line}|${p.column}|${p.rule}`;
  const seen = new Set(already.map(key));
  const out: Problem[] = [];
  for (const [file, { findings }] of byFile) {
    const positioned = locate(findings, sources);
    const source = sources.find((s) => s.file === file);
    const loaded = source === undefined ? undefined : loadSource(source);
    const comments = loaded?.ok ? loaded.parsed.comments() : [];
    const own = new Set(positioned);
    for (const p of applySuppressions(positioned, comments, file)) {
      if (!own.has(p) || seen.has(key(p))) continue;
      seen.add(key(p));
      out.push(p);
    }
  }
  return out;
}
