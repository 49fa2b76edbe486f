/**
 * A diff parses each file once for the same bytes (scripts/check/load.ts `loadOnce`): the two sides share the
 * parse of every file a change left alone; a changed file, a file that could not be read, or the same name
 * with other bytes is parsed on its own.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOnce, loadSource, type Source } from "../scripts/check/load.js";
import { compare } from "../scripts/diff/report.js";
import { type Ladder, sameLadder } from "../scripts/model/model.js";

const seed = readFileSync(path.join(import.meta.dirname, "../ladder/sre.yaml"), "utf8");
const parsed = (result: ReturnType<typeof loadSource>) => (result.ok ? result.parsed.data : result.problems);

describe("loadOnce", () => {
  it("gives the same result for the same bytes, as loadSource would, and parses other bytes again", () => {
    const load = loadOnce();
    const bytes = new TextEncoder().encode(seed);
    const first = load({ file: "ladder/sre.yaml", text: bytes });
    expect(load({ file: "ladder/sre.yaml", text: new Uint8Array(bytes) })).toBe(first);
    expect(parsed(first)).toEqual(parsed(loadSource({ file: "ladder/sre.yaml", text: seed })));
    const edited = load({ file: "ladder/sre.yaml", text: seed.replace("Junior SRE", "Apprentice SRE") });
    expect(edited).not.toBe(first);
    expect(JSON.stringify(parsed(edited))).toContain("Apprentice SRE");
    // Same bytes under another name: another ladder id, parsed on its own.
    const other = load({ file: "ladder/ops.yaml", text: bytes });
    expect(other.ok && other.parsed.id).toBe("ops");
    // A file that could not be read keeps its own problems, and never stands for an empty file.
    const unread: Source = {
      file: "ladder/gone.yaml",
      text: "",
      problems: [{ file: "ladder/gone.yaml", line: 1, column: 1, severity: "error", rule: "read", message: "gone" }],
    };
    expect(load(unread)).toEqual({ ok: false, problems: unread.problems });
    expect(load({ file: "ladder/gone.yaml", text: "" })).toEqual(loadSource({ file: "ladder/gone.yaml", text: "" }));
  });

  it("lets a diff's two sides share an unchanged ladder's parse, and report only the changed one", () => {
    const mini = seed.replace(/^title: .*$/m, "title: Mini");
    const side = (sre: string): Source[] => [
      { file: "ladder/mini.yaml", text: mini },
      { file: "ladder/sre.yaml", text: sre },
    ];
    const result = compare(
      { info: { kind: "directory", path: "base" }, sources: side(seed) },
      { info: { kind: "directory", path: "head" }, sources: side(seed.replace("Junior SRE", "Apprentice SRE")) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { base, head, report } = result.compared;
    expect(report.ladders.map((l) => [l.id, l.status])).toEqual([
      ["mini", "unchanged"],
      ["sre", "changed"],
    ]);
    // The unchanged ladder's data is the one parse; the changed one's is its own.
    expect(head[0]?.categories).toBe(base[0]?.categories);
    expect(head[1]?.categories).not.toBe(base[1]?.categories);
    // Copies of one parse are one ladder; a field of another value, or one more field, makes another.
    const [b, h] = [base[0] as Ladder, head[0] as Ladder];
    expect(h).not.toBe(b);
    expect(sameLadder(b, h)).toBe(true);
    expect(sameLadder(b, { ...h, title: "Other" })).toBe(false);
    expect(sameLadder(b, { ...h, summary: "More" })).toBe(false);
    expect(sameLadder(b, { ...h, categories: structuredClone(h.categories) })).toBe(false);
  });
});
