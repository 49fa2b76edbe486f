/**
 * Runs `ladder comment` in-process against a FakeGitHub. The fake serves from the test's own event loop, so the
 * command must not block it; `test/comment-cli.test.ts` also runs the real CLI as a child process, once.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../scripts/ladder.js";
import type { FakeGitHub } from "./fake-github.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A report body as `ladder diff` writes it: the marker line first. */
export function report(text: string, head = "0123456789abcdef0123456789abcdef01234567"): string {
  return `<!-- ladder-diff head=${head} -->\n## Ladder diff\n\n${text}\n`;
}

/** A folder for the files a run reads (body, event, identity). */
export function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), "ladder-comment-"));
}

/** Writes `text` to `name` in `dir` and returns its path. */
export function put(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/**
 * `ladder comment --repo octo-org/octo-repo --pr 7 --body-file BODY --api-url FAKE ARGS…` with the bot's
 * token and waits scaled to milliseconds. `args` may override `--pr`; `env` adds or replaces variables.
 */
export async function runComment(
  fake: FakeGitHub,
  body: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  const dir = scratch();
  const bodyFile = put(dir, "diff.md", body);
  const pr = args.includes("--pr") ? [] : ["--pr", "7"];
  const argv = ["comment", "--repo", `${fake.owner}/${fake.repo}`, ...pr, "--body-file", bodyFile];
  argv.push("--api-url", fake.url, ...args);
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: dir,
    env: { GITHUB_TOKEN: "bot-token", LADDER_GITHUB_WAIT_UNIT_MS: "1", ...env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}
