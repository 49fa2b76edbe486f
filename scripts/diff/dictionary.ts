/**
 * Whether a word is an English dictionary word, from the `word-list` package (~274,000 lowercase words, one a
 * line, sorted; shipped in node_modules, nothing fetched). The edge of the diff stage that reads a file: the
 * list is read on first use, and only the words of one first letter are ever put in a set (the impact rule
 * compares only words with the same first letter), so a diff that needs it costs a few milliseconds.
 */
import { readFileSync } from "node:fs";
import wordListPath from "word-list";

let text: string | undefined;
const byLetter = new Map<string, Set<string>>();

/** True for a word of the list (any case); false for anything else, such as a typo or a word with an apostrophe. */
export function isWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (!/^[a-z]+$/.test(lower)) return false;
  return letter(lower[0]).has(lower);
}

/** The words that start with `first`: the list is sorted, so they are one run of lines. */
function letter(first: string): Set<string> {
  let words = byLetter.get(first);
  if (words) return words;
  text ??= `\n${readFileSync(wordListPath, "utf8")}`;
  const start = text.indexOf(`\n${first}`);
  const next = String.fromCharCode(first.charCodeAt(0) + 1);
  const end = first === "z" ? text.length : text.indexOf(`\n${next}`, start + 1);
  words = new Set(start < 0 ? [] : text.slice(start + 1, end < 0 ? text.length : end).split("\n"));
  byLetter.set(first, words);
  return words;
}
