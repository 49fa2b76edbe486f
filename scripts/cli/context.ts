/**
 * What `validate` and `lint` read when files are named: the named files, and, when the ladder folder has an
 * organisation file, every other file of the folder too, since a track cannot be checked without its base
 * and the organisation. Only the named files' problems are reported (`only`).
 */

import type { Source } from "../check/load.js";
import { isOrganisationFile, type Locations, readSources } from "../check/sources.js";

export async function readWithContext(
  where: Locations,
  named: readonly string[],
): Promise<{ sources: Source[]; only?: string[] }> {
  const sources = await readSources(where, named);
  if (named.length === 0) return { sources };
  const folder = await readSources(where).catch(() => [] as Source[]);
  if (!folder.some((s) => isOrganisationFile(s.file))) return { sources };
  const files = new Set(folder.map((s) => s.file));
  return { sources: [...folder, ...sources.filter((s) => !files.has(s.file))], only: sources.map((s) => s.file) };
}
