/**
 * Stage 3b, lint: quality defects in a valid ladder's text. Each rule is a small pure function named by its id;
 * its findings are warnings unless the ladder's `lint.rules` says `error` or `off`. Suppressions in comments
 * are applied later, where lines are known (suppress.ts). See docs/lint.md.
 */

import { type DocPath, type LintConfig, levelLabel, type PathProblem, type RuleSetting } from "../model/model.js";
import { invisibleCharacters } from "./lint-invisible.js";
import { type Cell, charLength, excerpt, type LadderData, type Row, rows, textFields, wordAt } from "./lint-text.js";
import { findMojibake, fixMojibake } from "./mojibake.js";

/** What a rule reports: where and what; the rule id and severity are added by `lintLadder`. */
export interface Finding {
  path: DocPath;
  message: string;
  atKey?: boolean;
}

type Check = (ladder: LadderData) => Finding[];

/** Rules about suppression comments, applied by suppress.ts; configurable like the others. */
export const suppressionRules = ["suppression-without-reason", "unused-suppression"] as const;

/** A cell this much shorter or longer than the median of its row's other cells is reported. */
export const LENGTH_FACTOR = 4;

/** Identical text in two levels of one competency (a row whose every cell is the same is `unchanging-competency`). */
const identicalCells: Check = (ladder) =>
  rows(ladder)
    .filter((row) => !unchanging(row))
    .flatMap((row) => {
      const findings: Finding[] = [];
      const firstWith = new Map<string, number>();
      row.cells.forEach((cell, i) => {
        const first = firstWith.get(cell.norm) ?? i;
        firstWith.set(cell.norm, first);
        if (first < i) {
          findings.push({
            path: cell.path,
            message: `"${row.name}" at ${levelLabel(cell.level)} has the same text as at ${levelLabel(row.cells[first].level)}; say what changes at this level`,
          });
        }
      });
      return findings;
    });

/** A level's text that is the previous level's text, unchanged, plus more. */
const repeatsPreviousLevel: Check = (ladder) =>
  rows(ladder).flatMap((row) =>
    row.cells.slice(1).flatMap((cell, i) => {
      const previous = row.cells[i].norm;
      const current = cell.norm;
      if (previous.length < 20 || current === previous || !current.includes(previous)) return [];
      return [
        {
          path: cell.path,
          message: `"${row.name}" at ${levelLabel(cell.level)} repeats the whole text of ${levelLabel(row.cells[i].level)} and adds to it; say what is new at this level instead of copying the one below`,
        },
      ];
    }),
  );

/** UTF-8 text once read as Windows-1252: `doesnâ€™t`, `cafÃ©`. */
const mojibake: Check = (ladder) =>
  textFields(ladder).flatMap(({ path, text }) => {
    if (!MAYBE_MOJIBAKE.test(text)) return [];
    const found = findMojibake(text);
    if (found.length === 0) return [];
    const first = found[0];
    const word = wordAt(text, first.index, first.found.length);
    const should = first.repaired === undefined ? "" : `; it should probably read "${fixMojibake(word)}"`;
    const more = found.length > 1 ? ` (${found.length - 1} more in this text)` : "";
    return [{ path, message: `"${word}" looks like broken encoding (UTF-8 read as Windows-1252)${should}${more}` }];
  });

/** Cheap tests that rule out most texts before the precise expressions run. */
const MAYBE_MOJIBAKE = /[\u00C2-\u00F4]/;
const MAYBE_NO_SPACE = /[.!?;:,]\p{Lu}/u;

/** Web and mail addresses: "example.com/Path" is not a sentence. */
const ADDRESS = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
/** Punctuation between a lowercase word (maybe closed by a bracket or quote) and a capitalised word. */
const NO_SPACE = /(?<=\p{Ll}[)\]"'’”]?)[.!?;:,](?=\p{Lu}\p{Ll})/gu;

