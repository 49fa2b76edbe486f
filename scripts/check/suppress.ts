/**
 * Suppressions: a comment on the line above a finding (or at the end of its line) silences it, with a reason.
 *
 *     # ladder-lint-ignore identical-cells: the two levels really are the same here
 *     l3: Attempts to unblock themselves …
 *
 * Several rules may be named, separated by commas. A suppression without a reason suppresses nothing and is
 * reported itself; so is one that names an unknown rule or no longer matches any finding. Pure.
 */

import type { LintConfig, Problem } from "../model/model.js";
import type { Comment } from "./comments.js";
import { knownRuleIds, settingOf, unknownRuleMessage } from "./lint.js";

/** The marker that starts a suppression comment. */
export const MARKER = "ladder-lint-ignore";

interface Suppression {
  comment: Comment;
  /** The line whose findings it silences. */
  target: number;
  rules: string[];
  reason: string;
}

const SYNTAX = /^\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?::(.*))?$/;

/** The suppressions among a file's comments; comments that use the marker wrongly become problems. */
function readSuppressions(comments: readonly Comment[]): { suppressions: Suppression[]; malformed: Comment[] } {
  const commentLines = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  const suppressions: Suppression[] = [];
  const malformed: Comment[] = [];
  for (const comment of comments) {
    const text = comment.text.trimStart();
    if (!text.startsWith(MARKER)) continue;
    const match = SYNTAX.exec(text.slice(MARKER.length));
    if (!match || !/^\s/.test(text.slice(MARKER.length))) {
      malformed.push(comment);
      continue;
    }
    // A suppression above a block of comments applies to the first line after the block.
    let target = comment.line;
    if (comment.ownLine)
      do target++;
      while (commentLines.has(target));
    const rules = match[1].split(",").map((r) => r.trim());
    suppressions.push({ comment, target, rules, reason: (match[2] ?? "").trim() });
  }
  return { suppressions, malformed };
}

/**
 * Removes the findings that a suppression with a reason silences, and adds a problem for each suppression
 * that has no reason, names an unknown rule, or silences nothing. Settings of `lint.rules` apply to those too.
 */
export function applySuppressions(
  findings: readonly Problem[],
  comments: readonly Comment[],
  file: string,
  config?: LintConfig,
): Problem[] {
  const { suppressions, malformed } = readSuppressions(comments);
  const used = new Set<string>();
  const kept = findings.filter((finding) => {
    const by = suppressions.find((s) => s.reason !== "" && s.target === finding.line && s.rules.includes(finding.rule));
    if (by) used.add(`${by.comment.line}:${finding.rule}`);
    return !by;
  });

  const meta: Problem[] = [];
  const report = (comment: Comment, rule: string, message: string) => {
    const setting = settingOf(config, rule);
    if (setting !== "off")
      meta.push({ file, line: comment.line, column: comment.column, severity: setting, rule, message });
  };
  const example = `# ${MARKER} identical-cells: the two levels really are the same here`;
  for (const comment of malformed) {
    report(comment, "unknown-lint-rule", `a suppression names the rules it silences and why: ${example}`);
  }
  for (const s of suppressions) {
    const unknown = s.rules.filter((rule) => !knownRuleIds.includes(rule));
    for (const rule of unknown) {
      report(s.comment, "unknown-lint-rule", unknownRuleMessage(rule));
    }
    if (s.reason === "") {
      report(
        s.comment,
        "suppression-without-reason",
        `this suppression gives no reason, so it silences nothing; say why after a colon: ${example}`,
      );
      continue;
    }
    for (const rule of s.rules) {
      if (unknown.includes(rule) || settingOf(config, rule) === "off" || used.has(`${s.comment.line}:${rule}`))
        continue;
      report(
        s.comment,
        "unused-suppression",
        `no ${rule} finding on line ${s.target} to suppress; remove this suppression (or move it above the line it is for)`,
      );
    }
  }
  return [...kept, ...meta];
}
