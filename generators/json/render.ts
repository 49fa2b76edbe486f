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

/** `{ key: value }` when the value is present, else nothing: keeps absent optional fields absent. */
const maybe = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** Builds the JSON document of a ladder in its fixed key order. Pure; the ladder is not changed. */
export function ladderJson(ladder: Ladder): LadderJson {
  const levelIds = ladder.levels.map((level) => level.id);
  return {
    formatVersion: 1,
    id: ladder.id,
    title: ladder.title,
    ...maybe("version", ladder.version),
    ...maybe("effective", ladder.effective),
    ...maybe("status", ladder.status),
    ...maybe("replacedBy", ladder.replacedBy),
    ...maybe("summary", ladder.summary),
    ...maybe("prose", ladder.prose),
    ...maybe("extends", ladder.extends),
    ...maybe("organisation", ladder.organisation),
    levels: ladder.levels.map((level) => ({
      id: level.id,
      code: level.code,
      title: level.title,
      ...maybe("summary", level.summary),
      ...maybe("scale", level.scale),
      ...maybe("prose", level.prose),
    })),
    categories: ladder.categories.map((category) => ({
      id: category.id,
      name: category.name,
      ...maybe("description", category.description),
      ...maybe("prose", category.prose),
      ...maybe("from", category.from),
      competencies: category.competencies.map((competency) => {
        const examples = competency.examples;
        const withExamples = levelIds.filter((id) => examples?.[id] !== undefined);
        const notApplicable = competency.notApplicable ?? {};
        const inOrder = (record: Record<string, string> | undefined) => {
          const ids = levelIds.filter((id) => record !== undefined && Object.hasOwn(record, id));
          return ids.length === 0 ? undefined : Object.fromEntries(ids.map((id) => [id, record?.[id] ?? ""]));
        };
        return {
          id: competency.id,
          name: competency.name,
          ...maybe("description", competency.description),
          ...maybe("prose", competency.prose),
          ...maybe("from", competency.from),
          cells: Object.fromEntries(
            levelIds.filter((id) => !Object.hasOwn(notApplicable, id)).map((id) => [id, competency.cells[id] ?? ""]),
          ),
          ...maybe("notApplicable", inOrder(competency.notApplicable)),
          ...maybe("cellsFrom", inOrder(competency.cellsFrom)),
          ...maybe(
            "examples",
            withExamples.length === 0
              ? undefined
              : Object.fromEntries(withExamples.map((id) => [id, [...(examples?.[id] ?? [])]])),
          ),
        };
      }),
    })),
    ...maybe("dropped", ladder.dropped),
    ...maybe("afterword", ladder.afterword),
    ...maybe("history", ladder.history),
  };
}

/** Renders `dist/<id>.json`: two-space indent, LF, a final newline. Pure and deterministic. */
export function renderJson(ladder: Ladder): string {
  return `${JSON.stringify(ladderJson(ladder), null, 2)}\n`;
}
