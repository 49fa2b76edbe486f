/**
 * HTML escaping for the ladder page: any text from a ladder becomes HTML that shows exactly that text and can
 * never open or close an element, start an entity, or leave an attribute value.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** C0 controls other than tab and LF, and DEL: invalid in an HTML document, shown as control pictures. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** C1 controls, noncharacters and lone surrogates: invalid too, and with no picture of their own. */
const INVALID =
  /[\u0080-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The text a reader sees once `escapeHtml(text)` is parsed, and what tests compare the page's cells with.
 * Line endings become LF because an HTML parser turns CR and CRLF into LF anyway (and `&#13;` is a parse
 * error); characters that would make the document invalid become visible stand-ins instead of vanishing.
 */
export function shownText(text: string): string {
  // Most text holds no CR, control character, noncharacter or surrogate: one test instead of three replacements.
  if (!MAYBE_CHANGED.test(text)) return text;
  return text
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, (c) => String.fromCharCode(c === "\u007f" ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(INVALID, "\ufffd");
}

/** Anything `shownText` could change (surrogates in pairs too, which it keeps: the test only has to be wide). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const MAYBE_CHANGED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/;
const SPECIAL = /[&<>"']/;

/** Anything `escapeHtml` could change: one test for the common text, which needs nothing. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const MAYBE_ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff&<>"']/;

/** Escapes text for HTML element content and for attribute values in double or single quotes. */
export function escapeHtml(text: string): string {
  if (!MAYBE_ESCAPED.test(text)) return text;
  const shown = shownText(text);
  return SPECIAL.test(shown) ? shown.replace(/[&<>"']/g, (c) => ENTITIES[c] as string) : shown;
}
