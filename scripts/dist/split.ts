/**
 * How `build` and `check` share their work between two threads (dist.ts): which kinds of file each renders,
 * and which ladders each reads. Pure.
 */
import { type ArtifactKind, INDEX_FILES } from "../../generators/shared/artifacts.js";
import type { Listed } from "../check/sources.js";
import type { Share } from "./produce.js";
import type { Sink } from "./sink.js";

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

/**
 * The index page a worker forwarded every ladder renders, once all are found valid, while the main thread
 * renders the other: the Markdown, whose generator the worker has warmed up.
 */
export const WORKER_INDEX = INDEX_FILES.markdown;

/**
 * Inputs smaller than this (bytes of YAML) are done in the main thread: starting a worker and loading the
 * modules again there costs about 50 ms, which only a few thousand cells of work repay.
 */
export const WORKER_THRESHOLD = 512 * 1024;

/**
 * A worker is forwarded the ladders when none is larger than this (bytes of YAML; the seed is 12 KB), so that
 * past WORKER_THRESHOLD there are at least eight of them. Larger ones it reads again itself, at the same time
 * as the main thread: forwarded, it would wait for each to be validated and render the last one alone, and
 * the copies waiting for it take memory (50 ladders of 1,000 cells: 15 MB more, and no faster).
 */
export const FORWARD_MAX_BYTES = 64 * 1024;

/**
 * One share for the main thread, or two when a worker is available and the ladders are large: the files of
 * every ladder by kind (WORKER_KINDS in the worker, which does not validate them). Many small ladders are
 * forwarded to the worker as the main thread validates them; larger ones it reads again itself, at the same
 * time as the main thread. With nothing to render, whole ladders balanced
 * by size, since validating is then all the work.
 */
export function split(listed: Listed[], to: Sink, workers: boolean): Share[] {
  const whole = (sources: Listed[]): Share => ({ sources, validate: true, lint: false, kinds: ALL_KINDS, sink: to });
  const total = listed.reduce((sum, l) => sum + l.size, 0);
  if (!workers || total < WORKER_THRESHOLD) return [whole(listed)];
  if (to.kind !== "none") {
    return [
      { ...whole(listed), kinds: MAIN_KINDS },
      {
        ...whole(listed),
        validate: false,
        kinds: WORKER_KINDS,
        ...(listed.every((l) => l.size <= FORWARD_MAX_BYTES) ? { forwarded: true as const } : {}),
      },
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
