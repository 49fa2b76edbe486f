/**
 * Which pull request a workflow_run belongs to, from GitHub's real `workflow_run` payload shapes
 * (`@octokit/webhooks-examples`), changed only where a pull request's run differs from the example's.
 */
import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";
import type { WorkflowRunEvent } from "@octokit/webhooks-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ClaimedIdentity,
  type PullRequestApi,
  type PullSummary,
  parseIdentity,
  resolvePullRequest,
} from "../scripts/github/pull-request.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { put, report, runComment, scratch } from "./helpers/run-comment.js";

type Run = WorkflowRunEvent;
const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookDefinition[];
const runExamples = (definitions.find((d) => d.name === "workflow_run")?.examples ?? []) as Run[];
/** The example of a completed run that lists a pull request (of another repository, as it happens). */
const completed = runExamples.find((e) => e.action === "completed" && e.workflow_run.pull_requests.length > 0) as Run;

const SHA = "a".repeat(40);
const NEWER = "b".repeat(40);
const REPO = "octo-org/octo-repo";

/** A completed pull_request run of a branch in the repository itself: GitHub lists the pull request. */
function sameRepoRun(number = 7, sha = SHA): Run {
  const event = structuredClone(completed);
  const repo = event.repository;
  const listed = event.workflow_run.pull_requests[0];
  const ref = { id: repo.id, url: `https://api.github.com/repos/${REPO}`, name: repo.name };
  Object.assign(event.workflow_run, { event: "pull_request", head_branch: "ladder-change", head_sha: sha });
  event.workflow_run.pull_requests = [
    { ...listed, number, head: { ref: "ladder-change", sha, repo: ref }, base: { ...listed.base, repo: ref } },
  ];
  return event;
}

/** A completed pull_request run of a fork's branch: GitHub lists no pull request. */
function forkRun(sha = SHA): Run {
  const event = structuredClone(completed);
  const fork = structuredClone(event.workflow_run.head_repository);
  Object.assign(fork, { id: 4242, full_name: "forker/octo-repo", owner: { ...fork.owner, login: "forker" } });
  Object.assign(event.workflow_run, {
    event: "pull_request",
    head_branch: "patch-1",
    head_sha: sha,
    head_repository: fork,
    pull_requests: [],
  });
  return event;
}

/** A PullRequestApi holding `pulls`, recording each call. */
function api(pulls: PullSummary[]) {
  const calls: string[] = [];
  const impl: PullRequestApi = {
    async openByHead(owner, branch) {
      calls.push(`openByHead ${owner}:${branch}`);
      return pulls.filter((p) => p.state === "open" && p.headRef === branch && p.headRepo?.startsWith(`${owner}/`));
    },
    async get(number) {
      calls.push(`get ${number}`);
      const found = pulls.find((p) => p.number === number);
      if (!found) throw new Error(`no #${number}`);
      return found;
    },
  };
  return { impl, calls };
}

const pull = (number: number, headRepo: string, headRef: string, headSha = SHA, state = "open"): PullSummary => ({
  number,
  state,
  headSha,
  headRepo,
  headRef,
});

describe("resolvePullRequest", () => {
  it("trusts the run's own pull_requests for a branch of the same repository", async () => {
    const { impl, calls } = api([pull(7, REPO, "ladder-change")]);
    const found = await resolvePullRequest(sameRepoRun(), REPO, impl);
    expect(found).toEqual({
      status: "current",
      number: 7,
      headSha: SHA,
      via: "run",
      runUrl: completed.workflow_run.html_url,
    });
    expect(calls).toEqual(["get 7"]);
  });

  it("ignores a listed pull request of another repository, as in GitHub's example, and looks up by head", async () => {
    const event = structuredClone(completed);
    event.workflow_run.event = "pull_request";
    const { impl, calls } = api([pull(3, REPO, "master", event.workflow_run.head_sha)]);
    const found = await resolvePullRequest(event, REPO, impl);
    expect(found).toMatchObject({ status: "current", number: 3, via: "head-lookup" });
    expect(calls).toEqual(["openByHead octo-org:master", "get 3"]);
  });

  it("finds a fork's pull request by the head repository's owner and branch, at the run's commit", async () => {
    const { impl, calls } = api([pull(12, "forker/octo-repo", "patch-1")]);
    expect(await resolvePullRequest(forkRun(), REPO, impl)).toMatchObject({ status: "current", number: 12 });
    expect(calls).toEqual(["openByHead forker:patch-1", "get 12"]);
  });

  it("does not take a pull request whose head is another repository of the same owner", async () => {
    const { impl } = api([pull(13, "forker/renamed-fork", "patch-1")]);
    await expect(resolvePullRequest(forkRun(), REPO, impl)).rejects.toThrow(
      "no open pull request from forker:patch-1 in octo-org/octo-repo: it was closed, or never opened",
    );
  });

  it("reports a run whose pull request has moved on to a newer commit as stale", async () => {
    const fork = api([pull(12, "forker/octo-repo", "patch-1", NEWER)]);
    expect(await resolvePullRequest(forkRun(), REPO, fork.impl)).toMatchObject({ status: "stale", currentSha: NEWER });
    const same = api([pull(7, REPO, "ladder-change", NEWER)]);
    expect(await resolvePullRequest(sameRepoRun(), REPO, same.impl)).toMatchObject({ status: "stale", number: 7 });
  });

  it("refuses a closed pull request", async () => {
    const { impl } = api([pull(7, REPO, "ladder-change", SHA, "closed")]);
    await expect(resolvePullRequest(sameRepoRun(), REPO, impl)).rejects.toThrow(
      "pull request #7 is closed; not commenting",
    );
  });

  it("checks the artifact's claim against the run and refuses a disagreement", async () => {
    const { impl } = api([pull(7, REPO, "ladder-change"), pull(8, REPO, "other")]);
    const agree: ClaimedIdentity = { number: 7, headSha: SHA };
    expect(await resolvePullRequest(sameRepoRun(), REPO, impl, agree)).toMatchObject({ number: 7 });
    await expect(resolvePullRequest(sameRepoRun(), REPO, impl, { number: 8, headSha: SHA })).rejects.toThrow(
      "the artifact claims #8 at aaaaaaa, but the run belongs to #7 at aaaaaaa; refusing to comment",
    );
    await expect(resolvePullRequest(sameRepoRun(), REPO, impl, { number: 7, headSha: NEWER })).rejects.toThrow(
      /claims #7 at bbbbbbb/,
    );
  });

  it("never takes a number from the artifact alone", async () => {
    const { impl } = api([pull(8, REPO, "other")]);
    await expect(resolvePullRequest(forkRun(), REPO, impl, { number: 8, headSha: SHA })).rejects.toThrow(
      /no open pull request from forker:patch-1/,
    );
  });

  it("lets the claim choose only among the pull requests the run belongs to", async () => {
    const event = sameRepoRun(7);
    event.workflow_run.pull_requests.push({ ...event.workflow_run.pull_requests[0], number: 9 });
    const { impl } = api([pull(7, REPO, "ladder-change"), pull(9, REPO, "ladder-change")]);
    await expect(resolvePullRequest(event, REPO, impl)).rejects.toThrow(
      "the run belongs to several pull requests (#7, #9)",
    );
    expect(await resolvePullRequest(event, REPO, impl, { number: 9, headSha: SHA })).toMatchObject({ number: 9 });
  });

  it("refuses runs that are not of a pull request, other events, and other repositories", async () => {
    const { impl } = api([]);
    for (const example of runExamples) {
      await expect(resolvePullRequest(example, REPO, impl)).rejects.toThrow(/not by a pull request/);
    }
    const prEvent = definitions.find((d) => d.name === "pull_request")?.examples[0];
    await expect(resolvePullRequest(prEvent, REPO, impl)).rejects.toThrow("the event is not a workflow_run event");
    await expect(resolvePullRequest(sameRepoRun(), "someone/else", impl)).rejects.toThrow(
      "the event is for octo-org/octo-repo, not for someone/else",
    );
  });
});

