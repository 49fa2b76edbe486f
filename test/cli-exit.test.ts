/**
 * The process edge (scripts/ladder.ts `finish`): a command ends as soon as it is done, with its exit code,
 * and never before all it wrote has reached the reader, however much that is.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./helpers/cli.js";

/** Runs `code` (a module importing scripts/ladder.ts) and reads its output slowly, as a busy reader would. */
function slowly(code: string): Promise<{ status: number | null; stdout: number; stderr: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: projectRoot,
      env: { ...process.env, GITHUB_ACTIONS: "" },
    });
    const got = { stdout: 0, stderr: 0 };
    for (const name of ["stdout", "stderr"] as const) {
      const stream = child[name];
      stream.on("data", (chunk: Buffer) => {
        got[name] += chunk.length;
        // A pause every read: the pipe fills, and the writer must wait for it.
        stream.pause();
        setTimeout(() => stream.resume(), 2);
      });
    }
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, ...got }));
  });
}

describe("the end of a command", () => {
  it("comes with the exit code, after every byte of a long output has been read", async () => {
    const entry = JSON.stringify(path.join(projectRoot, "scripts/ladder.ts"));
    const result = await slowly(
      `import { finish } from ${entry};\n` +
        'process.stdout.write("o".repeat(3 << 20));\n' +
        'process.stderr.write("e".repeat(1 << 20));\n' +
        "finish(3);\n",
    );
    expect(result).toEqual({ status: 3, stdout: 3 << 20, stderr: 1 << 20 });
  });

  it("ends a command without waiting for anything it left behind", async () => {
    // A timer nobody waits for would keep node alive, and then write; the command is done, so nothing comes.
    const entry = JSON.stringify(path.join(projectRoot, "scripts/ladder.ts"));
    const code = `import { finish } from ${entry};\nsetTimeout(() => process.stdout.write("late"), 500);\nfinish(0);\n`;
    expect(await slowly(code)).toEqual({ status: 0, stdout: 0, stderr: 0 });
  });
});
