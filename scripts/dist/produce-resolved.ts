/**
 * A share of an organisation's files, rendered from ladders already resolved: what the second core does for
 * `build` and `check` with an organisation file (produce-organisation.ts). Resolution needs every file at
 * once, so the main thread resolves, then gives a worker the resolved ladders (copied between threads) and
 * the paths it renders; the worker renders them into the same sink. Everything in and out can be copied.
 */
import type { Site } from "../../generators/shared/site.js";
import type { Ladder, Organisation } from "../model/model.js";
import { type Output, type Sink, sink } from "./produce.js";
import { planDist } from "./render.js";

export interface ResolvedShare {
  ladders: Ladder[];
  organisation?: Organisation;
  site?: Site;
  /** The files of dist/ (relative paths) this share renders; the index pages are never among them. */
  paths: string[];
  sink: Sink;
}

/** Renders the share's files, one at a time, into its sink, in the order of `paths`. */
export async function produceResolved(share: ResolvedShare): Promise<Output[]> {
  const wanted = new Set(share.paths);
  const { organisation, site } = share;
  const planned = planDist(share.ladders, { organisation, site, index: false }).filter((f) => wanted.has(f.path));
  const present = new Set(share.sink.kind === "compare" ? share.sink.present : []);
  const outputs: Output[] = [];
  if (share.sink.kind === "none") return outputs;
  for (const file of planned) outputs.push(await sink(share.sink, file.path, file.render(), present));
  return outputs;
}