describe("parseIdentity", () => {
  it("reads the artifact's claim and refuses anything else", () => {
    expect(parseIdentity(`{"number": 12, "head_sha": "${SHA}"}`, "pr.json")).toEqual({ number: 12, headSha: SHA });
    expect(() => parseIdentity("12", "pr.json")).toThrow('pr.json: "number" must be a positive integer');
    expect(() => parseIdentity("{oops", "pr.json")).toThrow("pr.json: not JSON");
    expect(() => parseIdentity('{"number": 1.5, "head_sha": ""}', "pr.json")).toThrow(/positive integer/);
    expect(() => parseIdentity('{"number": 3, "head_sha": "main"}', "pr.json")).toThrow(/40 lowercase hex/);
  });
});

describe("ladder comment --pr auto, against a fake GitHub", () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it("comments on a fork's pull request found through the API, cross-checked with the artifact", async () => {
    fake.issues.add(12);
    fake.pulls.push({ number: 12, state: "open", headSha: SHA, headRef: "patch-1", headRepo: "forker/octo-repo" });
    const dir = scratch();
    const event = put(dir, "event.json", JSON.stringify(forkRun()));
    const identity = put(dir, "pr.json", JSON.stringify({ number: 12, head_sha: SHA }));
    const r = await runComment(fake, report("x"), ["--pr", "auto", "--identity", identity], {
      GITHUB_EVENT_PATH: event,
    });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^created comment \d+ on octo-org\/octo-repo#12/);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      "GET /repos/octo-org/octo-repo/pulls?head=forker%3Apatch-1&state=open&per_page=100",
      "GET /repos/octo-org/octo-repo/pulls/12",
      "GET /repos/octo-org/octo-repo/issues/12/comments?per_page=100",
      "POST /repos/octo-org/octo-repo/issues/12/comments",
    ]);
  });

  it("leaves the comment alone when the pull request has moved on, exit 0", async () => {
    fake.pulls.push({ number: 7, state: "open", headSha: NEWER, headRef: "ladder-change", headRepo: REPO });
    const event = put(scratch(), "event.json", JSON.stringify(sameRepoRun()));
    const r = await runComment(fake, report("x"), ["--pr", "auto", "--event", event]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "octo-org/octo-repo#7 has moved on from aaaaaaa to bbbbbbb; leaving the comment to that commit's run\n",
    );
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(["GET /repos/octo-org/octo-repo/pulls/7"]);
  });

  it("refuses, in one line, an artifact that names another pull request", async () => {
    fake.pulls.push({ number: 7, state: "open", headSha: SHA, headRef: "ladder-change", headRepo: REPO });
    const dir = scratch();
    const event = put(dir, "event.json", JSON.stringify(sameRepoRun()));
    const identity = put(dir, "pr.json", JSON.stringify({ number: 1, head_sha: SHA }));
    const r = await runComment(fake, report("x"), ["--pr", "auto", "--event", event, "--identity", identity]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "ladder comment: the artifact claims #1 at aaaaaaa, but the run belongs to #7 at aaaaaaa; refusing to comment\n",
    );
    expect(fake.writes()).toEqual([]);
  });
});
