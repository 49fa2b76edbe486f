/** Runs the ladder CLI as a real process, the way people and CI run it. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const projectRoot = path.join(import.meta.dirname, "../..");
const entry = path.join(projectRoot, "scripts/ladder.ts");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node --import tsx scripts/ladder.ts ARGS` in `cwd` with extra environment variables. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  // The command must not see that the tests themselves run under npm (`npm test` sets npm_* variables).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_")));
  const env: Record<string, string | undefined> = { ...inherited, GITHUB_ACTIONS: "", ...options.env };
  const result = spawnSync(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: options.cwd ?? projectRoot,
    env,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary repository root holding the given ladder files (name → content) under `ladder/`. */
export function tempRoot(ladders: Record<string, string | Uint8Array> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), "ladder-test-"));
  mkdirSync(path.join(root, "ladder"));
  for (const [name, content] of Object.entries(ladders)) writeFileSync(path.join(root, "ladder", name), content);
  return root;
}

/** A temporary root with a copy of the project's ladder folder (and schemas, for the modeline). */
export function copyOfProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), "ladder-copy-"));
  cpSync(path.join(projectRoot, "ladder"), path.join(root, "ladder"), { recursive: true });
  cpSync(path.join(projectRoot, "schemas"), path.join(root, "schemas"), { recursive: true });
  return root;
}
