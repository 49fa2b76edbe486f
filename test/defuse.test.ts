/**
 * Defusing holds: a corpus of forged report bodies, each of which would ping someone or link an issue by GitHub's
 * rules (modelled with markdown-it and parse5, test/helpers/github-render.ts), pings and links nothing once
 * defused; and the same holds for ladder text that reaches the report through `ladder diff`.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeHTML, encodeHTML } from "entities";
import { describe, expect, it } from "vitest";
import { defuse } from "../scripts/github/comment.js";
import { runCli } from "./helpers/cli.js";
import { githubEffects } from "./helpers/github-render.js";

const URL = "https://github.com/octo-org/octo-repo";

/** Forged bodies, as a fork could write them; every one pings or links before defusing (asserted below). */
const FORGED: readonly string[] = [
  "@octocat",
  "Ask @org/team",
  "See #123",
  "octo/repo#12",
  "GH-12",
  "gh-12",
  "Gh-12",
  "@&#111;ctocat",
  "&#64;octocat",
  "&#x40;octocat",
  "&#X40;octocat",
  "&commat;octocat",
  "#&#49;23",
  "&#35;123",
  "&num;123",
  "&#x23;123",
  "&#x67;h-12",
  "<div>&#64octocat</div>",
  "<div>&#x40octocat</div>",
  "<div>#&#49 is it</div>",
  "\\@octocat",
  "\\#12",
  "GH\\-12",
  `${URL}/issues/12`,
  `${URL}/pull/12`,
  `${URL}/pull/12/files`,
  `${URL}/discussions/12`,
  `www.github.com/octo-org/octo-repo/issues/12`,
  `[see](${URL}/pull/12)`,
  `<${URL}/issues/12>`,
  `<a href="${URL}/issues/12">x</a>`,
  `<a href="${URL}/issues/&#49;2">x</a>`,
  `[x](${URL}/issues/&#49;2)`,
  `[x](${URL}/issues&#47;12)`,
  "**@octocat**",
  "| @octocat | #1 |\n| --- | --- |\n| GH-2 | x |",
  "> @octocat",
  "- GH-7",
  "(@octocat)",
  "<span>@octocat</span>",
  "@&#X6F;ctocat's",
  `${URL}/issues/%31%32`,
  `[x](${URL}/pull/%31)`,
  `${URL}/ISSUES/12`,
  // An ASCII letter before `@` is no mention, but these reach GitHub's text apart from it, or are no ASCII.
  "**e**@octocat",
  "e<b></b>@octocat",
  "é@octocat",
];

const body = (text: string) =>
  `<!-- ladder-diff head=0123456789abcdef0123456789abcdef01234567 -->\n## Ladder diff\n\n${text}\n`;

describe("defuse, against a corpus of forged bodies", () => {
  it("the corpus is real: every body pings or links by GitHub's rules before defusing", () => {
    const harmless = FORGED.filter((text) => githubEffects(body(text)).length === 0);
    expect(harmless).toEqual([]);
  });

  for (const text of FORGED) {
    it(`pings and links nothing after defusing: ${JSON.stringify(text)}`, () => {
      const defused = defuse(body(text));
      expect(githubEffects(defused)).toEqual([]);
      // Only zero-width spaces are added, so what the reader sees is the same text; and defusing is idempotent.
      expect(defused.replace(/\u200B/g, "")).toBe(body(text));
      expect(defuse(defused)).toBe(defused);
    });
  }

  it("leaves an `@` after an ASCII letter or digit as it is: an address, a version name", () => {
    const plain = body("Mail ops@example.com about `sre@1.0.0` and sre@1.1.0, or team9@octo.");
    expect(githubEffects(plain)).toEqual([]);
    expect(defuse(plain)).toBe(plain);
  });

  it("leaves a body with nothing to defuse byte for byte as it is", () => {
    const plain = body("A C# cell, &amp; an entity, #sre-team, a run https://github.com/o/r/actions/runs/12.");
    expect(defuse(plain)).toBe(plain);
  });

  it("knows every named character reference of the characters a mention, reference or URL is made of", () => {
    const signs = "@#/:._";
    // The name the entities package knows for each sign is recognised; and each name listed decodes to a sign.
    for (const c of signs) {
      const named = /^&([A-Za-z]+);$/.exec(encodeHTML(c));
      const follow = c === "#" ? "1" : c === "@" ? "x" : "";
      if (named && follow) expect(defuse(`&${named[1]};${follow}`)).toBe(`&${named[1]};\u200B${follow}`);
    }
    for (const name of ["commat", "num", "sol", "colon", "period", "lowbar", "UnderBar"]) {
      expect(signs).toContain(decodeHTML(`&${name};`));
    }
    expect(defuse("&commat;x")).toBe("&commat;\u200Bx");
    expect(defuse("&num;1")).toBe("&num;\u200B1");
    expect(defuse(`${URL}&sol;issues&sol;1`)).toBe(`${URL}&sol;issues&sol;\u200B1`);
  });
});

describe("ladder text in the report, end to end", () => {
  it("a ladder whose cells hold every forged text gives a `ladder diff` report that pings and links nothing", () => {
    const root = mkdtempSync(path.join(tmpdir(), "ladder-defuse-"));
    const seed = readFileSync(path.join(import.meta.dirname, "fixtures/sre/ladder/sre.yaml"), "utf8");
    mkdirSync(path.join(root, "base/ladder"), { recursive: true });
    mkdirSync(path.join(root, "head/ladder"), { recursive: true });
    writeFileSync(path.join(root, "base/ladder/sre.yaml"), seed);
    // Each forged text replaces one cell's text (the lines `l1: …` to `l5: …` under `cells:`).
    let k = 0;
    const edited = seed.replace(/^( {10}l[1-5]: ).*$/gm, (line, key: string) =>
      k < FORGED.length ? `${key}${JSON.stringify(FORGED[k++].replace(/\n/g, " "))}` : line,
    );
    expect(k).toBe(FORGED.length);
    writeFileSync(path.join(root, "head/ladder/sre.yaml"), edited);
    const dir = (side: string) => path.join(root, side);
    const result = runCli(["diff", "--base-dir", dir("base"), "--head-dir", dir("head"), "--root", dir("head")]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("octocat");
    expect(githubEffects(result.stdout)).toEqual([]);
  });
});
