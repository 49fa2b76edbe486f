/** `ladder comment` as people and workflows call it: usage, bad input, and one run of the real process. */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./helpers/fake-github.js";
import { put, report, runComment, scratch } from "./helpers/run-comment.js";

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await new FakeGitHub().start();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

describe("usage", () => {
  it("prints its help", async () => {
    const r = await runComment(fake, report("x"), ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ladder comment --from-git REMOTE --pr N\|auto/);
    expect(r.stdout).toContain("--dry-run");
    expect(fake.requests).toEqual([]);
  });

  const usage: Array<[string, string[], string]> = [
    ["a --pr that is not a number", ["--pr", "seven"], '--pr must be a pull request number or "auto", not "seven"'],
    ["a --repo without a slash", ["--repo", "octo-repo"], '--repo must be OWNER/NAME, not "octo-repo"'],
    ["a tiny --max-chars", ["--max-chars", "10"], "--max-chars must be 200 or more"],
    ["an unknown option", ["--force"], "Unknown option '--force'"],
  ];
  for (const [what, args, message] of usage) {
    it(`refuses ${what} with exit 2`, async () => {
      const r = await runComment(fake, report("x"), args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(fake.requests).toEqual([]);
    });
  }

  it("needs --event or GITHUB_EVENT_PATH for --pr auto", async () => {
    const r = await runComment(fake, report("x"), ["--pr", "auto"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--pr auto needs --event FILE (or GITHUB_EVENT_PATH)");
  });
});

describe("bad input, exit 1 in one line", () => {
  it("refuses a body that is not a ladder diff report", async () => {
    const r = await runComment(fake, "## Hello\n<!-- ladder-diff -->\n");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/diff\.md: does not start with "<!-- ladder-diff"; not a ladder diff report\n$/);
    expect(fake.requests).toEqual([]);
  });

  it("needs a token to write", async () => {
    const r = await runComment(fake, report("x"), [], { GITHUB_TOKEN: undefined, GH_TOKEN: undefined });
    expect(r).toMatchObject({ code: 1, stderr: "ladder comment: no token: set GITHUB_TOKEN (or GH_TOKEN)\n" });
  });

  it("names a body file it cannot read, and an event file that is not JSON", async () => {
    const missing = await runComment(fake, report("x"), ["--body-file", "nowhere.md"]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: "ladder comment: --body-file nowhere.md: cannot read (ENOENT)\n",
    });
    const event = put(scratch(), "event.json", "{ not json");
    const bad = await runComment(fake, report("x"), ["--pr", "auto", "--event", event]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/event\.json: not valid JSON/);
  });

  it("explains an API it cannot reach", async () => {
    const r = await runComment(fake, report("x"), ["--api-url", "http://127.0.0.1:9"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^ladder comment: could not list the comments of octo-org\/octo-repo#7: no answer from the API/,
    );
  });
});

describe("the real process", () => {
  it("creates the comment, reading the repository and token from the environment as in Actions", async () => {
    const dir = scratch();
    const body = put(dir, "diff.md", report("from a child process"));
    const root = path.join(import.meta.dirname, "..");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "scripts/ladder.ts"), "comment", "--pr", "7", "--body-file", body],
      {
        cwd: root,
        env: {
          ...process.env,
          GITHUB_REPOSITORY: "octo-org/octo-repo",
          GITHUB_API_URL: fake.url,
          GITHUB_TOKEN: "bot-token",
          LADDER_GITHUB_WAIT_UNIT_MS: "1",
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^created comment 1000 on octo-org\/octo-repo#7 /);
    expect(fake.commentsOn(7).map((c) => c.body)).toEqual([report("from a child process")]);
  });
});
