/**
 * `build` and `check` for a ladder folder with an organisation file (`ladder/organisation.yaml`): every file
 * read and validated, the ladders resolved (scripts/resolve/), then each resolved ladder's files and the
 * index pages rendered one at a time into the sink. In the main thread: a track needs its base resolved
 * first, so the ladders cannot be split between threads by file. Without an organisation file dist.ts's
 * path is taken, unchanged.
 */
import type { Site } from "../../generators/shared/site.js";
import { type Listed, readListed } from "../check/sources.js";
import type { Io } from "../model/io.js";
import { ExitError } from "../model/io.js";
import type { Ladder } from "../model/model.js";
import { reportProblems, summarize } from "../model/problems.js";
import { resolveSources } from "../resolve/pipeline.js";
import { type Output, type Sink, sink } from "./produce.js";
import { planDist, RenderError } from "./render.js";

/** The same shape as dist.ts's `Produced`. */
export type ProducedOrganisation = { ok: true; ladders: Ladder[]; outputs: Output[] } | { ok: false };

export async function produceOrganisation(
  listed: readonly Listed[],
  to: Sink,
  io: Io,
  site?: Site,
): Promise<ProducedOrganisation> {
  const sources = listed.map(readListed);
  const result = resolveSources(sources);
  if (!result.ok) {
    reportProblems(result.problems, io);
    io.stderr(`${summarize(result.problems)}; dist/ was not changed\n`);
    return { ok: false };
  }
  reportProblems(result.warnings, io);
  let planned: ReturnType<typeof planDist>;
  try {
    planned = planDist(result.ladders, { organisation: result.organisation, site });
  } catch (error) {
    if (error instanceof RenderError) throw new ExitError(1, error.message, { cause: error });
    throw error;
  }
  const present = new Set(to.kind === "compare" ? to.present : []);
  const outputs: Output[] = [];
  if (to.kind !== "none") for (const file of planned) outputs.push(await sink(to, file.path, file.render(), present));
  return { ok: true, ladders: result.ladders, outputs };
}
