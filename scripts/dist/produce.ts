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
import { compareFile, type Difference } from "./compare.js";
import { planDist, RenderError, type Rendered } from "./render.js";
import { utf8 } from "./utf8.js";
import { writeStaged } from "./write.js";

/** Where rendered files go: nowhere (validation only), into a staged dist/, or compared with dist/. */
export type Sink =
  | { kind: "none" }
  | { kind: "write"; dir: string }
  | { kind: "compare"; out: string; present: readonly string[] };

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
}

/** One file that went to the sink: its size in bytes, and how dist/ differs from it (compare only). */
export interface Output {
  path: string;
  bytes: number;
  difference?: Difference;
}

export interface ShareResult {
  problems: Problem[];
  /** Each valid ladder as the index pages need it: everything but its categories. */
  headers: Ladder[];
  outputs: Output[];
  /** Why rendering stopped early: two outputs on one file, or (in a share that does not validate) bad data. */
  stopped?: string;
}

export const ALL_KINDS: readonly ArtifactKind[] = ["html", "markdown", "xlsx", "csv", "cells-csv", "json"];

/**
 * The kinds of file a worker renders when two threads share the work, the main thread rendering the others
 * (and validating): about half the time each, measured on 834 small ladders and on one of 50,000 cells, with
 * the worker's later start allowed for. Split by kind rather than by ladder, each thread warms up the code of
 * its own generators only: by ladder, both compiled every generator, and that cost more than the second
 * thread gave.
 */
export const WORKER_KINDS: readonly ArtifactKind[] = ["markdown", "xlsx"];
/** The kinds the main thread renders when a worker renders WORKER_KINDS. */
export const MAIN_KINDS: readonly ArtifactKind[] = ALL_KINDS.filter((kind) => !WORKER_KINDS.includes(kind));

/** Processes one share, file by file, in the order given. Problems are unsorted. */
export async function produceShare(share: Share): Promise<ShareResult> {
  const result: ShareResult = { problems: [], headers: [], outputs: [] };
  const present = share.sink.kind === "compare" ? new Set(share.sink.present) : new Set<string>();
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
    } else {
      if (!loaded.ok) continue;
      ladder = { id: loaded.parsed.id, file: loaded.parsed.file, ...(loaded.parsed.data as object) } as Ladder;
    }
    if (share.sink.kind === "none" || result.stopped !== undefined) continue;
    try {
      for (const file of planDist([ladder], { index: false, site: share.site })) {
        if (file.kind === undefined || !share.kinds.includes(file.kind)) continue;
        result.outputs.push(await sink(share.sink, file.path, file.render(), present));
      }
    } catch (error) {
      // Two outputs on one file is reported by the caller, once, for all ladders; bad data only matters if no
      // share found a problem with it, and then the caller reports it as the internal error it is.
      if (!(error instanceof RenderError) && share.validate) throw error;
      result.stopped = (error as Error).message;
    }
  }
  return result;
}

/** Hands one rendered file (text, or bytes) to the sink. */
export async function sink(to: Sink, path: string, content: Rendered, present: ReadonlySet<string>): Promise<Output> {
  if (to.kind === "compare") return { path, ...(await compareFile(to.out, path, content, present)) };
  const bytes = content instanceof Uint8Array ? content : utf8(content);
  if (to.kind === "write") await writeStaged(to.dir, path, bytes);
  return { path, bytes: bytes.length };
}
