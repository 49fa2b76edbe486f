/** The one builder of changes: gives each its impact and a fixed key order. */
import type { Change } from "./change.js";
import { impactOf } from "./impact.js";

const order = ["level", "category", "competency", "field", "before", "after", "code", "from", "to", "cells"] as const;

/** Builds a change, gives it its impact, and lays its keys out in one fixed order (stable JSON). */
export function change(fields: Omit<Change, "impact">): Change {
  const out: Change = { kind: fields.kind, impact: impactOf(fields) };
  for (const key of order) if (fields[key] !== undefined) Object.assign(out, { [key]: fields[key] });
  return out;
}
