/**
 * `ladder diff --format json` end to end in a temporary git repository, one commit per kind of change:
 * cells, levels and whole ladders. Categories and competencies are in diff-scenarios-rows.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { DiffReport } from "../scripts/diff/report.js";
import {
  cell,
  changesOf,
  column,
  MINI,
  runScenarios,
  type Scenario,
  SRE,
  seed,
  seedRepo,
  sre,
  without,
} from "./helpers/diff-scenario.js";
import { edit } from "./helpers/git-repo.js";
import { ladder } from "./helpers/golden.js";

const { repo, diffJson } = seedRepo();

const scenarios: Scenario[] = [
  {
    name: "a cell reworded",
    sre: edit(SRE, "Performs low-risk maintenance with help.", "Performs low-risk maintenance independently."),
    ladder: "sre",
    changes: () => [
      {
        kind: "cell-changed",
        impact: "substantive",
        level: "l1",
        category: "skill",
        competency: "mastery-maintenance",
        field: "text",
        before: cell(sre, "mastery-maintenance", "l1"),
        after: cell(sre, "mastery-maintenance", "l1").replace("with help.", "independently."),
      },
    ],
  },
  {
    name: "a cell's spacing fixed",
    sre: edit(SRE, "planning.Demonstrates", "planning. Demonstrates"),
    ladder: "sre",
    changes: () => [
      {
        kind: "cell-changed",
        impact: "editorial",
        edit: "whitespace",
        level: "l1",
        category: "skill",
        competency: "judgment",
        field: "text",
        before: cell(sre, "judgment", "l1"),
        after: cell(sre, "judgment", "l1").replace("planning.D", "planning. D"),
      },
    ],
  },
  {
    name: "a level's title changed",
    sre: edit(SRE, "title: Senior SRE", "title: Senior Site Reliability Engineer"),
    ladder: "sre",
    changes: () => [
      {
        kind: "level-renamed",
        impact: "substantive",
        level: "l3",
        field: "title",
        before: "Senior SRE",
        after: "Senior Site Reliability Engineer",
      },
    ],
  },
  {
    name: "a level's code changed",
    sre: edit(SRE, "code: L5", "code: P5"),
    ladder: "sre",
    changes: () => [
      { kind: "level-renamed", impact: "breaking", level: "l5", field: "code", before: "L5", after: "P5" },
    ],
  },
  {
    name: "a level's id changed (recognised by its code and title)",
    sre: edit(edit(SRE, "id: l3\n", "id: senior\n"), /^(\s+)l3:/gm, "$1senior:"),
    ladder: "sre",
    changes: () => [
      { kind: "level-renamed", impact: "substantive", level: "senior", field: "id", before: "l3", after: "senior" },
    ],
  },
  {
    name: "a level added",
    sre: edit(
      edit(
        SRE,
        "    title: Principal SRE\n",
        "    title: Principal SRE\n  - id: l6\n    code: L6\n    title: Distinguished SRE\n",
      ),
      /^(\s+)l5: (.*)$/gm,
      "$1l5: $2\n$1l6: Sets the direction of reliability for the company.",
    ),
    ladder: "sre",
    changes: () => [
      {
        kind: "level-added",
        impact: "substantive",
        level: "l6",
        after: "Distinguished SRE",
        code: "L6",
        cells: column(sre, "l6", "Sets the direction of reliability for the company."),
      },
    ],
  },
  {
    name: "a level removed",
    sre: without(without(SRE, "  - id: l5\n    code: L5\n    title: Principal SRE\n"), /^\s+l5: .*\n/gm),
    ladder: "sre",
    changes: () => [
      {
        kind: "level-removed",
        impact: "breaking",
        level: "l5",
        before: "Principal SRE",
        code: "L5",
        cells: column(sre, "l5"),
      },
    ],
  },
  {
    name: "a level moved to the top",
    mini: edit(
      without(MINI, "  - id: staff\n    code: ST\n    title: Staff\n"),
      "levels:\n",
      "levels:\n  - id: staff\n    code: ST\n    title: Staff\n",
    ),
    ladder: "mini",
    changes: () => [
      { kind: "level-moved", impact: "substantive", level: "staff", from: { position: 3 }, to: { position: 1 } },
    ],
  },
  {
    name: "examples added to a cell",
    mini: edit(
      MINI,
      "          staff: Grows mentors across teams.\n",
      "          staff: Grows mentors across teams.\n        examples:\n          senior:\n            - Mentored two new joiners through their first on-call.\n",
    ),
    ladder: "mini",
    changes: () => [
      {
        kind: "cell-changed",
        impact: "substantive",
        level: "senior",
        category: "people",
        competency: "mentoring",
        field: "examples",
        after: "Mentored two new joiners through their first on-call.",
      },
    ],
  },
  {
    name: "the ladder's title and summary changed",
    sre: edit(
      edit(SRE, "title: Titles for Ops\n", "title: Titles for Operations\n"),
      "as kept in the Basecamp",
      "as once kept in the Basecamp",
    ),
    ladder: "sre",
    changes: () => [
      {
        kind: "ladder-changed",
        impact: "substantive",
        field: "title",
        before: "Titles for Ops",
        after: "Titles for Operations",
      },
      {
        kind: "ladder-changed",
        impact: "substantive",
        field: "summary",
        before: sre.summary,
        after: sre.summary?.replace("as kept", "as once kept"),
      },
    ],
  },
];

runScenarios("ladder diff --format json: cells, levels and ladders", scenarios, diffJson);

describe("ladder diff --format json: whole ladders and invalid bases", () => {
  it("reports a ladder added and a ladder removed", async () => {
    const report = await diffJson(
      { "ladder/sre.yaml": SRE, "ladder/extra.yaml": edit(MINI, "title: Mini ladder", "title: Extra ladder") },
      "swap mini for extra",
    );
    expect(report.ladders).toStrictEqual([
      {
        id: "extra",
        status: "added",
        changes: [{ kind: "ladder-added", impact: "substantive", after: "Extra ladder" }],
      },
      {
        id: "mini",
        status: "removed",
        changes: [{ kind: "ladder-removed", impact: "breaking", before: "Mini ladder" }],
      },
      { id: "sre", status: "unchanged", changes: [] },
    ]);
    expect(report.impacts).toStrictEqual({ breaking: 1, substantive: 1, editorial: 0 });
    expect(report.generated.files).toContainEqual({ path: "dist/extra.md", status: "added" });
    expect(report.generated.files).toContainEqual({ path: "dist/mini.md", status: "removed" });
  });

  it("reports a cell added where the base lacked it (an invalid base is still compared)", async () => {
    const mini = without(MINI, "          staff: Shapes how the organisation reviews.\n");
    const missing = repo().commit("mini without a cell", { ...seed, "ladder/mini.yaml": mini }, "seed");
    const result = await ladder(["diff", "--base", missing, "--head", "seed", "--format", "json"], repo().dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DiffReport;
    expect(changesOf(report, "mini")).toStrictEqual([
      {
        kind: "cell-added",
        impact: "substantive",
        level: "staff",
        category: "craft",
        competency: "review",
        after: "Shapes how the organisation reviews.",
      },
    ]);
  });
});
