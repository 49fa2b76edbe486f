/**
 * Escaping for Markdown posted as a GitHub comment: ladder text is data, never markup.
 * - HTML is escaped, so no tag, comment or entity of the text reaches the page;
 * - Markdown's inline syntax (emphasis, code, links, math, tables) is backslash-escaped, and the first
 *   character of the text cannot open a block (heading, quote, list, numbered item);
 * - `@name`, `#123` and `GH-123` get a zero-width space, so nobody is pinged and nothing is cross-linked (an
 *   `@` right after an ASCII letter or digit, as in `user@example.com`, pings no one and is left alone);
 * - bidirectional controls and invisible characters are shown as `‹U+202E›`, so none acts unseen;
 * - line breaks become `<br>`, so the text stays inside its paragraph, list item or table cell;
 * - code fences are longer than any backtick run they hold.
 *
 * Everything that is Markdown is an `Md` object, never a bare string: Handlebars writes an `Md` as it is
 * (through `toHTML`) and HTML-escapes any bare string, so text that skipped this module cannot become markup.
 */

/** A piece of Markdown that is safe to write as it is. */
export class Md {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  /** Handlebars writes objects with `toHTML` without escaping them. */
  toHTML(): string {
    return this.text;
  }
}

import { showInvisible } from "../../scripts/model/invisible.js";

const ZWSP = "\u200B";

/** Markdown written by the report itself (never ladder text). */
export function raw(markdown: string): Md {
  return new Md(markdown);
}

/**
 * Ladder text as inline Markdown: shows exactly the characters written, on one line, in any context
 * (a paragraph, a list item, a table cell: `|` is escaped and line breaks are `<br>`).
 * `edges: false` leaves the start and end alone, for a piece in the middle of a line (a word-diff part).
 */
export function inline(text: string, edges = true): Md {
  const escaped = escapeText(text);
  return new Md(edges ? safeEdges(escaped, true, true) : escaped);
}

function escapeText(text: string): string {
  return showInvisible(text)
    .replace(/[\\`*_{}[\]|~$]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(?<![A-Za-z0-9])@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`)
    .replace(/#(?=\p{N})/gu, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\p{N})/giu, `$1-${ZWSP}`)
    .replace(/\r\n|\r|\n/g, "<br>");
}

/**
 * Where the text could open a block (heading, quote, list, rule, numbered item), escapes that character;
 * spaces at either end become entities, so they neither indent a code block nor make a hard line break.
 */
function safeEdges(escaped: string, start: boolean, end: boolean): string {
  let out = escaped;
  const entities = (space: string) => [...space].map((c) => `&#${c.charCodeAt(0)};`).join("");
  if (start) {
    out = out
      .replace(/^([#+\-=])|^(\d+)([.)])/, (_m, sign, digits, dot) => (sign ? `\\${sign}` : `${digits}\\${dot}`))
      .replace(/^[ \t]+/, entities);
  }
  return end ? out.replace(/[ \t]+$/, entities) : out;
}

/**
 * A word-level diff as one line of Markdown: removed words in `<del>`, inserted words in `<ins>`
 * (GitHub shows them struck through and underlined), the rest as it is.
 */
export function wordDiff(parts: ReadonlyArray<{ op: "same" | "del" | "add"; text: string }>): Md {
  return new Md(
    parts
      .map((part, k) => {
        const text = safeEdges(escapeText(part.text), k === 0, k === parts.length - 1);
        return part.op === "same" ? text : part.op === "del" ? `<del>${text}</del>` : `<ins>${text}</ins>`;
      })
      .join(""),
  );
}

/** Text as a code span, wrapped in more backticks than any run it holds. Not for text with `|` in a table. */
export function code(text: string): Md {
  const flat = showInvisible(text).replace(/\r\n|\r|\n/g, " ");
  const ticks = "`".repeat(longestRun(flat, "`") + 1);
  const pad = /^[`\s]|[`\s]$/.test(flat) ? " " : "";
  return new Md(`${ticks}${pad}${breakComments(flat)}${pad}${ticks}`);
}

/**
 * Ladder text as a fenced code block that shows it exactly: the fence is longer than any backtick run in the
 * text, so nothing in it can close the block early. `<!--` is broken with a zero-width space so that no HTML
 * comment, and so none of the report's cut markers, can appear inside a block.
 */
export function fence(text: string): Md {
  const body = breakComments(showInvisible(text).replace(/\r\n|\r/g, "\n"));
  const ticks = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return new Md(`${ticks}text\n${body}\n${ticks}`);
}

/**
 * A tagged template for Markdown: interpolated strings are ladder text and are escaped with `inline`;
 * `Md` values are written as they are; numbers as digits.
 */
export function md(strings: TemplateStringsArray, ...values: Array<string | number | Md>): Md {
  let out = strings[0];
  values.forEach((value, k) => {
    out +=
      (value instanceof Md ? value.text : typeof value === "number" ? String(value) : inline(value).text) +
      strings[k + 1];
  });
  return new Md(out);
}

/** Joins pieces of Markdown. */
export function join(parts: readonly Md[], separator: string): Md {
  return new Md(parts.map((p) => p.text).join(separator));
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

function breakComments(text: string): string {
  return text.replace(/<!--/g, `<!${ZWSP}--`);
}
