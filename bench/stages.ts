/**
 * In-process time per pipeline stage on one organisation, run as its own process by bench.ts so that every
 * size starts from a fresh heap. Usage: `node --import tsx bench/stages.ts '{"root":…,"head":…,"runs":N}'`, where
 * ROOT holds ladder/ and an up-to-date dist/, and HEAD (optional) a changed copy of ROOT's ladders;
 * prints `{ "cold": {stage: ms}, "warm": {stage: ms} }` (warm: the median of N runs after the cold one).
 */
import path from "node:path";
import { renderReport } from "../generators/report/render.js";
import { lintLadder } from "../scripts/check/lint.js";
import { loadSource, type Parsed } from "../scripts/check/load.js";
import { position } from "../scripts/check/pipeline.js";
import { checkRules } from "../scripts/check/rules.js";
import { readSources } from "../scripts/check/sources.js";
import { applySuppressions, MARKER } from "../scripts/check/suppress.js";
import { validateSchema } from "../scripts/check/validate.js";
import { diffLadders } from "../scripts/diff/diff.js";
import { changedFiles } from "../scripts/diff/generated.js";
import { compare, reportContext } from "../scripts/diff/report.js";
import { compareDist } from "../scripts/dist/compare.js";
import { renderDist } from "../scripts/dist/render.js";
import type { Ladder } from "../scripts/model/model.js";
import { median, round } from "./measure.js";

type Times = Record<string, number>;

async function once(root: string, head: string | undefined): Promise<Times> {
  const times: Times = {};
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    times[stage] = (times[stage] ?? 0) + performance.now() - start;
    return result;
  };
  const where = { root, ladders: path.join(root, "ladder") };
  const sources = await time("read", () => readSources(where));
  const parsed = await time("load", () =>
    sources.map((source) => {
      const loaded = loadSource(source);
      if (!loaded.ok) throw new Error(`${source.file} does not load`);
      return loaded.parsed;
    }),
  );
  await time("schema", () => parsed.forEach(schemaValid));
  const ladders: Ladder[] = parsed.map((p) => ({ id: p.id, file: p.file, ...(p.data as object) }) as Ladder);
  await time("rules", () => ladders.map((ladder) => checkRules(ladder)));
  await time("lint", () => parsed.map((p, i) => lint(p, ladders[i])));
  const files = new Map<string, string | Uint8Array>();
  // renderDist renders every file and the index; its time is split by the kind of file, taken from one call.
  const rendered = await time("render", () => renderDist(ladders));
  for (const [file, content] of rendered) files.set(file, content);
  await renderByKind(ladders, times);
  await time("check:compare", () => compareDist(path.join(root, "dist"), files));
  if (head !== undefined) {
    // The organisation is the base of the diff; `head` is a copy of it with some cells changed.
    const headSources = await readSources({ root: head, ladders: path.join(head, "ladder") });
    const headLadders = headSources.map((s) => {
      const loaded = loadSource(s);
      if (!loaded.ok) throw new Error(`${s.file} does not load`);
      return { id: loaded.parsed.id, file: loaded.parsed.file, ...(loaded.parsed.data as object) } as Ladder;
    });
    await time("diff", () => diffLadders(ladders, headLadders));
    await time("diff:files", () => changedFiles(ladders, headLadders));
    const sides = {
      base: { info: { kind: "directory" as const, path: root }, sources },
      head: { info: { kind: "directory" as const, path: head }, sources: headSources },
    };
    const result = await time("diff:sides", () => compare(sides.base, sides.head));
    if (!result.ok) throw new Error("the base side does not load");
    await time("diff:report", () =>
      renderReport(reportContext(result.compared, { command: "npm run diff -- --base BASE" }), 65_536),
    );
  }
  return times;
}

function schemaValid(parsed: Parsed): void {
  if (validateSchema(parsed.data).length > 0) throw new Error(`${parsed.file} does not match the schema`);
}

function lint(parsed: Parsed, ladder: Ladder): void {
  const comments = parsed.comments(MARKER).length > 0 ? parsed.comments() : [];
  applySuppressions(position(parsed, lintLadder(ladder)), comments, parsed.file, ladder.lint);
}

/** Time per kind of output file (render:html, render:markdown, …, render:index), from a second rendering. */
async function renderByKind(ladders: readonly Ladder[], times: Times): Promise<void> {
  const { renderHtml } = await import("../generators/html/render.js");
  const { renderMarkdown } = await import("../generators/markdown/render.js");
  const { renderCsv, renderCellsCsv } = await import("../generators/csv/render.js");
  const { renderJson } = await import("../generators/json/render.js");
  const { renderIndexHtml, renderIndexMarkdown } = await import("../generators/index/render.js");
  const { renderXlsxParts } = await import("../generators/xlsx/render.js");
  const { zipParts } = await import("../scripts/dist/zip.js");
  const kinds: Record<string, (ladder: Ladder) => string | Uint8Array> = {
    html: renderHtml,
    markdown: renderMarkdown,
    xlsx: (ladder) => zipParts(renderXlsxParts(ladder)),
    csv: renderCsv,
    "cells-csv": renderCellsCsv,
    json: renderJson,
  };
  for (const [kind, render] of Object.entries(kinds)) {
    const start = performance.now();
    for (const ladder of ladders) render(ladder);
    times[`render:${kind}`] = performance.now() - start;
  }
  const start = performance.now();
  renderIndexHtml(ladders);
  renderIndexMarkdown(ladders);
  times["render:index"] = performance.now() - start;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as { root: string; head?: string; runs?: number };
  const cold = await once(options.root, options.head);
  const warmRuns: Times[] = [];
  for (let i = 0; i < (options.runs ?? 3); i++) warmRuns.push(await once(options.root, options.head));
  const summary = (pick: (stage: string) => number) =>
    Object.fromEntries(Object.keys(cold).map((stage) => [stage, round(pick(stage))]));
  const warm = summary((stage) => median(warmRuns.map((t) => t[stage] ?? 0)));
  process.stdout.write(`${JSON.stringify({ cold: summary((stage) => cold[stage]), warm })}\n`);
}

await main();
