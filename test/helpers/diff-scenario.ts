/** The diff scenarios' shared ground: a git repository holding the seed ladders at tag `seed`, and a runner. */
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import diffSchema from "../../schemas/diff.schema.json" with { type: "json" };
import { validateLadders } from "../../scripts/check/pipeline.js";
import type { DiffReport } from "../../scripts/diff/report.js";
import type { Competency, Ladder } from "../../scripts/model/model.js";
import { edit, Repo, seedFiles } from "./git-repo.js";
import { ladder } from "./golden.js";

export const seed = seedFiles();
export const SRE = seed["ladder/sre.yaml"];
export const MINI = seed["ladder/mini.yaml"];
const models = validateLadders(Object.entries(seed).map(([file, text]) => ({ file, text })));
if (!models.ok) throw new Error("the seed ladders must be valid");
/** The seed SRE ladder as a model, to take expected texts from. */
export const sre = models.ladders[1] as Ladder;
export const row = (l: Ladder, id: string) =>
  l.categories.flatMap((c) => c.competencies).find((c) => c.id === id) as Competency;
export const cell = (l: Ladder, competency: string, level: string) => row(l, competency).cells[level];
/** One level's column: competency id to its cell (or to `text`, the same everywhere). */
export const column = (l: Ladder, level: string, text?: string) =>
  Object.fromEntries(l.categories.flatMap((c) => c.competencies).map((c) => [c.id, text ?? c.cells[level]]));
export const without = (text: string, block: string | RegExp) => edit(text, block, "");

/** One scenario: the edited ladder files, and the exact changes expected in one ladder. */
export interface Scenario {
  name: string;
  sre?: string;
  mini?: string;
  ladder: string;
  changes: () => unknown[];
}

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(diffSchema);

/** Registers the repository for the current file; `diffJson` commits files on top of the seed and diffs them. */
export function seedRepo() {
  let repo: Repo | undefined;
  beforeAll(() => {
    repo = new Repo();
    repo.commit("seed ladders", seed);
    repo.git("tag", "seed");
  });
  afterAll(() => repo?.remove());
  const get = () => repo as Repo;

  /** Commits `files` on top of the seed, diffs, and checks the JSON against schemas/diff.schema.json. */
  async function diffJson(files: Record<string, string>, message: string): Promise<DiffReport> {
    const head = get().commit(message, files, "seed");
    const result = await ladder(["diff", "--base", "seed", "--head", head, "--format", "json"], get().dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DiffReport;
    const valid = validate(report);
    expect(validate.errors ?? []).toStrictEqual([]);
    expect(valid).toBe(true);
    expect(report.base).toStrictEqual({ kind: "git", ref: "seed", commit: get().git("rev-parse", "seed") });
    expect(report.head).toStrictEqual({ kind: "git", ref: head, commit: head });
    return report;
  }
  return { repo: get, diffJson };
}

export const changesOf = (report: DiffReport, id: string) => report.ladders.find((l) => l.id === id)?.changes;

/** One test per scenario: exactly the expected changes in its ladder, and every other ladder unchanged. */
export function runScenarios(
  title: string,
  scenarios: readonly Scenario[],
  diffJson: ReturnType<typeof seedRepo>["diffJson"],
) {
  describe(title, () => {
    for (const scenario of scenarios) {
      it(`reports ${scenario.name}`, async () => {
        const files = { ...seed };
        if (scenario.sre) files["ladder/sre.yaml"] = scenario.sre;
        if (scenario.mini) files["ladder/mini.yaml"] = scenario.mini;
        const report = await diffJson(files, scenario.name);
        expect(report.valid).toBe(true);
        expect(changesOf(report, scenario.ladder)).toStrictEqual(scenario.changes());
        for (const other of report.ladders.filter((l) => l.id !== scenario.ladder)) {
          expect(other).toStrictEqual({ id: other.id, status: "unchanged", changes: [] });
        }
        expect(report.ladders.find((l) => l.id === scenario.ladder)?.status).toBe("changed");
      });
    }
  });
}
