/**
 * `npm run bench`: how fast the ladder commands are, how they scale, and against ajv-cli and `node -e 0`.
 * Generates synthetic organisations (bench/generate.ts) in a temporary folder, measures each command as a
 * whole process (bench/measure.ts) and each stage in-process (bench/stages.ts), prints one table and writes
 * the figures to bench/results.json. Timings are never asserted anywhere: this machine is shared and noisy.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { cellsOf, corpusFrom, writeChanged } from "./generate.js";
import { type Measurement, measure, round, rssMethod, runOnce } from "./measure.js";
import { writeReadme } from "./readme.js";
import { parseSizes, writeSize } from "./sizes.js";
import { COMMANDS, type CommandName, formatReport, type SizeResult } from "./table.js";
import { evaluate } from "./targets.js";

export { parseSizes } from "./sizes.js";

const projectRoot = path.join(import.meta.dirname, "..");
const DEFAULT_SIZES = "seed,1,2,4,8,50k,1x50x1000,seedx20,seedx208,seedx834,orgx20,orgx834";
const CHANGED = 0.01;

const help = `Usage: npm run bench -- [--quick] [--sizes LIST] [--runs N] [--warmup N] [--runner npm|tsx]
                       [--no-stages] [--out FILE]

  --sizes LIST   comma-separated: seed (ladder/sre.yaml), a multiple of the base organisation (1, 2, 4, 8:
                 N×6 ladders of 10 levels × 100 competencies, 6,000 cells each), 50k (50 ladders, 50,000
                 cells), LADDERSxLEVELSxCOMPETENCIES (1x50x1000), seedxN (N copies of the seed ladder:
                 seedx834 is 50,040 cells), orgxN (an organisation file and N tracks extending the seed as
                 their base), or org:LxVxC (an organisation file, a base ladder and tracks that extend it).
                 Default: ${DEFAULT_SIZES}
  --quick        sizes seed,1 with 3 runs: a minute instead of several
  --runs N       measured runs per command (default 5), after --warmup N unmeasured ones (default 1)
  --runner R     npm: the command line of package.json's "ladder" script (default); tsx: the TypeScript
                 sources through tsx, to see what compiled JavaScript saves
  --no-stages    skip the in-process stage timings
  --out FILE     where the JSON goes (default bench/results.json)
  --readme       measure nothing: rewrite README.md's Performance figures from the JSON (bench/readme.ts)
`;

/** The command line (after `node`) that runs the ladder CLI: package.json's own, or tsx on the sources. */
function ladderArgs(runner: string): string[] {
  if (runner === "tsx") return ["--import", "tsx", "scripts/ladder.ts"];
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8"));
  const [node, ...args] = String(pkg.scripts.ladder).split(/\s+/);
  if (node !== "node")
    throw new Error(`package.json's "ladder" script does not start with node: ${pkg.scripts.ladder}`);
  return args;
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean" },
      sizes: { type: "string" },
      runs: { type: "string" },
      warmup: { type: "string" },
      runner: { type: "string", default: "npm" },
      "no-stages": { type: "boolean" },
      out: { type: "string" },
      readme: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const count = (value: string | undefined, fallback: number, least: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < least) throw new Error(`expected a whole number ≥ ${least}, got "${value}"`);
    return n;
  };
  if (values.runner !== "npm" && values.runner !== "tsx") throw new Error("--runner must be npm or tsx");
  return {
    help: values.help === true,
    readme: values.readme === true,
    sizes: parseSizes(values.sizes ?? (values.quick ? "seed,1" : DEFAULT_SIZES)),
    runs: count(values.runs, values.quick ? 3 : 5, 1),
    warmup: count(values.warmup, 1, 0),
    runner: values.runner,
    stages: values["no-stages"] !== true,
    out: path.resolve(values.out ?? path.join(projectRoot, "bench/results.json")),
  };
}

