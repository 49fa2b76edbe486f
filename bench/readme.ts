/**
 * README.md's Performance figures, made from bench/results.json rather than typed by hand:
 * `npm run bench -- --readme` rewrites what stands between the two markers below. Pure but for `writeReadme`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { COMMANDS, type SizeResult, type Target } from "./table.js";

export const BEGIN = "<!-- bench:begin: made by `npm run bench -- --readme` from bench/results.json; do not edit -->";
export const END = "<!-- bench:end -->";

/** What bench.ts writes to bench/results.json, as far as the README uses it. */
export interface Results {
  machine: { node: string; cores: number; cpu: string };
  rssMethod: string;
  options: { runs: number; warmup: number };
  floor: { ms: number };
  sizes: SizeResult[];
  targets: Target[];
}

/** 50040 → "50,040", whatever the locale. */
const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const figure = (m: { ms: number; peakRssMb: number | null }) =>
  `${thousands(m.ms)} (${m.peakRssMb === null ? "?" : thousands(m.peakRssMb)})`;

function label(size: SizeResult): string {
  const cells = `${thousands(size.cells)} cells`;
  if (size.name === "seed") return `seed, ${cells}`;
  const ladders = `${thousands(size.ladders)} ladder${size.ladders === 1 ? "" : "s"}`;
  const copies = size.name.startsWith("seed×")
    ? " (copies of the seed)"
    : size.name.startsWith("org×")
      ? " extending the seed, with an organisation file"
      : "";
  return `${size.name}: ${ladders}${copies}, ${cells}`;
}

/** The generated Markdown: the table of commands by size, costs per ladder and cell, and the targets. */
export function performanceSection(results: Results): string {
  const { machine, options } = results;
  const lines = [
    `Latest figures (Node ${machine.node}, ${machine.cores} cores, ${machine.cpu}; median of ${options.runs} runs ` +
      `after ${options.warmup} warm-up${options.warmup === 1 ? "" : "s"}, peak memory by ${results.rssMethod}), ` +
      `in ms (peak MB); \`node -e 0\` takes ${thousands(results.floor.ms)} ms:`,
    "",
    "| size | validate | build | check | diff (1% of cells) | diff (one ladder changed) | ajv-cli validate |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...results.sizes.map(
      (s) =>
        `| ${label(s)} | ${COMMANDS.map((c) => figure(s.commands[c])).join(" | ")} | ${s.diffOne ? figure(s.diffOne) : "—"} | ${figure(s.ajv)} |`,
    ),
    "",
    "Per ladder and per cell (median wall time over ladders, in ms, and over cells, in µs):",
    "",
    `| size | ${COMMANDS.map((c) => `${c} ms/ladder | µs/cell`).join(" | ")} |`,
    `| --- | ${COMMANDS.map(() => "--- | ---").join(" | ")} |`,
    ...results.sizes.map(
      (s) =>
        `| ${s.name} | ${COMMANDS.map((c) => `${s.costs[c].perLadderMs.toFixed(2)} | ${s.costs[c].perCellUs.toFixed(1)}`).join(" | ")} |`,
    ),
    "",
    "Targets:",
    "",
    ...results.targets.map((t) => {
      const verdict = t.met === null ? "not measured" : t.met ? "met" : "**missed**";
      const value = t.value === null ? "?" : `${t.value}${t.unit}`;
      return `- ${t.description}: ${value} (limit ${t.limit}${t.unit}): ${verdict}`;
    }),
  ];
  return lines.join("\n");
}

/** `readme` with the text between the markers replaced by the section for `results`. */
export function withPerformance(readme: string, results: Results): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${performanceSection(results)}\n${readme.slice(end)}`;
}

export function writeReadme(file: string, results: Results): void {
  writeFileSync(file, withPerformance(readFileSync(file, "utf8"), results));
}
