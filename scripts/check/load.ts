/**
 * Stage 1, load: YAML text to a plain object plus what is needed to point at its nodes.
 * Pure: takes the bytes of a file, never reads the disk (see sources.ts for that edge).
 */
import { isUtf8 } from "node:buffer";
import type { Document } from "yaml";
import { type DocPath, ladderIdOf, MAX_FILE_BYTES, type Problem } from "../model/model.js";
import { type Comment, readComments } from "./comments.js";
import { MAX_DEPTH, tooDeep } from "./depth.js";
import { canonicalLocator } from "./locate-canonical.js";
import { parseCanonical } from "./parse-canonical.js";
import { explainDuplicates } from "./yaml-duplicates.js";
import { yamlLibrary } from "./yaml-library.js";
import { explainSyntaxError } from "./yaml-mistakes.js";
import { refuseAliasesAndTags, refuseCutTexts, refuseLoneCarriageReturns } from "./yaml-refusals.js";

/** A ladder file's bytes and the path it is shown under (`ladder/sre.yaml`). */
export interface Source {
  file: string;
  text: Uint8Array | string;
  /** Set when the file could not be read as a ladder (its name, its kind, a read error); `text` is then empty. */
  problems?: Problem[];
}

/** A parsed ladder file: its data, and the means to turn a document path into a line and column. */
export interface Parsed {
  file: string;
  /** The ladder id, from the file name. */
  id: string;
  data: unknown;
  locate: (path: DocPath, atKey?: boolean) => { line: number; column: number };
  /**
   * The file's comments with their positions, read on first call (lint's suppressions need them). With
   * `containing`, only comments holding that text, and a file without it is not even scanned.
   */
  comments: (containing?: string) => Comment[];
}

export type LoadResult = { ok: true; parsed: Parsed } | { ok: false; problems: Problem[] };

/**
 * Parses one ladder file. Every problem carries a line and column; nothing throws on bad input.
 * `fast: false` skips the fast parser (tests use it to prove both paths agree).
 */
export function loadSource(source: Source, options: { fast?: boolean } = {}): LoadResult {
  const { file } = source;
  if (source.problems && source.problems.length > 0) return { ok: false, problems: source.problems };
  const fail = (rule: string, message: string, line = 1, column = 1): LoadResult => ({
    ok: false,
    problems: [{ file, line, column, severity: "error", rule, message }],
  });

  let text: string;
  /** The UTF-8 the text was decoded from, when it was (the fast parser reads some values from it). */
  let bytes: Uint8Array | undefined;
  if (typeof source.text === "string") {
    text = source.text;
  } else {
    if (source.text.byteLength > MAX_FILE_BYTES) {
      return fail(
        "file-too-large",
        `file is ${source.text.byteLength} bytes; a ladder file may be at most ${MAX_FILE_BYTES} bytes (split it into several ladders)`,
      );
    }
    if (isUtf8(source.text)) {
      // Decoded as TextDecoder would, which drops one byte order mark (another one is dropped below); this way
      // is several times faster on a large file.
      bytes = source.text;
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        bytes = bytes.subarray(3);
      }
    } else {
      const at = firstInvalidUtf8(source.text);
      return fail(
        "not-utf8",
        "file is not valid UTF-8; save it as UTF-8 (in Excel: 'CSV UTF-8'; in editors: 'Save with encoding UTF-8')",
        at.line,
        at.column,
      );
    }
  }
  if (text.length > MAX_FILE_BYTES) {
    return fail("file-too-large", `file is larger than ${MAX_FILE_BYTES} bytes; split it into several ladders`);
  }
  // A UTF-8 byte order mark is accepted: editors on Windows add one.
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bytes = bytes?.subarray(3);
  }

  if (/^(\s|#[^\n]*)*$/.test(text)) {
    return fail("empty-file", "file is empty; a ladder needs at least `title`, `levels` and `categories`");
  }

  const id = ladderIdOf(file);
  const fast = options.fast === false ? undefined : fastParse(text, bytes);
  if (fast !== undefined) {
    // An ASCII text is kept as it is: its models are slices of it anyway, one byte a character.
    const decoded = text;
    const again = bytes && bytes.length !== text.length ? decodeAgain(bytes) : () => decoded;
    return { ok: true, parsed: fastParsed(file, id, fast, again) };
  }

  // Refused before the reference parser reads the file: what parsers disagree on, and what would exhaust it.
  const early = refuseLoneCarriageReturns(text, file);
  if (early.length > 0) return { ok: false, problems: early };
  const deep = tooDeep(text);
  if (deep) {
    return fail(
      "too-deep",
      `this line is nested ${deep.depth} levels deep; a ladder file nests at most ${MAX_DEPTH} (a ladder needs about 7): check the indentation of this line and the lines above it`,
      deep.line,
      deep.column,
    );
  }

  const { doc, at } = compose(text);
  const problems: Problem[] = [];
  // After the first syntax error the parser's later errors are mostly echoes of it: report that one, plus
  // every duplicate key, which are independent of each other.
  const syntax = doc.errors.find((error) => error.code !== "DUPLICATE_KEY");
  if (syntax) {
    const explained = explainSyntaxError(
      text,
      { code: syntax.code, message: syntax.message, offset: syntax.pos[0] },
      at,
    );
    problems.push({ file, severity: "error", ...explained });
  }
  const duplicates = doc.errors.filter((error) => error.code === "DUPLICATE_KEY").map((error) => error.pos[0]);
  if (duplicates.length > 0) {
    for (const explained of explainDuplicates(text, duplicates, at))
      problems.push({ file, severity: "error", ...explained });
  }
  if (problems.length === 0) problems.push(...refuseAliasesAndTags(doc, text, file, at), ...refuseCutTexts(text, file));
  if (problems.length > 0)
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };

  const data = doc.toJS({ maxAliasCount: 0 });
  const locate = (path: DocPath, atKey = false) => at(offsetOf(doc, path, atKey));
  return { ok: true, parsed: { file, id, data, locate, comments: lazyComments(() => text) } };
}

