/** The pull-request report shows bidirectional controls and invisible characters instead of letting them act. */
import { describe, expect, it } from "vitest";
import { code, fence, inline } from "../generators/report/escape.js";
import { showInvisible } from "../scripts/model/invisible.js";

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
});
