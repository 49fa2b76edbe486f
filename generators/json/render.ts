/**
 * The JSON generator: `dist/<id>.json`, the validated ladder for programs. No template: the layout is JSON's
 * own, so code builds the document and `JSON.stringify` writes it.
 *
 * The document is built key by key in a fixed order (whatever order the YAML had), cells and examples in the
 * ladder's level order, optional fields present only when the ladder has them. Not included: the source path
 * (it depends on the machine) and the lint settings (they configure tooling, they are not the ladder).
 * `formatVersion` changes only when a program reading the file would have to change.
 */
import type { Ladder } from "../../scripts/model/model.js";

/** The shape of `dist/<id>.json`, version 1. */
export interface LadderJson {
  formatVersion: 1;
  id: string;
  title: string;
  summary?: string;
  levels: Array<{ id: string; code: string; title: string; summary?: string }>;
  categories: Array<{
    id: string;
    name: string;
    description?: string;
    competencies: Array<{
      id: string;
      name: string;
      description?: string;
      cells: Record<string, string>;
      examples?: Record<string, string[]>;
    }>;
  }>;
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
    ...maybe("summary", ladder.summary),
    levels: ladder.levels.map((level) => ({
      id: level.id,
      code: level.code,
      title: level.title,
      ...maybe("summary", level.summary),
    })),
    categories: ladder.categories.map((category) => ({
      id: category.id,
      name: category.name,
      ...maybe("description", category.description),
      competencies: category.competencies.map((competency) => {
        const examples = competency.examples;
        const withExamples = levelIds.filter((id) => examples?.[id] !== undefined);
        return {
          id: competency.id,
          name: competency.name,
          ...maybe("description", competency.description),
          cells: Object.fromEntries(levelIds.map((id) => [id, competency.cells[id] ?? ""])),
          ...maybe(
            "examples",
            withExamples.length === 0
              ? undefined
              : Object.fromEntries(withExamples.map((id) => [id, [...(examples?.[id] ?? [])]])),
          ),
        };
      }),
    })),
  };
}

/** Renders `dist/<id>.json`: two-space indent, LF, a final newline. Pure and deterministic. */
export function renderJson(ladder: Ladder): string {
  return `${JSON.stringify(ladderJson(ladder), null, 2)}\n`;
}