/** A sentence glued to the previous one: "planning.Demonstrates" (not "e.g.", "1.5" or a URL). */
const missingSpace: Check = (ladder) =>
  textFields(ladder).flatMap(({ path, text }) => {
    if (!MAYBE_NO_SPACE.test(text)) return [];
    const addresses = [...text.matchAll(ADDRESS)].map((m) => [m.index, m.index + m[0].length]);
    const hits = [...text.matchAll(NO_SPACE)].filter((m) => !addresses.some(([s, e]) => m.index >= s && m.index < e));
    if (hits.length === 0) return [];
    const quoted = hits.slice(0, 3).map((m) => `"${wordAt(text, m.index, 1)}"`);
    return [{ path, message: `no space after "${hits[0][0]}" in ${quoted.join(", ")}; add one between sentences` }];
  });

/** Doubled spaces, tabs, and spaces at the start or end of a text or line. */
const extraSpace: Check = (ladder) =>
  textFields(ladder).flatMap(({ path, text }) => {
    const issues: string[] = [];
    // Most texts hold neither two spaces nor a tab: then there is nothing inside to find.
    const maybe = text.includes("  ") || text.includes("\t");
    const inside = maybe ? [...text.matchAll(/(?<=\S)(?: {2,}|[ \t]*\t[ \t]*)(?=\S)/g)] : [];
    if (inside.length > 0) {
      const first = inside[0];
      const what = first[0].includes("\t") ? "a tab" : `${first[0].length} spaces`;
      const more = inside.length > 1 ? ` (and ${inside.length - 1} more)` : "";
      issues.push(`${what} in "${wordAt(text, first.index, first[0].length)}"${more}`);
    }
    if (/^\s/.test(text)) issues.push("space at the start");
    if (/\s$/.test(text)) issues.push("space or line break at the end");
    if (text.includes("\n") && /[ \t]\n/.test(text.trimEnd())) issues.push("space at the end of a line");
    return issues.length === 0 ? [] : [{ path, message: `${issues.join("; ")}; use single spaces between words` }];
  });

const SECOND_PERSON = /\b(?:you|your|yours|yourself|yourselves)\b/i;
const THIRD_PRONOUN = /\b(?:they|them|their|theirs|themselves|themself|he|him|his|himself|she|her|hers|herself)\b/i;
/** A sentence opening with a verb in the third person singular: "Works", "Leads", "Has". */
const THIRD_VERB = /(?:^|[.!?;]\s+)(?:[A-Z][a-z]*[b-df-hj-np-rtv-z]s|[A-Z][a-z]+es|Has|Is|Does|Goes)\b/;

/** A ladder that speaks to "you" in some cells and describes "them" in others: the minority is reported. */
const mixedVoice: Check = (ladder) => {
  const second: Cell[] = [];
  const third: Cell[] = [];
  for (const row of rows(ladder)) {
    for (const cell of row.cells) {
      if (SECOND_PERSON.test(cell.text)) second.push(cell);
      else if (THIRD_PRONOUN.test(cell.text) || THIRD_VERB.test(cell.text)) third.push(cell);
    }
  }
  if (second.length === 0 || third.length === 0) return [];
  if (second.length <= third.length) {
    return second.map((cell) => {
      const at = cell.text.search(SECOND_PERSON);
      return {
        path: cell.path,
        message: `says "you" ("${excerpt(cell.text, at, 3, 12)}") while ${third.length} cells of this ladder describe the person in the third person; keep one voice`,
      };
    });
  }
  return third.map((cell) => ({
    path: cell.path,
    message: `describes the person in the third person ("${excerpt(cell.text, 0, 0, 24)}") while ${second.length} cells of this ladder say "you"; keep one voice`,
  }));
};

