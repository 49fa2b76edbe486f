/**
 * Ladder text is data on stderr, on stdout and in annotations: a level title, a competency name or a key holding a
 * newline and `::error …::` or `::stop-commands::`, or raw ESC sequences, is printed escaped, so the Actions
 * runner reads no workflow command from it and a terminal no control sequence.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { annotation, formatProblem, printable } from "../scripts/model/problems.js";
import { tempRoot } from "./helpers/cli.js";
import { runMain } from "./helpers/run-main.js";

const seed = readFileSync(path.join(import.meta.dirname, "fixtures/sre/ladder/sre.yaml"), "utf8");
const INJECT =
  "\n::error file=ladder/sre.yaml,line=1::forged\n::stop-commands::abc\r\n::add-mask::x\u001b[2J\u001b]0;title\u0007";

/** The seed with hostile text where the schema allows any text, and a hostile key where it allows none. */
function hostile(): string {
  return seed
    .replace("title: Junior SRE", `title: ${JSON.stringify(`Junior${INJECT}`)}`)
    .replace("name: Mastery\n", `name: ${JSON.stringify(`Mastery${INJECT}`)}\n`)
    .replace("levels:\n", `${JSON.stringify(`extra${INJECT}`)}: 1\nlevels:\n`)
    .replace(/(cells:\n {10}l1: )(.*)\n {10}l2: .*\n/, (_m, key, text) => `${key}${text}\n          l2: ${text}\n`);
}

describe("ladder text as data", () => {
  it("no stderr line that ladder content reaches starts with `::`, and stdout holds only our annotations", async () => {
    const root = tempRoot({ "sre.yaml": hostile() });
    for (const command of ["validate", "lint", "build", "check"]) {
      const result = await runMain([command, "--root", root], root, { GITHUB_ACTIONS: "true" });
      expect(result.code, command).toBe(1);
      const err = result.stderr.split("\n");
      expect(
        err.filter((line) => line.startsWith("::") || line.includes("\u001b")),
        command,
      ).toEqual([]);
      expect(result.stderr, command).toContain("extra\\n::error file=ladder/sre.yaml,line=1::forged\\n");
      const problems = err.filter((line) => line.startsWith("ladder/sre.yaml:"));
      expect(problems.length, command).toBeGreaterThan(0);
      // Each problem is one annotation line, whose text is the escaped message: no command can follow it.
      const out = result.stdout.split("\n").filter((line) => line !== "");
      expect(out.filter((line) => line.startsWith("::")).length, command).toBe(problems.length);
      for (const line of out) {
        expect(line, command).toMatch(/^::(error|warning) title=[\w-]+,file=ladder\/sre\.yaml,line=\d+,col=\d+::/);
        expect(line.includes("\u001b") || line.includes("\r"), command).toBe(false);
      }
    }
  });

  it("escapes every C0 and C1 control, DEL, the bidi controls and the line separators, and nothing else", () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)),
      ...Array.from({ length: 0x21 }, (_, c) => String.fromCharCode(0x7f + c)),
      ..."\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ];
    for (const c of controls) {
      const shown = printable(`a${c}b`);
      expect(shown).toMatch(/^a\\(n|r|t|u[0-9a-f]{4})b$/);
    }
    expect(printable("Ünïcödé — “quotes”, emoji 👩‍💻, \\ and %")).toBe("Ünïcödé — “quotes”, emoji 👩‍💻, \\ and %");
    const p = {
      file: "ladder/a.yaml",
      line: 3,
      column: 5,
      severity: "error" as const,
      rule: "r",
      message: `x${INJECT}`,
    };
    for (const line of [formatProblem(p), annotation(p)])
      expect([...line].filter((c) => "\r\n\u001b\u0007".includes(c))).toEqual([]);
  });
});
