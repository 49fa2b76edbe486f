/**
 * A parser for the canonical layout only (what `ladder fmt` writes, see format.ts): block mappings and
 * sequences indented by two spaces, one scalar per line, plain or quoted on that line, full-line comments.
 * About twenty times faster than the reference parser (the `yaml` package) on large ladders, because that
 * layout is all it reads.
 *
 * It returns exactly what the reference parser (YAML 1.2 core schema) returns for the same text, or undefined
 * whenever a line is anything else (a flow collection, a block scalar, a folded or multi-line text, a number,
 * a duplicate key, a trailing comment, nesting deeper than MAX_DEPTH …): the caller then takes the reference
 * parser, which reads the file and reports its problems. test/parse-canonical.test.ts compares the two on every
 * fixture and on texts built to be ambiguous, and test/load-fuzz.test.ts on mutations of the seed. Pure.
 */

import { contentLines, isDash, type Lines, valueText } from "./canonical-lines.js";
import { MAX_DEPTH } from "./depth.js";

type Data = string | Data[] | { [key: string]: Data };

/** Thrown (and caught below) when the text is not in the canonical layout. */
class NotCanonical extends Error {}
const bail = (): never => {
  throw new NotCanonical();
};

/** Characters the YAML spec forbids raw, and CR: any of them sends the text to the general parsers. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNUSUAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/;
/** UNUSUAL or any surrogate: one scan of the text finds both, and most texts hold neither. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNUSUAL_OR_SURROGATE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;
/** A surrogate not in a pair (an emoji is a pair); tested only in texts that hold any surrogate at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A key as the layout writes it: a plain word that YAML reads as a string. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NOT_STRING_KEY = /^(?:true|false|null|True|False|Null|TRUE|FALSE|NULL)$/;
/** A plain scalar that the core schema could read as something other than a string. */
const MAYBE_NOT_STRING = /^(?:[-+.~]|(?:true|false|null|True|False|Null|TRUE|FALSE|NULL)$)/;
/**
 * What the core schema reads as a number among plain scalars that start with a digit: its int (`12`, `0x1F`,
 * `0o17`) and float (`1.5`, `1.`, `1e5`, `1.5E-3`) forms, exactly (the `yaml` package's tests for them). Any
 * other text starting with a digit is a string: a version `1.0.0`, a date `2027-01-01` (the core schema has
 * no timestamps).
 */
const DIGIT_NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/;
/** Characters that make a plain scalar start mean something else (indicators), or a space. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};

/**
 * Parses text in the canonical layout; undefined when the text is anything else. `bytes`, the UTF-8 the text
 * was decoded from, is read for the values of a text that is not all ASCII (see `Lines.bytes`).
 */
export function parseCanonical(text: string, bytes?: Uint8Array): Record<string, Data> | undefined {
  if (text.includes("\t")) return undefined;
  if (UNUSUAL_OR_SURROGATE.test(text) && (UNUSUAL.test(text) || LONE_SURROGATE.test(text))) return undefined;
  // A text of as many characters as bytes is ASCII, and its slices are as compact as can be; any other is
  // read from its bytes (canonical-lines.ts `Lines.bytes`), which gives Latin-1 texts compact strings too.
  const lines = contentLines(text, bytes !== undefined && bytes.length !== text.length ? bytes : undefined);
  if (lines.count === 0 || lines.indent[0] !== 0) return undefined;
  try {
    const data = block(lines, 0, 1);
    if (lines.at !== lines.count || Array.isArray(data) || typeof data !== "object") return undefined;
    return data;
  } catch (error) {
    if (error instanceof NotCanonical) return undefined;
    throw error;
  }
}

/** The collection starting at the current line; `depth` counts it (the root is 1), bounded by MAX_DEPTH. */
function block(lines: Lines, indent: number, depth: number): Data {
  if (depth > MAX_DEPTH) bail();
  return isDash(lines, lines.at) ? sequence(lines, indent, depth) : mapping(lines, indent, {}, depth);
}

/** Key-value lines at `indent` into `into`, until a line indented less. */
function mapping(lines: Lines, indent: number, into: Record<string, Data>, depth: number): Record<string, Data> {
  while (lines.at < lines.count) {
    const k = lines.at;
    if (lines.indent[k] < indent) break;
    if (lines.indent[k] > indent || isDash(lines, k)) bail();
    lines.at++;
    pair(lines, k, indent, lines.start[k], lines.end[k], into, depth);
  }
  return into;
}

/** The `key` of a line `key: value` or `key:` between `from` and `to`, or undefined. */
function keyAt(text: string, from: number, to: number): { key: string; colon: number } | undefined {
  const colon = text.indexOf(":", from);
  if (colon === -1 || colon >= to) return undefined;
  if (colon + 1 < to && text.charCodeAt(colon + 1) !== 32) return undefined;
  const key = text.slice(from, colon);
  return KEY.test(key) ? { key, colon } : undefined;
}

