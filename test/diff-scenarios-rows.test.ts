/**
 * `ladder diff --format json` end to end in a temporary git repository, one commit per kind of change:
 * categories and competencies, with renamed ids recognised by their content.
 */
import { MINI, row, runScenarios, type Scenario, SRE, seedRepo, sre, without } from "./helpers/diff-scenario.js";
import { edit } from "./helpers/git-repo.js";

const { diffJson } = seedRepo();

const scenarios: Scenario[] = [
  {
    name: "a category added, with its competency",
    sre: `${SRE}  - id: leadership\n    name: Leadership\n    competencies:\n      - id: incident-command\n        name: Incident command\n        cells:\n${[1, 2, 3, 4, 5].map((n) => `          l${n}: Commands incidents of size ${n}.\n`).join("")}`,
    ladder: "sre",
    changes: () => [
      { kind: "category-added", impact: "substantive", category: "leadership", after: "Leadership" },
      {
        kind: "competency-added",
        impact: "substantive",
        category: "leadership",
        competency: "incident-command",
        after: "Incident command",
        cells: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`l${n}`, `Commands incidents of size ${n}.`])),
      },
    ],
  },
  {
    name: "a category removed, with its competency",
    mini: MINI.slice(0, MINI.indexOf("  - id: people")),
    ladder: "mini",
    changes: () => [
      { kind: "category-removed", impact: "substantive", category: "people", before: "People" },
      {
        kind: "competency-removed",
        impact: "breaking",
        category: "people",
        competency: "mentoring",
        before: "Mentoring",
        cells: {
          junior: "Shares what they learn.",
          senior: "Mentors one or two engineers.",
          staff: "Grows mentors across teams.",
        },
      },
    ],
  },
  {
    name: "categories renamed: a name, and an id (recognised by the name)",
    mini: edit(edit(MINI, "name: Craft\n", "name: Craftsmanship\n"), "id: people\n", "id: humans\n"),
    ladder: "mini",
    changes: () => [
      {
        kind: "category-renamed",
        impact: "substantive",
        category: "craft",
        field: "name",
        before: "Craft",
        after: "Craftsmanship",
      },
      {
        kind: "category-renamed",
        impact: "substantive",
        category: "humans",
        field: "id",
        before: "people",
        after: "humans",
      },
    ],
  },
  {
    name: "a category moved to the top",
    sre: (() => {
      const at = SRE.indexOf("  - id: coachability");
      return edit(SRE.slice(0, at), "categories:\n", `categories:\n${SRE.slice(at)}`);
    })(),
    ladder: "sre",
    changes: () => [
      {
        kind: "category-moved",
        impact: "editorial",
        category: "coachability",
        from: { position: 3 },
        to: { position: 1 },
      },
    ],
  },
  {
    name: "a competency added",
    mini: edit(
      MINI,
      "  - id: people\n",
      "      - id: testing\n        name: Testing\n        cells:\n          junior: Writes tests.\n          senior: Designs test suites.\n          staff: Sets the testing strategy.\n  - id: people\n",
    ),
    ladder: "mini",
    changes: () => [
      {
        kind: "competency-added",
        impact: "substantive",
        category: "craft",
        competency: "testing",
        after: "Testing",
        cells: { junior: "Writes tests.", senior: "Designs test suites.", staff: "Sets the testing strategy." },
      },
    ],
  },
  {
    name: "a competency removed",
    sre: without(SRE, / {6}- id: trust\n(.*\n){7}/),
    ladder: "sre",
    changes: () => [
      {
        kind: "competency-removed",
        impact: "breaking",
        category: "engagement",
        competency: "trust",
        before: "Trust",
        cells: row(sre, "trust").cells,
      },
    ],
  },
  {
    name: "competencies renamed: a name, and an id (recognised by its cells)",
    sre: edit(
      edit(SRE, "name: Tech and Tooling", "name: Technology and Tooling"),
      "id: trust\n",
      "id: trustworthiness\n",
    ),
    ladder: "sre",
    changes: () => [
      {
        kind: "competency-renamed",
        impact: "substantive",
        category: "skill",
        competency: "tech-and-tooling",
        field: "name",
        before: "Tech and Tooling",
        after: "Technology and Tooling",
      },
      {
        kind: "competency-renamed",
        impact: "substantive",
        category: "engagement",
        competency: "trustworthiness",
        field: "id",
        before: "trust",
        after: "trustworthiness",
      },
    ],
  },
  {
    name: "a competency moved inside its category",
    sre: (() => {
      const block = / {6}- id: scope\n(.*\n){7}/.exec(SRE)?.[0] ?? "";
      return edit(without(SRE, block), "      - id: mastery-expertise\n", `${block}      - id: mastery-expertise\n`);
    })(),
    ladder: "sre",
    changes: () => [
      {
        kind: "competency-moved",
        impact: "editorial",
        category: "skill",
        competency: "scope",
        from: { category: "skill", position: 5 },
        to: { category: "skill", position: 1 },
      },
    ],
  },
  {
    name: "a competency moved to another category",
    mini: (() => {
      const block = / {6}- id: review\n(.*\n){5}/.exec(MINI)?.[0] ?? "";
      return `${without(MINI, block)}${block}`;
    })(),
    ladder: "mini",
    changes: () => [
      {
        kind: "competency-moved",
        impact: "substantive",
        category: "people",
        competency: "review",
        from: { category: "craft", position: 2 },
        to: { category: "people", position: 2 },
      },
    ],
  },
];

runScenarios("ladder diff --format json: categories and competencies", scenarios, diffJson);
