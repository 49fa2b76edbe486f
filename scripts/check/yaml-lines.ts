/**
 * The shape of one line of a ladder file as a person wrote it (indentation, dashes, key, text), and the quoted
 * texts the YAML lexer finds: what yaml-mistakes.ts needs to say what went wrong in words. Pure.
 */
import { yamlLibrary } from "./yaml-library.js";

/** One line, split as a ladder's lines are written: `  - key: text`. Columns are 0-based offsets in the line. */
export interface LineShape {
  raw: string;
  /** Spaces before the first character. */
  indent: number;
  /** Where the content starts after the indentation and any `- `. */
  content: number;
  dashes: number;
  /** A `key:` at `content` (followed by a space, the end of the line, or, wrongly, a character). */
  key?: string;
  /** The column just after the key's colon. */
  colon?: number;
  /** The text after `key: ` (or after `- ` when there is no key), and where it starts. */
  value?: string;
  valueColumn?: number;
}

const KEY_AT = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ ]*:/;

/** Whether a line holds nothing but spaces or a comment. */
export function isBlank(raw: string): boolean {
  const trimmed = raw.trimStart();
  return trimmed === "" || trimmed.startsWith("#") || trimmed === "\r";
}

export function shapeOf(line: string): LineShape {
  const raw = line.endsWith("\r") ? line.slice(0, -1) : line;
  let i = 0;
  while (raw[i] === " ") i++;
  const indent = i;
  let dashes = 0;
  while (raw[i] === "-" && (raw[i + 1] === " " || i + 1 === raw.length)) {
    dashes++;
    i += 2;
    while (raw[i] === " ") i++;
  }
  const shape: LineShape = { raw, indent, content: i, dashes };
  const key = KEY_AT.exec(raw.slice(i));
  if (key) {
    shape.key = key[1];
    shape.colon = i + key[0].length;
    let v = shape.colon;
    while (raw[v] === " " || raw[v] === "\t") v++;
    if (v < raw.length && (v > shape.colon || raw[shape.colon] !== undefined)) {
      shape.value = raw.slice(v);
      shape.valueColumn = v;
    }
  } else if (dashes > 0 && i < raw.length) {
    shape.value = raw.slice(i);
    shape.valueColumn = i;
  }
  return shape;
}

/** The next line after `index` (0-based) that holds content, or -1. */
export function nextContent(lines: readonly string[], index: number): number {
  for (let k = index + 1; k < lines.length; k++) if (!isBlank(lines[k])) return k;
  return -1;
}

/** The nearest line before `index` that holds content, or -1. */
export function previousContent(lines: readonly string[], index: number): number {
  for (let k = index - 1; k >= 0; k--) if (!isBlank(lines[k])) return k;
  return -1;
}

/** A quoted text the lexer found: its opening offset, its source, and whether its closing quote is there. */
export interface QuotedText {
  offset: number;
  source: string;
  closed: boolean;
}

/** The quoted texts of a YAML source, in order (the lexer knows where a quote is text and where it is quoting). */
export function quotedTexts(text: string): QuotedText[] {
  const found: QuotedText[] = [];
  let offset = 0;
  for (const token of new (yamlLibrary().Lexer)().lex(text)) {
    if (token === "\u0002" || token === "\u0018" || token === "\u001f") continue; // zero-width markers
    const q = token[0];
    if (q === '"' || q === "'") found.push({ offset, source: token, closed: isClosed(token) });
    offset += token.length;
  }
  return found;
}

function isClosed(token: string): boolean {
  if (token.length < 2) return false;
  if (token[0] === "'") return token.slice(1).replace(/''/g, "").endsWith("'");
  if (!token.endsWith('"')) return false;
  let slashes = 0;
  for (let i = token.length - 2; i > 0 && token[i] === "\\"; i--) slashes++;
  return slashes % 2 === 0;
}