/**
 * A file the fast parser read: its positions and comments are wanted only when a later stage finds a problem
 * or lints, and are made from its text then. The one-scalar-per-line layout is located by a light reader
 * (locate-canonical.ts); the rest composes the full document. `text` gives the text again: decoded anew from
 * the file's bytes when it had any, so that the text decoded for the parse is not kept with every ladder (a
 * text with one character past U+00FF is held two bytes a character; the models of a text that is not all
 * ASCII do not point into it, canonical-lines.ts).
 */
function fastParsed(file: string, id: string, data: unknown, text: () => string): Parsed {
  let full: Located | undefined;
  let light: ReturnType<typeof canonicalLocator> | null | undefined;
  const locate = (path: DocPath, atKey = false) => {
    if (light === undefined) light = canonicalLocator(text()) ?? null;
    if (light !== null) return light(path, atKey);
    full ??= compose(text());
    return full.at(offsetOf(full.doc, path, atKey));
  };
  return { file, id, data, locate, comments: lazyComments(text) };
}

/** The text of `bytes` (UTF-8 without a byte order mark), decoded when first asked for, then kept. */
function decodeAgain(bytes: Uint8Array): () => string {
  let text: string | undefined;
  return () => {
    text ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    return text;
  };
}

/** Reads the comments once, when first asked; a search for text the file lacks costs one `includes`. */
function lazyComments(text: () => string): (containing?: string) => Comment[] {
  let comments: Comment[] | undefined;
  return (containing) => {
    if (containing !== undefined && !text().includes(containing)) return [];
    comments ??= readComments(text());
    return containing === undefined ? comments : comments.filter((c) => c.text.includes(containing));
  };
}

interface Located {
  doc: Document;
  at: (offset: number) => { line: number; column: number };
}

/** The full YAML document with source positions: the reference parser, used for every error message. */
function compose(text: string): Located {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    schema: "core",
    uniqueKeys: true,
    strict: true,
    // A key that is a list or a block is refused (yaml-refusals.ts) rather than warned about on stderr.
    logLevel: "error",
  });
  return {
    doc,
    at: (offset) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

/**
 * The fast path: the canonical layout (what `ladder fmt` writes) read by parse-canonical.ts, which returns exactly
 * what the reference parser would, or undefined whenever it cannot be sure (the caller then takes the reference
 * parser, the one that reports problems). There is no third parser: every file has one reading.
 */
export function fastParse(text: string, bytes?: Uint8Array): unknown {
  return parseCanonical(text, bytes);
}

/** The source offset of the node at `path`, or of the deepest existing node on the way there. */
function offsetOf(doc: Document, path: DocPath, atKey: boolean): number {
  let node: unknown = doc.contents;
  let best = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    const items = (node as { items?: unknown[] } | null)?.items;
    if (!items) break;
    if (typeof segment === "number" && !(node as { items: unknown[] }).items.every((it) => isPairLike(it))) {
      const item = items[segment] as { range?: number[] } | undefined;
      if (!item) break;
      best = item.range?.[0] ?? best;
      node = item;
      continue;
    }
    const pair = items.find(
      (it) => isPairLike(it) && String((it as { key: { value?: unknown } }).key?.value) === String(segment),
    ) as { key: { range?: number[] }; value: { range?: number[] } | null } | undefined;
    if (!pair) break;
    if (last && atKey) return pair.key.range?.[0] ?? best;
    best = pair.value?.range?.[0] ?? pair.key.range?.[0] ?? best;
    node = pair.value;
  }
  return best;
}

function isPairLike(item: unknown): boolean {
  return typeof item === "object" && item !== null && "key" in item && "value" in item;
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return { line, column };
    for (let k = 1; k < len; k++) if (bytes[i + k] >> 6 !== 2) return { line, column };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += len;
  }
  return { line, column };
}

/**
 * `loadSource`, parsing each file only once for the same bytes: the two sides of a diff share the parse of
 * every file a change left alone, which in a pull request is most of them. What it gives is shared, so it
 * must not be changed (nothing does: checked on 2026-12-03 by running the test suite with every parsed value
 * frozen).
 */
export function loadOnce(): (source: Source) => LoadResult {
  const seen = new Map<string, { text: Source["text"]; result: LoadResult }>();
  return (source) => {
    // A file that could not be read (its problems instead of its text) is never shared.
    if (source.problems?.length) return loadSource(source);
    const hit = seen.get(source.file);
    if (hit !== undefined && sameText(hit.text, source.text)) return hit.result;
    const result = loadSource(source);
    seen.set(source.file, { text: source.text, result });
    return result;
  };
}

function sameText(a: Source["text"], b: Source["text"]): boolean {
  if (typeof a === "string" || typeof b === "string") return typeof a === typeof b && a === b;
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
