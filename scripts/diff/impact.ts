/**
 * How much a change matters to the people on the ladder: `breaking`, `substantive` or `editorial`.
 * Pure; used by diff.ts on every change it finds.
 *
 * The rule (also in ARCHITECTURE.md, Decisions, 2026-11-28):
 *
 * - **breaking**: something people were measured against is gone or re-coded: a ladder, level or
 *   competency removed, a cell removed from a level and competency that remain, a level's code changed.
 * - **editorial**: a text edit that keeps every word's meaning. The two texts are editorial when they
 *   carry the same numbers and the same number of negations (`not`, `never`, `without`, `…n't`) and either
 *   (a) they are equal once case, whitespace and punctuation are ignored ("askin gothers" → "asking others",
 *   "planning.Demonstrates" → "planning. Demonstrates", "&" read as "and"), or (b) every changed run of
 *   words is a spelling-level edit of its replacement: same first letter and a small edit distance
 *   (words of up to 4 letters: one letter inserted, deleted or two swapped; up to 7 letters: one edit;
 *   longer: two), and not one dictionary word for another (the `word-list` package's English words),
 *   unless the two differ only by an ending `s`/`es` or by British and American spelling (`-ise`/`-ize`,
 *   `-our`/`-or`). "teh" → "the", "lack" → "lacks", "seperate" → "separate", "organise" → "organize" are
 *   editorial; "Junior" → "Senior", "and" → "any", "small" → "smaller", "Expert" → "Expect", "Leads" →
 *   "Loads", "large" → "larger", "with help" → "independently" are not.
 *   Category and competency moves inside their parent are editorial too: only the display order changes.
 * - **substantive**: everything else: reworded text, anything added, an id changed (links and exports
 *   keyed by it change), a level moved (levels run from junior to senior), a competency moved to another
 *   category, a category removed (its competencies are reported on their own).
 *
 * The word check is a heuristic that errs towards `substantive`: a reviewer should read a change the tool
 * called editorial only if it really is.
 */
import { diffWords, tokenize } from "../../generators/shared/word-diff.js";
import type { Change, Impact } from "./change.js";
import { isWord } from "./dictionary.js";

export type { Impact };

/** The impacts from most to least severe, for sorting and summaries. */
export const impacts: readonly Impact[] = ["breaking", "substantive", "editorial"];

const negations = new Set([
  "no",
  "not",
  "never",
  "none",
  "nor",
  "neither",
  "nobody",
  "nothing",
  "nowhere",
  "without",
  "cannot",
]);

/** The impact of one change, by the rule above. */
export function impactOf(change: Omit<Change, "impact">): Impact {
  switch (change.kind) {
    case "ladder-removed":
    case "level-removed":
    case "competency-removed":
    case "cell-removed":
      return "breaking";
    case "ladder-added":
    case "level-added":
    case "category-added":
    case "competency-added":
    case "cell-added":
    case "category-removed":
    case "level-moved":
      return "substantive";
    case "category-moved":
      return "editorial";
    case "competency-moved":
      return change.from?.category === change.to?.category ? "editorial" : "substantive";
    case "level-renamed":
      if (change.field === "code") return "breaking";
      return change.field === "id" ? "substantive" : textImpact(change.before, change.after);
    default:
      // ladder-changed, category-renamed, competency-renamed, cell-changed: judged by their text.
      return change.field === "id" ? "substantive" : textImpact(change.before, change.after);
  }
}

/** `editorial` when `after` says the same as `before` up to spelling and layout; otherwise `substantive`. */
export function textImpact(before: string | undefined, after: string | undefined): "editorial" | "substantive" {
  return judge(before, after).impact;
}

/**
 * What kind of editorial text edit a change is, where it is one of two a reviewer may want named:
 * `whitespace` (only spaces, tabs or line breaks changed) or `voice` (only pronouns changed, all from the
 * second person to the third or all the other way: "you often help" → "they often help"; spelling-level
 * edits and verb agreement may come with it). Otherwise undefined.
 */
export function textEdit(before: string | undefined, after: string | undefined): "whitespace" | "voice" | undefined {
  if (before === undefined || after === undefined || before === after) return undefined;
  if (before.replace(/\s+/gu, "") === after.replace(/\s+/gu, "")) return "whitespace";
  const judged = judge(before, after);
  return judged.impact === "editorial" && judged.voice ? "voice" : undefined;
}

