/** `ladder comment` survives GitHub's transient faults and explains its refusals in one line. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CUT_MARKER } from "../scripts/github/comment.js";
import { FakeGitHub, SECONDARY_LIMIT } from "./helpers/fake-github.js";
import { checkRequest } from "./helpers/openapi.js";
import { report, runComment } from "./helpers/run-comment.js";

const COMMENTS = "/repos/octo-org/octo-repo/issues/7/comments";
const BAD_GATEWAY = { status: 502, body: { message: "Server Error" } };
let fake: FakeGitHub;

beforeEach(async () => {
  fake = await new FakeGitHub().start();
});

afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const lines = () => fake.requests.map((r) => `${r.method} ${r.path}`);

describe("transient faults", () => {
  it("retries a listing page that answers 502 and still finds the comment", async () => {
    for (let i = 0; i < 120; i++) fake.seed(7, "octocat", `comment ${i}`);
    const ours = fake.seed(7, "github-actions[bot]", report("old"));
    fake.inject({ method: "GET", path: /\/issues\/7\/comments$/, ...BAD_GATEWAY, times: 2 });
    const r = await runComment(fake, report("new"));
    expect(r.code).toBe(0);
    expect(lines()).toEqual([
      `GET ${COMMENTS}?per_page=100`,
      `GET ${COMMENTS}?per_page=100`,
      `GET ${COMMENTS}?per_page=100`,
      `GET ${COMMENTS}?per_page=100&page=2`,
      `PATCH /repos/octo-org/octo-repo/issues/comments/${ours}`,
    ]);
  });

  it("waits out a secondary rate limit (403, retry-after: 1) and writes once", async () => {
    const ours = fake.seed(7, "github-actions[bot]", report("old"));
    fake.inject({
      method: "PATCH",
      path: /\/issues\/comments\/\d+$/,
      status: 403,
      headers: { "retry-after": "1", "x-ratelimit-remaining": "4000" },
      body: SECONDARY_LIMIT,
    });
    const r = await runComment(fake, report("new"));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^ladder comment: GitHub secondary rate limit on PATCH .*; retrying in 1s\n$/);
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/octo-org/octo-repo/issues/comments/${ours}`,
      `PATCH /repos/octo-org/octo-repo/issues/comments/${ours}`,
    ]);
    expect(fake.commentsOn(7).map((c) => c.body)).toEqual([report("new")]);
  });

  it("gives up on a secondary rate limit that never lifts, in one line", async () => {
    fake.inject({
      method: "POST",
      path: /comments$/,
      status: 403,
      headers: { "retry-after": "1" },
      body: SECONDARY_LIMIT,
      times: 10,
    });
    const r = await runComment(fake, report("new"));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(
      "ladder comment: cannot comment on octo-org/octo-repo#7: GitHub's rate limit held through every retry (403)",
    );
    expect(fake.writes()).toHaveLength(4);
  });

  it("after a 502 on create, lists again and creates only when the first attempt did not land", async () => {
    fake.inject({ method: "POST", path: /comments$/, ...BAD_GATEWAY });
    const r = await runComment(fake, report("new"));
    expect(r.code).toBe(0);
    expect(lines()).toEqual([
      `GET ${COMMENTS}?per_page=100`,
      `POST ${COMMENTS}`,
      `GET ${COMMENTS}?per_page=100`,
      `POST ${COMMENTS}`,
    ]);
    expect(fake.commentsOn(7)).toHaveLength(1);
  });

  it("after a 502 on a create that did land, finds it and never posts twice", async () => {
    fake.inject({ method: "POST", path: /comments$/, ...BAD_GATEWAY, afterApply: true });
    const r = await runComment(fake, report("new"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created comment 1000 on octo-org\/octo-repo#7/);
    expect(lines()).toEqual([`GET ${COMMENTS}?per_page=100`, `POST ${COMMENTS}`, `GET ${COMMENTS}?per_page=100`]);
    expect(fake.commentsOn(7)).toHaveLength(1);
  });

  it("explains a 502 that outlives the retries in one line", async () => {
    fake.inject({ method: "GET", path: /comments$/, ...BAD_GATEWAY, times: 10 });
    const r = await runComment(fake, report("new"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^ladder comment: could not list the comments of octo-org\/octo-repo#7: GitHub answered 502/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(fake.requests).toHaveLength(4);
  });
});

describe("a body too long for GitHub", () => {
  const sections = Array.from({ length: 12 }, (_, i) => `### Section ${i + 1}\n\n${"word ".repeat(100)}\n`);
  const long = report(sections.join(`\n${CUT_MARKER}\n`));

  it("is cut at the last section boundary that fits, says where the rest is, and is not rewritten next time", async () => {
    fake.maxBody = 2500;
    const r = await runComment(fake, long, ["--report-url", "https://github.com/octo-org/octo-repo/actions/runs/1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("cut to fit");
    const [refused, accepted] = fake.writes();
    expect(refused?.body?.body).toBe(long);
    const posted = accepted?.body?.body ?? "";
    expect(posted.length).toBeLessThanOrEqual(2500);
    expect(posted.startsWith("<!-- ladder-diff head=")).toBe(true);
    // The header and four sections (2,227 characters) and the note fit in 2,500; a fifth section would not.
    expect(posted).toContain("### Section 4\n");
    expect(posted).not.toContain("### Section 5\n");
    expect(posted).toMatch(
      /The rest of this report was left out .*\[the workflow run\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/1\)/,
    );

    const mark = fake.requests.length;
    await runComment(fake, long, ["--report-url", "https://github.com/octo-org/octo-repo/actions/runs/1"]);
    expect(fake.requests.slice(mark).map((q) => q.method)).toEqual(["GET"]);
  });

  it("is cut before sending when it exceeds --max-chars", async () => {
    const r = await runComment(fake, long, ["--max-chars", "1500"]);
    expect(r.code).toBe(0);
    const posted = fake.writes().map((w) => w.body?.body ?? "");
    expect(posted).toHaveLength(1);
    expect(posted[0]?.length).toBeLessThanOrEqual(1500);
  });
});

describe("refusals explained in one line, exit 1", () => {
  const cases: Array<[string, () => void, string[], Record<string, string>, RegExp]> = [
    ["a missing pull request (404)", () => {}, ["--pr", "99"], {}, /\(404\): the pull request does not exist/],
    ["a locked conversation (403)", () => fake.locked.add(7), [], {}, /the conversation is locked \(403\)/],
    [
      "a read-only token (403)",
      () => {},
      [],
      { GITHUB_TOKEN: "read-token" },
      /not allowed to comment on .*the token needs "pull-requests: write"/,
    ],
    ["a bad token (401)", () => {}, [], { GITHUB_TOKEN: "nope" }, /GitHub rejected the token \(401\)/],
  ];
  for (const [what, arrange, args, env, message] of cases) {
    it(`explains ${what}`, async () => {
      arrange();
      const r = await runComment(fake, report("x"), args, env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe("the fake's OpenAPI check", () => {
  it("flags what GitHub's description does not allow", () => {
    const base = "http://127.0.0.1/repos/o/r";
    expect(checkRequest("POST", new URL(`${base}/issues/7/comments`), { body: "x" })).toEqual([]);
    expect(checkRequest("POST", new URL(`${base}/issues/7/comments`), { text: "x" })).toEqual([
      "issues/create-comment: body: data must have required property 'body'",
      'issues/create-comment: body has undocumented property "text"',
    ]);
    expect(checkRequest("GET", new URL(`${base}/pulls?state=opened`), undefined)[0]).toMatch(/query state=opened/);
    expect(checkRequest("GET", new URL(`${base}/issues/7/comments?per_page=500`), undefined)).toEqual([
      "issues/list-comments: per_page above 100",
    ]);
    expect(checkRequest("DELETE", new URL(`${base}/nothing`), undefined)).toEqual([
      "DELETE /repos/o/r/nothing is not an operation in GitHub's REST description",
    ]);
  });
});
