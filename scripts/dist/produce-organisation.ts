/**
 * `build` and `check` for a ladder folder with an organisation file (`ladder/organisation.yaml`): every file
 * read and validated, the ladders resolved (scripts/resolve/), then each resolved ladder's files and the
 * index pages rendered one at a time into the sink. A track needs its base resolved first, so the ladders are
 * not split between threads by file: the main thread resolves them all, then, when the folder is large and a
 * second core is there, a worker renders some kinds of file (produce.ts `WORKER_KINDS`) from a copy of the
 * resolved ladders (produce-resolved.ts). Without an organisation file dist.ts's path is taken, unchanged.
 */
import type { Site } from "../../generators/shared/site.js";
import { type Listed, readListed } from "../check/sources.js";
import type { Io } from "../model/io.js";
import { ExitError } from "../model/io.js";
import { competencyCount, type Ladder } from "../model/model.js";
import { reportProblems, summarize } from "../model/problems.js";
import { resolveSources } from "../resolve/pipeline.js";
import { byPath } from "./dist-paths.js";
import { MAIN_KINDS, type Output, type Sink, sink } from "./produce.js";
import { planDist, RenderError } from "./render.js";
import { runInWorker, type StartedWorker, startWorker, workersAvailable } from "./threads.js";

/** The same shape as dist.ts's `Produced`. */
export type ProducedOrganisation = { ok: true; ladders: Ladder[]; outputs: Output[] } | { ok: false };

export async function produceOrganisation(
  listed: readonly Listed[],
  to: Sink,
  io: Io,
  site?: Site,
): Promise<ProducedOrganisation> {
  // A large folder is likely to need the worker: it starts now and loads its modules while this thread reads
  // and resolves; it is stopped below if it is not needed after all.
  const early =
    to.kind !== "none" && workersAvailable(io.env) && listed.reduce((n, l) => n + l.size, 0) >= EARLY_WORKER_BYTES
      ? startWorker("produceResolved")
      : undefined;
  try {
    return await produce(listed, to, io, site, early);
  } finally {
    early?.stop();
  }
}

async function produce(
  listed: readonly Listed[],
  to: Sink,
  io: Io,
  site: Site | undefined,
  early: StartedWorker<"produceResolved"> | undefined,
): Promise<ProducedOrganisation> {
  const sources = listed.map(readListed);
  const result = resolveSources(sources);
  if (!result.ok) {
    reportProblems(result.problems, io);
    io.stderr(`${summarize(result.problems)}; dist/ was not changed\n`);
    return { ok: false };
  }
  reportProblems(result.warnings, io);
  let planned: ReturnType<typeof planDist>;
  try {
    planned = planDist(result.ladders, { organisation: result.organisation, site });
  } catch (error) {
    if (error instanceof RenderError) throw new ExitError(1, error.message, { cause: error });
    throw error;
  }
  const present = new Set(to.kind === "compare" ? to.present : []);
  const outputs: Output[] = [];
  if (to.kind === "none") return { ok: true, ladders: result.ladders, outputs };
  // With many files, a worker renders its kinds of file from a copy of the resolved ladders.
  // Tracks are short files that resolve to whole ladders: the work is the resolved cells, not the bytes read.
  const cells = result.ladders.reduce((sum, l) => sum + l.levels.length * competencyCount(l), 0);
  // The main thread keeps the index pages and MAIN_KINDS; the worker renders the rest (WORKER_KINDS).
  const own = (file: (typeof planned)[number]) => file.kind === undefined || MAIN_KINDS.includes(file.kind);
  const split = workersAvailable(io.env) && cells >= WORKER_THRESHOLD_CELLS;
  const share = {
    ladders: result.ladders,
    organisation: result.organisation,
    site,
    paths: planned.filter((file) => !own(file)).map((file) => file.path),
    sink: to,
  };
  const elsewhere = split ? (early ? early.run(share) : runInWorker("produceResolved", share)) : Promise.resolve([]);
  for (const file of planned) {
    if (!split || own(file)) outputs.push(await sink(to, file.path, file.render(), present));
  }
  outputs.push(...(await elsewhere));
  return {
    ok: true,
    ladders: result.ladders,
    outputs: outputs.sort(byPath),
  };
}

/**
 * Bytes of YAML from which the worker is started before the ladders are resolved: an organisation's tracks
 * are short files that resolve to whole ladders, so even 40 KB of them (a hundred tracks) pass
 * WORKER_THRESHOLD_CELLS once resolved. Below, the worker starts (if at all) after resolution.
 */
export const EARLY_WORKER_BYTES = 32 * 1024;

/**
 * Resolved cells below which an organisation is rendered in the main thread: about what 512 KB of YAML
 * (threads.ts `WORKER_THRESHOLD`) holds, the work that repays starting a worker.
 */
export const WORKER_THRESHOLD_CELLS = 5_000;
