/**
 * A ladder's history: entries built from the diff, kept newest first in the file, written in the canonical
 * layout at the file's end, and shown on the page as escaped text with the words that differ marked.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cellChanges, historyContext } from "../generators/html/history.js";
import { changedCells } from "../generators/html/history-cells.js";
import { renderHtml } from "../generators/html/render.js";
import type { Change } from "../scripts/diff/change.js";
import { historyChange, historyEntry, sameEntry, withEntry } from "../scripts/diff/history.js";
import { formatLadder } from "../scripts/import/format.js";
import { setHistory } from "../scripts/import/set-version.js";
import type { Ladder, VersionEntry } from "../scripts/model/model.js";
import { caseLadder } from "./helpers/golden.js";

const versioned = caseLadder("versioned");
const change = (fields: Partial<Change>): Change => ({ kind: "cell-changed", impact: "substantive", ...fields });
const entry = (version: string, previous: string, changes = 1): VersionEntry => ({
  version,
  previous,
  impact: "substantive",
  changes: Array.from({ length: changes }, () => ({ what: "x", kind: "cell-changed", impact: "substantive" as const })),
});

describe("history entries", () => {
  it("name what changed in the words of the version, the head's names first and the base's for what is gone", () => {
    const base: Ladder = {
      ...versioned,
      categories: [{ ...versioned.categories[0], competencies: [{ id: "phone", name: "Phone support", cells: {} }] }],
    } as Ladder;
    expect(
      historyChange(
        change({ competency: "tickets", level: "s1", field: "text", before: "a", after: "b" }),
        versioned,
        base,
      ),
    ).toEqual({
      what: "Tickets · Support Engineer (S1)",
      kind: "cell-changed",
      impact: "substantive",
      competency: "tickets",
      level: "s1",
      field: "text",
      before: "a",
      after: "b",
    });
    expect(
      historyChange(change({ kind: "competency-removed", impact: "breaking", competency: "phone" }), versioned, base)
        .what,
    ).toBe("Phone support");
    expect(historyChange(change({ kind: "level-renamed", level: "s2", field: "title" }), versioned, base).what).toBe(
      "Senior Support Engineer (S2)",
    );
    expect(historyChange(change({ kind: "category-renamed", category: "craft" }), versioned, base).what).toBe(
      "Craft (category)",
    );
    expect(historyChange(change({ kind: "ladder-changed", field: "summary" }), versioned, base).what).toBe(
      "The ladder",
    );
  });

  it("record the strongest impact and the day, and compare without the day", () => {
    const made = historyEntry(
      [change({ impact: "editorial" }), change({ impact: "breaking", kind: "cell-removed" })],
      { head: versioned, base: versioned },
      "3.0.0",
      "2.1.0",
      "2026-12-03",
    );
    expect(made).toMatchObject({ version: "3.0.0", date: "2026-12-03", previous: "2.1.0", impact: "breaking" });
    expect(sameEntry({ ...made, date: "2020-01-01" }, made)).toBe(true);
    expect(sameEntry({ ...made, impact: "editorial" }, made)).toBe(false);
    expect(sameEntry(undefined, made)).toBe(false);
  });

  it("go newest first; a new entry keeps the old date of its version and replaces never-released ones", () => {
    const history = [{ ...entry("1.0.1", "1.0.0"), date: "2026-01-01" }, entry("1.0.0", "0.9.0")];
    expect(withEntry(history, entry("1.1.0", "1.0.0")).map((e) => e.version)).toEqual(["1.1.0", "1.0.0"]);
    expect(withEntry(history, { ...entry("1.0.1", "1.0.0", 2), date: "2026-12-03" })[0]).toMatchObject({
      version: "1.0.1",
      date: "2026-01-01",
    });
    expect(withEntry([entry("2.0.0", "1.0.0")], entry("1.5.0", "1.4.0")).map((e) => e.version)).toEqual([
      "2.0.0",
      "1.5.0",
    ]);
  });
});

describe("writing the history", () => {
  const text = "title: T\nversion: 1.1.0\nlevels: []\n# the end\n";
  it("appends it in the canonical layout, then replaces it where it stands", () => {
    const first = setHistory(text, [entry("1.1.0", "1.0.0")]);
    expect(first.ok && first.text).toBe(
      "title: T\nversion: 1.1.0\nlevels: []\n# the end\nhistory:\n  - version: 1.1.0\n    previous: 1.0.0\n" +
        "    impact: substantive\n    changes:\n      - what: x\n        kind: cell-changed\n        impact: substantive\n",
    );
    if (!first.ok) return;
    const second = setHistory(first.text, [{ ...entry("1.1.0", "1.0.0", 0), date: "2026-12-03" }]);
    expect(second.ok && second.text).toBe(
      "title: T\nversion: 1.1.0\nlevels: []\n# the end\nhistory:\n  - version: 1.1.0\n    date: 2026-12-03\n" +
        "    previous: 1.0.0\n    impact: substantive\n    changes: []\n",
    );
    expect(setHistory(first.text, [entry("1.1.0", "1.0.0")])).toMatchObject({ ok: true, changed: false });
  });

  it("keeps line endings, quotes texts that need it, and refuses to drop a comment inside the old history", () => {
    const hostile = {
      ...entry("1.1.0", "1.0.0"),
      changes: [{ what: "a: b #c", kind: "cell-changed", impact: "editorial" as const, before: "line\nbreak" }],
    };
    const crlf = setHistory(text.replace(/\n/g, "\r\n"), [hostile]);
    expect(crlf.ok && crlf.text.split("\r\n").length).toBeGreaterThan(8);
    expect(crlf.ok && crlf.text.includes("\n") && !/[^\r]\n/.test(crlf.text)).toBe(true);
    const back = crlf.ok ? (parse(crlf.text) as { history: VersionEntry[] }).history : [];
    expect(back).toEqual([hostile]);
    const formatted = crlf.ok ? formatLadder(crlf.text.replace(/\r\n/g, "\n")) : undefined;
    expect(formatted).toMatchObject({ ok: true, changed: false });
    const commented = "title: T\nversion: 1.1.0\nhistory:\n  # kept by hand\n  - version: 1.0.0\n    changes: []\n";
    expect(setHistory(commented, [entry("1.1.0", "1.0.0")])).toMatchObject({ ok: false });
  });
});

describe("the page's history", () => {
  it("marks cells changed since the previous version, lists every version, and the seed's first version alone", () => {
    const context = historyContext(versioned);
    expect(context).toMatchObject({ since: "2.0.0", order: "2.1.0 2.0.0 1.0.0" });
    expect(context?.choices).toEqual([
      { version: "2.0.0", selected: true },
      { version: "1.0.0", selected: false },
    ]);
    expect(context?.versions.map((v) => [v.anchor, v.heading, v.summary])).toEqual([
      ["version-2.1.0", "Version 2.1.0 (this version)", "Recorded 2026-11-20 · substantive · since 2.0.0"],
      ["version-2.0.0", "Version 2.0.0", "Recorded 2026-06-01 · breaking · since 1.0.0"],
    ]);
    expect([...changedCells(versioned)]).toEqual([
      ["tickets--s1", ["2.1.0"]],
      ["tickets--s2", ["2.1.0"]],
      ["escalation--s1", ["2.0.0"]],
      ["escalation--s2", ["2.0.0"]],
    ]);
    expect(cellChanges(versioned, context).get("escalation--s1")).toEqual({
      versions: "2.0.0",
      shown: false,
      label: "Changed since 2.0.0",
      href: "#version-2.0.0",
    });
    const seed = historyContext({ ...caseLadder("sre"), version: "1.0.0" });
    expect(seed).toMatchObject({ since: null, choices: [] });
    expect(seed?.versions[0]?.summary).toBe("The first version recorded: there is no earlier one to compare with.");
    expect(historyContext(caseLadder("sre"))).toBeNull();
  });

  it("shows history text as data", () => {
    const hostile: Ladder = {
      ...versioned,
      history: [
        {
          version: "2.1.0",
          previous: "2.0.0",
          changes: [
            {
              what: "<img src=x onerror=alert(1)>",
              kind: "cell-changed",
              impact: "substantive",
              competency: "tickets",
              level: "s1",
              before: "</td><script>alert(1)</script>",
              after: "\"' onmouseover=alert(1) <b>",
            },
          ],
        },
      ],
    };
    const html = renderHtml(hostile);
    const section = html.slice(html.indexOf('<section id="history"'), html.indexOf("<script>"));
    expect(section).not.toMatch(/<img|<script|<b>|["'] onmouseover/);
    expect(section).toContain("&lt;img src=x onerror=alert(1)&gt;");
    for (const piece of ["&lt;/td&gt;", "&lt;script&gt;", "&quot;&#39; onmouseover"]) expect(section).toContain(piece);
  });
});
