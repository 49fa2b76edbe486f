/**
 * `build` and `check` for a ladder folder with an organisation file (`ladder/organisation.yaml`): every file
 * read and validated, the ladders resolved (scripts/resolve/), then each resolved ladder's files and the
 * index pages rendered one at a time into the sink. A track needs its base resolved first, so the ladders are
 * not split between threads by file: when the folder is large and a second core is there, both threads read
 * and resolve them all, the main thread checking them, and the worker renders some kinds of file (split.ts
 * `WORKER_KINDS`) from its own unchecked copy (produce-resolved.ts) while the main thread renders the rest.
 * Without an organisation file dist.ts's path is taken, unchanged.
 */
import type { Site } from "../../generators/shared/site.js";
import { type Listed, readListed } from "../check/sources.js";
import type { Io } from "../model/io.js";
import { ExitError } from "../model/io.js";
import { competencyCount, type Ladder } from "../model/model.js";
import { reportProblems, summarize } from "../model/problems.js";
import { byPath } from "./dist-paths.js";
import type { produceResolved, ResolvedShare } from "./produce-resolved.js";
import type * as Render from "./render.js";
import { type Output, presentIn, type Sink, sinkFile } from "./sink.js";
import { MAIN_KINDS, WORKER_KINDS } from "./split.js";
import { startWorker, workersAvailable } from "./threads.js";

/** The same shape as dist.ts's `Produced`. */
export type ProducedOrganisation = { ok: true; ladders: Ladder[]; outputs: Output[] } | { ok: false };

export async function produceOrganisation(
  listed: readonly Listed[],
  to: Sink,
  io: Io,
  site?: Site,
): Promise<ProducedOrganisation> {
  // A worker's share: WORKER_KINDS of every ladder, which it reads and resolves again itself (unchecked).
  const share: ResolvedShare = { sources: [...listed], site, kinds: WORKER_KINDS, sink: to };
  // A large folder is likely to need the worker: it starts on its share now, while this thread reads and
  // resolves, and is stopped below if it is not needed after all.
  const bytes = listed.reduce((n, l) => n + l.size, 0);
  let worker =
    to.kind !== "none" && workersAvailable(io.env) && bytes >= EARLY_WORKER_BYTES
      ? startWorker("produceResolved")
      : undefined;
  const early = worker?.run(share);
  try {
    return await produce(listed, to, io, site, () => {
      if (early) return early;
      worker = startWorker("produceResolved");
      return worker.run(share);
    });
  } finally {
    // Stopped before returning, so that nothing it writes lands in a staged dist/ about to be thrown away.
    await worker?.stop();
  }
}

async function produce(
  listed: readonly Listed[],
  to: Sink,
  io: Io,
  site: Site | undefined,
  worker: () => ReturnType<typeof produceResolved>,
): Promise<ProducedOrganisation> {
  // The stages load only now, while the worker (started above) loads its own on the other core.
  const [{ resolveSources }, { planDist, RenderError }] = await Promise.all([
    import("../resolve/pipeline.js"),
    import("./render.js"),
  ]);
  const sources = listed.map(readListed);
  const result = resolveSources(sources);
  if (!result.ok) {
    reportProblems(result.problems, io);
    io.stderr(`${summarize(result.problems)}; dist/ was not changed\n`);
    return { ok: false };
  }
  reportProblems(result.warnings, io);
  let planned: ReturnType<typeof Render.planDist>;
  try {
    planned = planDist(result.ladders, { organisation: result.organisation, site });
  } catch (error) {
    if (error instanceof RenderError) throw new ExitError(1, error.message, { cause: error });
    throw error;
  }
  const present = presentIn(to);
  const outputs: Output[] = [];
  if (to.kind === "none") return { ok: true, ladders: result.ladders, outputs };
  // With many files, a worker renders WORKER_KINDS; this thread the index pages and MAIN_KINDS.
  // Tracks are short files that resolve to whole ladders: the work is the resolved cells, not the bytes read.
  const cells = result.ladders.reduce((sum, l) => sum + l.levels.length * competencyCount(l), 0);
  const split = workersAvailable(io.env) && cells >= WORKER_THRESHOLD_CELLS;
  const own = (file: (typeof planned)[number]) => !split || file.kind === undefined || MAIN_KINDS.includes(file.kind);
  const elsewhere: ReturnType<typeof produceResolved> = split ? worker() : Promise.resolve({ outputs: [] });
  for (const file of planned) {
    if (own(file)) outputs.push(await sinkFile(to, file, present));
  }
  const theirs = await elsewhere;
  // The same valid files, read again: what this thread rendered, the worker could render too.
  if (theirs.stopped !== undefined) throw new Error(`rendering failed: ${theirs.stopped}`);
  outputs.push(...theirs.outputs);
  return { ok: true, ladders: result.ladders, outputs: outputs.sort(byPath) };
}

/**
 * Bytes of YAML from which the worker is started before the ladders are resolved: an organisation's tracks
 * are short files that resolve to whole ladders, so even 40 KB of them (a hundred tracks) pass
 * WORKER_THRESHOLD_CELLS once resolved. Below, the worker starts (if at all) after resolution.
 */
export const EARLY_WORKER_BYTES = 32 * 1024;

/**
 * Resolved cells below which an organisation is rendered in the main thread: about what 512 KB of YAML
 * (split.ts `WORKER_THRESHOLD`) holds, the work that repays starting a worker.
 */
export const WORKER_THRESHOLD_CELLS = 5_000;
