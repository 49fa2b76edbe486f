/**
 * The Markdown report is safe to post and fits its budget: hostile ladder text stays data (rendered with
 * markdown-it, raw HTML allowed as on GitHub), and a long change is cut whole sections at a time.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { CUT } from "../generators/report/render.js";
import { GAP } from "../scripts/diff/report-text.js";
import { fitBody } from "../scripts/github/comment.js";
import { edit, Repo, seedFiles } from "./helpers/git-repo.js";
import { fixtures, ladder } from "./helpers/golden.js";

const markdown = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof markdown.parse>[number];
const ZWSP = /\u200B/g;
const ALLOWED = new Set(
  "h3 h4 p strong em code pre table thead tbody tr th td ul li details summary del ins br blockquote a".split(" "),
);

/** The elements the body renders to: only the report's own, never one written in the ladder. */
function tags(body: string): string[] {
  return [...markdown.render(body).matchAll(/<([a-z][a-z0-9]*)[\s>]/g)].map((m) => m[1]);
}

/** Structure that must never be left open by a cut: details, fences, tables. */
function expectWellFormed(body: string): void {
  const html = markdown.render(body).replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, "");
  expect(html.match(/<details>/g)?.length ?? 0).toBe(html.match(/<\/details>/g)?.length ?? 0);
  for (const tag of tags(body)) expect(ALLOWED, tag).toContain(tag);
  const tokens = markdown.parse(body, {});
  expect(tokens.filter((t) => t.type === "fence").every((t) => t.info === "text")).toBe(true);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "tr_open") continue;
    let cells = 0;
    for (let k = i + 1; tokens[k].type !== "tr_close"; k++) if (/^t[hd]_open$/.test(tokens[k].type)) cells++;
    expect(cells).toBe(4);
  }
}

/**
 * The visible text of a word-diff line, keeping `keep` ("ins": the new text, "del": the old one). Whitespace
 * that was inserted or removed on its own shows as signs (␣ ↵ ⇥), read back here; the thin space between a
 * removed and an inserted run belongs to neither text.
 */
function visible(children: readonly Token[], keep: "ins" | "del"): string {
  let out = "";
  let skip = false;
  let marked = false;
  const signs: Record<string, string> = { "␣": " ", "↵": "\n", "⇥": "\t" };
  for (const t of children) {
    if (t.type === "html_inline") {
      if (t.content === "<br>") out += skip ? "" : "\n";
      else if (t.content === `<${keep === "ins" ? "del" : "ins"}>`) skip = true;
      else if (t.content === `</${keep === "ins" ? "del" : "ins"}>`) skip = false;
      else if (t.content === `<${keep}>`) marked = true;
      else if (t.content === `</${keep}>`) marked = false;
      continue;
    }
    // A bare URL is linked, as GitHub does; its text stays as written.
    if (t.markup === "linkify") continue;
    expect(["text", "text_special"], `no markup from ladder text: ${t.type}`).toContain(t.type);
    if (skip) continue;
    out += marked && /^[␣↵⇥]+$/.test(t.content) ? [...t.content].map((c) => signs[c]).join("") : t.content;
  }
  return out.replace(ZWSP, "").replaceAll(GAP, "");
}

