/**
 * A fake GitHub REST API on 127.0.0.1 for the endpoints `ladder comment` uses: issue comments (list with `Link`
 * pagination, create, update) and pull requests (list by head, get). It records every request, checks each
 * against GitHub's OpenAPI description, answers with GitHub's own example shapes, enforces the comment size
 * limit, and lets a test inject faults (502s, secondary rate limits) before or after a write takes effect.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkRequest, example } from "./openapi.js";

export interface Recorded {
  method: string;
  /** Path and query, as sent: `/repos/o/r/issues/7/comments?per_page=100&page=2`. */
  path: string;
  body?: { body?: string };
  authorization?: string;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Apply the request first, then fail: the client sees an error for a write that happened. */
  afterApply?: boolean;
}

interface StoredComment {
  id: number;
  issue: number;
  body: string;
  login: string;
  type: "Bot" | "User";
  createdAt: string;
}

export interface FakePull {
  number: number;
  state: "open" | "closed";
  headSha: string;
  headRef: string;
  /** `owner/name` of the head repository (a fork's full name for a fork). */
  headRepo: string;
  /** The branch it would merge into (default `main`). */
  baseRef?: string;
  /** The paths it changes, for `GET /pulls/{number}/files`. */
  files?: string[];
}

export const SECONDARY_LIMIT = {
  message:
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.",
  documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

export class FakeGitHub {
  readonly owner = "octo-org";
  readonly repo = "octo-repo";
  readonly requests: Recorded[] = [];
  /** Requests that do not conform to GitHub's OpenAPI description. */
  readonly violations: string[] = [];
  /** Issue numbers that exist (pull requests are issues). */
  readonly issues = new Set<number>([7]);
  readonly locked = new Set<number>();
  readonly pulls: FakePull[] = [];
  /** Workflow runs started with `POST /actions/workflows/{id}/dispatches`. */
  readonly dispatches: Array<{ workflow: string; ref: string }> = [];
  /** Token to the identity it acts as; unknown tokens get a 401, `read-only` tokens a 403 on writes. */
  readonly tokens = new Map<string, { login: string; type: "Bot" | "User"; readOnly?: boolean }>([
    ["bot-token", { login: "github-actions[bot]", type: "Bot" }],
    ["user-token", { login: "octocat", type: "User" }],
    ["read-token", { login: "github-actions[bot]", type: "Bot", readOnly: true }],
  ]);
  maxBody = 65_536;
  private comments: StoredComment[] = [];
  private faults: Array<Fault & { left: number }> = [];
  private nextId = 1000;
  private clock = Date.UTC(2026, 0, 1);
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => this.send(res, 500, { message: String(error) }));
    });
    await new Promise<void>((ok) => this.server?.listen(0, "127.0.0.1", ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise((ok) => this.server?.close(ok));
  }

  /** Adds a comment as if posted earlier; later calls are newer. Returns its id. */
  seed(issue: number, login: string, body: string, type: "Bot" | "User" = login.endsWith("[bot]") ? "Bot" : "User") {
    const comment = { id: this.nextId++, issue, body, login, type, createdAt: this.tick() };
    this.comments.push(comment);
    return comment.id;
  }

  commentsOn(issue: number): StoredComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The requests other than reads. */
  writes(): Recorded[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(".000Z", "Z");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? JSON.parse(text) : undefined;
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      body,
      authorization: req.headers.authorization,
    });
    this.violations.push(...checkRequest(method, url, body));

    const fault = this.faults.find((f) => f.left > 0 && f.method === method && f.path.test(url.pathname));
    if (fault) fault.left -= 1;
    if (fault && !fault.afterApply) return this.send(res, fault.status, fault.body ?? {}, fault.headers);
    const [status, data, headers] = this.route(method, url, body, req.headers.authorization);
    if (fault) return this.send(res, fault.status, fault.body ?? {}, fault.headers);
    this.send(res, status, data, headers);
  }

  private route(method: string, url: URL, body: { body?: string } | undefined, auth?: string): Answer {
    // The repository is public: reads need no token; writes need a known one.
    const identity = this.tokens.get((auth ?? "").replace(/^(token|bearer) /i, ""));
    if (!identity && (auth !== undefined || method !== "GET")) return [401, { message: "Bad credentials" }];
    const base = `/repos/${this.owner}/${this.repo}`;
    const issue = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(url.pathname);
    const number = Number(issue?.[1]);
    if (issue && !this.issues.has(number)) return [404, { message: "Not Found" }];
    if (method === "GET") return this.read(url, base);
    if (!identity) return [401, { message: "Bad credentials" }];
    if (identity.readOnly) return [403, { message: "Resource not accessible by integration" }];
    if (typeof body?.body === "string" && body.body.length > this.maxBody) return [422, tooLong(this.maxBody)];
    if (issue && method === "POST") {
      if (this.locked.has(number)) return [403, { message: "Unable to create comment because issue is locked." }];
      const id = this.seed(number, identity.login, body?.body ?? "", identity.type);
      return [201, this.render(this.comments.find((c) => c.id === id) as StoredComment)];
    }
    const dispatch = new RegExp(`^${base}/actions/workflows/([^/]+)/dispatches$`).exec(url.pathname);
    if (dispatch && method === "POST") {
      this.dispatches.push({ workflow: decodeURIComponent(dispatch[1]), ref: (body as { ref?: string })?.ref ?? "" });
      return [204, undefined];
    }
    const one = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (one && method === "PATCH") {
      const comment = this.comments.find((c) => c.id === Number(one[1]));
      if (!comment) return [404, { message: "Not Found" }];
      if (comment.login !== identity.login) return [403, { message: "Must have admin rights to Repository." }];
      comment.body = body?.body ?? "";
      return [200, this.render(comment)];
    }
    return [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
  }

  private read(url: URL, base: string): Answer {
    const issue = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(url.pathname);
    if (issue) return this.page(url, this.commentsOn(Number(issue[1])));
    if (url.pathname === `${base}/pulls`) {
      const [headOwner, headRef] = (url.searchParams.get("head") ?? "").split(":");
      const state = url.searchParams.get("state") ?? "open";
      const found = this.pulls.filter(
        (p) =>
          (state === "all" || p.state === state) && p.headRepo.split("/")[0] === headOwner && p.headRef === headRef,
      );
      return this.page(url, found, (p) => this.renderPull(p, "pull-request-simple"));
    }
    const files = new RegExp(`^${base}/pulls/(\\d+)/files$`).exec(url.pathname);
    const changed = files && this.pulls.find((p) => p.number === Number(files[1]));
    if (changed) {
      const [shape] = example<Array<Record<string, unknown>>>("diff-entry-items");
      const entry = (filename: string) => ({ ...shape, filename, previous_filename: undefined });
      return this.page(url, changed.files ?? [], entry);
    }
    const pull = new RegExp(`^${base}/pulls/(\\d+)$`).exec(url.pathname);
    const found = pull && this.pulls.find((p) => p.number === Number(pull[1]));
    return found ? [200, this.renderPull(found, "pull-request")] : [404, { message: "Not Found" }];
  }

  /** One page of `items`, with GitHub's `Link` header (`next`, `last`, `first`, `prev`). */
  private page<T>(url: URL, items: T[], render: (item: T) => unknown = (c) => this.render(c as StoredComment)): Answer {
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), 100);
    const pageNo = Number(url.searchParams.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const next = new URL(url);
      next.searchParams.set("page", String(p));
      return `<${next.href}>; rel="${rel}"`;
    };
    const links = [];
    if (pageNo < last) links.push(link(pageNo + 1, "next"), link(last, "last"));
    if (pageNo > 1) links.push(link(1, "first"), link(pageNo - 1, "prev"));
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage).map(render);
    return [200, slice, links.length ? { link: links.join(", ") } : {}];
  }

  private render(c: StoredComment): unknown {
    const data = example<Record<string, unknown>>("issue-comment");
    const api = `https://api.github.com/repos/${this.owner}/${this.repo}`;
    return Object.assign(data, {
      id: c.id,
      url: `${api}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${api}/issues/${c.issue}`,
      body: c.body,
      user: { ...(data.user as object), login: c.login, type: c.type },
      created_at: c.createdAt,
      updated_at: c.createdAt,
    });
  }

  private renderPull(p: FakePull, name: string): unknown {
    const data = example<Record<string, unknown> & { head: Record<string, unknown>; base: Record<string, unknown> }>(
      name,
    );
    const [owner] = p.headRepo.split("/");
    const repo = { ...(data.head.repo as object), full_name: p.headRepo, owner: { login: owner } };
    return Object.assign(data, {
      number: p.number,
      state: p.state,
      head: { ...data.head, sha: p.headSha, ref: p.headRef, label: `${owner}:${p.headRef}`, repo },
      base: { ...data.base, ref: p.baseRef ?? "main" },
    });
  }

  private send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(data));
  }
}

type Answer = [number, unknown, Record<string, string>?];

function tooLong(max: number) {
  return {
    message: "Validation Failed",
    errors: [
      {
        resource: "IssueComment",
        code: "custom",
        field: "body",
        message: `body is too long (maximum is ${max} characters)`,
      },
    ],
    documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
    status: "422",
  };
}
