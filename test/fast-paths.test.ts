/**
 * Shortcuts taken for speed must give exactly what the plain formulas give: each is checked here against the
 * formula it replaced, on random texts drawn from characters that matter to it.
 */
import * as core from "@actions/core";
import { describe, expect, it } from "vitest";
import { prng } from "../bench/generate.js";
import { csvField, neutraliseFormula } from "../generators/csv/escape.js";
import { escapeHtml, shownText } from "../generators/html/escape.js";
import { escapeMarkdown } from "../generators/markdown/escape.js";
import { medianWithout } from "../scripts/check/lint.js";
import { charLength, median, normalize } from "../scripts/check/lint-text.js";
import { skipCounting } from "../scripts/check/validate.js";
import type { Problem } from "../scripts/model/model.js";
import { annotation, printable } from "../scripts/model/problems.js";

const ALPHABET = [..."aZ 09.,-+=>#&<>\"'`*_~[]|$\\\t\n\r\u00a0\u0085\u2028\ufeff\ud83d\ude00\ud800\u0007\u007f"];
const random = prng(42);
const texts = Array.from({ length: 4000 }, (_, i) =>
  Array.from({ length: (i % 9) + 1 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join(""),
);

describe("fast paths", () => {
  it("escapeMarkdown", () => {
    const full = (text: string) =>
      text
        .replace(/&(?=#?[0-9A-Za-z]+;)/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/[\\`*_~[\]|#$]/g, "\\$&")
        .replace(/\r/g, "&#13;")
        .replace(/\n/g, "<br>")
        .replace(/^\s+|\s+$/g, (space) => [...space].map((c) => `&#${c.codePointAt(0)};`).join(""))
        .replace(/^(?:[-+>=]|\d{1,9}[.)])/, (start) => `${start.slice(0, -1)}\\${start.slice(-1)}`);
    for (const text of texts) expect(escapeMarkdown(text), JSON.stringify(text)).toBe(full(text));
  });

  it("shownText and escapeHtml", () => {
    const shown = (text: string) =>
      text
        .replace(/\r\n?/g, "\n")
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the formula being checked.
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) =>
          String.fromCharCode(c === "\u007f" ? 0x2421 : 0x2400 + c.charCodeAt(0)),
        )
        .replace(
          /[\u0080-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
          "\ufffd",
        );
    const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    for (const text of texts) {
      expect(shownText(text), JSON.stringify(text)).toBe(shown(text));
      expect(escapeHtml(text)).toBe(shown(text).replace(/[&<>"']/g, (c) => entities[c]));
    }
  });

  it("csvField", () => {
    for (const text of texts) expect(csvField(text)).toBe(`"${neutraliseFormula(text).replace(/"/g, '""')}"`);
  });

  it("charLength", () => {
    for (const text of texts) expect(charLength(text), JSON.stringify(text)).toBe([...text].length);
  });

  it("normalize", () => {
    for (const text of texts) expect(normalize(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, " ").trim());
  });

  it("the median of a row without one of its cells", () => {
    for (let n = 2; n < 40; n++) {
      const values = Array.from({ length: n }, () => Math.floor(random() * 20));
      const sorted = [...values].sort((a, b) => a - b);
      values.forEach((value, i) => {
        expect(medianWithout(sorted, value)).toBe(median(values.filter((_, j) => j !== i)));
      });
    }
  });

  it("counting code points only where a length limit is in doubt", () => {
    const code =
      'const func1 = require("ajv/dist/runtime/ucs2length").default;\nif(func1(data) < 3){a()}if(func1(key1) > 2){b()}';
    const fast = skipCounting(code);
    expect(fast).toContain("(data.length < 6 && func1(data) < 3)");
    expect(fast).toContain("(key1.length > 2 && func1(key1) > 2)");
    const count = (s: string) => [...s].length;
    const run = (source: string, data: string) => {
      const calls: string[] = [];
      new Function(
        "require",
        "data",
        "key1",
        "a",
        "b",
        source.replace(/const func1 = .*;/, "const func1 = require();"),
      )(
        () => count,
        data,
        data,
        () => calls.push("a"),
        () => calls.push("b"),
      );
      return calls;
    };
    for (const data of ["", "x", "xy", "xyz", "😀", "😀😀", "😀😀😀", "a😀", "abcdef", "\ud800\ud800\ud800"]) {
      expect(run(fast, data), JSON.stringify(data)).toEqual(run(code, data));
    }
  });

  it("GitHub annotations, written as @actions/core writes them once ladder text is made printable", () => {
    const problems: Problem[] = [
      { file: "ladder/a,b:c%.yaml", line: 3, column: 7, severity: "error", rule: "x-y", message: "50% of\r\nit: a, b" },
      { file: "ladder/sre.yaml", line: 1, column: 2, severity: "warning", rule: "identical-cells", message: "" },
    ];
    for (const problem of problems) {
      let written = "";
      const write = process.stdout.write;
      process.stdout.write = ((text: string) => {
        written += text;
        return true;
      }) as typeof process.stdout.write;
      try {
        const properties = {
          title: problem.rule,
          file: printable(problem.file),
          startLine: problem.line,
          startColumn: problem.column,
        };
        if (problem.severity === "error") core.error(printable(problem.message), properties);
        else core.warning(printable(problem.message), properties);
      } finally {
        process.stdout.write = write;
      }
      expect(`${annotation(problem)}\n`).toBe(written);
      expect(annotation(problem)).not.toMatch(/[\r\n]/);
    }
  });
});
