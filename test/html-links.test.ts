/**
 * The page's links out of itself, without a browser: the repository comes only from configuration (package.json
 * `repository`, in npm's forms), no GitHub link appears without it, ladder text in a prefilled issue cannot
 * ping anyone, and the header's stamp shows the ladder's version fields only when they are there.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildContext } from "../generators/html/context.js";
import { renderHtml } from "../generators/html/render.js";
import { githubRepository } from "../generators/shared/site.js";
import { readSite } from "../scripts/dist/site.js";
import { FIXTURES, loadLadder } from "./helpers/html-page.js";

const sre = loadLadder(FIXTURES.sre);
const hostile = loadLadder(FIXTURES.hostile);
const REPOSITORY = "https://github.com/example-org/ladders";

describe("githubRepository", () => {
  test.each([
    ["example-org/ladders", REPOSITORY],
    ["github:example-org/ladders", REPOSITORY],
    ["https://github.com/example-org/ladders", REPOSITORY],
    ["https://github.com/example-org/ladders.git", REPOSITORY],
    ["git+https://github.com/example-org/ladders.git", REPOSITORY],
    ["git@github.com:example-org/ladders.git", REPOSITORY],
    [{ type: "git", url: "git+https://github.com/example-org/ladders.git" }, REPOSITORY],
  ])("reads %j as the GitHub repository", (field, expected) => {
    expect(githubRepository(field)).toBe(expected);
  });

  test.each([
    [undefined],
    [""],
    [42],
    ["https://gitlab.com/example-org/ladders"],
    ["https://github.com/example-org"],
    ["https://github.com/a/b/c"],
    ['https://github.com/"><script>/x'],
    ["gitlab:example-org/ladders"],
  ])("names no GitHub repository in %j", (field) => {
    expect(githubRepository(field)).toBeUndefined();
  });
});

describe("readSite", () => {
  const root = (json: string | null) => {
    const dir = mkdtempSync(path.join(tmpdir(), "site-"));
    if (json !== null) writeFileSync(path.join(dir, "package.json"), json);
    return dir;
  };
  test("takes the repository from package.json at the root", () => {
    expect(readSite(root(JSON.stringify({ repository: "github:example-org/ladders" })))).toEqual({
      repository: REPOSITORY,
    });
  });
  test("gives no site without package.json, without the field, or with unreadable JSON", () => {
    expect(readSite(root(null))).toEqual({});
    expect(readSite(root("{}"))).toEqual({});
    expect(readSite(root("{ not json"))).toEqual({});
  });
});

describe("the page's links", () => {
  test("without a repository no page links to GitHub or offers to propose a change", () => {
    for (const ladder of [sre, hostile]) {
      const html = renderHtml(ladder);
      expect(html).not.toMatch(/github\.com|Propose a change/);
      expect(buildContext(ladder).source).toBeNull();
    }
  });

  test("with one, every level entry proposes a change to its cell, and the same site gives the same bytes", () => {
    const html = renderHtml(sre, { site: { repository: REPOSITORY } });
    const cells = sre.levels.length * sre.categories.reduce((n, c) => n + c.competencies.length, 0);
    expect(html.match(/<dd class="propose">/g)).toHaveLength(cells);
    expect(renderHtml(sre, { site: { repository: REPOSITORY } })).toBe(html);
  });

  test("ladder text in a prefilled issue is data: an @mention is broken, markup is encoded", () => {
    const context = buildContext(hostile, { site: { repository: REPOSITORY } });
    const mentions = context.levels[0]?.groups.flatMap((g) => g.entries).find((e) => e.competencyId === "mentions");
    const url = new URL(mentions?.propose as string);
    expect(url.searchParams.get("title")).toContain("@\u200bhere #42");
    expect(url.searchParams.get("title")).not.toMatch(/@here/);
    expect(mentions?.propose).not.toMatch(/[<>"' ]/);
  });

  test("the stamp shows version, date and a status other than current, and nothing when they are absent", () => {
    const { version: _version, ...unversioned } = sre;
    expect(buildContext(sre).stamp).toBe("Version 1.0.0");
    expect(buildContext(unversioned).stamp).toBeNull();
    expect(renderHtml(unversioned)).not.toContain('class="stamp"');
    const stamp = (fields: object) => buildContext({ ...unversioned, ...fields } as typeof sre).stamp;
    expect(stamp({ version: "2.1.0", effective: "2026-12-01" })).toBe("Version 2.1.0 · effective 2026-12-01");
    expect(stamp({ effective: "2026-12-01" })).toBe("Effective 2026-12-01");
    expect(stamp({ version: "1.0.0", status: "superseded" })).toBe("Version 1.0.0 · superseded");
    expect(stamp({ version: "1.0.0", status: "current" })).toBe("Version 1.0.0");
    const legacy = buildContext({ ...sre, status: "legacy", replacedBy: "sre-2028" });
    expect(legacy.stamp).toBe("Version 1.0.0 · legacy");
    expect(legacy.replacement).toEqual({ href: "sre-2028.html", label: "sre-2028" });
    expect(renderHtml({ ...sre, status: "legacy", replacedBy: "sre-2028" })).toContain(
      '<p class="stamp">Version 1.0.0 · legacy · replaced by <a href="sre-2028.html">sre-2028</a></p>',
    );
  });
});
