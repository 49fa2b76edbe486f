/**
 * A worker's share of many ladders for `build` and `check` (dist.ts): the main thread reads and validates
 * every file, renders its kinds of file of each ladder, and forwards each valid ladder here as it goes
 * (threads.ts `forwarder`), in small batches over a message port; the worker renders the other kinds of the
 * same ladders into the same sink. Copying a validated seed-sized ladder between threads costs the worker
 * about a fifth of reading and parsing it again (measured on 834 of them: 30 ms against 140 ms), and the main
 * thread next to nothing. Larger ladders are not forwarded: the worker would wait for each to be
 * validated, and render the last one alone (split.ts `split`). Everything in and out can be copied between
 * threads.
 *
 * The worker's kinds of each ladder are claimed, once, in memory both threads share (`claims`): by the worker
 * from the first ladder on, and by the main thread from the last one back once its own files are done
 * (`renderClaimed`), so that neither waits for the other at the end, whichever is faster on the machine.
 */
import { on } from "node:events";
import type { MessagePort } from "node:worker_threads";
import type { ArtifactKind } from "../../generators/shared/artifacts.js";
import type { Site } from "../../generators/shared/site.js";
import type { Ladder } from "../model/model.js";
import { planDist, RenderError } from "./render.js";
import { type Output, presentIn, type Sink, sinkIndex, sinkKinds } from "./sink.js";
import { WORKER_INDEX } from "./split.js";

export interface ForwardedShare {
  /** The kinds of file this share renders, of every ladder forwarded; never the index pages. */
  kinds: readonly ArtifactKind[];
  sink: Sink;
  site?: Site;
  /** Where the ladders come from: batches of valid ladders, then the end (threads.ts `forwarder`). */
  ladders: MessagePort;
  /**
   * One Int32 per ladder forwarded, in the order forwarded, and one more for WORKER_INDEX: who renders its
   * kinds (`renderClaimed`), and that page (`claimIndex`).
   */
  claims: SharedArrayBuffer;
}

/** A ladder forwarded, with its place in the order forwarded: its claim in `claims`. */
export interface Forwarded {
  at: number;
  ladder: Ladder;
}

/** A claim: nobody yet; the worker; the main thread. */
export const UNCLAIMED = 0;
export const BY_WORKER = 1;
export const BY_MAIN = 2;

/**
 * The last message on the port: no more ladders, and, when every ladder was valid, the ladders of the index
 * page to render: the main thread's own list (sorted by id, without their categories), so both pages show
 * the same.
 */
export interface ForwardEnd {
  index?: readonly Ladder[];
}

/**
 * Renders the share's kinds of file of each ladder as it arrives, one file at a time, into the sink; then, if
 * the main thread found every ladder valid, WORKER_INDEX of them all. `stopped` says why rendering stopped
 * early (two outputs on one file): the main thread reports it.
 */
export async function produceForwarded(share: ForwardedShare): Promise<{ outputs: Output[]; stopped?: string }> {
  const outputs: Output[] = [];
  const present = presentIn(share.sink);
  let stopped: string | undefined;
  let end: ForwardEnd | undefined;
  const claims = new Int32Array(share.claims);
  try {
    for await (const [batch] of on(share.ladders, "message") as AsyncIterable<[Forwarded[] | ForwardEnd]>) {
      if (!Array.isArray(batch)) {
        end = batch;
        break;
      }
      if (stopped !== undefined) continue;
      stopped = (await renderClaimed(batch, claims, BY_WORKER, share, present, outputs)).stopped;
    }
    if (end?.index && stopped === undefined && claimIndex(claims, BY_WORKER)) {
      outputs.push(...(await indexOutput(share, end.index, present)));
    }
  } finally {
    share.ladders.close();
  }
  return stopped === undefined ? { outputs } : { outputs, stopped };
}

/**
 * Renders `share.kinds` of each of `ladders`, in the order given, that this thread (`by`) claims first, into
 * the sink, adding to `outputs`. The worker goes through them from the first on, skipping those the main
 * thread took; the main thread from the last back, and stops at the first the worker took (`met`): the worker
 * has taken or will take every one before it. `stopped` says why rendering stopped (two outputs on one file).
 */
export async function renderClaimed(
  ladders: Iterable<Forwarded>,
  claims: Int32Array,
  by: typeof BY_WORKER | typeof BY_MAIN,
  share: Pick<ForwardedShare, "kinds" | "sink" | "site">,
  present: ReadonlySet<string>,
  outputs: Output[],
): Promise<{ stopped?: string; met: boolean }> {
  for (const { at, ladder } of ladders) {
    if (Atomics.compareExchange(claims, at, UNCLAIMED, by) !== UNCLAIMED) {
      if (by === BY_MAIN) return { met: true };
      continue;
    }
    try {
      const files = planDist([ladder], { index: false, site: share.site });
      await sinkKinds(files, share.kinds, share.sink, present, outputs);
    } catch (error) {
      if (!(error instanceof RenderError)) throw error;
      return { stopped: error.message, met: false };
    }
  }
  return { met: false };
}

/**
 * Whether `by` is the one to render WORKER_INDEX, once every ladder is found valid: the first thread to ask,
 * the worker after its last ladder or the main thread after the last it took back.
 */
export function claimIndex(claims: Int32Array, by: typeof BY_WORKER | typeof BY_MAIN): boolean {
  return Atomics.compareExchange(claims, claims.length - 1, UNCLAIMED, by) === UNCLAIMED;
}

/**
 * WORKER_INDEX of the ladders the main thread sent. Ladders that cannot share dist/ give none: the main thread
 * finds the same in its own index page, and reports it.
 */
async function indexOutput(
  share: ForwardedShare,
  ladders: readonly Ladder[],
  present: ReadonlySet<string>,
): Promise<Output[]> {
  try {
    return await sinkIndex(planDist, ladders, share.sink, share.site, (path) => path === WORKER_INDEX, present);
  } catch (error) {
    if (error instanceof RenderError) return [];
    throw error;
  }
}
