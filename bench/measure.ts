/**
 * Whole-process measurements: wall time (median of several runs after warm-ups) and peak resident memory of
 * one command line. Peak memory comes from GNU time (`/usr/bin/time -f %M`) when present; otherwise a preloaded
 * module reports `process.resourceUsage().maxRSS` of the Node process when it exits.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Measurement {
  /** Median wall time of the measured runs, in milliseconds. */
  ms: number;
  /** Every measured run's wall time, in order. */
  runsMs: number[];
  /** Highest peak resident set size over all runs, in MB (2^20 bytes); null when it cannot be measured. */
  peakRssMb: number | null;
  exitCode: number | null;
  /** Characters the command wrote to standard output on its last run (the diff's comment, for one). */
  stdoutChars: number;
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"]).status === 0;

/** How peak memory is measured on this machine. */
export const rssMethod = hasGnuTime ? "GNU time %M" : "process.resourceUsage().maxRSS";

const scratch = mkdtempSync(path.join(tmpdir(), "ladder-bench-rss-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/** A module that writes the process's peak RSS (KB) to the file named by LADDER_BENCH_RSS when it exits. */
const REPORT_RSS = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; process.on("exit", () => ' +
    "writeFileSync(process.env.LADDER_BENCH_RSS, String(process.resourceUsage().maxRSS)));",
)}`;

/**
 * Runs `node ...nodeArgs` once: wall time and peak RSS. Without GNU time the RSS is reported by the child
 * itself, which only works for Node processes (every command here is one).
 */
export function runOnce(
  nodeArgs: readonly string[],
  cwd: string,
): { ms: number; rssKb: number | null; exitCode: number | null; stdout: string } {
  const rssFile = path.join(scratch, "rss");
  rmSync(rssFile, { force: true });
  const [command, args] = hasGnuTime
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ["--import", REPORT_RSS, ...nodeArgs]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GITHUB_ACTIONS: "", LADDER_BENCH_RSS: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  let rssKb: number | null = null;
  if (existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
    const figure = readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "";
    rssKb = /^\d+$/.test(figure) ? Number(figure) : null;
  }
  return { ms, rssKb, exitCode: result.status, stdout: result.stdout ?? "" };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command `warmup` times unmeasured, then `runs` times; reports the median wall time and peak RSS. */
export function measure(
  nodeArgs: readonly string[],
  options: { cwd: string; runs: number; warmup: number },
): Measurement {
  for (let i = 0; i < options.warmup; i++) runOnce(nodeArgs, options.cwd);
  const runs = Array.from({ length: options.runs }, () => runOnce(nodeArgs, options.cwd));
  const rss = runs.map((r) => r.rssKb).filter((kb): kb is number => kb !== null);
  const last = runs[runs.length - 1];
  return {
    ms: round(median(runs.map((r) => r.ms))),
    runsMs: runs.map((r) => round(r.ms)),
    peakRssMb: rss.length > 0 ? round(Math.max(...rss) / 1024) : null,
    exitCode: last.exitCode,
    stdoutChars: last.stdout.length,
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
