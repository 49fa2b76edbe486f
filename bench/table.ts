/** The benchmark's printed report: one table of commands by size, the stages, and the targets. Pure. */
import type { Measurement } from "./measure.js";

export const COMMANDS = ["validate", "build", "check", "diff"] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface SizeResult {
  name: string;
  ladders: number;
  levels: number;
  competencies: number;
  cells: number;
  /** Total bytes of the ladder files. */
  yamlBytes: number;
  commands: Record<CommandName, Measurement>;
  /** Each command's median wall time per ladder (ms) and per cell (µs). */
  costs: Record<CommandName, { perLadderMs: number; perCellUs: number }>;
  ajv: Measurement;
  /** Each command's median wall time over ajv-cli's and over `node -e 0`'s. */
  ratios: Record<CommandName, { toAjv: number; toFloor: number }>;
  /** Cells changed in the head side of the diff. */
  changedCells: number;
  /** With more than one ladder: `diff` when only one of them changed (its share of the cells, at least one). */
  diffOne?: Measurement;
  stages?: { cold: Record<string, number>; warm: Record<string, number> };
}

export interface Target {
  id: string;
  description: string;
  value: number | null;
  limit: number;
  unit: string;
  met: boolean | null;
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

function grid(header: string[], rows: string[][], rightFrom = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], i >= rightFrom))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const ms = (n: number) => `${Math.round(n)}`;
const mb = (n: number | null) => (n === null ? "?" : `${Math.round(n)}`);
const x = (n: number) => `${n.toFixed(2)}×`;

/** The whole printed report. */
export function formatReport(sizes: readonly SizeResult[], floor: Measurement, targets: readonly Target[]): string {
  const rows: string[][] = [];
  for (const size of sizes) {
    const label = `${size.name} (${size.cells.toLocaleString("en-US")} cells)`;
    for (const command of COMMANDS) {
      const m = size.commands[command];
      const r = size.ratios[command];
      const status = m.exitCode === 0 ? "" : ` exit ${m.exitCode}`;
      rows.push([label, `ladder ${command}${status}`, ms(m.ms), mb(m.peakRssMb), x(r.toAjv), x(r.toFloor)]);
    }
    const one = size.diffOne;
    if (one)
      rows.push([label, "ladder diff, one ladder changed", ms(one.ms), mb(one.peakRssMb), "", x(one.ms / floor.ms)]);
    rows.push([label, "ajv-cli validate", ms(size.ajv.ms), mb(size.ajv.peakRssMb), x(1), x(size.ajv.ms / floor.ms)]);
  }
  rows.push(["—", "node -e 0", ms(floor.ms), mb(floor.peakRssMb), "", x(1)]);
  const main = grid(["size", "command", "wall ms", "peak MB", "× ajv-cli", "× node -e 0"], rows, 2);

  const stageNames = [...new Set(sizes.flatMap((s) => Object.keys(s.stages?.warm ?? {})))];
  const stageRows = sizes
    .filter((s) => s.stages)
    .map((s) => [s.name, ...stageNames.map((stage) => ms(s.stages?.warm[stage] ?? 0))]);
  const stages = stageRows.length > 0 ? grid(["size", ...stageNames], stageRows) : "(not measured)";

  const costRows = sizes.map((s) => [
    s.name,
    String(s.ladders),
    ...COMMANDS.flatMap((c) => [s.costs[c].perLadderMs.toFixed(2), s.costs[c].perCellUs.toFixed(1)]),
  ]);
  const costs = grid(["size", "ladders", ...COMMANDS.flatMap((c) => [`${c} ms/ladder`, "µs/cell"])], costRows);

  const targetRows = targets.map((t) => [
    t.met === null ? "n/a " : t.met ? "met " : "MISS",
    t.description,
    t.value === null ? "?" : `${t.value}${t.unit}`,
    `${t.limit}${t.unit}`,
  ]);
  const goals = grid(["", "target", "measured", "limit"], targetRows, 2);
  return [
    "Whole process: median wall time and peak resident memory",
    main,
    "",
    "Per ladder and per cell: median wall time over ladders (ms) and over cells (µs)",
    costs,
    "",
    "In-process stages, one thread (ms, warm median): render is all of dist/, render:* the same by kind of file;",
    "check:compare reads and compares dist/; diff:sides reads, validates and diffs both sides of the 1% change",
    stages,
    "",
    "Targets",
    goals,
  ].join("\n");
}
