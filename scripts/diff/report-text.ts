/**
 * How a changed text is shown to a reviewer: the word diff with visible whitespace and a gap between what
 * was removed and what was inserted, the whitespace edits said in words, and problem messages whose
 * `code spans` stay code. Pure; ladder text goes through the Markdown escaping.
 */
import { code, inline, join, type Md, md, raw, wordDiff } from "../../generators/report/escape.js";
import { diffWords } from "../../generators/shared/word-diff.js";

type Part = { op: "same" | "del" | "add"; text: string };

/** Whitespace as signs a reader can see: `␣` a space, `⇥` a tab, `↵` a line break, `⍽` any other. */
function visible(space: string): string {
  return [...space.replace(/\r\n/g, "\n")]
    .map((c) => (c === " " ? "␣" : c === "\t" ? "⇥" : c === "\n" || c === "\r" ? "↵" : "⍽"))
    .join("");
}

/** U+2009 THIN SPACE: the gap between a removed and an inserted run; part of neither text. */
export const GAP = "\u2009";

const blank = (text: string) => /^\s+$/u.test(text);

/**
 * The word diff of two texts as one line of Markdown: a removed or inserted run of whitespace shows as signs,
 * and a removed run directly followed by an inserted one (or the other way) is set apart by a thin space
 * (`GAP`, in neither text), so "with help" → "independently" reads `~~with help~~ independently`, not
 * `~~with help~~independently`.
 */
export function shownDiff(before: string, after: string): Md {
  const parts: Part[] = [];
  for (const part of diffWords(before, after)) {
    const text = part.op !== "same" && blank(part.text) ? visible(part.text) : part.text;
    const last = parts.at(-1);
    if (last && last.op !== "same" && part.op !== "same" && last.op !== part.op) parts.push({ op: "same", text: GAP });
    parts.push({ op: part.op, text });
  }
  return wordDiff(parts);
}

/**
 * The whitespace edits of a change in words, e.g. "space added after “planning.”", or undefined when no run
 * that changed is whitespace alone.
 */
export function whitespaceNote(before: string, after: string): Md | undefined {
  const parts = diffWords(before, after);
  const notes: Md[] = [];
  parts.forEach((part, k) => {
    if (part.op === "same" || !blank(part.text)) return;
    const other = parts[k + 1];
    // Whitespace replaced by other whitespace ("  " → " ") is one edit, said once.
    if (part.op === "add" && parts[k - 1]?.op === "del" && blank(parts[k - 1].text)) return;
    const replaced = part.op === "del" && other?.op === "add" && blank(other.text);
    const what = spaces(part.text);
    const done = replaced ? `replaced by ${spaces(other.text)}` : part.op === "add" ? "added" : "removed";
    const previous = lastWord(parts.slice(0, k).filter((p) => p.op !== (part.op === "add" ? "del" : "add")));
    const next = firstWord(parts.slice(k + 1).filter((p) => p.op !== (part.op === "add" ? "del" : "add")));
    const where =
      previous && next
        ? md`between “${previous}” and “${next}”`
        : previous
          ? md`at the end, after “${previous}”`
          : next
            ? md`at the start, before “${next}”`
            : raw("");
    notes.push(md`${raw(what)} ${raw(done)} ${where}`);
  });
  if (notes.length === 0) return undefined;
  return md`Whitespace: ${join(notes, "; ")}.`;
}

function spaces(text: string): string {
  const chars = [...text.replace(/\r\n/g, "\n")];
  const kind = chars.every((c) => c === " ")
    ? ["space", "spaces"]
    : chars.every((c) => c === "\n" || c === "\r")
      ? ["line break", "line breaks"]
      : chars.every((c) => c === "\t")
        ? ["tab", "tabs"]
        : ["whitespace character", "whitespace characters"];
  return chars.length === 1 ? `a ${kind[0]}` : `${chars.length} ${kind[1]}`;
}

function lastWord(parts: Part[]): string | undefined {
  const text = parts.map((p) => p.text).join("");
  return /(\S+)\s*$/u.exec(text)?.[1];
}

function firstWord(parts: Part[]): string | undefined {
  const text = parts.map((p) => p.text).join("");
  return /^\s*(\S+)/u.exec(text)?.[1];
}

/**
 * A problem's message as the Markdown it is written in: what stands between backquotes is a code span
 * (through `code`, so it is shown exactly), the rest is escaped text. A stray backquote stays text.
 */
export function messageMarkdown(message: string): Md {
  const pieces = message.split(/`([^`]+)`/);
  return join(
    pieces.map((piece, k) => (k % 2 === 1 ? code(piece) : inline(piece, false))),
    "",
  );
}
