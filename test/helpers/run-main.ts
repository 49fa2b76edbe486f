/** Runs one `ladder` command in-process, capturing its output; the fast way to drive many small cases. */
import { main } from "../../scripts/ladder.js";

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<MainResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}
