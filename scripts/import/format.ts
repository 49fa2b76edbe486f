/**
 * The canonical layout of a ladder file, as `ladder fmt` writes it and `ladder import` produces it:
 * keys in a fixed order, cells in level order, one line per scalar (no folding), quotes only where YAML needs
 * them, 2-space indent with sequences indented under their key, LF line endings, no BOM.
 * Comments stay with the node they precede or follow, and every character of text is kept: the result is
 * checked against the input (same data, same comments) before it is returned. Pure.
 */
import { isDeepStrictEqual } from "node:util";
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  Scalar,
  visit,
  type YAMLMap,
} from "yaml";
import { readComments } from "../check/comments.js";

/** Key order of each kind of map; keys not listed keep their place after the listed ones. */
const ORDER = {
  ladder: [
    "title",
    "version",
    "effective",
    "status",
    "replacedBy",
    "summary",
    "extends",
    "prose",
    "levels",
    "categories",
    "afterword",
    "lint",
    "history",
  ],
  level: ["id", "code", "title", "summary", "scale", "prose"],
  category: ["id", "name", "description", "prose", "competencies"],
  competency: ["id", "name", "description", "drop", "prose", "cells", "notApplicable", "examples"],
  section: ["heading", "depth", "text"],
  version: ["version", "date", "previous", "impact", "changes"],
  change: ["what", "kind", "impact", "competency", "level", "category", "field", "before", "after"],
} as const;

/** Text a block literal holds exactly: no control characters (tab, CR …), no space ending a line, no leading blank. */
function blockSafe(text: string): boolean {
  if (/[^\P{Cc}\n]|[\u2028\u2029]/u.test(text)) return false;
  const lines = text.split("\n");
  return lines[0] !== "" && !lines[0].startsWith(" ") && lines.every((line) => !line.endsWith(" "));
}

/** How the canonical text is written: no folding at any width, sequences indented under their key. */
export const STRINGIFY_OPTIONS = { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true } as const;

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; message: string };

/**
 * Formats the text of a valid ladder file. Refuses (ok: false) rather than return text whose data or
 * comments differ from the input's, so a formatter bug can never lose a word.
 */
export function formatLadder(input: string): FormatResult {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const doc = parseDocument(source, { schema: "core", uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) return { ok: false, message: `not valid YAML: ${doc.errors[0].message.split("\n")[0]}` };
  const before = doc.toJS();
  canonicalize(doc, source);
  let text = doc.toString(STRINGIFY_OPTIONS);
  // The YAML printer places a few comment shapes where its parser reads them back elsewhere (a comment after
  // a sequence item's last key): a second pass settles them, so the result is a fixed point of `fmt`.
  for (let pass = 0; pass < 3; pass++) {
    const again = parseDocument(text, { schema: "core" });
    canonicalize(again, text);
    const next = again.toString(STRINGIFY_OPTIONS);
    if (next === text) break;
    text = next;
  }

  const after = parseDocument(text, { schema: "core" });
  if (after.errors.length > 0 || !isDeepStrictEqual(after.toJS(), before)) {
    return { ok: false, message: "the canonical layout would change the text; file a bug with this file" };
  }
  const lost = missingComments(source, text);
  if (lost !== undefined) return { ok: false, message: `the canonical layout would lose the comment "#${lost}"` };
  return { ok: true, text, changed: text !== input };
}

/** Reorders keys and resets each node's style, in place. */
function canonicalize(doc: Document, source: string): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  sortKeys(root, ORDER.ladder, "root");
  const sections = (map: YAMLMap, key: string) => {
    for (const section of asSeqOfMaps(map.get(key))) sortKeys(section, ORDER.section, "item");
  };
  sections(root, "prose");
  sections(root, "afterword");
  for (const level of asSeqOfMaps(root.get("levels"))) sections(level, "prose");
  for (const category of asSeqOfMaps(root.get("categories"))) {
    sections(category, "prose");
    for (const competency of asSeqOfMaps(category.get("competencies"))) sections(competency, "prose");
  }
  for (const entry of asSeqOfMaps(root.get("history"))) {
    sortKeys(entry, ORDER.version, "item");
    for (const change of asSeqOfMaps(entry.get("changes"))) sortKeys(change, ORDER.change, "item");
  }
  const levelIds = asSeqOfMaps(root.get("levels")).map((level) => String(level.get("id")));
  for (const level of asSeqOfMaps(root.get("levels"))) sortKeys(level, ORDER.level, "item");
  for (const category of asSeqOfMaps(root.get("categories"))) {
    sortKeys(category, ORDER.category, "item");
    for (const competency of asSeqOfMaps(category.get("competencies"))) {
      sortKeys(competency, ORDER.competency, "item");
      for (const key of ["cells", "notApplicable", "examples"]) {
        const byLevel = competency.get(key);
        if (isMap(byLevel)) sortKeys(byLevel, levelIds, "value", source);
      }
    }
  }
  visit(doc, {
    Seq(_key, seq) {
      // A comment after an item's last line (not the last item) is about what follows: it goes above the next.
      // Block style, except for an empty collection, which has no block form.
      seq.flow = seq.items.length === 0;
      seq.items.forEach((item, i) => {
        const next = seq.items[i + 1];
        if ((isMap(item) || isSeq(item)) && item.comment && isNode(next)) {
          next.commentBefore = next.commentBefore ? `${item.comment}\n${next.commentBefore}` : item.comment;
          item.comment = undefined;
        }
      });
    },
    Scalar(_key, node, path) {
      if (typeof node.value !== "string") return;
      // Plain where YAML allows it; text with line breaks goes on one line, double-quoted with \n. A prose
      // section's `text` (Markdown: paragraphs and lists) is a block literal instead, readable as written.
      const parent = path[path.length - 1];
      const isProse = isPair(parent) && isScalar(parent.key) && parent.key.value === "text";
      if (isProse && node.value.includes("\n") && blockSafe(node.value)) node.type = Scalar.BLOCK_LITERAL;
      else node.type = node.value.includes("\n") ? Scalar.QUOTE_DOUBLE : undefined;
    },
    Map(_key, node) {
      node.flow = node.items.length === 0;
    },
  });
  // Blank lines are layout, not content: kept only where they set off a comment.
  visit(doc, (_key, node) => {
    if (isPair(node)) {
      if (isNode(node.key) && !node.key.commentBefore) node.key.spaceBefore = false;
      return;
    }
    if (isNode(node) && !node.commentBefore) node.spaceBefore = false;
  });
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}

