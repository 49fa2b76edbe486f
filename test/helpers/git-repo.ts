/** A throwaway git repository for the diff scenarios: fixed identity and dates, so commit ids are the same on every run. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fixtures } from "./golden.js";

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "Ladder Test",
  GIT_AUTHOR_EMAIL: "ladder@example.test",
  GIT_AUTHOR_DATE: "2026-11-28T12:00:00Z",
  GIT_COMMITTER_NAME: "Ladder Test",
  GIT_COMMITTER_EMAIL: "ladder@example.test",
  GIT_COMMITTER_DATE: "2026-11-28T12:00:00Z",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** The seed ladders of the scenarios (`test/fixtures/diff/seed/ladder/`), file name to text. */
export function seedFiles(): Record<string, string> {
  const dir = path.join(fixtures, "diff", "seed", "ladder");
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [`ladder/${name}`, readFileSync(path.join(dir, name), "utf8")]),
  );
}

export class Repo {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "ladder-diff-"));

  constructor() {
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.name", "Ladder Test");
    this.git("config", "user.email", "ladder@example.test");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, env, encoding: "utf8" }).trim();
  }

  /**
   * Makes the working tree hold exactly `files` under ladder/ (plus anything else given), commits, returns the
   * id. With `parent`, the commit is made on top of that ref, so its id does not depend on earlier commits.
   */
  commit(message: string, files: Record<string, string>, parent?: string): string {
    if (parent) this.git("checkout", "-q", "-f", "--detach", parent);
    rmSync(path.join(this.dir, "ladder"), { recursive: true, force: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
      writeFileSync(path.join(this.dir, name), text);
    }
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  /** Writes files into the working tree without committing. */
  write(files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
      writeFileSync(path.join(this.dir, name), text);
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `text` with `from` replaced by `to`; fails loudly when `from` is not there, so an edit never silently does nothing. */
export function edit(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit found nothing to replace: ${String(from)}`);
  return next;
}
