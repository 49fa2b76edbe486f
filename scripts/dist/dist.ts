/**
 * What `build` and `check` share: every ladder read, validated and rendered into a sink (produce.ts), on both
 * cores when the ladders are large enough to repay a worker thread (threads.ts), then the index pages.
 *
 * With a worker, each thread renders some kinds of file of every ladder (produce.ts `WORKER_KINDS`), holding
 * one rendered file at a time; the main thread also validates, and makes the index pages while the worker
 * finishes. Validation alone is shared by whole ladders. Problems, files and differences come back sorted as a
 * single thread would have them.
 */

import type { Site } from "../../generators/shared/site.js";
import { byPosition } from "../check/pipeline.js";
import { displayPath, type Listed, type Locations, listSources } from "../check/sources.js";
import { ExitError, type Io } from "../model/io.js";
import { byCodeUnit, type Ladder } from "../model/model.js";
import { reportProblems, summarize } from "../model/problems.js";
import { isOrganisationFile } from "../resolve/organisation.js";
import { byPath } from "./dist-paths.js";
import {
  ALL_KINDS,
  MAIN_KINDS,
  type Output,
  produceShare,
  type Share,
  type ShareResult,
  type Sink,
  sink,
  WORKER_KINDS,
} from "./produce.js";
import { planDist, RenderError } from "./render.js";
import { readSite } from "./site.js";
import { runInWorker, WORKER_THRESHOLD, workersAvailable } from "./threads.js";

export type Produced = { ok: true; ladders: Ladder[]; outputs: Output[] } | { ok: false };

/**
 * Reads, validates and renders every ladder into `to`. Problems are reported on stderr (warnings too);
 * `ok: false` means some ladder has an error, and what went to the sink must be thrown away. Outputs (the
 * index pages included) and ladders come sorted by path and id.
 */
export async function produceDist(where: Locations, to: Sink, io: Io): Promise<Produced> {
  const listed = await listSources(where);
  if (listed.length === 0) {
    // Building from an empty or mistyped folder would wipe dist/; that is never what was meant.
    throw new ExitError(1, `no ladder files (*.yaml) in ${displayPath(where.root, where.ladders)}`);
  }
  const site = readSite(where.root);
  // With an organisation, ladders are resolved together (a track needs its base): produce-organisation.ts.
  if (listed.some((l) => isOrganisationFile(l.file))) {
    const { produceOrganisation } = await import("./produce-organisation.js");
    return produceOrganisation(listed, to, io, site);
  }
  const shares = split(listed, to, workersAvailable(io.env)).map((share) => ({ ...share, site }));
  // The worker starts first, so both threads work at once.
  const elsewhere = shares.slice(1).map((share) => runInWorker("produce", share));
  const here = await produceShare(shares[0]);
  // When this thread validated every ladder, its problems are all there are: the index pages are made while
  // the worker finishes (an error in them is thrown below, where it would be without a worker).
  const alone = shares[0].validate && shares[0].sources.length === listed.length;
  const clean = (r: ShareResult) => !r.problems.some((p) => p.severity === "error") && r.stopped === undefined;
  const early = alone && clean(here) ? settled(() => indexOutputs(byId(here.headers), to, site)) : undefined;
  const results: ShareResult[] = [here, ...(await Promise.all(elsewhere))];

  const problems = results.flatMap((r) => r.problems).sort(byPosition);
  if (problems.some((p) => p.severity === "error")) {
    reportProblems(problems, io);
    // `check` never writes; only `build` has something to reassure about.
    io.stderr(
      `${summarize(problems)}${to.kind === "write" ? "; dist/ was not changed" : "; fix them, then check again"}\n`,
    );
    return { ok: false };
  }
  reportProblems(problems, io);
  const ladders = byId(results.flatMap((r) => r.headers));
  const stopped = results.find((r) => r.stopped !== undefined)?.stopped;
  const index = early ?? settled(() => indexOutputs(ladders, to, site));
  if (stopped !== undefined) throw new Error(`rendering failed: ${stopped}`);
  const outputs = [...results.flatMap((r) => r.outputs), ...(await index)];
  return { ok: true, ladders, outputs: outputs.sort(byPath) };
}

const byId = (ladders: Ladder[]) => ladders.sort((a, b) => byCodeUnit(a.id, b.id));

/** `work()`'s promise, also when it throws before its first await (then rejected, and marked handled). */
function settled<T>(work: () => Promise<T>): Promise<T> {
  let result: Promise<T>;
  try {
    result = work();
  } catch (error) {
    result = Promise.reject(error);
  }
  result.catch(() => undefined);
  return result;
}

/** The index pages of `ladders` (sorted by id), into the sink. A ladder set they cannot show is an exit. */
async function indexOutputs(ladders: Ladder[], to: Sink, site: Site | undefined): Promise<Output[]> {
  let index: ReturnType<typeof planDist>;
  try {
    index = planDist(ladders, { site }).filter((file) => file.kind === undefined);
  } catch (error) {
    if (error instanceof RenderError) throw new ExitError(1, error.message, { cause: error });
    throw error;
  }
  const present = new Set(to.kind === "compare" ? to.present : []);
  const outputs: Output[] = [];
  for (const file of index) outputs.push(await sink(to, file.path, file.render(), present));
  return outputs;
}

/**
 * One share for the main thread, or two when a worker is available and the ladders are large: the files of
 * every ladder by kind (WORKER_KINDS in the worker, which reads the ladders again but does not validate them);
 * with nothing to render, whole ladders balanced by size, since validating is then all the work.
 */
export function split(listed: Listed[], to: Sink, workers: boolean): Share[] {
  const whole = (sources: Listed[]): Share => ({ sources, validate: true, lint: false, kinds: ALL_KINDS, sink: to });
  const total = listed.reduce((sum, l) => sum + l.size, 0);
  if (!workers || total < WORKER_THRESHOLD) return [whole(listed)];
  if (to.kind !== "none") {
    return [
      { ...whole(listed), kinds: MAIN_KINDS },
      { ...whole(listed), validate: false, kinds: WORKER_KINDS },
    ];
  }
  if (listed.length === 1) return [whole(listed)];
  // Largest first into the lighter share; each share keeps the files in their own order.
  const shares: Listed[][] = [[], []];
  const load = [0, 0];
  for (const l of [...listed].sort((a, b) => b.size - a.size)) {
    const k = load[0] <= load[1] ? 0 : 1;
    shares[k].push(l);
    load[k] += l.size;
  }
  const order = (ls: Listed[]) => listed.filter((l) => ls.includes(l));
  return shares.map((ls) => whole(order(ls)));
}
