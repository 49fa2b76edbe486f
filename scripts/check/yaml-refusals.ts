/**
 * What load refuses in a file the YAML parser read without error: aliases, anchors and tags (a ladder is plain
 * text; see ARCHITECTURE.md), a text cut short by a `#` that YAML took for a comment, and a carriage return on its
 * own, which YAML parsers disagree about. Each is reported where the person must act, in plain words. Pure.
 */
import type { Document } from "yaml";
import type { Problem } from "../model/model.js";
import { readComments } from "./comments.js";
import { yamlLibrary } from "./yaml-library.js";
import type { At } from "./yaml-mistakes.js";

/**
 * Aliases (`*name`) and explicit tags (`!!binary`, `!custom`) have no place in a ladder: they can expand to huge
 * documents (an "alias bomb") or turn text into other types. They are refused before any expansion. A plain
 * text that merely starts with `&` or `!` (`&Co. and partners`) is told to be quoted instead.
 */
export function refuseAliasesAndTags(doc: Document, text: string, file: string, at: At): Problem[] {
  const { isAlias, isNode, isPair, isScalar, visit } = yamlLibrary();
  const found = new Map<string, { offset: number; message: string; count: number }>();
  const note = (rule: string, offset: number, message: string) => {
    const first = found.get(rule);
    if (first) first.count++;
    else found.set(rule, { offset, message, count: 1 });
  };
  visit(doc, (_key, node) => {
    if (isPair(node) && isNode(node.key) && !isScalar(node.key)) {
      note(
        "yaml-complex-key",
        node.key.range?.[0] ?? 0,
        "this key is a list or a block of keys, but a key is one word, like `title`",
      );
    }
    if (!isNode(node)) return;
    const offset = node.range?.[0] ?? 0;
    const plain = isScalar(node) && node.type === "PLAIN";
    if (isAlias(node)) note("yaml-alias", offset, `alias *${node.source} is not allowed in a ladder`);
    else if (node.anchor) {
      if (plain && sameLine(text, offset, "&"))
        note("yaml-reserved-start", text.lastIndexOf("&", offset), startsWith("&"));
      else note("yaml-alias", offset, `anchor &${node.anchor} is not allowed in a ladder`);
    }
    // The parser sets `tag` only where the source wrote one (`!!binary`, `!custom`).
    if (node.tag) {
      if (plain && !node.tag.startsWith("tag:") && sameLine(text, offset, "!")) {
        note("yaml-reserved-start", text.lastIndexOf("!", offset), startsWith("!"));
      } else {
        note("yaml-tag", offset, `YAML tag ${node.tag.replace("tag:yaml.org,2002:", "!!")} is not allowed in a ladder`);
      }
    }
  });
  // One problem per rule, at the first occurrence: an alias bomb holds thousands of them.
  return [...found].map(([rule, { offset, message, count }]) => ({
    file,
    ...at(offset),
    severity: "error" as const,
    rule,
    message: `${message}${HINTS[rule] ?? ""}${count > 1 ? ` (${count - 1} more in this file)` : ""}`,
  }));
}

const HINTS: Record<string, string> = {
  "yaml-tag": "; write plain text",
  "yaml-alias": "; write the text out in full",
  "yaml-complex-key":
    "; write it as `key: text`, and put a text that holds `: ` or starts with `[`, `{` or `?` in double quotes",
};

const startsWith = (c: string) =>
  `this text starts with \`${c}\`, which YAML reads as ${c === "&" ? "a mark for reusing the text" : "a type name"}; put the whole text in double quotes ("${c}…")`;

/** Whether `mark` occurs between the start of the line holding `offset` and `offset`. */
function sameLine(text: string, offset: number, mark: string): boolean {
  const at = text.lastIndexOf(mark, offset);
  return at !== -1 && !text.slice(at, offset).includes("\n");
}

/** ` #` followed by a character: a comment YAML starts in the middle of a text, cutting the text there. */
const HASH_IN_TEXT = /[ \t]#[^\s]/;

/**
 * A `#` after a space ends a plain text and starts a comment, so `Learns #1 tools` reads as "Learns". A comment
 * after a text is taken for such a cut when its first character is not a space (`# note` stays a comment).
 */
export function refuseCutTexts(text: string, file: string): Problem[] {
  if (!HASH_IN_TEXT.test(text)) return [];
  const lines = text.split("\n");
  const problems: Problem[] = [];
  for (const comment of readComments(text)) {
    if (comment.ownLine || comment.text === "" || /^\s/.test(comment.text)) continue;
    const before = lines[comment.line - 1].slice(0, comment.column - 1).trimEnd();
    if (before === "" || /[:"'\-[\]{},]$/.test(before)) continue;
    problems.push({
      file,
      line: comment.line,
      column: comment.column,
      severity: "error",
      rule: "yaml-comment-in-text",
      message:
        "a `#` after a space starts a comment, so the text ends before it; if the `#` belongs to the text, put the whole text in double quotes",
    });
  }
  return problems;
}

/**
 * A carriage return not followed by a line feed (old Mac line endings, or one pasted into a text): YAML calls it
 * a line break, but parsers differ on it, so it is refused where it is rather than read one way or the other.
 */
export function refuseLoneCarriageReturns(text: string, file: string): Problem[] {
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) {
    if (text.charCodeAt(i + 1) === 10) continue;
    const lineStart = text.lastIndexOf("\n", i) + 1;
    let line = 1;
    for (let k = text.indexOf("\n"); k !== -1 && k < i; k = text.indexOf("\n", k + 1)) line++;
    return [
      {
        file,
        line,
        column: i - lineStart + 1,
        severity: "error",
        rule: "lone-carriage-return",
        message:
          "a carriage return (CR) stands here without a line feed; save the file with LF (or CRLF) line endings, and write a line break inside a text as \\n in double quotes",
      },
    ];
  }
  return [];
}
