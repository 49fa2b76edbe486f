/**
 * The command line's forgiveness: the npm script to name in a hint, "did you mean" for a mistyped command,
 * and options that npm kept for itself. `npm run diff --base HEAD` (without `--`) hands `--base` to npm, which
 * exports it as `npm_config_base=true` and passes the script only `HEAD`; the command would then run without
 * the option, or fail on a stray argument. Pure: the environment comes in as a value.
 */
import { byCodeUnit } from "../model/model.js";

/** The npm script that runs each command, where package.json has one; the rest run as `npm run ladder -- …`. */
const NPM_SCRIPTS: Record<string, string> = {
  validate: "validate",
  lint: "lint:ladder",
  build: "build",
  check: "check",
  diff: "diff",
  fmt: "fmt",
  bump: "bump",
};

/** How a person runs `ladder COMMAND ARGS…` from a clone: the npm script, with `--` before any argument. */
export function npmCommand(command: string, args: readonly string[] = []): string {
  const script = NPM_SCRIPTS[command];
  const words = script ? [`npm run ${script}`] : ["npm run ladder --", command];
  if (script && args.length > 0) words.push("--");
  return [...words, ...args].join(" ");
}

/** Every option of every command, and whether it takes a value. */
const OPTIONS: Record<string, "value" | "flag"> = {
  root: "value",
  ladders: "value",
  debug: "flag",
  out: "value",
  base: "value",
  head: "value",
  format: "value",
  "max-chars": "value",
  "artifacts-url": "value",
  strict: "flag",
  check: "flag",
  warnings: "flag",
  "body-file": "value",
  pr: "value",
  repo: "value",
  event: "value",
  identity: "value",
  "api-url": "value",
  author: "value",
  "report-url": "value",
  "dry-run": "flag",
  id: "value",
  title: "value",
  "fix-encoding": "flag",
  force: "flag",
  remote: "value",
  "ci-workflow": "value",
  summary: "value",
  plan: "flag",
  "notes-dir": "value",
};

/** npm's own options that an abbreviated option of ours expands to (nopt completes `--head` to `--heading`). */
const ABBREVIATED: Record<string, string> = { heading: "head" };

/**
 * When run by npm with options npm kept for itself: the message that says so and the command to run instead.
 * `argv` is what the script received (the command name first).
 */
export function npmKeptOptions(argv: readonly string[], env: Record<string, string | undefined>): string | undefined {
  const event = env.npm_lifecycle_event;
  if (!event) return undefined;
  const kept: Array<{ name: string; value: string }> = [];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith("npm_config_") || value === undefined) continue;
    const npmName = key.slice("npm_config_".length).replace(/_/g, "-");
    const name = ABBREVIATED[npmName] ?? npmName;
    if (OPTIONS[name] === undefined) continue;
    kept.push({ name, value });
  }
  if (kept.length === 0) return undefined;
  kept.sort((a, b) => byCodeUnit(a.name, b.name));
  const [command = "", ...rest] = argv;
  const positionals = [...rest];
  const words: string[] = [];
  for (const { name, value } of kept) {
    if (OPTIONS[name] === "flag") words.push(`--${name}`);
    // npm stored a value-taking option as `true` and passed its value on as an argument of its own.
    else if (value === "true" || value === "") words.push(`--${name}`, positionals.shift() ?? "VALUE");
    else words.push(`--${name}`, value);
  }
  const options = kept.map((k) => `--${k.name}`).join(", ");
  const fixed = event === "ladder" ? `npm run ladder -- ${command}` : `npm run ${event} --`;
  return (
    `npm kept ${options} for itself: npm passes a script only what follows \`--\`.\n` +
    `Run instead:  ${[fixed, ...words, ...positionals].join(" ")}`
  );
}

/** The command a mistyped name most likely meant (one or two letters off, or swapped), if any. */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best === undefined) return undefined;
  return bestDistance <= (best.length <= 4 ? 1 : 2) || (name.length >= 3 && best.startsWith(name.toLowerCase()))
    ? best
    : undefined;
}

/** Edit distance with adjacent swaps (optimal string alignment), so `vaildate` is one step from `validate`. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