function judge(
  before: string | undefined,
  after: string | undefined,
): { impact: "editorial" | "substantive"; voice: boolean } {
  const substantive = { impact: "substantive", voice: false } as const;
  if (before === undefined || after === undefined) return substantive;
  if (before === after) return { impact: "editorial", voice: false };
  const [a, b] = middles(nfkc(before), nfkc(after));
  if (!sameList(numbers(a), numbers(b)) || negationCount(a) !== negationCount(b)) return substantive;
  if (bare(a) === bare(b)) return { impact: "editorial", voice: false };
  let removed = "";
  let added = "";
  /** The direction of the pronoun swaps seen so far: "2>3" (you → they) or "3>2". */
  let voice: string | undefined;
  let agreed = false;
  for (const part of [...diffWords(a, b), { op: "same", text: "" }]) {
    if (part.op === "del") removed += part.text;
    else if (part.op === "add") added += part.text;
    else if (removed || added) {
      const from = words(removed);
      const to = words(added);
      if (from.length > 0 && from.length === to.length && !spellingRun(removed, added)) {
        // Word by word: each pair a pronoun of the other person, a verb agreeing with it, or a typo fixed.
        for (let i = 0; i < from.length; i++) {
          const swap = pronounSwap(from[i], to[i]);
          if (swap && (voice === undefined || voice === swap)) voice = swap;
          else if (agreement(from[i], to[i])) agreed = true;
          else if (!spellingEdit(from[i], to[i])) return substantive;
        }
      } else if (!spellingRun(removed, added)) return substantive;
      removed = "";
      added = "";
    }
  }
  // A verb may change only to agree with a new pronoun ("and are" → "and is" alone is not editorial).
  if (agreed && voice === undefined) return substantive;
  return { impact: "editorial", voice: voice !== undefined };
}

const SECOND = new Set(["you", "your", "yours", "yourself", "yourselves"]);
const THIRD = new Set([
  "they",
  "them",
  "their",
  "theirs",
  "themselves",
  "themself",
  "he",
  "him",
  "his",
  "himself",
  "she",
  "her",
  "hers",
  "herself",
]);
/** Verbs that change with the person: "you are" → "they are" needs none, "you are" → "she is" does. */
const AGREEMENT = new Map([
  ["are", "is"],
  ["have", "has"],
  ["do", "does"],
  ["were", "was"],
  ["don't", "doesn't"],
]);

/** "2>3" for a second-person pronoun replaced by a third-person one ("you" → "they"); "3>2" the reverse. */
function pronounSwap(from: string, to: string): string | undefined {
  if (SECOND.has(from) && THIRD.has(to)) return "2>3";
  if (THIRD.has(from) && SECOND.has(to)) return "3>2";
  return undefined;
}

/** A verb changed to agree with a new subject ("are" → "is"). */
function agreement(from: string, to: string): boolean {
  return AGREEMENT.get(from) === to || AGREEMENT.get(to) === from;
}

const wordChar = /[\p{L}\p{N}\p{M}_'’]/u;

/**
 * The differing middles of two texts, widened to whole words. The common start and end say the same on both
 * sides, so only the middles are judged: the rule gives the same answer, and long texts cost no more.
 */
function middles(a: string, b: string): [string, string] {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  while (start > 0 && (wordChar.test(a[start - 1]) || isSurrogate(a.charCodeAt(start - 1)))) start--;
  while (end > 0 && (wordChar.test(a[a.length - end]) || isSurrogate(a.charCodeAt(a.length - end)))) end--;
  return [a.slice(start, a.length - end), b.slice(start, b.length - end)];
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

function nfkc(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  return /[^\x00-\x7f]/.test(text) ? text.normalize("NFKC") : text;
}

/** Whether one changed run of text (`removed` replaced by `added`) is a spelling or layout edit. */
function spellingRun(removed: string, added: string): boolean {
  if (bare(removed) === bare(added)) return true;
  const from = words(removed);
  const to = words(added);
  if (from.length === 0 || to.length === 0) return false;
  if (from.length === to.length) return from.every((word, i) => spellingEdit(word, to[i]));
  // Words were split or joined as well as misspelt ("askin gothers" → "asking othrs"): judge the run as one word.
  return spellingEdit(bare(removed), bare(added));
}

/** Whether `b` is `a` with a typo fixed: same first letter and an edit distance that grows with the length. */
export function spellingEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const length = Math.max(a.length, b.length);
  if (length <= 2 || a[0] !== b[0]) return false;
  const distance = editDistance(a, b);
  const close =
    length <= 4 ? distance === 1 && (a.length !== b.length || isSwap(a, b)) : distance <= (length <= 7 ? 1 : 2);
  // Close in letters but another word ("Expert" → "Expect"): a different meaning, not a typo fixed.
  return close && (sameWordForm(a, b) || !isWord(a) || !isWord(b));
}

/** One word in two forms: an ending `s`/`es` added or dropped, or British and American spelling. */
function sameWordForm(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long === `${short}s` || long === `${short}es`) return true;
  const american = (w: string) => w.replace(/is(e|es|ed|ing|ation|ations)$/, "iz$1").replace(/our/g, "or");
  return american(a) === american(b);
}

/** Case, whitespace and punctuation removed; "&" read as "and". */
function bare(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

function words(text: string): string[] {
  return tokenize(text.toLowerCase()).filter((token) => /[\p{L}\p{N}]/u.test(token));
}

function numbers(text: string): string[] {
  return text.match(/\p{N}+/gu) ?? [];
}

function negationCount(text: string): number {
  return words(text).filter((word) => negations.has(word) || /n['’]t$/.test(word)).length;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Two equal-length words that differ only by two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}
