/**
 * Markdown escaping: any ladder text becomes GitHub-flavoured Markdown that shows exactly that text, in a table
 * cell, a heading, a list item or a link label, and can never end a cell, start markup, emphasis, a link, an
 * entity, code, math or a new block. Every change is reversible (see `unescapeMarkdown`), so `ladder import`
 * can read `dist/<id>.md` back to the same text.
 *
 * Plain prose passes through unchanged: `&`, `'`, `(`, `-`, `.` and the like are left alone, which is what keeps
 * the seed's table lines byte-identical.
 */

declare const markdownBrand: unique symbol;
/** Text that `escapeMarkdown` produced: safe to place anywhere inline, and only such text is. */
export type MarkdownText = string & { readonly [markdownBrand]: true };

/**
 * Characters with a meaning in inline Markdown, escaped with a backslash (CommonMark allows a backslash before
 * any ASCII punctuation): `\` escapes, `` ` `` code, `*` `_` emphasis, `~` strikethrough, `[` `]` links and
 * footnotes, `|` table cells (GFM unescapes `\|` before anything else), `#` a heading's closing sequence,
 * `$` GitHub's math.
 */
const PUNCTUATION = /[\\`*_~[\]|#$]/g;
/** `&` only where it would start a character reference (`&amp;`, `&#13;`): elsewhere it is plain text. */
const ENTITY_START = /&(?=#?[0-9A-Za-z]+;)/g;
/** JavaScript's `\s`, which is what markdown-it trims from a table cell (GFM trims less). */
const EDGE_SPACE = /^\s+|\s+$/g;
/**
 * What would open a block where the text starts a line (a summary paragraph): a list (`-`, `+`, `1.`, `1)`),
 * a quote (`>`), a thematic break or a setext underline (`-`, `=`). Escaped in every position, so that one
 * function serves every place and `ladder import` has one rule to undo.
 */
const BLOCK_START = /^(?:[-+>=]|\d{1,9}[.)])/;
/**
 * What any step of `escapeMarkdown` could change, anywhere and at the start (at the end: only whitespace).
 * Text with none of it is returned as it is.
 */
const INLINE_SPECIAL = /[&<\\`*_~[\]|#$\r\n]/;
const EDGE_SPECIAL = /^[\s\d+>=-]/;

/**
 * Escapes text for inline Markdown. Line breaks become `<br>` (LF) and `&#13;` (CR), so a cell stays on one
 * line and CRLF survives; `<` becomes `&lt;` so no HTML or autolink can start; whitespace at either end becomes
 * character references, since tables and headings would trim it; a leading list, quote or break marker gets a
 * backslash.
 */
export function escapeMarkdown(text: string): MarkdownText {
  // Most text has nothing to escape: one test, instead of seven replacements, for all of it.
  if (!INLINE_SPECIAL.test(text) && !EDGE_SPECIAL.test(text.charAt(0)) && !/\s/.test(text.charAt(text.length - 1))) {
    return text as MarkdownText;
  }
  return text
    .replace(ENTITY_START, "&amp;")
    .replace(/</g, "&lt;")
    .replace(PUNCTUATION, "\\$&")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "<br>")
    .replace(EDGE_SPACE, (space) => [...space].map((c) => `&#${c.codePointAt(0)};`).join(""))
    .replace(BLOCK_START, (start) => `${start.slice(0, -1)}\\${start.slice(-1)}`) as MarkdownText;
}

/**
 * Markdown written by code around text that is already MarkdownText: the literal parts are code's own
 * (emphasis, brackets), every value is escaped (or validated prose), so the result is MarkdownText too.
 */
export function md(strings: TemplateStringsArray, ...values: MarkdownText[]): MarkdownText {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? values[i] : ""), "") as MarkdownText;
}

/** Marks text that needs no escaping because code built it from safe parts (ids, anchors, fixed words). */
export function trustedMarkdown(text: string): MarkdownText {
  if (/[\\`*_~[\]|#$<&\r\n]/.test(text)) throw new Error(`not safe as raw Markdown: ${JSON.stringify(text)}`);
  return text as MarkdownText;
}

/**
 * The inverse of `escapeMarkdown` on its own output: what `ladder import` applies to a cell of our Markdown.
 * (Markdown written by hand needs a real parser; this undoes exactly our escaping.)
 */
export function unescapeMarkdown(markdown: string): string {
  return markdown
    .replace(/<br>/g, "\n")
    .replace(/\\([!-/:-@[-`{-~])|&lt;|&amp;|&#(\d+);/g, (match, escaped?: string, code?: string) => {
      if (escaped !== undefined) return escaped;
      if (code !== undefined) return String.fromCodePoint(Number(code));
      return match === "&lt;" ? "<" : "&";
    });
}

/**
 * A link destination that code built from a percent-encoded path and an id fragment (`sre.md#level-l1`).
 * Such text needs no escaping; anything else is refused, so a caller cannot pass raw text by mistake.
 */
export function markdownUrl(url: string): MarkdownText {
  if (!/^[A-Za-z0-9%._~-]*(#[A-Za-z0-9._~-]*)?$/.test(url)) throw new Error(`not a safe link: ${JSON.stringify(url)}`);
  return url as MarkdownText;
}