describe("hostile ladder text", () => {
  const base = readFileSync(path.join(fixtures, "hostile-content/ladder/hostile.yaml"), "utf8");
  const data = parse(base);
  const [markup, templates] = data.categories[0].competencies;
  const mentions = data.categories[1].competencies[1];
  const after = {
    injection: "</details><script>alert(1)</script> <!-- ladder-diff:cut --> & &amp; <img src=x onerror=alert(2)>",
    fence: "`````\nfenced ````` code ``````\n<!-- ladder-diff:cut -->\n`````",
    emphasis: "**not strong** _nor this_ ~~nor this~~ $x^2$ [link](https://evil.example) | pipe",
    lines: "Line one\n# Line two\r\n- Line three\n\n    indented code?",
    mentions: "@octocat and @here, please look at #124, GH-5 and org/repo#8",
  };
  markup.cells.l1 = after.injection;
  markup.cells.l3 = after.fence;
  markup.name = "<img src=x onerror=alert('y')> @octocat";
  templates.cells.l2 = after.emphasis;
  templates.cells.l3 = after.lines;
  mentions.cells.l2 = after.mentions;
  data.levels[0].title = "<b>Intern</b> | #1 @team";
  data.categories[0].competencies.push({
    id: "added",
    name: "</details> `x`",
    cells: { l1: "<!-- ladder-diff:cut -->", l2: "```\nfence", l3: "@octocat #9" },
  });

  let repo: Repo;
  let body = "";
  beforeAll(async () => {
    repo = new Repo();
    repo.commit("hostile", { "ladder/hostile.yaml": base });
    const head = repo.commit("more hostile", { "ladder/hostile.yaml": stringify(data) });
    const result = await ladder(["diff", "--base", "HEAD^", "--head", head], repo.dir);
    expect(result.code).toBe(0);
    body = result.stdout;
  });
  afterAll(() => repo.remove());

  it("renders no element, mention, reference or comment of the ladder's own", async () => {
    expectWellFormed(body);
    const outsideCode = markdown.render(body).replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, "");
    expect(outsideCode).not.toMatch(/<(script|img|b|i)[\s>]/);
    expect(outsideCode).not.toMatch(/@[a-z]/i);
    expect(outsideCode).not.toMatch(/#\d|GH-\d/);
    // Every cut line is the report's own: on a line of its own, outside any fence.
    const lines = body.split("\n");
    const cutLines = lines.filter((line) => line.includes(CUT));
    expect(cutLines.length).toBeGreaterThan(3);
    expect(cutLines.every((line) => line === CUT)).toBe(true);
    const fences = markdown.parse(body, {}).filter((t) => t.type === "fence");
    expect(fences.some((t) => t.content.includes("<!--"))).toBe(false);
    expect(body).toContain("&lt;!-- ladder-diff:cut --&gt;");
    await expect(body).toMatchFileSnapshot("fixtures/diff/hostile-text.md");
  });

  it("shows every changed text exactly, in the word diff and in the folded, quoted full text", () => {
    const tokens = markdown.parse(body, {});
    const diffs = tokens.filter(
      (t) => t.type === "inline" && t.children?.some((c) => c.content === "<ins>" || c.content === "<del>"),
    );
    const normalized = (text: string) => text.replace(/\r\n?/g, "\n").replace(ZWSP, "");
    const afterTexts = diffs.map((t) => visible(t.children ?? [], "ins"));
    for (const text of Object.values(after)) expect(afterTexts).toContain(normalized(text));
    expect(diffs.map((t) => visible(t.children ?? [], "del"))).toContain("@octocat please look at #123 and org/repo#7");
    // The full texts are quoted paragraphs (they wrap), each exactly the text.
    const quoted = tokens.filter((t, k) => t.type === "inline" && tokens[k - 2]?.type === "blockquote_open");
    const texts = quoted.map((t) => visible(t.children ?? [], "ins"));
    for (const text of Object.values(after)) expect(texts).toContain(normalized(text));
  });
});

describe("the character budget", () => {
  const seed = seedFiles();
  let repo: Repo;
  let head = "";
  beforeAll(() => {
    repo = new Repo();
    repo.commit("seed", seed);
    const longer = seed["ladder/sre.yaml"].replace(
      /^(\s+l\d: )(.*)$/gm,
      (_m, key: string, text: string) =>
        `${key}${JSON.stringify(`${text.replace(/^"|"$/g, "")} Also writes it down, for the whole team, every time.`)}`,
    );
    head = repo.commit("every cell longer", {
      ...seed,
      "ladder/sre.yaml": edit(longer, "title: Lead SRE", "title: Staff SRE"),
    });
  });
  afterAll(() => repo.remove());

  const run = async (...extra: string[]) =>
    (await ladder(["diff", "--base", "HEAD^", "--head", head, ...extra], repo.dir)).stdout;

  it("drops detail whole sections at a time, says what was left out, and stays well-formed", async () => {
    const url = ["--artifacts-url", "https://example.test/runs/7"];
    const full = await run(...url);
    expect(full.length).toBeGreaterThan(50_000);
    expect(full.length).toBeLessThanOrEqual(65_536);
    const fitted = await run("--max-chars", "8000", ...url);
    expect(fitted.length).toBeLessThanOrEqual(8000);
    expect(fitted.split("\n")[1]).toBe(full.split("\n")[1]);
    expect(fitted).toMatch(
      /^> Left out to keep this comment under 8,000 characters: .*The full report is in the \[artifacts\]\(https:\/\/example\.test\/runs\/7\)\.$/m,
    );
    const sections = (text: string) => text.trimEnd().split(`\n\n${CUT}\n\n`);
    const kept = sections(fitted).filter((s) => !s.startsWith("> [!NOTE]"));
    const all = sections(full);
    // Each section kept is one of the full report's, or one with its folded full texts left out.
    for (const section of kept.slice(1)) {
      expect(
        all.some((s) => s === section || s.startsWith(`${section}\n\n<details>`)),
        section,
      ).toBe(true);
    }
    expectWellFormed(fitted);
    await expect(fitted).toMatchFileSnapshot("fixtures/diff/long-change-budget.md");
  });

  it("also leaves a body the comment poster cuts at a marker well-formed", async () => {
    const full = await run();
    for (const limit of [2000, 5000, 20_000]) {
      const cut = fitBody(full, limit);
      expect(cut.length).toBeLessThanOrEqual(limit);
      expectWellFormed(cut);
    }
  });
});
