/**
 * `ladder/organisation.yaml`, the organisation file: loaded like a ladder (same YAML rules), checked against
 * `schemas/organisation.schema.json`, then by the rules below, which the schema cannot say. Pure.
 */
import type { LoadResult } from "../check/load.js";
import { position } from "../check/pipeline.js";
import { checkSection } from "../check/prose.js";
import { validateOrganisationSchema } from "../check/validate.js";
import type { DocPath, Organisation, PathProblem, Problem } from "../model/model.js";

const error = (rule: string, path: DocPath, message: string): PathProblem => ({
  path,
  severity: "error",
  rule,
  message,
});

/** Ids unique where people refer to them: scales, scale levels (across scales, as `scale: l3` names one), tracks. */
function organisationRules(data: Omit<Organisation, "file">): PathProblem[] {
  const problems: PathProblem[] = [];
  const scales = new Map<string, number>();
  const levels = new Map<string, string>();
  data.scales.forEach((scale, s) => {
    if (scales.has(scale.id)) {
      problems.push(
        error("duplicate-id", ["scales", s, "id"], `scale id "${scale.id}" is already used; ids must be unique`),
      );
    }
    scales.set(scale.id, s);
    scale.levels.forEach((level, l) => {
      const first = levels.get(level.id);
      if (first !== undefined) {
        problems.push(
          error(
            "duplicate-id",
            ["scales", s, "levels", l, "id"],
            `scale level id "${level.id}" is already used in scale "${first}"; a ladder's \`scale: ${level.id}\` must name one level`,
          ),
        );
      } else levels.set(level.id, scale.id);
    });
  });
  const tracks = new Set<string>();
  data.tracks.forEach((track, t) => {
    if (tracks.has(track.ladder)) {
      problems.push(
        error("duplicate-track", ["tracks", t, "ladder"], `ladder "${track.ladder}" is listed twice as a track`),
      );
    }
    tracks.add(track.ladder);
  });
  (data.prose ?? []).forEach((section, i) => {
    problems.push(...checkSection(section, ["prose", i]));
  });
  return problems;
}

/** The organisation from its loaded file, or every problem with it (file, line, column, rule id). */
export function checkOrganisation(
  loaded: LoadResult,
): { ok: true; organisation: Organisation } | { ok: false; problems: Problem[] } {
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const { parsed } = loaded;
  const schemaProblems = validateOrganisationSchema(parsed.data);
  if (schemaProblems.length > 0) return { ok: false, problems: position(parsed, schemaProblems) };
  const data = parsed.data as Omit<Organisation, "file">;
  const problems = position(parsed, organisationRules(data));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, organisation: { file: parsed.file, ...data } };
}
