/**
 * Writes a top-level key of a ladder file in place, as `ladder bump` does for `version` and `history`: only the
 * value's own characters change, or the key is added where the canonical layout puts it (format.ts: `version`
 * right after the title, `history` last), so the file keeps its layout, its comments and its line endings, and
 * a canonical file stays canonical. Checked like `fmt`: the result must read as the input with only that key
 * set, and keep every comment. Pure.
 */
import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isScalar, type Node, parseDocument, type Scalar } from "yaml";
import { readComments } from "../check/comments.js";
import type { VersionEntry } from "../model/model.js";
import { formatLadder, STRINGIFY_OPTIONS } from "./format.js";

export type SetResult = { ok: true; text: string; changed: boolean } | { ok: false; message: string };

/** The keys a new `key` goes after, in the canonical order (format.ts `ORDER.ladder`). */
const BEFORE: Record<string, readonly string[]> = {
  version: ["title"],
  effective: ["title", "version"],
};

/**
 * Sets the top-level `key` (`version` or `effective`) to `value`, a text that YAML reads as itself unquoted
 * (a version, a date). Refuses (ok: false) a file it cannot change without changing anything else.
 */
export function setTopLevel(input: string, key: "version" | "effective", value: string): SetResult {
  const bom = input.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
  const source = input.slice(bom.length);
  const doc = parseDocument(source, { schema: "core", uniqueKeys: true, strict: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, message: "the file is not a YAML mapping" };
  const before = doc.toJS() as Record<string, unknown>;
  if (before[key] === value) return { ok: true, text: input, changed: false };
  const pairs = doc.contents.items;
  const existing = pairs.find((p) => isScalar(p.key) && p.key.value === key);
  let text: string;
  if (existing) {
    const node = existing.value as Scalar | null;
    if (!isScalar(node) || node.range === undefined || node.range === null) {
      return { ok: false, message: `\`${key}\` is not a single value` };
    }
    const [start, end] = node.range;
    text = source.slice(0, start) + value + source.slice(end);
  } else {
    const after = [...pairs].reverse().find((p) => isScalar(p.key) && BEFORE[key]?.includes(String(p.key.value)));
    const node = after?.value as Scalar | undefined;
    const end = node?.range?.[1];
    if (end === undefined) return { ok: false, message: "the file has no title to put the version under" };
    const newline = source.includes("\r\n") ? "\r\n" : "\n";
    // After the whole line that ends the value (a comment after it stays on its line).
    const lineEnd = source[end - 1] === "\n" ? end : source.indexOf("\n", end) + 1 || source.length;
    const gap = lineEnd === source.length && !source.endsWith("\n") ? newline : "";
    text = `${source.slice(0, lineEnd)}${gap}${key}: ${value}${newline}${source.slice(lineEnd)}`;
  }
  const after = parseDocument(text, { schema: "core", uniqueKeys: true, strict: true });
  const expected = { ...before, [key]: value };
  if (after.errors.length > 0 || !isDeepStrictEqual(after.toJS(), expected) || !sameComments(source, text)) {
    return { ok: false, message: `setting \`${key}\` would change more than that line; set it by hand` };
  }
  return { ok: true, text: bom + text, changed: true };
}

function sameComments(a: string, b: string): boolean {
  const texts = (s: string) => readComments(s).map((c) => c.text);
  return isDeepStrictEqual(texts(a), texts(b));
}

/**
 * Sets the top-level `history` to `history`, written in the canonical layout (format.ts): the old block is
 * replaced where it stands, or the new one goes at the end of the file, where the canonical layout keeps it.
 */
export function setHistory(input: string, history: readonly VersionEntry[]): SetResult {
  const bom = input.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
  const source = input.slice(bom.length);
  const doc = parseDocument(source, { schema: "core", uniqueKeys: true, strict: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, message: "the file is not a YAML mapping" };
  const before = doc.toJS() as Record<string, unknown>;
  const value = JSON.parse(JSON.stringify(history)) as VersionEntry[];
  if (isDeepStrictEqual(before.history, value)) return { ok: true, text: input, changed: false };
  const formatted = formatLadder(new Document({ history: value }).toString(STRINGIFY_OPTIONS));
  if (!formatted.ok) return { ok: false, message: `the history cannot be written: ${formatted.message}` };
  const newline = source.includes("\r\n") ? "\r\n" : "\n";
  const block = formatted.text.replace(/\n/g, newline);
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === "history");
  let text: string;
  if (pair) {
    const start = (pair.key as Scalar).range?.[0];
    const end = (pair.value as Node | null)?.range?.[1];
    if (start === undefined || end === undefined) return { ok: false, message: "`history` has no value to replace" };
    const lineEnd = source[end - 1] === "\n" ? end : source.indexOf("\n", end) + 1 || source.length;
    text = source.slice(0, start) + block + source.slice(lineEnd);
  } else {
    text = `${source}${source === "" || source.endsWith("\n") ? "" : newline}${block}`;
  }
  const after = parseDocument(text, { schema: "core", uniqueKeys: true, strict: true });
  const expected = { ...before, history: value };
  if (after.errors.length > 0 || !isDeepStrictEqual(after.toJS(), expected) || !sameComments(source, text)) {
    return { ok: false, message: "writing the history would change more than the history; fix the file by hand" };
  }
  return { ok: true, text: bom + text, changed: true };
}
