/** The English word list behind the impact rule: read from the installed package, by first letter. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import wordListPath from "word-list";
import { isWord } from "../scripts/diff/dictionary.js";

describe("isWord", () => {
  it("knows dictionary words in any case, and not typos or words with apostrophes", () => {
    for (const word of ["expert", "Expect", "LEADS", "loads", "larger", "the", "zyzzyvas", "aa"]) {
      expect(isWord(word), word).toBe(true);
    }
    for (const word of ["teh", "seperate", "maturty", "comunication", "don't", "", "1-2", "café"]) {
      expect(isWord(word), word).toBe(false);
    }
  });

  it("relies on the list being grouped by first letter, which a new version of the package must keep", () => {
    const words = readFileSync(wordListPath, "utf8").split("\n");
    const firsts = words.map((w) => w[0]);
    expect(firsts.every((c, i) => i === 0 || c >= firsts[i - 1])).toBe(true);
    expect(words.every((w) => /^[a-z]+$/.test(w))).toBe(true);
    // Every word is found where isWord looks for it.
    const sample = words.filter((_, i) => i % 997 === 0);
    expect(sample.filter((w) => !isWord(w))).toEqual([]);
  });
});
