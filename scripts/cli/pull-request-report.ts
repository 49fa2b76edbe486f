/**
 * The pull-request report as the privileged comment job computes it: with this code (the default branch's), from
 * the pull request's git objects, fetched and read, never checked out or run. The pull request's own run and
 * artifact only say that there is something to report; nothing they hold becomes text of the comment.
 */
import { renderReport } from "../../generators/report/render.js";
import type { Locations } from "../check/sources.js";
import { fetchPullRequest, readSide } from "../diff/git.js";
import { compare, reportContext } from "../diff/report.js";
import { defuse } from "../github/comment.js";
import { ExitError } from "../model/io.js";
import { formatProblem } from "../model/problems.js";

export interface ReportRequest {
  where: Locations;
  /** Where the pull request's refs are fetched from (`origin`, a URL, or a path). */
  remote: string;
  number: number;
  /** The commit GitHub says the pull request is at; the fetched head must be it. */
  headSha: string;
  baseRef: string;
  token?: string;
  maxChars: number;
}

export type ComputedReport =
  | { status: "computed"; body: string; base: string; head: string }
  /** The pull request moved on between the API's answer and the fetch; that commit's run will comment. */
  | { status: "moved"; head: string };

export async function pullRequestReport(
  request: ReportRequest,
  stderr: (text: string) => void,
): Promise<ComputedReport> {
  const { where, number } = request;
  const fetched = await fetchPullRequest(where.root, request.remote, number, request.baseRef, request.token);
  if (fetched.head !== request.headSha) return { status: "moved", head: fetched.head };
  const base = await readSide(fetched.base, where, where.root, "--base-ref", "ref");
  const head = await readSide(fetched.head, where, where.root, "--head-ref", "ref");
  const result = compare(base, head);
  if (!result.ok) {
    for (const problem of result.problems) stderr(`${formatProblem(problem)}\n`);
    throw new ExitError(1, `the ladders of ${request.baseRef} at ${fetched.base.slice(0, 7)} do not load`);
  }
  // No link to the pull request's artifacts as "the full report": they are what its code wrote. The report names
  // the command that reproduces it instead, and the comment's cut note points at this run's job summary.
  const command = `npm run diff -- --base-ref ${fetched.base} --head-ref ${fetched.head}`;
  const text = renderReport(reportContext(result.compared, { command }), request.maxChars);
  return { status: "computed", body: defuse(text), base: fetched.base, head: fetched.head };
}
