/**
 * The comments of a YAML file, with their positions. `lint` reads suppressions from them and `fmt` proves it
 * kept every one. Uses the YAML lexer, so a `#` inside a quoted or block scalar is never taken for a comment.
 */
import { yamlLibrary } from "./yaml-library.js";

/** One `# …` comment: where it starts and its text after the `#`. */
export interface Comment {
  line: number;
  column: number;
  /** The text after `#`, as written (leading space included). */
  text: string;
  /** True when nothing but spaces precedes it on its line. */
  ownLine: boolean;
}

/** The lexer's zero-width markers (document start, flow end, scalar start): not characters of the source. */
const MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

/** Every comment of a YAML source, in order. Pure; line and column are 1-based, as in problems. */
export function readComments(text: string): Comment[] {
  const comments: Comment[] = [];
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  for (const token of new (yamlLibrary().Lexer)().lex(text)) {
    if (MARKERS.has(token)) continue;
    if (token.startsWith("#")) {
      const before = text.slice(lineStart, offset);
      comments.push({ line, column: offset - lineStart + 1, text: token.slice(1), ownLine: before.trim() === "" });
    }
    for (let i = token.indexOf("\n"); i !== -1; i = token.indexOf("\n", i + 1)) {
      line++;
      lineStart = offset + i + 1;
    }
    offset += token.length;
  }
  return comments;
}
