/** Golden cases (`test/fixtures/<case>/ladder/*.yaml` + `expected/`) and in-process runs of the CLI. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateLadders } from "../../scripts/check/pipeline.js";
import { main } from "../../scripts/ladder.js";
import type { Io } from "../../scripts/model/io.js";
import type { Ladder } from "../../scripts/model/model.js";

export const fixtures = path.join(import.meta.dirname, "../fixtures");

/** Every fixture folder that holds a `ladder/` folder, by name. */
export function goldenCases(): string[] {
  return readdirSync(fixtures)
    .filter((name) => existsSync(path.join(fixtures, name, "ladder")))
    .sort();
}

/** The valid ladders of a case, read as `build --root test/fixtures/<case>` reads them. */
export function caseLadders(name: string): Ladder[] {
  const dir = path.join(fixtures, name, "ladder");
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ file: `ladder/${f}`, text: readFileSync(path.join(dir, f)) }));
  const result = validateLadders(sources);
  if (!result.ok) throw new Error(`fixture ${name} is invalid: ${JSON.stringify(result.problems)}`);
  return result.ladders;
}

/** The one ladder of a case. */
export function caseLadder(name: string): Ladder {
  const [ladder, ...rest] = caseLadders(name);
  if (!ladder || rest.length > 0) throw new Error(`fixture ${name} must hold exactly one ladder`);
  return ladder;
}

/** Where a case's golden file lives. */
export const expectedFile = (name: string, file: string) => path.join(fixtures, name, "expected", file);

/** Runs `ladder ARGS` in-process; returns the exit code and everything printed. */
export async function ladder(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    cwd,
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
