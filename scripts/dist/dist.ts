/**
 * What `build` and `check` share: every ladder read, validated and rendered into a sink (produce.ts), on both
 * cores when the ladders are large enough to repay a worker thread (threads.ts), then the index pages.
 *
 * With a worker, each thread renders some kinds of file of every ladder (split.ts `WORKER_KINDS`), holding
 * one rendered file at a time; the main thread also validates, forwarding each valid ladder to the worker when
 * there are many (produce-forwarded.ts), and makes the index pages while the worker finishes. Validation alone
 * is shared by whole ladders. Problems, files and differences come back sorted as a single thread would have
 * them. The worker is started before this thread loads its own stages, so that both load at once.
 */

import { MessageChannel } from "node:worker_threads";
import type { Site } from "../../generators/shared/site.js";
import { displayPath, isOrganisationFile, type Locations, listSources } from "../check/sources.js";
import { ExitError, type Io } from "../model/io.js";
import { byCodeUnit, type Ladder } from "../model/model.js";
import { byPosition, reportProblems, summarize } from "../model/problems.js";
import { byPath } from "./dist-paths.js";
import type { Share, ShareResult } from "./produce.js";
import type * as Render from "./render.js";
import { type Output, presentIn, type Sink, sinkIndex } from "./sink.js";
import { readSite } from "./site.js";
import { split, WORKER_INDEX } from "./split.js";
import { type Forwarder, forwarder, startWorker, workersAvailable } from "./threads.js";

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
  const [mine, theirs] = split(listed, to, workersAvailable(io.env)).map((share) => ({ ...share, site }));
  // The worker starts first, so both threads work at once; it is stopped on the way out, whatever happens.
  const worker = theirs === undefined ? undefined : startShare(theirs);
  let render: typeof Render;
  let here: ShareResult;
  let there: ShareResult | undefined;
  let early: Promise<Output[]> | undefined;
  try {
    // This thread's stages load while the worker starts: they are most of the modules, and imported only now.
    const [produce, loaded] = await Promise.all([import("./produce.js"), import("./render.js")]);
    render = loaded;
    here = await produce.produceShare(mine, worker?.forward?.add);
    // When this thread validated every ladder, its problems are all there are: the index pages are made while
    // the worker finishes (an error in them is thrown below, where it would be without a worker). A worker
    // forwarded every ladder makes one of them.
    const alone = mine.validate && mine.sources.length === listed.length;
    const clean = (r: ShareResult) => !r.problems.some((p) => p.severity === "error") && r.stopped === undefined;
    const headers = alone && clean(here) ? byId(here.headers) : undefined;
    worker?.forward?.end(headers);
    const skip = headers && worker?.forward ? WORKER_INDEX : undefined;
    early = headers ? settled(() => indexOutputs(render, headers, to, site, (path) => path !== skip)) : undefined;
    // Then the worker's files of the last ladders it has not reached, and its index page if it has not begun it.
    const rest = () => indexOutputs(render, headers ?? [], to, site, (path) => path === skip);
    const back = headers ? await worker?.shareBack?.(early, rest) : undefined;
    there = await worker?.result;
    if (there && back)
      there = { ...there, outputs: [...there.outputs, ...back.outputs], stopped: there.stopped ?? back.stopped };
  } finally {
    // Also on a failure here: the worker then waits for no more ladders, and writes nothing more.
    worker?.forward?.end();
    await worker?.stop();
  }
  const results = there === undefined ? [here] : [here, there];

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
  const index = early ?? settled(() => indexOutputs(render, ladders, to, site, () => true));
  // This thread validates, so it stops only where two outputs would be one file (a ladder named `readme`, say):
  // the reader's to fix. A worker stopping alone on data this thread found valid is a bug.
  if (here.stopped !== undefined) throw new ExitError(1, here.stopped);
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

/**
 * The index pages of `ladders` (sorted by id) whose path is `wanted` (the worker may render one), into the
 * sink. A ladder set they cannot show is an exit.
 */
async function indexOutputs(
  render: typeof Render,
  ladders: Ladder[],
  to: Sink,
  site: Site | undefined,
  wanted: (path: string) => boolean,
): Promise<Output[]> {
  try {
    return await sinkIndex(render.planDist, ladders, to, site, wanted, presentIn(to));
  } catch (error) {
    if (error instanceof render.RenderError) throw new ExitError(1, error.message, { cause: error });
    throw error;
  }
}

/**
 * A worker started on `share`: its result, and the main thread's end of the ladders it is forwarded; then
 * `shareBack`, once `after` has settled, renders in this thread the worker's kinds of the last ladders the
 * worker has not reached (produce-forwarded.ts `renderClaimed`).
 */
interface StartedShare {
  result: Promise<ShareResult>;
  forward?: Forwarder;
  shareBack?: (
    after: Promise<unknown> | undefined,
    index: () => Promise<Output[]>,
  ) => Promise<{ outputs: Output[]; stopped?: string }>;
  stop(): Promise<void>;
}

function startShare(share: Share): StartedShare {
  if (!share.forwarded) {
    const worker = startWorker("produce");
    return { result: worker.run(share), stop: () => worker.stop() };
  }
  const { port1, port2 } = new MessageChannel();
  const worker = startWorker("produceForwarded");
  const claims = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (share.sources.length + 1));
  const input = { kinds: share.kinds, sink: share.sink, site: share.site, ladders: port2, claims };
  const result = worker.run(input, [port2]).then((r): ShareResult => ({ problems: [], headers: [], ...r }));
  result.catch(() => undefined);
  const forward = forwarder(port1);
  const shareBack = async (after: Promise<unknown> | undefined, index: () => Promise<Output[]>) => {
    // When the index pages cannot be made, that is the error to report, and there is nothing to share.
    const failed = await Promise.resolve(after).then(
      () => false,
      () => true,
    );
    if (failed) return { outputs: [] };
    const { BY_MAIN, claimIndex, renderClaimed } = await import("./produce-forwarded.js");
    const outputs: Output[] = [];
    const present = presentIn(share.sink);
    const shared = new Int32Array(claims);
    const { stopped } = await renderClaimed(forward.last(), shared, BY_MAIN, share, present, outputs);
    if (stopped !== undefined) return { outputs, stopped };
    if (claimIndex(shared, BY_MAIN)) outputs.push(...(await index()));
    return { outputs };
  };
  return { result, forward, shareBack, stop: () => worker.stop() };
}