function asSeqOfMaps(value: unknown): YAMLMap[] {
  return isSeq(value) ? value.items.filter((item): item is YAMLMap => isMap(item)) : [];
}

/**
 * Stable sort of a map's pairs by the position of their key in `order`; unlisted keys go last, in place.
 * A comment travels with the key below it. Where the map is: `root`, the comment above the first key stays at
 * the top (the schema modeline stays the first line); `item` of a sequence, the parser gives the map the
 * comment above its `-`, and it stays there; `value` of a key, the parser gives the map the comment above its
 * first key, which moves with that key.
 */
function sortKeys(map: YAMLMap, order: readonly string[], where: "root" | "item" | "value", source = ""): void {
  const keepLeading = where === "root";
  const firstKey = map.items[0]?.key;
  if (where === "value" && map.commentBefore && isScalar(firstKey)) {
    // Only the comment lines right above the first key are about it; one after the parent key (`cells: # …`)
    // is about the whole map and stays at its top.
    const lines = map.commentBefore.split("\n");
    const about = Math.min(lines.length, commentLinesAbove(source, map.range?.[0] ?? 0));
    if (about > 0) {
      const moving = lines.slice(lines.length - about).join("\n");
      firstKey.commentBefore = firstKey.commentBefore ? `${moving}\n${firstKey.commentBefore}` : moving;
      map.commentBefore = about === lines.length ? undefined : lines.slice(0, lines.length - about).join("\n");
    }
  }
  const rank = (pair: (typeof map.items)[number]) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  const leading = keepLeading && isScalar(map.items[0]?.key) ? map.items[0].key.commentBefore : undefined;
  const spaced = isScalar(map.items[0]?.key) ? map.items[0].key.spaceBefore : undefined;
  if (leading !== undefined) (map.items[0].key as Scalar).commentBefore = undefined;
  map.items = map.items
    .map((pair, index) => ({ pair, index }))
    .sort((a, b) => rank(a.pair) - rank(b.pair) || a.index - b.index)
    .map(({ pair }) => pair);
  const first = map.items[0]?.key;
  if (leading !== undefined && isScalar(first)) {
    first.commentBefore = first.commentBefore ? `${leading}\n${first.commentBefore}` : leading;
    first.spaceBefore = spaced;
  }
}

/** How many lines directly above the line of `offset` hold only a comment. */
function commentLinesAbove(source: string, offset: number): number {
  const above = source.slice(0, source.lastIndexOf("\n", offset - 1) + 1).split(/\r?\n/);
  above.pop();
  let count = 0;
  while (count < above.length && above[above.length - 1 - count].trimStart().startsWith("#")) count++;
  return count;
}

/** The first comment of `before` that `after` lacks (compared as a multiset of comment texts). */
function missingComments(before: string, after: string): string | undefined {
  const count = new Map<string, number>();
  for (const c of readComments(after)) count.set(c.text.trimEnd(), (count.get(c.text.trimEnd()) ?? 0) + 1);
  for (const c of readComments(before)) {
    const key = c.text.trimEnd();
    const n = count.get(key) ?? 0;
    if (n === 0) return c.text;
    count.set(key, n - 1);
  }
  return undefined;
}
