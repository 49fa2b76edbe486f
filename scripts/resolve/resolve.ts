/**
 * Stage resolve: validated ladders and the organisation to resolved ladders, the form every later stage works
 * on (render, diff, lint). A ladder that `extends` a base gets the base's categories, competencies and cells
 * (inherit.ts); every ladder of an organisation learns the scale levels its levels sit on. The rules that
 * need more than one file are here: scale levels (unknown, shared, out of order), bases (unknown, cycles),
 * drops, and cells missing once inherited. Pure: ladders in, ladders and problems (with their file) out.
 */
import { closest } from "../check/validate.js";
import type { DocPath, Ladder, Organisation, PathProblem, TrackInOrganisation } from "../model/model.js";
import { inherit } from "./inherit.js";

/** A problem of a resolution rule, with the file whose document `path` points into. */
export type FileProblem = PathProblem & { file: string };

export interface Resolution {
  /** The resolved ladders, in the order given; a ladder that could not be resolved is left out. */
  ladders: Ladder[];
  problems: FileProblem[];
}

const at = (file: string, rule: string, path: DocPath, message: string): FileProblem => ({
  file,
  path,
  severity: "error",
  rule,
  message,
});

/** Scale levels: known, one level of a ladder per scale level, in the scale's order; every track's level placed. */
function scaleRules(ladder: Ladder, organisation: Organisation | undefined, isTrack: boolean): FileProblem[] {
  const problems: FileProblem[] = [];
  const place = new Map<string, { scale: string; index: number }>();
  for (const scale of organisation?.scales ?? []) {
    scale.levels.forEach((level, index) => {
      place.set(level.id, { scale: scale.id, index });
    });
  }
  const known = [...place.keys()];
  const taken = new Map<string, string>();
  const last = new Map<string, { index: number; level: string }>();
  ladder.levels.forEach((level, i) => {
    const path: DocPath = ["levels", i, "scale"];
    if (level.scale === undefined) {
      if (isTrack) {
        problems.push(
          at(
            ladder.file,
            "missing-scale",
            ["levels", i],
            `level ${level.id} of track "${ladder.id}" has no \`scale\`; add \`scale: <scale level id>\` (known: ${known.join(", ")})`,
          ),
        );
      }
      return;
    }
    const where = place.get(level.scale);
    if (where === undefined) {
      const hint =
        organisation === undefined
          ? "there is no ladder/organisation.yaml to declare scale levels"
          : `known: ${known.join(", ")}${closest(level.scale, known) ? `; did you mean \`${closest(level.scale, known)}\`?` : ""}`;
      problems.push(
        at(ladder.file, "unknown-scale-level", path, `scale level "${level.scale}" is not declared (${hint})`),
      );
      return;
    }
    const first = taken.get(level.scale);
    if (first !== undefined) {
      problems.push(
        at(
          ladder.file,
          "shared-scale-level",
          path,
          `levels ${first} and ${level.id} both sit on scale level ${level.scale}; each scale level holds at most one level of a ladder`,
        ),
      );
      return;
    }
    taken.set(level.scale, level.id);
    const before = last.get(where.scale);
    if (before !== undefined && where.index < before.index) {
      problems.push(
        at(
          ladder.file,
          "track-order",
          path,
          `level ${level.id} sits on scale level ${level.scale}, below level ${before.level}'s; list levels from lowest to highest on the scale`,
        ),
      );
    }
    last.set(where.scale, { index: where.index, level: level.id });
  });
  return problems;
}

/** After inheritance: every competency covers every level, in cells or notApplicable (`missing-cell`). */
function missingCells(resolved: Ladder, own: Ladder): FileProblem[] {
  const problems: FileProblem[] = [];
  const ownIndex = new Map<string, DocPath>();
  (own.categories ?? []).forEach((category, c) => {
    (category.competencies ?? []).forEach((competency, k) => {
      ownIndex.set(competency.id, ["categories", c, "competencies", k]);
    });
  });
  for (const category of resolved.categories) {
    for (const competency of category.competencies) {
      resolved.levels.forEach((level, i) => {
        if (Object.hasOwn(competency.cells, level.id) || Object.hasOwn(competency.notApplicable ?? {}, level.id))
          return;
        const path = ownIndex.get(competency.id);
        const from = competency.from === undefined ? "" : ` (inherited from ${competency.from})`;
        problems.push({
          ...at(
            resolved.file,
            "missing-cell",
            path === undefined ? ["levels", i, "id"] : [...path, "cells"],
            `competency "${competency.id}"${from} has no cell for level ${level.id} (${level.title} (${level.code})); add \`${level.id}: …\` under its cells in this file`,
          ),
          atKey: path !== undefined,
        });
      });
    }
  }
  return problems;
}

