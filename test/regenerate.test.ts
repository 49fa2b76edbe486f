/**
 * The web editor's green path (`ladder regenerate`, run by .github/workflows/regenerate.yml) against a fake
 * GitHub on 127.0.0.1 and a real git remote on disk: a pencil edit that leaves dist/ stale and the layout
 * off gets one bot commit that makes `check` and `fmt --check` pass, a note on the pull request and a CI run;
 * a fork, a pull request that changes code, or a branch that moved on gets nothing pushed and a summary.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REGENERATE_MARKER } from "../scripts/github/regenerate.js";
import { main } from "../scripts/ladder.js";
import { FakeGitHub } from "./helpers/fake-github.js";

const project = path.join(import.meta.dirname, "..");
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "A Manager",
  GIT_AUTHOR_EMAIL: "manager@example.test",
  GIT_COMMITTER_NAME: "A Manager",
  GIT_COMMITTER_EMAIL: "manager@example.test",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8" }).trim();

async function ladder(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd: project,
    env: { ...gitEnv, GITHUB_TOKEN: "bot-token", LADDER_GITHUB_WAIT_UNIT_MS: "1", GITHUB_ACTIONS: "", ...env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe("ladder regenerate", () => {
  let fake: FakeGitHub;
  let dir: string;
  let origin: string;
  let clone: string;
  let headSha: string;
  const branch = "patch-1";
  beforeAll(async () => {
    fake = await new FakeGitHub().start();
  });
  afterAll(() => fake.close());

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "ladder-regenerate-"));
    origin = path.join(dir, "origin.git");
    git(dir, "init", "-q", "--bare", "-b", "main", origin);
    const seed = path.join(dir, "seed");
    git(dir, "clone", "-q", origin, seed);
    cpSync(path.join(project, "ladder"), path.join(seed, "ladder"), { recursive: true });
    cpSync(path.join(project, "dist"), path.join(seed, "dist"), { recursive: true });
    git(seed, "add", ".");
    git(seed, "commit", "-q", "-m", "The ladder and its dist/");
    git(seed, "tag", "sre@1.0.0");
    git(seed, "push", "-q", "--tags", "origin", "main");
    // What GitHub's web editor commits: a changed cell, quoted needlessly, with a blank line; dist/ untouched.
    git(seed, "checkout", "-q", "-b", branch);
    const file = path.join(seed, "ladder/sre.yaml");
    const text = readFileSync(file, "utf8");
    const cell = /^( {10}l1: )(Assists with performing work on production systems.*)$/m;
    expect(text).toMatch(cell);
    writeFileSync(
      file,
      text.replace(cell, (_m, key: string, rest: string) => `\n${key}"${rest.replace("with help", "independently")}"`),
    );
    git(seed, "commit", "-q", "-am", "Update sre.yaml");
    git(seed, "push", "-q", "origin", branch);
    headSha = git(seed, "rev-parse", "HEAD");
    // The workflow's checkout of the pull request's branch.
    clone = path.join(dir, "pr");
    git(dir, "clone", "-q", "-b", branch, origin, clone);
    fake.pulls.length = 0;
    fake.pulls.push({
      number: 7,
      state: "open",
      headSha,
      headRef: branch,
      headRepo: "octo-org/octo-repo",
      files: ["ladder/sre.yaml"],
    });
    fake.dispatches.length = 0;
    fake.requests.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const event = (overrides: { headRepo?: string; sha?: string } = {}) => {
    const file = path.join(dir, "event.json");
    const head = {
      ref: branch,
      sha: overrides.sha ?? headSha,
      repo: { full_name: overrides.headRepo ?? "octo-org/octo-repo" },
    };
    writeFileSync(
      file,
      JSON.stringify({ pull_request: { number: 7, head, base: { repo: { full_name: "octo-org/octo-repo" } } } }),
    );
    return file;
  };
  const regenerate = (eventFile: string) =>
    ladder([
      "regenerate",
      "--event",
      eventFile,
      "--repo",
      "octo-org/octo-repo",
      "--root",
      clone,
      "--api-url",
      fake.url,
      "--summary",
      path.join(dir, "summary.md"),
    ]);
  const summary = () => readFileSync(path.join(dir, "summary.md"), "utf8");

  it("commits the formatted ladder and the rebuilt dist/ to the branch, notes it, and starts CI", async () => {
    const result = await regenerate(event());
    expect(result.code, result.stderr).toBe(0);
    // One new commit on the branch, by the bot, on top of the proposer's.
    expect(git(origin, "rev-parse", `${branch}^`)).toBe(headSha);
    expect(git(origin, "log", "-1", "--format=%an", branch)).toBe("github-actions[bot]");
    const changed = git(origin, "diff", "--name-only", headSha, branch).split("\n");
    expect(changed).toContain("ladder/sre.yaml");
    expect(changed).toContain("dist/sre.md");
    // A fresh clone of the branch now passes what CI checks.
    const fresh = path.join(dir, "fresh");
    git(dir, "clone", "-q", "-b", branch, origin, fresh);
    expect((await ladder(["fmt", "--check", "--root", fresh])).code).toBe(0);
    const check = await ladder(["check", "--root", fresh]);
    expect(check.code, check.stderr).toBe(0);
    expect(readFileSync(path.join(fresh, "dist/sre.md"), "utf8")).toContain("low-risk maintenance independently.");
    // "with help" → "independently" is substantive: the minor version, raised in the same commit, and stamped.
    expect(readFileSync(path.join(fresh, "ladder/sre.yaml"), "utf8")).toMatch(/^version: 1\.1\.0$/m);
    expect(readFileSync(path.join(fresh, "dist/sre.md"), "utf8")).toContain("*Version 1.1.0*");
    expect((await ladder(["bump", "--check", "--root", fresh])).code).toBe(0);
    // Said on the pull request, and CI started for the new commit (a push with GITHUB_TOKEN starts none).
    const [note] = fake.commentsOn(7);
    expect(note.login).toBe("github-actions[bot]");
    expect(note.body.startsWith(REGENERATE_MARKER)).toBe(true);
    expect(note.body).toContain("- `dist/sre.md`");
    expect(fake.dispatches).toEqual([{ workflow: "ci.yml", ref: branch }]);
    expect(summary()).toContain(`to \`${branch}\``);
    expect(fake.violations).toEqual([]);
  });

  it("changes nothing the second time: no second commit, note or CI run", async () => {
    await regenerate(event());
    git(clone, "pull", "-q");
    const again = await regenerate(event({ sha: git(clone, "rev-parse", "HEAD") }));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already what `npm run build`, `npm run fmt` and `npm run bump` write");
    expect(fake.commentsOn(7)).toHaveLength(1);
    expect(fake.dispatches).toHaveLength(1);
  });

  it("leaves a fork's branch alone, calls no API, and says what a maintainer does", async () => {
    const result = await regenerate(event({ headRepo: "someone/octo-repo" }));
    expect(result.code).toBe(0);
    expect(fake.requests).toEqual([]);
    expect(git(origin, "rev-parse", branch)).toBe(headSha);
    expect(summary()).toContain("comes from a fork");
    expect(summary()).toContain("gh pr checkout 7 && npm ci && npm run fmt && npm run bump && npm run build");
  });

  it("leaves a pull request that also changes code alone: the default branch's tools may not fit it", async () => {
    fake.pulls[0].files = ["ladder/sre.yaml", "generators/markdown/ladder.md.hbs"];
    const result = await regenerate(event());
    expect(result.code).toBe(0);
    expect(git(origin, "rev-parse", branch)).toBe(headSha);
    expect(summary()).toContain("changes more than ladder files (`generators/markdown/ladder.md.hbs`)");
    expect(fake.writes()).toEqual([]);
  });

  it("pushes nothing when the branch has moved on, or when a ladder is invalid", async () => {
    expect((await regenerate(event({ sha: "0".repeat(40) }))).stdout).toContain("The branch moved on");
    writeFileSync(path.join(clone, "ladder/sre.yaml"), "title: [unclosed\n");
    git(clone, "commit", "-q", "-am", "Break it");
    const broken = await regenerate(event({ sha: git(clone, "rev-parse", "HEAD") }));
    expect(broken.code).toBe(0);
    expect(broken.stdout).toContain("A ladder has errors");
    expect(git(origin, "rev-parse", branch)).toBe(headSha);
    expect(fake.writes()).toEqual([]);
  });
});
