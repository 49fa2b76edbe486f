/**
 * A worker's share of an organisation's files for `build` and `check` (produce-organisation.ts): the worker
 * reads and resolves every file again, unchecked (resolve/pipeline.ts `resolveUnchecked`), while the main
 * thread validates and resolves them, then renders its kinds of file of every ladder into the same sink.
 * Resolving again on the other core costs less than copying the resolved ladders between threads: on 834
 * tracks the copy took the worker 200 ms, the reading and resolving 110 ms, begun while the main thread
 * still reads. What it renders counts only when the main thread finds no error in the same files; then the
 * ladders are the same. Everything in and out can be copied between threads.
 */
import type { ArtifactKind } from "../../generators/shared/artifacts.js";
import type { Site } from "../../generators/shared/site.js";
import { type Listed, readListed } from "../check/sources.js";
import { resolveUnchecked } from "../resolve/pipeline.js";
import { planDist } from "./render.js";
import { type Output, presentIn, type Sink, sink } from "./sink.js";

export interface ResolvedShare {
  sources: Listed[];
  site?: Site;
  /** The kinds of file this share renders, of every ladder; the index pages are never among them. */
  kinds: readonly ArtifactKind[];
  sink: Sink;
}

/**
 * Renders the share's files, one at a time, into its sink, in path order. `stopped` says why it stopped
 * early: data it could not resolve or render, which the main thread then finds a problem in (or, finding
 * none, reports as the internal error it is).
 */
export async function produceResolved(share: ResolvedShare): Promise<{ outputs: Output[]; stopped?: string }> {
  const outputs: Output[] = [];
  if (share.sink.kind === "none") return { outputs };
  const present = presentIn(share.sink);
  const stop = (error: unknown) => ({ outputs, stopped: error instanceof Error ? error.message : String(error) });
  let planned: ReturnType<typeof planDist>;
  try {
    const { ladders, organisation } = resolveUnchecked(share.sources.map(readListed));
    planned = planDist(ladders, { organisation, site: share.site, index: false });
  } catch (error) {
    return stop(error);
  }
  for (const file of planned) {
    if (file.kind === undefined || !share.kinds.includes(file.kind)) continue;
    let content: ReturnType<typeof file.render>;
    try {
      content = file.render();
    } catch (error) {
      return stop(error);
    }
    // Outside the `try`: an error of the disk is the caller's to report.
    outputs.push(await sink(share.sink, file.path, content, present));
  }
  return { outputs };
}
