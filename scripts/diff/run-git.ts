/** The edge that runs git for the diff stage (git.ts, tags.ts): no shell, `LC_ALL=C`, stdout as bytes. */
import { spawn } from "node:child_process";

/** Runs git and resolves with its stdout; rejects with its first line of stderr. */
export function git(
  args: readonly string[],
  cwd: string,
  input?: string,
  extraEnv: Record<string, string> = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? "ignore" : "pipe";
    const env = { ...process.env, ...extraEnv, LC_ALL: "C" };
    const child = spawn("git", args, { cwd, stdio: [stdin, "pipe", "pipe"], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(Buffer.concat(err).toString("utf8").split("\n")[0] || `git exited with ${code}`));
    });
    // A git that exits early closes its input; the exit code then tells what went wrong.
    child.stdin?.on("error", () => {});
    child.stdin?.end(input);
  });
}
