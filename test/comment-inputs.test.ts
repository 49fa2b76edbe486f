/**
 * `ladder comment` reads its inputs (body, event, identity) as regular files of bounded size: a FIFO, which would
 * hang a reader forever, a symlink (to a file the job should not publish) and a directory are refused at once.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./helpers/fake-github.js";
import { put, report, runComment, scratch } from "./helpers/run-comment.js";

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await new FakeGitHub().start();
});
afterEach(() => fake.close());

describe("comment inputs", () => {
  it("refuses a FIFO, a symlink and a directory as the body, without hanging or posting", async () => {
    const dir = scratch();
    const fifo = path.join(dir, "fifo.md");
    execFileSync("mkfifo", [fifo]);
    const link = path.join(dir, "link.md");
    symlinkSync(put(dir, "real.md", report("x")), link);
    const folder = path.join(dir, "folder.md");
    mkdirSync(folder);
    const cases: Array<[string, string]> = [
      [fifo, "is a named pipe (FIFO), not a regular file"],
      [link, "is a symbolic link, not a regular file"],
      [folder, "is a directory, not a regular file"],
    ];
    for (const [file, why] of cases) {
      const result = await runComment(fake, report("x"), ["--body-file", file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`ladder comment: --body-file ${file}: ${why}; refusing\n`);
    }
    expect(fake.requests).toEqual([]);
  });

  it("refuses a FIFO as the event too", async () => {
    const dir = scratch();
    const fifo = path.join(dir, "event.json");
    execFileSync("mkfifo", [fifo]);
    const result = await runComment(fake, report("x"), ["--pr", "auto", "--event", fifo]);
    expect(result.stderr).toBe(
      `ladder comment: --event ${fifo}: is a named pipe (FIFO), not a regular file; refusing\n`,
    );
    expect(result.code).toBe(1);
  });
});