function bytesIn(dir: string): number {
  const ladders = path.join(dir, "ladder");
  return readdirSync(ladders)
    .filter((file) => file.endsWith(".yaml"))
    .reduce((sum, file) => sum + statSync(path.join(ladders, file)).size, 0);
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(help);
    return 0;
  }
  if (opts.readme) {
    const readme = path.join(projectRoot, "README.md");
    writeReadme(readme, JSON.parse(readFileSync(opts.out, "utf8")));
    process.stderr.write(
      `rewrote the Performance figures of README.md from ${path.relative(process.cwd(), opts.out)}\n`,
    );
    return 0;
  }
  const ladder = ladderArgs(opts.runner);
  const corpus = corpusFrom(readFileSync(path.join(projectRoot, "ladder/sre.yaml"), "utf8"));
  const ajv = path.join(projectRoot, "node_modules/.bin/ajv");
  const schema = path.join(projectRoot, "schemas/ladder.schema.json");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ladder-bench-"));
  const timing = { cwd: projectRoot, runs: opts.runs, warmup: opts.warmup };
  const log = (text: string) => process.stderr.write(`${text}\n`);
  try {
    log(`ladder runs as: node ${ladder.join(" ")}; peak memory by ${rssMethod}; ${os.availableParallelism()} cores`);
    const floor = measure(["-e", "0"], timing);
    const results: SizeResult[] = [];
    let largest: { dir: string; name: string; cells: number } | undefined;
    for (const size of opts.sizes) {
      const dir = path.join(tmp, size.name.replace(/[^a-z0-9]+/gi, "_"));
      const base = path.join(dir, "base");
      const head = path.join(dir, "head");
      mkdirSync(base, { recursive: true });
      const shape = writeSize(size, base, projectRoot, corpus);
      // ajv checks the ladders against the ladder schema; the organisation file is not one.
      const ladderGlob = shape.organisation ? "ladder/family-*.yaml" : "ladder/*.yaml";
      const changedCells = writeChanged(base, head, CHANGED, corpus);
      log(`${size.name}: ${cellsOf(shape).toLocaleString("en-US")} cells in ${shape.ladders} ladders; measuring…`);
      const built = runOnce([...ladder, "build", "--root", base], projectRoot);
      if (built.exitCode !== 0) throw new Error(`ladder build failed on ${size.name}:\n${built.stdout}`);
      const args: Record<CommandName, string[]> = {
        validate: ["validate", "--root", base],
        build: ["build", "--root", base, "--out", path.join(dir, "out")],
        check: ["check", "--root", base],
        diff: ["diff", "--root", head, "--base", base],
      };
      const commands = {} as Record<CommandName, Measurement>;
      for (const command of COMMANDS) commands[command] = measure([...ladder, ...args[command]], timing);
      // A pull request usually changes one ladder of many: the last one alone, the rest as in the base.
      let diffOne: Measurement | undefined;
      if (shape.ladders > 1) {
        const one = path.join(dir, "head-one");
        writeChanged(base, one, CHANGED, corpus, 7, 1);
        diffOne = measure([...ladder, "diff", "--root", one, "--base", base], timing);
      }
      const ajvRun = measure(
        [ajv, "validate", "--spec=draft2020", "-s", schema, "-d", path.join(base, ladderGlob)],
        timing,
      );
      const ratios = Object.fromEntries(
        COMMANDS.map((c) => [
          c,
          { toAjv: round(commands[c].ms / ajvRun.ms, 2), toFloor: round(commands[c].ms / floor.ms, 2) },
        ]),
      ) as SizeResult["ratios"];
      const costs = Object.fromEntries(
        COMMANDS.map((c) => [
          c,
          {
            perLadderMs: round(commands[c].ms / shape.ladders, 3),
            perCellUs: round((commands[c].ms * 1000) / cellsOf(shape), 2),
          },
        ]),
      ) as SizeResult["costs"];
      const result: SizeResult = {
        name: size.name,
        ...shape,
        cells: cellsOf(shape),
        costs,
        yamlBytes: bytesIn(base),
        commands,
        ajv: ajvRun,
        ratios,
        changedCells,
        ...(diffOne ? { diffOne } : {}),
      };
      // The in-process stages time check's stages file by file; an organisation is resolved as a whole.
      if (opts.stages && size.tracks === undefined && !(size.shape !== "seed" && size.shape.organisation)) {
        const child = spawnSync(
          process.execPath,
          ["--import", "tsx", "bench/stages.ts", JSON.stringify({ root: base, head, runs: opts.runs })],
          { cwd: projectRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        if (child.status !== 0) throw new Error(`bench/stages.ts failed on ${size.name}:\n${child.stderr}`);
        result.stages = JSON.parse(child.stdout);
      }
      results.push(result);
      if (!largest || result.cells >= largest.cells) largest = { dir: base, name: size.name, cells: result.cells };
    }
    const stress = largest ? stressComment(largest, tmp, ladder, corpus) : undefined;
    const targets = evaluate(results, stress?.commentChars);
    process.stdout.write(`${formatReport(results, floor, targets)}\n`);
    const machine = {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "?",
    };
    const json = {
      formatVersion: 1,
      machine,
      rssMethod,
      runner: `node ${ladder.join(" ")}`,
      options: { runs: opts.runs, warmup: opts.warmup, sizes: opts.sizes.map((s) => s.name) },
      floor,
      sizes: results,
      stress,
      targets,
    };
    mkdirSync(path.dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(json, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The pull-request comment when every cell of the largest organisation changed: it must still fit. */
function stressComment(
  largest: { dir: string; name: string },
  tmp: string,
  ladder: string[],
  corpus: ReturnType<typeof corpusFrom>,
) {
  const head = path.join(tmp, "stress-head");
  const changedCells = writeChanged(largest.dir, head, 1, corpus, 11);
  const run = runOnce([...ladder, "diff", "--root", head, "--base", largest.dir], projectRoot);
  if (run.exitCode !== 0) throw new Error(`ladder diff failed on the stress case`);
  return { size: largest.name, changedCells, commentChars: run.stdout.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
