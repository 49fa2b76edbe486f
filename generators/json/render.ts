/**
 * The JSON generator: `dist/<id>.json`, the validated ladder for programs. No template: the layout is JSON's
 * own, so code builds the document and `JSON.stringify` writes it.
 *
 * The document is built key by key in a fixed order (whatever order the YAML had), cells and examples in the
 * ladder's level order, optional fields present only when the ladder has them. Not included: the source path
 * (it depends on the machine) and the lint settings (they configure tooling, they are not the ladder).
 * `formatVersion` changes only when a program reading the file would have to change.
 */
import type {
  Dropped,
  Ladder,
  LadderStatus,
  Section,
  TrackInOrganisation,
  VersionEntry,
} from "../../scripts/model/model.js";

/** The shape of `dist/<id>.json`, version 1. */
export interface LadderJson {
  formatVersion: 1;
  id: string;
  title: string;
  /** The ladder's version fields, when it has them (docs/versions.md). */
  version?: string;
  effective?: string;
  status?: LadderStatus;
  replacedBy?: string;
  summary?: string;
  prose?: Section[];
  /** The base ladder's id, when this ladder extends one. */
  extends?: string;
  /** Its organisation, the track's name and the scale levels its levels sit on. */
  organisation?: TrackInOrganisation;
  levels: Array<{ id: string; code: string; title: string; summary?: string; scale?: string; prose?: Section[] }>;
  categories: Array<{
    id: string;
    name: string;
    description?: string;
    prose?: Section[];
    /** The ladder id that holds the category, when inherited. */
    from?: string;
    competencies: Array<{
      id: string;
      name: string;
      description?: string;
      prose?: Section[];
      from?: string;
      /** The text cells; a level that does not apply is in `notApplicable` instead. */
      cells: Record<string, string>;
      notApplicable?: Record<string, string>;
      /** Level id to the ladder id that holds that cell, when inherited. */
      cellsFrom?: Record<string, string>;
      examples?: Record<string, string[]>;
    }>;
  }>;
  /** Inherited competencies this ladder leaves out, with the reason. */
  dropped?: Dropped[];
  afterword?: Section[];
  /** What changed in each earlier version, newest first, as the ladder file records it. */
  history?: VersionEntry[];
}

/** Sets `key` when the value is present: keeps absent optional fields absent, and keys in the order set. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

type JsonCategory = LadderJson["categories"][number];
type JsonCompetency = JsonCategory["competencies"][number];

/**
 * Builds the JSON document of a ladder in its fixed key order. Pure; the ladder is not changed. Fields are set
 * one by one rather than spread from small objects: for 834 ladders that made the document in a third of
 * the time, and the document is made for every ladder of every build.
 */
export function ladderJson(ladder: Ladder): LadderJson {
  const levelIds = ladder.levels.map((level) => level.id);
  const doc = { formatVersion: 1, id: ladder.id, title: ladder.title } as LadderJson;
  put(doc, "version", ladder.version);
  put(doc, "effective", ladder.effective);
  put(doc, "status", ladder.status);
  put(doc, "replacedBy", ladder.replacedBy);
  put(doc, "summary", ladder.summary);
  put(doc, "prose", ladder.prose);
  put(doc, "extends", ladder.extends);
  put(doc, "organisation", ladder.organisation);
  doc.levels = ladder.levels.map((level) => {
    const out: LadderJson["levels"][number] = { id: level.id, code: level.code, title: level.title };
    put(out, "summary", level.summary);
    put(out, "scale", level.scale);
    put(out, "prose", level.prose);
    return out;
  });
  /** The entries of `record` for the levels it has, in level order; undefined when it has none. */
  const inOrder = <V>(record: Record<string, V> | undefined, copy: (value: V) => V) => {
    if (record === undefined) return undefined;
    let out: Record<string, V> | undefined;
    for (const id of levelIds) {
      if (!Object.hasOwn(record, id)) continue;
      out ??= {};
      out[id] = copy(record[id] as V);
    }
    return out;
  };
  doc.categories = ladder.categories.map((category) => {
    const out = { id: category.id, name: category.name } as JsonCategory;
    put(out, "description", category.description);
    put(out, "prose", category.prose);
    put(out, "from", category.from);
    out.competencies = category.competencies.map((competency) => {
      const row = { id: competency.id, name: competency.name } as JsonCompetency;
      put(row, "description", competency.description);
      put(row, "prose", competency.prose);
      put(row, "from", competency.from);
      const notApplicable = competency.notApplicable ?? {};
      const cells: Record<string, string> = {};
      for (const id of levelIds) if (!Object.hasOwn(notApplicable, id)) cells[id] = competency.cells[id] ?? "";
      row.cells = cells;
      put(
        row,
        "notApplicable",
        inOrder(competency.notApplicable, (text) => text ?? ""),
      );
      put(
        row,
        "cellsFrom",
        inOrder(competency.cellsFrom, (from) => from ?? ""),
      );
      // Examples only where a level has some (undefined means none), each list a copy.
      const examples = competency.examples;
      let withExamples: Record<string, string[]> | undefined;
      if (examples !== undefined) {
        for (const id of levelIds) {
          if (examples[id] === undefined) continue;
          withExamples ??= {};
          withExamples[id] = [...examples[id]];
        }
      }
      put(row, "examples", withExamples);
      return row;
    });
    return out;
  });
  put(doc, "dropped", ladder.dropped);
  put(doc, "afterword", ladder.afterword);
  put(doc, "history", ladder.history);
  return doc;
}

/** Renders `dist/<id>.json`: two-space indent, LF, a final newline. Pure and deterministic. */
export function renderJson(ladder: Ladder): string {
  return `${JSON.stringify(ladderJson(ladder), null, 2)}\n`;
}
