/** The one builder of changes: gives each its impact and a fixed key order. */
import type { Change } from "./change.js";
import { impactOf, textEdit } from "./impact.js";

const order = ["level", "category", "competency", "field", "before", "after", "code", "from", "to", "cells"] as const;

/** Builds a change, gives it its impact (and, for an editorial text edit, its kind), in one fixed key order. */
export function change(fields: Omit<Change, "impact" | "edit">): Change {
  const impact = impactOf(fields);
  const out: Change = { kind: fields.kind, impact };
  const edit = impact === "editorial" && fields.field !== "id" ? textEdit(fields.before, fields.after) : undefined;
  if (edit) out.edit = edit;
  for (const key of order) if (fields[key] !== undefined) Object.assign(out, { [key]: fields[key] });
  return out;
}
