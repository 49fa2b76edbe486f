/** `ladder comment` keeps exactly one comment up to date, against a fake GitHub checked by GitHub's OpenAPI. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./helpers/fake-github.js";
import { report, runComment } from "./helpers/run-comment.js";

const COMMENTS = "/repos/octo-org/octo-repo/issues/7/comments";
let fake: FakeGitHub;

beforeEach(async () => {
  fake = await new FakeGitHub().start();
});

afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** The requests since `from`, as `METHOD path` lines, for exact comparison. */
const lines = (from = 0) => fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe("the sticky comment's life", () => {
  it("creates on the first run, updates the same comment on the second, and writes nothing on the third", async () => {
    const first = report("3 expectations changed in 2 competencies for L2 and L3.");
    const r1 = await runComment(fake, first);
    expect(r1).toMatchObject({ code: 0, stderr: "" });
    expect(r1.stdout).toMatch(/^created comment 1000 on octo-org\/octo-repo#7 \(\d+ characters\): https:\/\/github/);
    expect(lines()).toEqual([`GET ${COMMENTS}?per_page=100`, `POST ${COMMENTS}`]);
    expect(fake.requests[1]?.body).toEqual({ body: first });
    expect(fake.requests[1]?.authorization).toBe("token bot-token");

    const second = report("4 expectations changed in 2 competencies for L2 and L3.");
    const mark = fake.requests.length;
    const r2 = await runComment(fake, second);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toMatch(/^updated comment 1000 on octo-org\/octo-repo#7/);
    expect(lines(mark)).toEqual([
      `GET ${COMMENTS}?per_page=100`,
      "PATCH /repos/octo-org/octo-repo/issues/comments/1000",
    ]);
    expect(fake.requests.at(-1)?.body).toEqual({ body: second });

    const again = fake.requests.length;
    const r3 = await runComment(fake, second);
    expect(r3.stdout).toMatch(/^comment 1000 on octo-org\/octo-repo#7 is up to date; nothing written/);
    expect(lines(again)).toEqual([`GET ${COMMENTS}?per_page=100`]);
    expect(fake.commentsOn(7).map((c) => [c.id, c.login, c.body])).toEqual([[1000, "github-actions[bot]", second]]);
  });

  it("leaves a human's comment holding the marker alone and makes its own", async () => {
    const quoted = report("I pasted the bot's report here");
    const human = fake.seed(7, "octocat", quoted);
    const r = await runComment(fake, report("the real report"));
    expect(r.code).toBe(0);
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`POST ${COMMENTS}`]);
    expect(fake.commentsOn(7).find((c) => c.id === human)?.body).toBe(quoted);
  });

  it("leaves the bot's comments without the marker alone", async () => {
    fake.seed(7, "github-actions[bot]", "Thanks for the contribution! <!-- ladder-diff -->");
    await runComment(fake, report("a report"));
    expect(fake.writes().map((w) => w.method)).toEqual(["POST"]);
    expect(fake.commentsOn(7)).toHaveLength(2);
  });

  it("finds its marker on page 3 of 250 comments and updates it", async () => {
    let ours = 0;
    for (let i = 1; i <= 250; i++) {
      if (i === 230) ours = fake.seed(7, "github-actions[bot]", report("old report"));
      else fake.seed(7, i % 2 ? "octocat" : "dependabot[bot]", i % 10 ? `comment ${i}` : report(`quoted ${i}`));
    }
    const r = await runComment(fake, report("new report"));
    expect(r.code).toBe(0);
    expect(lines()).toEqual([
      `GET ${COMMENTS}?per_page=100`,
      `GET ${COMMENTS}?per_page=100&page=2`,
      `GET ${COMMENTS}?per_page=100&page=3`,
      `PATCH /repos/octo-org/octo-repo/issues/comments/${ours}`,
    ]);
    expect(
      fake
        .commentsOn(7)
        .filter((c) => c.body === report("new report"))
        .map((c) => c.id),
    ).toEqual([ours]);
  });

  it("keeps the oldest of several bot reports and leaves the others as they are", async () => {
    const oldest = fake.seed(7, "github-actions[bot]", report("first"));
    const newer = fake.seed(7, "github-actions[bot]", report("second"));
    const r = await runComment(fake, report("third"));
    expect(r.stdout).toContain(`updated comment ${oldest} `);
    expect(r.stdout).toContain("1 older duplicate(s) by the same author left as they are");
    expect(fake.writes().map((w) => w.path)).toEqual([`/repos/octo-org/octo-repo/issues/comments/${oldest}`]);
    expect(fake.commentsOn(7).find((c) => c.id === newer)?.body).toBe(report("second"));
  });

  it("with --author, counts that login's comments (a personal token) and not the bot's", async () => {
    const bots = fake.seed(7, "github-actions[bot]", report("the bot's"));
    const mine = fake.seed(7, "octocat", report("mine"));
    const r = await runComment(fake, report("updated"), ["--author", "OctoCat"], { GITHUB_TOKEN: "user-token" });
    expect(r.code).toBe(0);
    expect(fake.writes().map((w) => w.path)).toEqual([`/repos/octo-org/octo-repo/issues/comments/${mine}`]);
    expect(fake.commentsOn(7).find((c) => c.id === bots)?.body).toBe(report("the bot's"));
  });

  it("takes GH_TOKEN when GITHUB_TOKEN is not set", async () => {
    const r = await runComment(fake, report("x"), [], { GITHUB_TOKEN: undefined, GH_TOKEN: "user-token" });
    expect(r.code).toBe(0);
    expect(fake.requests.every((q) => q.authorization === "token user-token")).toBe(true);
  });

  it("--dry-run says what it would do and writes nothing", async () => {
    const r1 = await runComment(fake, report("x"), ["--dry-run"]);
    expect(r1.stdout).toMatch(/^would create a comment on octo-org\/octo-repo#7 \(\d+ characters\)\n$/);
    const id = fake.seed(7, "github-actions[bot]", report("x"));
    const r2 = await runComment(fake, report("y"), ["--dry-run"]);
    expect(r2.stdout).toMatch(new RegExp(`^would update comment ${id} on octo-org/octo-repo#7`));
    const r3 = await runComment(fake, report("x"), ["--dry-run"], { GITHUB_TOKEN: undefined });
    expect(r3.stdout).toMatch(new RegExp(`^comment ${id} on octo-org/octo-repo#7 is up to date; nothing to do`));
    expect(fake.writes()).toEqual([]);
  });

  it("defuses mentions and issue references in the body before posting", async () => {
    await runComment(fake, report("Ask @octocat about #12 and @org/team."));
    const posted = fake.writes()[0]?.body?.body ?? "";
    expect(posted).toContain("Ask @\u200Boctocat about #\u200B12 and @\u200Borg/team.");
    expect(posted.startsWith("<!-- ladder-diff head=")).toBe(true);
    // The same report, already defused by `ladder diff`, is the same comment: nothing is written again.
    await runComment(fake, report("Ask @\u200Boctocat about #\u200B12 and @\u200Borg/team."));
    expect(fake.writes()).toHaveLength(1);
  });
});
