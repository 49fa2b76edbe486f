/**
 * Inheritance: a ladder that `extends` a base, laid over the base once the base is resolved. The ladder
 * inherits the base's categories, competencies and cells; it may add categories and competencies, override
 * any field or cell of an inherited one (a category or competency with the same id), mark cells as not
 * applicable, and `drop` an inherited competency with a reason. Every inherited item says where it comes from
 * (`from`, `cellsFrom`: the id of the ladder that holds the text). Pure.
 *
 * Cells are inherited level by level: a level takes the base's cell of the level with the same id or, when
 * the base has no such level, of the base's level on the same scale level (`scale:`).
 */
import type { Category, Competency, DocPath, Dropped, Ladder, Level, PathProblem } from "../model/model.js";

const error = (rule: string, path: DocPath, message: string, atKey = false): PathProblem => ({
  path,
  severity: "error",
  rule,
  message,
  atKey,
});

/** Which base level each of the ladder's levels takes its cells from (undefined: none). */
function levelMap(levels: readonly Level[], base: readonly Level[]): Map<string, string | undefined> {
  return new Map(
    levels.map((level) => {
      const same =
        base.find((b) => b.id === level.id) ?? base.find((b) => b.scale !== undefined && b.scale === level.scale);
      return [level.id, same?.id];
    }),
  );
}

/** A base competency as this ladder inherits it: its cells re-keyed to this ladder's levels, marked with its source. */
function inheritCompetency(
  competency: Competency,
  baseId: string,
  levels: Map<string, string | undefined>,
): Competency {
  const cells: Record<string, string> = {};
  const notApplicable: Record<string, string> = {};
  const examples: Record<string, string[]> = {};
  const cellsFrom: Record<string, string> = {};
  for (const [id, baseLevel] of levels) {
    if (baseLevel === undefined) continue;
    const source = competency.cellsFrom?.[baseLevel] ?? competency.from ?? baseId;
    if (Object.hasOwn(competency.cells, baseLevel)) cells[id] = competency.cells[baseLevel];
    else if (competency.notApplicable && Object.hasOwn(competency.notApplicable, baseLevel)) {
      notApplicable[id] = competency.notApplicable[baseLevel];
    } else continue;
    cellsFrom[id] = source;
    const example = competency.examples?.[baseLevel];
    if (example !== undefined) examples[id] = [...example];
  }
  const { examples: _e, notApplicable: _n, cellsFrom: _c, ...rest } = competency;
  return {
    ...rest,
    cells,
    ...(Object.keys(examples).length > 0 ? { examples } : {}),
    ...(Object.keys(notApplicable).length > 0 ? { notApplicable } : {}),
    from: competency.from ?? baseId,
    cellsFrom,
  };
}

/** Lays the ladder's own cells, not-applicable marks, examples and texts over an inherited competency. */
function override(inherited: Competency, own: Competency): Competency {
  const cells = { ...inherited.cells };
  const notApplicable = { ...(inherited.notApplicable ?? {}) };
  const cellsFrom = { ...(inherited.cellsFrom ?? {}) };
  const examples = { ...(inherited.examples ?? {}) };
  for (const [level, text] of Object.entries(own.cells ?? {})) {
    cells[level] = text;
    delete notApplicable[level];
    delete cellsFrom[level];
    delete examples[level];
  }
  for (const [level, reason] of Object.entries(own.notApplicable ?? {})) {
    notApplicable[level] = reason;
    delete cells[level];
    delete cellsFrom[level];
    delete examples[level];
  }
  for (const [level, list] of Object.entries(own.examples ?? {})) examples[level] = [...list];
  const result: Competency = {
    ...inherited,
    ...(own.name === undefined ? {} : { name: own.name }),
    ...(own.description === undefined ? {} : { description: own.description }),
    ...(own.prose === undefined ? {} : { prose: own.prose }),
    cells,
    cellsFrom,
  };
  if (Object.keys(notApplicable).length > 0) result.notApplicable = notApplicable;
  else delete result.notApplicable;
  if (Object.keys(examples).length > 0) result.examples = examples;
  else delete result.examples;
  return result;
}

