/**
 * The work of `build` and `check` on a share of the ladders: read each file, validate it, render its files
 * one at a time and hand each to a sink (write it into the staged dist/, or compare it with dist/), so that
 * at most one rendered file is held in memory. A share runs in the main thread or in a worker thread
 * (threads.ts); everything it takes and returns can be copied between threads. The edge between the pure
 * stages (load, validate, render) and the disk (write.ts).
 */
import type { ArtifactKind } from "../../generators/shared/artifacts.js";
import type { Site } from "../../generators/shared/site.js";
import { loadSource } from "../check/load.js";
import { validateLadder } from "../check/pipeline.js";
import { type Listed, readListed } from "../check/sources.js";
import type { Ladder, Problem } from "../model/model.js";
import { locate } from "../resolve/pipeline.js";
import { resolveLadders } from "../resolve/resolve.js";
import { planDist, RenderError } from "./render.js";
import { type Output, presentIn, type Sink, sinkKinds } from "./sink.js";

export interface Share {
  sources: Listed[];
  /** False when another share validates these same ladders: this one only renders (some of) their files. */
  validate: boolean;
  /** Run the lint rules too (their findings are warnings unless a ladder makes one an error). */
  lint: boolean;
  /** Which of each ladder's files to render; the index pages are rendered by the caller, from all ladders. */
  kinds: readonly ArtifactKind[];
  sink: Sink;
  /** Where the pages link back to (package.json `repository`, read by site.ts); none when absent. */
  site?: Site;
  /**
   * Set on a worker's share of many ladders: it gets them from the main thread as they are validated
   * (produce-forwarded.ts) instead of reading them again.
   */
  forwarded?: true;
}

export interface ShareResult {
  problems: Problem[];
  /** Each valid ladder as the index pages need it: everything but its categories. */
  headers: Ladder[];
  outputs: Output[];
  /** Why rendering stopped early: two outputs on one file, or (in a share that does not validate) bad data. */
  stopped?: string;
}

/**
 * Processes one share, file by file, in the order given. Problems are unsorted. `forward` is handed each valid
 * ladder, for a worker rendering its other kinds of file (produce-forwarded.ts).
 */
export async function produceShare(share: Share, forward?: (ladder: Ladder) => void): Promise<ShareResult> {
  const result: ShareResult = { problems: [], headers: [], outputs: [] };
  const present = presentIn(share.sink);
  for (const listed of share.sources) {
    const source = readListed(listed);
    const loaded = loadSource(source);
    let ladder: Ladder;
    if (share.validate) {
      const checked = validateLadder(loaded, { lint: share.lint });
      result.problems.push(...checked.problems);
      if (!checked.ok) continue;
      // Without an organisation (that case is produce-organisation.ts) `extends` and `scale` are errors.
      const alone = resolveLadders([checked.ladder]);
      if (alone.problems.length > 0) {
        result.problems.push(...locate(alone.problems, [source]));
        continue;
      }
      ladder = checked.ladder;
      result.headers.push({ ...ladder, categories: [] });
      forward?.(ladder);
    } else {
      if (!loaded.ok) continue;
      ladder = { id: loaded.parsed.id, file: loaded.parsed.file, ...(loaded.parsed.data as object) } as Ladder;
    }
    if (share.sink.kind === "none" || result.stopped !== undefined) continue;
    try {
      const files = planDist([ladder], { index: false, site: share.site });
      await sinkKinds(files, share.kinds, share.sink, present, result.outputs);
    } catch (error) {
      // Two outputs on one file is reported by the caller, once, for all ladders; bad data only matters if no
      // share found a problem with it, and then the caller reports it as the internal error it is.
      if (!(error instanceof RenderError) && share.validate) throw error;
      result.stopped = (error as Error).message;
    }
  }
  return result;
}
