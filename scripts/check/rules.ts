/**
 * Stage 3, rules: what a ladder can get wrong that the schema cannot express.
 * Each rule is a small pure function over a schema-valid ladder, named by its rule id.
 */
import type { DocPath, Ladder, PathProblem } from "../model/model.js";
import { compareVersions, isRealDate } from "../model/version.js";
import { checkProse } from "./prose.js";

type LadderData = Omit<Ladder, "id" | "file">;
type Rule = (ladder: LadderData) => PathProblem[];

const error = (rule: string, path: DocPath, message: string, atKey = false): PathProblem => ({
  path,
  severity: "error",
  rule,
  message,
  atKey,
});

/** Ids must be unique: levels among levels, categories among categories, competencies across the ladder. */
const duplicateId: Rule = (ladder) => {
  const problems: PathProblem[] = [];
  const check = (kind: string, seen: Map<string, string>, id: string, path: DocPath, where: string) => {
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(error("duplicate-id", path, `${kind} id "${id}" is already used by ${first}; ids must be unique`));
    } else seen.set(id, where);
  };
  const levels = new Map<string, string>();
  ladder.levels.forEach((level, i) => {
    check("level", levels, level.id, ["levels", i, "id"], `level ${i + 1} (${level.title})`);
  });
  const categories = new Map<string, string>();
  const competencies = new Map<string, string>();
  ladder.categories.forEach((category, c) => {
    check("category", categories, category.id, ["categories", c, "id"], `category ${c + 1} (${category.name})`);
    category.competencies.forEach((competency, k) => {
      check(
        "competency",
        competencies,
        competency.id,
        ["categories", c, "competencies", k, "id"],
        `competency "${competency.name}" in ${category.name}`,
      );
    });
  });
  return problems;
};

/** Two levels may not share a code or a title: people tell levels apart by them. */
const duplicateLevelName: Rule = (ladder) => {
  const problems: PathProblem[] = [];
  for (const field of ["code", "title"] as const) {
    const seen = new Map<string, number>();
    ladder.levels.forEach((level, i) => {
      const key = level[field].trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push(
          error(
            `duplicate-level-${field}`,
            ["levels", i, field],
            `level ${field} "${level[field]}" is already used by level "${ladder.levels[first].id}"`,
          ),
        );
      } else seen.set(key, i);
    });
  }
  return problems;
};

/**
 * Every competency describes every level exactly once, in `cells` or in `notApplicable`, and only levels that
 * exist. In a ladder that extends another, cells may be inherited: `missing-cell` waits for the resolved ladder.
 */
const cellsMatchLevels: Rule = (ladder) => {
  const problems: PathProblem[] = [];
  const levelIds = new Set(ladder.levels.map((l) => l.id));
  const known = [...levelIds].join(", ");
  ladder.categories.forEach((category, c) => {
    category.competencies.forEach((competency, k) => {
      const at: DocPath = ["categories", c, "competencies", k];
      const cells = competency.cells ?? {};
      const notApplicable = competency.notApplicable ?? {};
      for (const level of ladder.levels) {
        if (Object.hasOwn(cells, level.id) && Object.hasOwn(notApplicable, level.id)) {
          problems.push(
            error(
              "cell-and-not-applicable",
              [...at, "notApplicable", level.id],
              `competency "${competency.id}" has a cell for level ${level.id} and says it does not apply there; keep one of the two`,
              true,
            ),
          );
        }
        if (
          ladder.extends === undefined &&
          !Object.hasOwn(cells, level.id) &&
          !Object.hasOwn(notApplicable, level.id)
        ) {
          problems.push(
            error(
              "missing-cell",
              [...at, "cells"],
              `competency "${competency.id}" has no cell for level ${level.id} (${level.title} (${level.code})); add \`${level.id}: …\` under cells`,
              true,
            ),
          );
        }
      }
      for (const field of ["cells", "examples", "notApplicable"] as const) {
        for (const key of Object.keys(competency[field] ?? {})) {
          if (!levelIds.has(key)) {
            problems.push(
              error(
                "unknown-level",
                [...at, field, key],
                `level "${key}" is not defined in levels (known: ${known})`,
                true,
              ),
            );
          }
        }
      }
    });
  });
  return problems;
};

/** Levels go from lowest to highest: where codes end in numbers (L1, L2 …) the numbers must rise. */
const levelOrder: Rule = (ladder) => {
  const numbered = ladder.levels.map((level) => /^(.*?)(\d+)$/.exec(level.code));
  if (numbered.some((m) => m === null)) return [];
  const problems: PathProblem[] = [];
  for (let i = 1; i < numbered.length; i++) {
    const previous = numbered[i - 1] as RegExpExecArray;
    const current = numbered[i] as RegExpExecArray;
    if (previous[1] === current[1] && Number(current[2]) <= Number(previous[2])) {
      problems.push(
        error(
          "level-order",
          ["levels", i, "code"],
          `level ${ladder.levels[i].code} comes after ${ladder.levels[i - 1].code}; list levels from lowest to highest`,
        ),
      );
    }
  }
  return problems;
};

/** `effective` is a real day (the schema checks only its shape); `replacedBy` goes with a status that is not current. */
const versionFields: Rule = (ladder) => {
  const problems: PathProblem[] = [];
  if (ladder.effective !== undefined && !isRealDate(ladder.effective)) {
    problems.push(
      error(
        "invalid-date",
        ["effective"],
        `\`effective\` is not a real date: ${JSON.stringify(ladder.effective)}; write YYYY-MM-DD, like \`2027-01-01\``,
      ),
    );
  }
  if (ladder.replacedBy !== undefined && (ladder.status ?? "current") === "current") {
    problems.push(
      error(
        "replaced-but-current",
        ["replacedBy"],
        "`replacedBy` says another ladder replaces this one, but its status is current; add `status: superseded` (or `legacy`), or remove `replacedBy`",
        true,
      ),
    );
  }
  problems.push(...historyOrder(ladder));
  return problems;
};

/** The history runs from the ladder's own version down, each version once (newest first), dates real days. */
function historyOrder(ladder: LadderData): PathProblem[] {
  const problems: PathProblem[] = [];
  const history = ladder.history ?? [];
  if (history.length > 0 && ladder.version === undefined) {
    problems.push(error("history-without-version", ["history"], "`history` needs the ladder's `version`", true));
    return problems;
  }
  history.forEach((entry, i) => {
    const above = i === 0 ? ladder.version : history[i - 1]?.version;
    if (above !== undefined && compareVersions(entry.version, above) > (i === 0 ? 0 : -1)) {
      const message =
        i === 0
          ? `version ${entry.version} in the history is newer than the ladder's version ${above}`
          : `version ${entry.version} comes after ${above} in the history; list versions newest first, each once`;
      problems.push(error("history-order", ["history", i, "version"], message));
    }
    if (entry.date !== undefined && !isRealDate(entry.date)) {
      problems.push(error("invalid-date", ["history", i, "date"], `${JSON.stringify(entry.date)} is not a real date`));
    }
  });
  return problems;
}

/** Every rule, in the order their problems are reported. */
export const rules: Readonly<Record<string, Rule>> = {
  "duplicate-id": duplicateId,
  "duplicate-level-name": duplicateLevelName,
  "cells-match-levels": cellsMatchLevels,
  "level-order": levelOrder,
  "prose-markdown": checkProse,
  "version-fields": versionFields,
};

/** Runs every rule over a schema-valid ladder. */
export function checkRules(ladder: LadderData): PathProblem[] {
  return Object.values(rules).flatMap((rule) => rule(ladder));
}
