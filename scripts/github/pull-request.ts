/**
 * Which pull request a `workflow_run` belongs to. The comment workflow runs with a write token on behalf of a
 * run whose code and artifacts may come from a fork, so the answer rests on what GitHub says (the event payload
 * and the API), never on a number written into an artifact: that is only cross-checked.
 */
import { ExitError } from "../model/io.js";
import type { GitHub } from "./client.js";
import { explain } from "./issue-comments.js";

/** The facts about a pull request that the decision needs. */
export interface PullSummary {
  number: number;
  state: string;
  headSha: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  headRef: string;
  /** The branch the pull request would merge into. */
  baseRef?: string;
}

/** The two reads the decision may make. */
export interface PullRequestApi {
  /** Open pull requests whose head is `owner:branch` (`GET /repos/{o}/{r}/pulls?head=owner:branch&state=open`). */
  openByHead(owner: string, branch: string): Promise<PullSummary[]>;
  get(number: number): Promise<PullSummary>;
}

/** What the diff job wrote into its artifact: a claim to check, not a fact. */
export interface ClaimedIdentity {
  number: number;
  headSha: string;
}

export type Resolution =
  | {
      status: "current";
      number: number;
      headSha: string;
      via: "run" | "head-lookup";
      runUrl?: string;
      baseRef?: string;
    }
  /** The pull request has moved on to a newer commit; that commit's run will comment. */
  | { status: "stale"; number: number; headSha: string; currentSha: string; runUrl?: string };

const fail = (message: string) => new ExitError(1, message);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const SHA = /^[0-9a-f]{40}$/;

/**
 * Decides the pull request of a `workflow_run` event for `repository` (`owner/name`): the run's own
 * `pull_requests` when it lists one of this repository at the run's head commit, otherwise (a fork's run lists
 * none) the open pull request whose head is the run's head repository and branch. The pull request is then read
 * to confirm it is open and still at the run's commit. Throws an ExitError with a one-line reason otherwise.
 */
export async function resolvePullRequest(
  payload: unknown,
  repository: string,
  api: PullRequestApi,
  claimed?: ClaimedIdentity,
): Promise<Resolution> {
  const run = isObject(payload) ? payload.workflow_run : undefined;
  const repo = isObject(payload) && isObject(payload.repository) ? payload.repository : undefined;
  if (!isObject(run) || !repo) throw fail("the event is not a workflow_run event (no workflow_run in the payload)");
  if (run.event !== "pull_request") {
    throw fail(`the workflow run was triggered by "${String(run.event)}", not by a pull request`);
  }
  if (str(repo.full_name)?.toLowerCase() !== repository.toLowerCase()) {
    throw fail(`the event is for ${String(repo.full_name)}, not for ${repository}`);
  }
  const headSha = str(run.head_sha);
  if (!headSha || !SHA.test(headSha)) throw fail("the workflow run has no head commit (head_sha)");
  const runUrl = str(run.html_url);

  const listed = (Array.isArray(run.pull_requests) ? run.pull_requests : []).filter(
    (pr): pr is Json =>
      isObject(pr) &&
      isObject(pr.base) &&
      isObject(pr.base.repo) &&
      pr.base.repo.id === repo.id &&
      isObject(pr.head) &&
      pr.head.sha === headSha &&
      Number.isInteger(pr.number),
  );
  let number: number;
  let via: "run" | "head-lookup";
  if (listed.length > 0) {
    number = pick(
      listed.map((pr) => pr.number as number),
      claimed,
      "the run",
    );
    via = "run";
  } else {
    const headRepo = isObject(run.head_repository) ? run.head_repository : undefined;
    const owner = headRepo && isObject(headRepo.owner) ? str(headRepo.owner.login) : undefined;
    const fullName = str(headRepo?.full_name);
    const branch = str(run.head_branch);
    if (!owner || !fullName || !branch) throw fail("the workflow run names no head repository and branch");
    const open = (await api.openByHead(owner, branch)).filter(
      (pr) => pr.headRepo?.toLowerCase() === fullName.toLowerCase(),
    );
    if (open.length === 0) {
      throw fail(`no open pull request from ${owner}:${branch} in ${repository}: it was closed, or never opened`);
    }
    const atRun = open.filter((pr) => pr.headSha === headSha);
    if (atRun.length === 0) {
      const [pr] = open;
      if (open.length === 1 && pr)
        return { status: "stale", number: pr.number, headSha, currentSha: pr.headSha, runUrl };
      throw fail(`several open pull requests from ${owner}:${branch}, none at ${headSha.slice(0, 7)}`);
    }
    number = pick(
      atRun.map((pr) => pr.number),
      claimed,
      `${owner}:${branch}`,
    );
    via = "head-lookup";
  }

  if (claimed && (claimed.number !== number || claimed.headSha !== headSha)) {
    throw fail(
      `the artifact claims #${claimed.number} at ${claimed.headSha.slice(0, 7)}, but the run belongs to ` +
        `#${number} at ${headSha.slice(0, 7)}; refusing to comment`,
    );
  }
  const pr = await api.get(number);
  if (pr.state !== "open") throw fail(`pull request #${number} is ${pr.state}; not commenting`);
  if (pr.headSha !== headSha) return { status: "stale", number, headSha, currentSha: pr.headSha, runUrl };
  return { status: "current", number, headSha, via, runUrl, baseRef: pr.baseRef };
}

