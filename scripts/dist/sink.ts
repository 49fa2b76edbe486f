/**
 * Where each rendered file goes (`Sink`): nowhere (validation only), into a staged dist/ (write.ts), or
 * compared with dist/ (compare.ts); one file at a time, from either thread. The disk edge of rendering.
 */

import type { ArtifactKind } from "../../generators/shared/artifacts.js";
import type { Site } from "../../generators/shared/site.js";
import type { Ladder } from "../model/model.js";
import { compareFile, type Difference } from "./compare.js";
import type { PlannedFile, planDist, Rendered } from "./render.js";
import { utf8 } from "./utf8.js";
import { writeStaged, writeStagedStream } from "./write.js";

/** Where rendered files go: nowhere (validation only), into a staged dist/, or compared with dist/. */
export type Sink =
  | { kind: "none" }
  | { kind: "write"; dir: string }
  | { kind: "compare"; out: string; present: readonly string[] };

/** One file that went to the sink: its size in bytes, and how dist/ differs from it (compare only). */
export interface Output {
  path: string;
  bytes: number;
  difference?: Difference;
}

const presentSets = new WeakMap<Sink, ReadonlySet<string>>();

/**
 * The files of dist/ a comparing sink holds (`Sink.present`), as a set made once per sink and thread; empty
 * for the other sinks.
 */
export function presentIn(to: Sink): ReadonlySet<string> {
  let present = presentSets.get(to);
  if (present === undefined) {
    present = new Set(to.kind === "compare" ? to.present : []);
    presentSets.set(to, present);
  }
  return present;
}

/** Hands one rendered file (text, or bytes) to the sink. */
export async function sink(to: Sink, path: string, content: Rendered, present: ReadonlySet<string>): Promise<Output> {
  if (to.kind === "compare") return { path, ...(await compareFile(to.out, path, content, present)) };
  const bytes = content instanceof Uint8Array ? content : utf8(content);
  if (to.kind === "write") await writeStaged(to.dir, path, bytes);
  return { path, bytes: bytes.length };
}

/**
 * The index pages of `ladders` (sorted by id) whose path `wanted` accepts, each rendered and handed to the sink
 * in turn (`present`: the files of dist/ when comparing): by the main thread (dist.ts), and by a worker
 * forwarded the ladders (produce-forwarded.ts). `plan` is render.ts `planDist`, passed in so that this module
 * stays light; it throws a RenderError when the ladders cannot share dist/.
 */
export async function sinkIndex(
  plan: typeof planDist,
  ladders: readonly Ladder[],
  to: Sink,
  site: Site | undefined,
  wanted: (path: string) => boolean,
  present: ReadonlySet<string>,
): Promise<Output[]> {
  const index = plan(ladders, { site }).filter((file) => file.kind === undefined && wanted(file.path));
  const outputs: Output[] = [];
  for (const file of index) outputs.push(await sinkFile(to, file, present));
  return outputs;
}

/**
 * Each of `files` of a kind in `kinds`, rendered and handed to the sink in turn, added to `outputs`: a ladder's
 * files in a share (produce.ts, produce-forwarded.ts). Text that can be streamed is written or compared as it
 * is made. Throws what rendering or the sink throws.
 */
export async function sinkKinds(
  files: readonly PlannedFile[],
  kinds: readonly ArtifactKind[],
  to: Sink,
  present: ReadonlySet<string>,
  outputs: Output[],
): Promise<void> {
  for (const file of files) {
    if (file.kind !== undefined && kinds.includes(file.kind)) outputs.push(await sinkFile(to, file, present));
  }
}

/**
 * Renders one planned file and hands it to the sink; text that can be streamed is written or compared with
 * dist/ as it is made, so a page is never held whole (render.ts `PlannedFile.stream`), and a workbook is
 * compared a part at a time (`PlannedFile.pieces`).
 */
export async function sinkFile(to: Sink, file: PlannedFile, present: ReadonlySet<string>): Promise<Output> {
  const { stream, pieces } = file;
  if (to.kind === "compare" && pieces !== undefined) {
    const content = { pieces, render: file.render as () => Uint8Array };
    return { path: file.path, ...(await compareFile(to.out, file.path, content, present)) };
  }
  if (stream === undefined || to.kind === "none") return sink(to, file.path, file.render(), present);
  if (to.kind === "write") return { path: file.path, bytes: writeStagedStream(to.dir, file.path, stream) };
  const streamed = { stream, render: file.render as () => string | readonly string[] };
  return { path: file.path, ...(await compareFile(to.out, file.path, streamed, present)) };
}
