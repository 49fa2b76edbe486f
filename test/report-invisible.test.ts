/** The pull-request report shows bidirectional controls and invisible characters instead of letting them act. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { code, fence, inline } from "../generators/report/escape.js";
import { showInvisible } from "../scripts/model/invisible.js";
import { tempRoot } from "./helpers/cli.js";
import { runMain } from "./helpers/run-main.js";

describe("invisible characters in the report", () => {
  it("are shown as ‹U+XXXX› in inline text, code spans and fences; joiners and right-to-left text stay", () => {
    const text = "Grants \u202Eresu\u202C access\u200B, wo\u2060rd, \uFEFFbom, tag\u{E0041}";
    const shown = "Grants ‹U+202E›resu‹U+202C› access‹U+200B›, wo‹U+2060›rd, ‹U+FEFF›bom, tag‹U+E0041›";
    expect(showInvisible(text)).toBe(shown);
    expect(inline(text).text).toBe(shown);
    expect(code(text).text).toBe(`\`${shown}\``);
    expect(fence(text).text).toBe(`\`\`\`text\n${shown}\n\`\`\``);
    const kept = "עברית 👩🏽‍💻 می‌خواهم";
    expect(inline(kept).text).toBe(kept);
  });

  it("a cell edited with a right-to-left override shows it in `ladder diff`, as a substantive change", async () => {
    const seed = readFileSync(path.join(import.meta.dirname, "fixtures/sre/ladder/sre.yaml"), "utf8");
    const root = tempRoot();
    for (const [side, text] of [
      ["base", seed],
      ["head", seed.replace("Competent in 1-2 areas", "Competent in \u202E1-2\u202C areas")],
    ] as const) {
      mkdirSync(path.join(root, side, "ladder"), { recursive: true });
      writeFileSync(path.join(root, side, "ladder/sre.yaml"), text);
    }
    const dirs = ["--base-dir", path.join(root, "base"), "--head-dir", path.join(root, "head")];
    const md = await runMain(["diff", ...dirs, "--root", path.join(root, "head")], root);
    expect(md.stdout).toContain("Competent in <ins>‹U+202E›</ins>1-2<ins>‹U+202C›</ins> areas");
    expect(md.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    const json = await runMain(["diff", ...dirs, "--root", path.join(root, "head"), "--format", "json"], root);
    expect(json.stdout).toContain('"impact": "substantive"');
  });
});