/** A cell far shorter or longer than the other cells of its row: something missing, or too much in one cell. */
const cellLength: Check = (ladder) =>
  rows(ladder)
    .filter((row) => row.cells.length >= 3)
    .flatMap((row) => {
      const lengths = row.cells.map((cell) => charLength(cell.norm));
      const sorted = [...lengths].sort((a, b) => a - b);
      return row.cells.flatMap((cell, i) => {
        const n = lengths[i];
        const typical = medianWithout(sorted, n);
        const which =
          n * LENGTH_FACTOR < typical ? "shorter" : n > typical * LENGTH_FACTOR && n - typical >= 40 ? "longer" : "";
        if (which === "") return [];
        return [
          {
            path: cell.path,
            message: `"${row.name}" at ${levelLabel(cell.level)} has ${n} characters, more than ${LENGTH_FACTOR} times ${which} than the row's typical ${Math.round(typical)}; ${which === "shorter" ? "is something missing?" : "split it or trim it"}`,
          },
        ];
      });
    });

/**
 * The median of sorted `values` with one `value` left out: the same as filtering it out and sorting again,
 * without doing so for every cell of a row (a 50-level row would sort 50 lists of 49).
 */
export function medianWithout(sorted: readonly number[], value: number): number {
  const gone = sorted.indexOf(value);
  const at = (k: number) => sorted[k < gone ? k : k + 1];
  const count = sorted.length - 1;
  const mid = count >> 1;
  return count % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

function unchanging(row: Row): boolean {
  return row.cells.length > 1 && row.cells.every((cell) => cell.norm === row.cells[0].norm);
}

/** A competency that reads the same at every level. */
const unchangingCompetency: Check = (ladder) =>
  rows(ladder)
    .filter(unchanging)
    .map((row) => ({
      path: [...row.path, "cells"],
      atKey: true,
      message: `"${row.name}" reads the same at all ${row.cells.length} levels; say how the expectation grows from level to level`,
    }));

/** Every text rule, by id, in the order its findings are reported. */
export const lintRules: Readonly<Record<string, Check>> = {
  "identical-cells": identicalCells,
  "repeats-previous-level": repeatsPreviousLevel,
  mojibake,
  "missing-space": missingSpace,
  "extra-space": extraSpace,
  "mixed-voice": mixedVoice,
  "cell-length": cellLength,
  "unchanging-competency": unchangingCompetency,
  "invisible-character": invisibleCharacters,
};

/** Every rule id `lint.rules` and suppressions may name. */
export const knownRuleIds: readonly string[] = [
  ...Object.keys(lintRules),
  ...suppressionRules,
  "unknown-lint-rule",
].sort();

/** The setting of a rule in a ladder's config: `warning` unless it says otherwise. */
export function settingOf(config: LintConfig | undefined, rule: string): RuleSetting {
  return config?.rules?.[rule] ?? "warning";
}

/** `lint.rules` naming a rule that does not exist: a typo would otherwise silently change nothing. */
function unknownConfiguredRules(config: LintConfig | undefined): Finding[] {
  return Object.keys(config?.rules ?? {})
    .filter((id) => !knownRuleIds.includes(id))
    .map((id) => ({
      path: ["lint", "rules", id],
      atKey: true,
      message: unknownRuleMessage(id),
    }));
}

/** `"identicle-cells" is not a lint rule; did you mean identical-cells?` (or the list of rules). */
export function unknownRuleMessage(id: string): string {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    return row[b.length];
  };
  const [best] = [...knownRuleIds].sort((a, b) => distance(id, a) - distance(id, b));
  const hint = distance(id, best) <= 3 ? `did you mean ${best}?` : `known rules: ${knownRuleIds.join(", ")}`;
  return `"${id}" is not a lint rule; ${hint}`;
}

/** Runs every rule that is not `off` over a valid ladder. Pure; positions are document paths. */
export function lintLadder(ladder: LadderData): PathProblem[] {
  const problems: PathProblem[] = [];
  const checks: Array<[string, Check]> = [
    ...Object.entries(lintRules),
    ["unknown-lint-rule", (l) => unknownConfiguredRules(l.lint)],
  ];
  for (const [rule, check] of checks) {
    const setting = settingOf(ladder.lint, rule);
    if (setting === "off") continue;
    for (const finding of check(ladder)) problems.push({ ...finding, severity: setting, rule });
  }
  return problems;
}