/**
 * The ladder over its resolved base: categories and competencies in the base's order, the ladder's additions
 * after them (new competencies at the end of their category, new categories at the end). Problems are paths
 * into the ladder's own file.
 */
export function inherit(ladder: Ladder, base: Ladder): { ladder: Ladder; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const levels = levelMap(ladder.levels, base.levels);
  const categories: Category[] = base.categories.map((category) => ({
    ...category,
    from: category.from ?? base.id,
    competencies: category.competencies.map((c) => inheritCompetency(c, base.id, levels)),
  }));
  const homeOf = new Map<string, string>();
  for (const category of categories) for (const c of category.competencies) homeOf.set(c.id, category.id);
  const dropped: Dropped[] = [];
  (ladder.categories ?? []).forEach((own, c) => {
    const at: DocPath = ["categories", c];
    let category = categories.find((k) => k.id === own.id);
    if (category === undefined) {
      if (own.name === undefined) {
        problems.push(
          error(
            "missing-key",
            at,
            `category "${own.id}" is new here (${base.id} has no such category) and needs a \`name\``,
          ),
        );
      }
      if (own.competencies === undefined) {
        problems.push(
          error(
            "missing-key",
            at,
            `category "${own.id}" is new here (${base.id} has no such category) and needs \`competencies\``,
          ),
        );
      }
      category = { id: own.id, name: own.name ?? own.id, competencies: [] };
      categories.push(category);
    } else {
      if (own.name !== undefined) category.name = own.name;
    }
    if (own.description !== undefined) category.description = own.description;
    if (own.prose !== undefined) category.prose = own.prose;
    const target = category;
    (own.competencies ?? []).forEach((competency, k) => {
      const path: DocPath = [...at, "competencies", k];
      const home = homeOf.get(competency.id);
      if (home !== undefined && home !== target.id) {
        problems.push(
          error(
            "inherited-elsewhere",
            [...path, "id"],
            `competency "${competency.id}" is inherited in category "${home}"; override or drop it under that category`,
          ),
        );
        return;
      }
      const index = target.competencies.findIndex((x) => x.id === competency.id);
      if (competency.drop !== undefined) {
        if (index < 0) {
          problems.push(
            error(
              "drop-unknown",
              [...path, "drop"],
              `there is no inherited competency "${competency.id}" to drop`,
              true,
            ),
          );
        } else if (competency.drop.trim() === "") {
          problems.push(
            error(
              "drop-without-reason",
              [...path, "drop"],
              `dropping the inherited competency "${competency.id}" needs a reason: \`drop: <why it does not apply>\``,
            ),
          );
        } else {
          const gone = target.competencies[index];
          dropped.push({
            id: gone.id,
            name: gone.name,
            category: target.id,
            from: gone.from ?? base.id,
            reason: competency.drop,
          });
          target.competencies.splice(index, 1);
        }
        return;
      }
      if (index >= 0) {
        target.competencies[index] = override(target.competencies[index], competency);
        return;
      }
      if (competency.name === undefined) {
        problems.push(
          error(
            "missing-key",
            path,
            `competency "${competency.id}" is new here (${base.id} has no such competency) and needs a \`name\``,
          ),
        );
      }
      const { drop: _d, ...fresh } = competency;
      target.competencies.push({ ...fresh, name: competency.name ?? competency.id, cells: competency.cells ?? {} });
      homeOf.set(competency.id, target.id);
    });
  });
  const { categories: _own, ...rest } = ladder;
  return {
    ladder: {
      ...rest,
      categories: categories.filter((category) => category.competencies.length > 0),
      ...(dropped.length > 0 ? { dropped } : {}),
    },
    problems,
  };
}
