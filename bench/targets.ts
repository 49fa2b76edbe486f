/** The issues' speed targets, judged on the measured sizes (issue 9's and issue 11's). Pure. */
import { round } from "./measure.js";
import { COMMANDS, type SizeResult, type Target } from "./table.js";

/** The targets as far as the measured sizes allow; a target without its size is `met: null`. */
export function evaluate(sizes: readonly SizeResult[], stressChars: number | undefined): Target[] {
  const target = (id: string, description: string, value: number | null, limit: number, unit: string): Target => ({
    id,
    description,
    value: value === null ? null : round(value, 2),
    limit,
    unit,
    met: value === null ? null : value <= limit,
  });
  const seed = sizes.find((s) => s.name === "seed");
  const targets = [
    target(
      "seed-check-vs-ajv",
      "check on the seed, as a multiple of ajv-cli validate",
      seed ? seed.commands.check.ms / seed.ajv.ms : null,
      0.75,
      "×",
    ),
  ];
  for (const big of sizes.filter((s) => s.cells >= 50_000)) {
    targets.push(
      target(`check-ms-${big.name}`, `check at ${big.name} (${big.cells} cells)`, big.commands.check.ms, 1000, " ms"),
      target(`check-rss-${big.name}`, `check peak memory at ${big.name}`, big.commands.check.peakRssMb, 200, " MB"),
      target(`diff-ms-${big.name}`, `diff at ${big.name} (1% of cells changed)`, big.commands.diff.ms, 500, " ms"),
    );
    // Issue 11: many small ladders validate (with lint) as fast as a few large ones.
    if (big.ladders >= 500) {
      targets.push(
        target(`validate-ms-${big.name}`, `validate (with lint) at ${big.name}`, big.commands.validate.ms, 1500, " ms"),
      );
    }
  }
  const twenty = sizes.find((s) => s.name === "seed×20");
  targets.push(
    target(
      "seedx20-check-vs-seed",
      "check on 20 copies of the seed, as a multiple of check on the seed",
      seed && twenty ? twenty.commands.check.ms / seed.commands.check.ms : null,
      1.25,
      "×",
    ),
  );
  const one = sizes.find((s) => s.name === "1×");
  const eight = sizes.find((s) => s.name === "8×");
  for (const command of COMMANDS) {
    const ratio = one && eight ? eight.commands[command].ms / one.commands[command].ms : null;
    targets.push(target(`scaling-${command}`, `${command}: time at 8× cells over time at 1×`, ratio, 8.5, "×"));
  }
  const longest = Math.max(...sizes.map((s) => s.commands.diff.stdoutChars), stressChars ?? 0);
  targets.push(
    target(
      "comment-chars",
      "longest pull-request comment (1% and 100% of cells changed)",
      sizes.length ? longest : null,
      65_536,
      " chars",
    ),
  );
  return targets;
}