/** What a ladder's artifacts show of the organisation: its title, the track's name, its levels' scale levels. */
function placeIn(ladder: Ladder, organisation: Organisation): TrackInOrganisation {
  const track = organisation.tracks.find((t) => t.ladder === ladder.id);
  const scaleLevels: TrackInOrganisation["scaleLevels"] = {};
  for (const scale of organisation.scales) {
    for (const level of scale.levels) {
      if (ladder.levels.some((l) => l.scale === level.id)) {
        scaleLevels[level.id] = { ...level, scale: scale.id, scaleName: scale.name };
      }
    }
  }
  return {
    title: organisation.title,
    ...(track === undefined ? {} : { track: track.name ?? ladder.title }),
    scaleLevels,
  };
}

/**
 * Resolves validated ladders. `known` lists every ladder id found, valid or not: a ladder whose base exists
 * but failed validation is left out without a second problem (the base's own problems say what is wrong).
 */
export function resolveLadders(
  ladders: readonly Ladder[],
  options: { organisation?: Organisation; known?: readonly string[] } = {},
): Resolution {
  const { organisation } = options;
  const byId = new Map(ladders.map((l) => [l.id, l]));
  const known = new Set([...(options.known ?? []), ...byId.keys()]);
  const problems: FileProblem[] = [];
  const tracks = new Set(organisation?.tracks.map((t) => t.ladder));
  organisation?.tracks.forEach((track, t) => {
    if (!known.has(track.ladder)) {
      const hint = closest(track.ladder, [...known]);
      problems.push(
        at(
          organisation.file,
          "unknown-track",
          ["tracks", t, "ladder"],
          `track "${track.ladder}" names no ladder file (known: ${[...known].sort().join(", ")})${hint ? `; did you mean \`${hint}\`?` : ""}`,
        ),
      );
    }
  });
  for (const ladder of ladders) problems.push(...scaleRules(ladder, organisation, tracks.has(ladder.id)));
  for (const ladder of ladders) {
    const by = ladder.replacedBy;
    if (by === undefined || (by !== ladder.id && known.has(by))) continue;
    const others = [...known].filter((id) => id !== ladder.id).sort();
    problems.push(
      at(
        ladder.file,
        "unknown-replacement",
        ["replacedBy"],
        `\`replacedBy: ${ladder.replacedBy}\` names no ladder file (known: ${others.join(", ") || "none"})`,
      ),
    );
  }

  const resolved = new Map<string, Ladder | null>();
  const visiting: string[] = [];
  const resolve = (ladder: Ladder): Ladder | null => {
    const done = resolved.get(ladder.id);
    if (done !== undefined) return done;
    if (ladder.extends === undefined) {
      resolved.set(ladder.id, ladder);
      return ladder;
    }
    const path: DocPath = ["extends"];
    let result: Ladder | null = null;
    const base = byId.get(ladder.extends);
    if (organisation === undefined) {
      problems.push(
        at(
          ladder.file,
          "extends-without-organisation",
          path,
          `"extends: ${ladder.extends}" needs ladder/organisation.yaml, which declares the organisation its ladders share`,
        ),
      );
    } else if (visiting.includes(ladder.extends) || ladder.extends === ladder.id) {
      const members = [...visiting.slice(Math.max(0, visiting.indexOf(ladder.extends))), ladder.id];
      const circle = `${[...members, members[0]].join(" → ")}`;
      for (const id of members) {
        const file = byId.get(id)?.file ?? ladder.file;
        problems.push(
          at(
            file,
            "extends-cycle",
            path,
            `ladders extend each other in a circle: ${circle}; one of them must not extend`,
          ),
        );
      }
    } else if (base === undefined) {
      if (!known.has(ladder.extends)) {
        const hint = closest(ladder.extends, [...known]);
        problems.push(
          at(
            ladder.file,
            "unknown-base",
            path,
            `base ladder "${ladder.extends}" does not exist (known: ${[...known].sort().join(", ")})${hint ? `; did you mean \`${hint}\`?` : ""}`,
          ),
        );
      }
    } else {
      visiting.push(ladder.id);
      const resolvedBase = resolve(base);
      visiting.pop();
      if (resolvedBase !== null) {
        const merged = inherit(ladder, resolvedBase);
        problems.push(...merged.problems.map((p) => ({ ...p, file: ladder.file })));
        const cells = missingCells(merged.ladder, ladder);
        problems.push(...cells);
        if (merged.problems.length === 0 && cells.length === 0) result = merged.ladder;
      }
    }
    resolved.set(ladder.id, result);
    return result;
  };
  const out: Ladder[] = [];
  for (const ladder of ladders) {
    const result = resolve(ladder);
    if (result === null) continue;
    out.push(organisation === undefined ? result : { ...result, organisation: placeIn(result, organisation) });
  }
  // A cycle is found once from each ladder on it; report each position once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.file}|${p.path.join("/")}|${p.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ladders: out, problems: unique };
}
