/**
 * Versions in the ladder's data: the fields, their rules, how `fmt` lays them out, and that a track's version
 * is its own (never its base's).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSource } from "../scripts/check/load.js";
import { readSources } from "../scripts/check/sources.js";
import { formatLadder } from "../scripts/import/format.js";
import {
  compareVersions,
  isRealDate,
  newestFirst,
  nextVersion,
  parseVersion,
  parseVersionTag,
  versionTag,
} from "../scripts/model/version.js";
import { resolveSources } from "../scripts/resolve/pipeline.js";
import { fixtures } from "./helpers/golden.js";

const small = (top: string) =>
  `title: Small ladder\n${top}levels:\n  - id: l1\n    code: L1\n    title: Junior\ncategories:\n  - id: skill\n    name: Skill\n    competencies:\n      - id: craft\n        name: Craft\n        cells:\n          l1: Learns the craft.\n`;

describe("versions", () => {
  it("parses MAJOR.MINOR.PATCH and nothing else", () => {
    expect(parseVersion("1.0.0")).toEqual([1, 0, 0]);
    expect(parseVersion("10.20.300")).toEqual([10, 20, 300]);
    for (const bad of ["1.0", "1.0.0.0", "01.0.0", "1.0.0-rc.1", "v1.0.0", " 1.0.0", "1.0.1234567890", ""]) {
      expect(parseVersion(bad), bad).toBeUndefined();
    }
  });

  it("orders versions by their numbers, not as text", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("2.0.0", "10.0.0")).toBeLessThan(0);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
    expect(newestFirst(["1.9.0", "1.10.0", "0.1.0", "2.0.0"])).toEqual(["2.0.0", "1.10.0", "1.9.0", "0.1.0"]);
  });

  it("steps a version: major resets minor and patch, minor resets patch", () => {
    expect(nextVersion("1.4.2", "major")).toBe("2.0.0");
    expect(nextVersion("1.4.2", "minor")).toBe("1.5.0");
    expect(nextVersion("1.4.2", "patch")).toBe("1.4.3");
  });

  it("names release tags <id>@<version> and reads them back", () => {
    expect(versionTag("sre", "1.2.0")).toBe("sre@1.2.0");
    expect(parseVersionTag("on-call@1.2.0")).toEqual({ ladder: "on-call", version: "1.2.0" });
    for (const bad of ["sre@1.2", "SRE@1.0.0", "sre@1.0.0@1.0.0", "ladder-2026-12-01-abc1234", "@1.0.0"]) {
      expect(parseVersionTag(bad), bad).toBeUndefined();
    }
  });

  it("knows a real date from a date-shaped text", () => {
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("2027-02-29")).toBe(false);
    expect(isRealDate("2027-13-01")).toBe(false);
    expect(isRealDate("2027-1-01")).toBe(false);
  });
});

describe("the version fields in a ladder file", () => {
  it("loads version, effective, status and replacedBy as text, through the canonical fast path too", () => {
    const text = small("version: 2.1.0\neffective: 2027-01-01\nstatus: legacy\nreplacedBy: sre\n");
    const loaded = loadSource({ file: "ladder/small.yaml", text: Buffer.from(text) });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.parsed.data).toMatchObject({
      version: "2.1.0",
      effective: "2027-01-01",
      status: "legacy",
      replacedBy: "sre",
    });
  });

  it("fmt puts them right after the title, in a fixed order, and keeps comments", () => {
    const text = `title: Small ladder\nlevels:\n  - id: l1\n    code: L1\n    title: Junior\n# the next round\neffective: 2027-01-01\nversion: 1.2.0 # raised by bump\ncategories:\n  - id: skill\n    name: Skill\n    competencies:\n      - id: craft\n        name: Craft\n        cells:\n          l1: Learns the craft.\n`;
    const result = formatLadder(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.split("\n").slice(0, 4)).toEqual([
      "title: Small ladder",
      "version: 1.2.0 # raised by bump",
      "# the next round",
      "effective: 2027-01-01",
    ]);
    expect(formatLadder(result.text)).toMatchObject({ ok: true, changed: false });
  });

  it("the seed says version 1.0.0 and is in the canonical layout", () => {
    const text = readFileSync(path.join(import.meta.dirname, "../ladder/sre.yaml"), "utf8");
    expect(text).toMatch(/^title: Titles for Ops\nversion: 1\.0\.0\n/m);
    expect(formatLadder(text)).toMatchObject({ ok: true, changed: false });
  });
});

describe("versions across files", () => {
  const repo = path.join(fixtures, "organisation/repo");
  const copy = (edits: Record<string, (text: string) => string>) => {
    const root = mkdtempSync(path.join(tmpdir(), "versions-"));
    cpSync(repo, root, { recursive: true });
    for (const [name, change] of Object.entries(edits)) {
      const file = path.join(root, "ladder", name);
      writeFileSync(file, change(readFileSync(file, "utf8")));
    }
    return root;
  };
  const resolve = async (root: string) =>
    resolveSources(await readSources({ root, ladders: path.join(root, "ladder") }));

  it("a track has its own version: the base's is never inherited", async () => {
    const root = copy({
      "core.yaml": (t) =>
        t.replace("title: Shared core\n", "title: Shared core\nversion: 3.0.0\neffective: 2027-01-01\n"),
      "programmer.yaml": (t) => t.replace("title: Programming track\n", "title: Programming track\nversion: 1.4.0\n"),
    });
    const result = await resolve(root);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byId = new Map(result.ladders.map((l) => [l.id, l]));
    expect(byId.get("core")).toMatchObject({ version: "3.0.0", effective: "2027-01-01" });
    expect(byId.get("programmer")?.version).toBe("1.4.0");
    expect(byId.get("programmer")?.effective).toBeUndefined();
    expect(byId.get("designer")?.version).toBeUndefined();
  });

  it("replacedBy must name another ladder of the folder", async () => {
    const root = copy({
      "qa.yaml": (t) => t.replace(/^title: (.*)\n/, "title: $1\nstatus: superseded\nreplacedBy: quality\n"),
    });
    const result = await resolve(root);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      "ladder/qa.yaml:3:13 unknown-replacement",
    ]);
    expect(result.problems[0]?.message).toContain(
      "(known: core, designer, engineering-manager, programmer, sre, support)",
    );
    const fixed = copy({
      "qa.yaml": (t) => t.replace(/^title: (.*)\n/, "title: $1\nstatus: superseded\nreplacedBy: programmer\n"),
    });
    expect((await resolve(fixed)).ok).toBe(true);
  });
});
