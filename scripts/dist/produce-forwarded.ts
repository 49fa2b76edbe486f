/**
 * A worker's share of many ladders for `build` and `check` (dist.ts): the main thread reads and validates
 * every file, renders its kinds of file of each ladder, and forwards each valid ladder here as it goes
 * (threads.ts `forwarder`), in small batches over a message port; the worker renders the other kinds of the
 * same ladders into the same sink. Copying a validated seed-sized ladder between threads costs the worker
 * about a fifth of reading and parsing it again (measured on 834 of them: 30 ms against 140 ms), and the main
 * thread next to nothing. Larger ladders are not forwarded: the worker would wait for each to be
 * validated, and render the last one alone (split.ts `split`). Everything in and out can be copied between
 * threads.
 */
import { on } from "node:events";
import type { MessagePort } from "node:worker_threads";
import type { ArtifactKind } from "../../generators/shared/artifacts.js";
import type { Site } from "../../generators/shared/site.js";
import type { Ladder } from "../model/model.js";
import { planDist, RenderError } from "./render.js";
import { type Output, type Sink, sink, sinkIndex } from "./sink.js";
import { WORKER_INDEX } from "./split.js";

export interface ForwardedShare {
  /** The kinds of file this share renders, of every ladder forwarded; never the index pages. */
  kinds: readonly ArtifactKind[];
  sink: Sink;
  site?: Site;
  /** Where the ladders come from: batches of valid ladders, then the end (threads.ts `forwarder`). */
  ladders: MessagePort;
}

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
  const present = new Set(share.sink.kind === "compare" ? share.sink.present : []);
  let stopped: string | undefined;
  let end: ForwardEnd | undefined;
  try {
    for await (const [batch] of on(share.ladders, "message") as AsyncIterable<[Ladder[] | ForwardEnd]>) {
      if (!Array.isArray(batch)) {
        end = batch;
        break;
      }
      if (stopped !== undefined) continue;
      for (const ladder of batch) {
        try {
          for (const file of planDist([ladder], { index: false, site: share.site })) {
            if (file.kind === undefined || !share.kinds.includes(file.kind)) continue;
            const content = file.render();
            outputs.push(await sink(share.sink, file.path, content, present));
          }
        } catch (error) {
          if (!(error instanceof RenderError)) throw error;
          stopped = error.message;
          break;
        }
      }
    }
    if (end?.index && stopped === undefined) outputs.push(...(await indexOutput(share, end.index, present)));
  } finally {
    share.ladders.close();
  }
  return stopped === undefined ? { outputs } : { outputs, stopped };
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