/** One `key: value` on line `k`, or `key:` followed by a more indented block. */
function pair(
  lines: Lines,
  k: number,
  indent: number,
  from: number,
  to: number,
  into: Record<string, Data>,
  depth: number,
): void {
  const found = keyAt(lines.text, from, to) ?? bail();
  const { key, colon } = found;
  if (NOT_STRING_KEY.test(key) || key === "__proto__" || Object.hasOwn(into, key)) bail();
  const from2 = Math.min(colon + 2, to);
  const end = valueEnd(lines.text, from2, to);
  if (end === from2) {
    // `key:` (perhaps with a comment): a nested block, indented further (`ladder fmt` indents sequences too).
    if (lines.at >= lines.count || lines.indent[lines.at] <= indent) bail();
    into[key] = block(lines, lines.indent[lines.at], depth + 1);
    return;
  }
  into[key] = scalar(valueText(lines, k, from2, end));
}

/**
 * Where the scalar that starts at `from` ends: before a trailing ` # comment` and the spaces before it. A `#`
 * directly followed by a character (`Learns #1 tools`) is declined: the reference path reports that text as cut.
 */
function valueEnd(text: string, from: number, to: number): number {
  if (from >= to) return to;
  const first = text.charCodeAt(from);
  if (first === 35 /* # */) return from;
  if (first === 34 /* " */ || first === 39 /* ' */) {
    const close = closingQuote(text, from, to);
    if (close === -1) return to;
    let i = close + 1;
    while (i < to && text.charCodeAt(i) === 32) i++;
    if (i === to) return close + 1;
    return i > close + 1 && text.charCodeAt(i) === 35 ? close + 1 : to;
  }
  // Searched in this line's value only (a slice is a view, not a copy): `indexOf` on the whole text would scan
  // the rest of the file for every value without a comment, and a loop over its characters here was a fifth
  // of the parse.
  const hash = text.slice(from, to).indexOf(" #");
  let end = hash === -1 ? to : from + hash;
  if (end + 2 < to && text.charCodeAt(end + 2) !== 32) bail();
  while (end > from && text.charCodeAt(end - 1) === 32) end--;
  return end;
}

/** The index of the quote that closes the quoted text opening at `from`, on this line, or -1. */
function closingQuote(text: string, from: number, to: number): number {
  const quote = text.charCodeAt(from);
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92 /* \ */) i++;
    else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return -1;
}

/** `- ` items at `indent`: each a scalar, or a mapping whose first key shares the dash's line. */
function sequence(lines: Lines, indent: number, depth: number): Data[] {
  const items: Data[] = [];
  const { text } = lines;
  while (lines.at < lines.count) {
    const k = lines.at;
    if (lines.indent[k] < indent) break;
    const from = lines.start[k] + 2;
    const to = lines.end[k];
    if (lines.indent[k] > indent || !isDash(lines, k) || text.charCodeAt(from - 1) !== 32) bail();
    if (from >= to || text.charCodeAt(from) === 32) bail();
    lines.at++;
    if (keyAt(text, from, to)) {
      if (depth + 1 > MAX_DEPTH) bail();
      const item: Record<string, Data> = {};
      pair(lines, k, indent + 2, from, to, item, depth + 1);
      items.push(mapping(lines, indent + 2, item, depth + 1));
    } else items.push(scalar(valueText(lines, k, from, valueEnd(text, from, to))));
  }
  return items;
}

/** A scalar that is the whole rest of its line. */
function scalar(text: string): string {
  if (text.startsWith('"')) return doubleQuoted(text);
  if (text.startsWith("'")) {
    if (text.length < 2 || !text.endsWith("'")) bail();
    const body = text.slice(1, -1);
    if (body.replace(/''/g, "").includes("'")) bail();
    return body.replace(/''/g, "'");
  }
  // No ` #` either: valueEnd ended the value before the first one.
  if (text === "" || INDICATOR.test(text) || MAYBE_NOT_STRING.test(text) || text.includes(": ")) bail();
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57 && DIGIT_NUMBER.test(text)) bail();
  if (text.endsWith(":") || text.endsWith(" ")) bail();
  return text;
}

function doubleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith('"')) bail();
  let out = "";
  let i = 1;
  const end = text.length - 1;
  while (i < end) {
    const slash = text.indexOf("\\", i);
    const quote = text.indexOf('"', i);
    if (quote !== -1 && quote < end && (slash === -1 || quote < slash)) bail();
    if (slash === -1 || slash >= end) {
      out += text.slice(i, end);
      break;
    }
    out += text.slice(i, slash);
    const c = text[slash + 1];
    const hex = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (hex > 0) {
      const digits = text.slice(slash + 2, slash + 2 + hex);
      if (digits.length !== hex || !/^[0-9A-Fa-f]+$/.test(digits) || slash + 2 + hex > end) bail();
      const code = Number.parseInt(digits, 16);
      if (code > 0x10ffff) bail();
      out += String.fromCodePoint(code);
      i = slash + 2 + hex;
    } else {
      const escaped = slash + 1 < end ? ESCAPES[c] : undefined;
      if (escaped === undefined) bail();
      out += escaped;
      i = slash + 2;
    }
  }
  return out;
}