/** One number from several candidates; the artifact's claim may choose among them, never add to them. */
function pick(numbers: number[], claimed: ClaimedIdentity | undefined, source: string): number {
  const unique = [...new Set(numbers)].sort((a, b) => a - b);
  if (unique.length === 1 && unique[0] !== undefined) return unique[0];
  if (claimed && unique.includes(claimed.number)) return claimed.number;
  throw fail(`${source} belongs to several pull requests (${unique.map((n) => `#${n}`).join(", ")})`);
}

/** Reads the identity the diff job wrote (`{"number": 12, "head_sha": "…"}`); the file is untrusted. */
export function parseIdentity(text: string, file: string): ClaimedIdentity {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw fail(`${file}: not JSON; expected {"number": 12, "head_sha": "<40 hex digits>"}`);
  }
  const number = isObject(data) ? data.number : undefined;
  const headSha = isObject(data) ? data.head_sha : undefined;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 1) {
    throw fail(`${file}: "number" must be a positive integer`);
  }
  if (typeof headSha !== "string" || !SHA.test(headSha)) {
    throw fail(`${file}: "head_sha" must be 40 lowercase hex digits`);
  }
  return { number, headSha };
}

interface RestPull {
  number: number;
  state: string;
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base?: { ref?: string };
}

const toSummary = (pr: RestPull): PullSummary => ({
  number: pr.number,
  state: pr.state,
  headSha: pr.head.sha,
  headRef: pr.head.ref,
  headRepo: pr.head.repo?.full_name ?? null,
  baseRef: pr.base?.ref,
});

/** `PullRequestApi` over GitHub's REST API for `owner/repo`. */
export function pullRequestApi(github: GitHub, owner: string, repo: string): PullRequestApi {
  return {
    async openByHead(headOwner, branch) {
      try {
        const head = `${headOwner}:${branch}`;
        const pulls = await github.paginate(github.rest.pulls.list, {
          owner,
          repo,
          head,
          state: "open",
          per_page: 100,
        });
        return pulls.map((pr) => toSummary(pr as RestPull));
      } catch (error) {
        throw explain(error, `list the pull requests of ${owner}/${repo}`);
      }
    },
    async get(number) {
      try {
        return toSummary((await github.rest.pulls.get({ owner, repo, pull_number: number })).data as RestPull);
      } catch (error) {
        throw explain(error, `read pull request #${number} of ${owner}/${repo}`);
      }
    },
  };
}
