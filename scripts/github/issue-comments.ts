/**
 * The sticky comment's `CommentApi` over GitHub's REST API, and the one-line explanations of its failures.
 * Pull-request conversation comments are issue comments: `/repos/{owner}/{repo}/issues/{number}/comments`.
 */
import { ExitError } from "../model/io.js";
import type { GitHub } from "./client.js";
import { BodyTooLongError, type CommentApi, type IssueComment, TransientError } from "./comment.js";

export interface Target {
  owner: string;
  repo: string;
  /** The pull request's number (its issue number). */
  number: number;
}

interface RestComment {
  id: number;
  body?: string | null;
  user: { login: string } | null;
  created_at: string;
  html_url: string;
}

const toComment = (c: RestComment): IssueComment => ({
  id: c.id,
  body: c.body ?? "",
  author: c.user?.login ?? "",
  createdAt: c.created_at,
  url: c.html_url,
});

/** Issue comments of one pull request. Errors come out as `BodyTooLongError`, `TransientError` or `ExitError`. */
export function issueComments(github: GitHub, target: Target): CommentApi {
  const { owner, repo, number } = target;
  const where = `${owner}/${repo}#${number}`;
  return {
    async list() {
      try {
        const all = await github.paginate(github.rest.issues.listComments, {
          owner,
          repo,
          issue_number: number,
          per_page: 100,
        });
        return all.map(toComment);
      } catch (error) {
        throw explain(error, `list the comments of ${where}`);
      }
    },
    async create(body) {
      try {
        // No automatic retry: a 502 may come after the comment was made. syncComment lists again instead.
        const { data } = await github.rest.issues.createComment({
          owner,
          repo,
          issue_number: number,
          body,
          request: { retries: 0 },
        });
        return toComment(data);
      } catch (error) {
        throw explain(error, `comment on ${where}`);
      }
    },
    async update(id, body) {
      try {
        // An update is idempotent, so the retry plugin may repeat it freely.
        const { data } = await github.rest.issues.updateComment({ owner, repo, comment_id: id, body });
        return toComment(data);
      } catch (error) {
        throw explain(error, `update comment ${id} on ${where}`);
      }
    },
  };
}

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/** The messages GitHub puts in a 422's `errors` list, and its top-level message. */
function messagesOf(error: RequestErrorLike): string[] {
  const data = error.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const list = Array.isArray(data?.errors) ? data.errors : [];
  const inner = list.map((e) => (typeof e === "string" ? e : String((e as { message?: unknown })?.message ?? "")));
  return [typeof data?.message === "string" ? data.message : error.message, ...inner].filter(Boolean);
}

/** Turns a failed request into the error the caller acts on, with a one-line explanation for people. */
export function explain(error: unknown, doing: string): Error {
  if (!isRequestError(error)) return error instanceof Error ? error : new Error(String(error));
  const messages = messagesOf(error);
  const said = messages.join("; ");
  const { status } = error;
  if (status === 422) {
    const tooLong = messages.find((m) => /too long/i.test(m));
    if (tooLong) {
      const max = /maximum is ([\d,]+)/i.exec(tooLong)?.[1];
      return new BodyTooLongError(tooLong, max ? Number(max.replaceAll(",", "")) : undefined);
    }
    return new ExitError(1, `GitHub refused to ${doing} (422): ${said}`, { cause: error });
  }
  if (status >= 500 && !error.response) {
    return new TransientError(`could not ${doing}: no answer from the API (${error.message})`, { cause: error });
  }
  if (status >= 500) {
    return new TransientError(`could not ${doing}: GitHub answered ${status} (${said}) after retries`, {
      cause: error,
    });
  }
  if (status === 401) {
    return new ExitError(1, `GitHub rejected the token (401) trying to ${doing}: check GITHUB_TOKEN`, { cause: error });
  }
  if (status === 403 && /locked/i.test(said)) {
    return new ExitError(1, `cannot ${doing}: the conversation is locked (403)`, { cause: error });
  }
  if (status === 403 && /rate limit/i.test(said)) {
    return new ExitError(1, `cannot ${doing}: GitHub's rate limit held through every retry (403)`, { cause: error });
  }
  if (status === 403) {
    return new ExitError(
      1,
      `not allowed to ${doing} (403: ${said}): the token needs "pull-requests: write"; a fork's pull_request ` +
        "run only ever gets a read-only token, so comment from the workflow_run workflow",
      { cause: error },
    );
  }
  if (status === 404 || status === 410) {
    return new ExitError(
      1,
      `cannot ${doing} (${status}): the pull request does not exist, was deleted, or the token cannot see the repository`,
      { cause: error },
    );
  }
  return new ExitError(1, `could not ${doing}: GitHub answered ${status} (${said})`, { cause: error });
}
