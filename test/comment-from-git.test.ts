/**
 * The comment job computes the report itself: with this code (standing for the default branch's), from the pull
 * request's commits fetched from a remote into private refs, never checked out or run. A pull request whose
 * branch rewrites scripts/ (so that its own run reports "no change"), adds an install script, and uploads a
 * forged artifact still gets the report this code computes from its ladder files. The GitHub API is a fake on
 * 127.0.0.1; the remote is a bare repository on disk, holding `refs/pull/7/head` as GitHub does.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../scripts/ladder.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { put, scratch } from "./helpers/run-comment.js";
import { runMain } from "./helpers/run-main.js";

const FORGED = "<!-- ladder-diff head=x -->\n## Ladder diff\n\nNo change to any ladder. cc @octocat\n";
const PWNED = path.join(tmpdir(), `ladder-pwned-${process.pid}`);

// The repository: main, a pull request branched from it, then main moving on (its change is not the PR's).
const repo = new Repo();
const seed = seedFiles();
const sre = seed["ladder/sre.yaml"] as string;
const mainBase = repo.commit("base", seed);
const prHead = repo.commit(
  "the pull request: a ladder edit, plus code that would lie about it",
  {
    ...seed,
    "ladder/sre.yaml": edit(sre, /Junior SRE/, "Apprentice SRE"),
    "scripts/diff/report.ts": 'export function compare() { return { ok: true, compared: "No change" }; }\n',
    "package.json": JSON.stringify({ scripts: { postinstall: `touch ${PWNED}` } }),
    "diff.md": FORGED,
  },
  mainBase,
);
const mainTip = repo.commit(
  "main moves on",
  { ...seed, "ladder/mini.yaml": `${seed["ladder/mini.yaml"]}\n` },
  mainBase,
);
const origin = mkdtempSync(path.join(tmpdir(), "ladder-origin-"));
execFileSync("git", ["init", "-q", "--bare", origin]);
repo.git("push", "-q", origin, `${mainTip}:refs/heads/main`, `${prHead}:refs/pull/7/head`);
afterAll(() => repo.remove());

/** A fresh checkout of the default branch, as the comment job makes one. */
function checkout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-checkout-"));
  execFileSync("git", ["clone", "-q", "--branch", "main", origin, dir]);
  return dir;
}

/** A `workflow_run` event for a fork's pull-request run at `sha` (GitHub lists no pull request for a fork). */
function forkEvent(sha: string) {
  return {
    action: "completed",
    repository: { id: 1, full_name: "octo-org/octo-repo" },
    workflow_run: {
      id: 99,
      event: "pull_request",
      conclusion: "success",
      head_sha: sha,
      head_branch: "patch-1",
      html_url: "https://github.com/octo-org/octo-repo/actions/runs/99",
      head_repository: { full_name: "forker/octo-repo", owner: { login: "forker" } },
      pull_requests: [],
    },
  };
}

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await new FakeGitHub().start();
  fake.pulls.push({ number: 7, state: "open", headSha: prHead, headRef: "patch-1", headRepo: "forker/octo-repo" });
});
afterEach(() => fake.close());

async function comment(dir: string, extra: string[] = []) {
  const files = scratch();
  const event = put(files, "event.json", JSON.stringify(forkEvent(prHead)));
  const identity = put(files, "pull-request.json", JSON.stringify({ number: 7, head_sha: prHead }));
  const summary = path.join(files, "summary.md");
  const argv = ["comment", "--pr", "auto", "--repo", "octo-org/octo-repo", "--event", event, "--identity", identity];
  argv.push("--from-git", origin, "--root", dir, "--summary", summary, "--api-url", fake.url, ...extra);
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: files,
    env: { GITHUB_TOKEN: "bot-token", LADDER_GITHUB_WAIT_UNIT_MS: "1" },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr, summary };
}

describe("ladder comment --from-git", () => {
  it("posts the report this code computes from the pull request's commits, whatever its scripts/ and artifact say", async () => {
    const dir = checkout();
    const result = await comment(dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [posted] = fake.commentsOn(7);
    expect(posted?.login).toBe("github-actions[bot]");
    const body = posted?.body ?? "";
    expect(body).toContain("Apprentice SRE");
    expect(body).not.toContain("No change to any ladder");
    // Exactly `ladder diff` between the merge base and the head, by this code: main's later change is not in it.
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    expect(git("merge-base", "refs/ladder-comment/base", "refs/ladder-comment/head")).toBe(mainBase);
    const expected = await runMain(["diff", "--base-ref", mainBase, "--head-ref", prHead, "--root", dir], dir);
    expect(body).toBe(expected.stdout);
    expect(body).not.toContain("mini");
    expect(readFileSync(result.summary, "utf8")).toBe(body);
    // Fetched, never checked out, never run: the checkout is still main, clean, and no install script ran.
    expect(git("rev-parse", "HEAD")).toBe(mainTip);
    expect(git("status", "--porcelain")).toBe("");
    expect(git("rev-parse", "refs/ladder-comment/head")).toBe(prHead);
    expect(existsSync(path.join(dir, "scripts"))).toBe(false);
    expect(existsSync(PWNED)).toBe(false);
    expect(fake.violations).toEqual([]);
  });

  it("posts nothing when the pull request moved on between GitHub's answer and the fetch", async () => {
    const dir = checkout();
    const newer = repo.commit(
      "a newer push",
      { ...seed, "ladder/sre.yaml": edit(sre, /Junior SRE/, "Trainee SRE") },
      prHead,
    );
    repo.git("push", "-q", "-f", origin, `${newer}:refs/pull/7/head`);
    try {
      const result = await comment(dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`has moved on from ${prHead.slice(0, 7)} to ${newer.slice(0, 7)}`);
      expect(fake.writes()).toEqual([]);
    } finally {
      repo.git("push", "-q", "-f", origin, `${prHead}:refs/pull/7/head`);
    }
  });

  it("refuses a body file together with --from-git, and fails in one line when the remote cannot be read", async () => {
    const dir = checkout();
    const both = await comment(dir, ["--body-file", put(scratch(), "diff.md", FORGED)]);
    expect([both.code, both.stderr.split("\n")[0]]).toEqual([
      2,
      "ladder comment: give --from-git or --body-file, not both",
    ]);
    const files = scratch();
    const argv = ["comment", "--pr", "7", "--repo", "octo-org/octo-repo", "--from-git", path.join(files, "nowhere")];
    const result = await runMain([...argv, "--root", dir, "--api-url", fake.url], files, { GITHUB_TOKEN: "bot-token" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ladder comment: cannot fetch pull request #7 and main from .*nowhere: /);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(fake.writes()).toEqual([]);
  });
});
