/**
 * The rules for prose sections (`prose:` and `afterword:` lists, see `Section` in model.ts): which Markdown a
 * section's text may hold. Allowed: paragraphs, `-`/`*`/`1.` lists (nested too), **bold**, *italic*, `code`,
 * [links](https://…) to http(s), mailto or a `#fragment`, and line breaks. Refused, each with a hint: headings
 * (a section has its own `heading:`), raw HTML, tables, images, quotes, code blocks, rules, strikethrough.
 * Pure; markdown-it is loaded on the first ladder that has prose.
 */
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type { DocPath, PathProblem, Section } from "../model/model.js";

const require = createRequire(import.meta.url);
type Parser = InstanceType<typeof MarkdownIt>;
let parser: Parser | undefined;

function markdown(): Parser {
  if (parser) return parser;
  const Constructor = require("markdown-it") as typeof MarkdownIt;
  // html: true so raw HTML becomes tokens we can refuse, rather than text; tables and strikethrough are on in
  // the default preset, so they are recognised (and refused) as such.
  parser = new Constructor("default", { html: true, linkify: false });
  return parser;
}

const BLOCK_OK = new Set([
  "paragraph_open",
  "paragraph_close",
  "bullet_list_open",
  "bullet_list_close",
  "ordered_list_open",
  "ordered_list_close",
  "list_item_open",
  "list_item_close",
  "inline",
]);

const INLINE_OK = new Set([
  "text",
  "softbreak",
  "hardbreak",
  "strong_open",
  "strong_close",
  "em_open",
  "em_close",
  "code_inline",
  "link_open",
  "link_close",
]);

/** What a refused token is, and what to write instead. */
const REFUSED: Record<string, string> = {
  heading_open: "a heading; start a new section with its own `heading:` instead",
  lheading_open: "a heading; start a new section with its own `heading:` instead",
  html_block: "raw HTML; write Markdown (paragraphs, lists, **bold**, *italic*, `code`, [links](https://…))",
  html_inline: "raw HTML; write Markdown (paragraphs, lists, **bold**, *italic*, `code`, [links](https://…))",
  table_open: "a table; the ladder's matrix is the only table, so write the text as a list",
  image: "an image; link to it instead: [description](https://…)",
  blockquote_open: "a quote (`>`); write it as a paragraph",
  fence: "a code block; use `inline code`",
  code_block: "a code block (a line indented by four spaces); remove the indent or use `inline code`",
  hr: "a horizontal rule; start a new section instead",
  s_open: "strikethrough (`~~`); remove the struck text, the history keeps it",
};

const LINK = /^(https?:\/\/|mailto:|#)/i;

/** One problem per refused construct in a section's text (the first of each kind), and for an empty section. */
export function checkSection(section: Section, at: DocPath): PathProblem[] {
  if (section.heading === undefined && section.text === undefined) {
    return [
      {
        path: at,
        severity: "error",
        rule: "empty-section",
        message: "a prose section needs a `heading:`, a `text:` or both",
      },
    ];
  }
  if (section.text === undefined) return [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const report = (what: string, line: number | undefined) => {
    if (seen.has(what)) return;
    seen.add(what);
    const where = line === undefined ? "" : ` (line ${line + 1} of the text)`;
    problems.push({
      path: [...at, "text"],
      severity: "error",
      rule: "prose-markdown",
      message: `the prose text holds ${what}${where}`,
    });
  };
  // Inside a refused block (a heading, a table, a quote …) nothing more is reported: `inside` counts its depth.
  let inside = 0;
  for (const token of markdown().parse(section.text, {})) {
    const line = token.map?.[0];
    if (inside > 0) {
      inside += token.nesting;
      continue;
    }
    if (!BLOCK_OK.has(token.type)) {
      report(REFUSED[token.type] ?? `Markdown that prose does not allow (${token.type})`, line);
      inside = Math.max(0, token.nesting);
      continue;
    }
    for (const child of token.children ?? []) {
      if (child.type === "link_open") {
        const href = String(child.attrGet("href") ?? "");
        if (!LINK.test(href)) report(`a link to "${href}"; links go to https://…, mailto: or #…`, line);
      } else if (!INLINE_OK.has(child.type)) {
        report(REFUSED[child.type] ?? `Markdown that prose does not allow (${child.type})`, line);
      }
    }
  }
  return problems;
}

/** Every prose list of a ladder (its own, its levels', categories' and competencies'), with its document path. */
export function proseOf(ladder: {
  prose?: Section[];
  afterword?: Section[];
  levels: Array<{ prose?: Section[] }>;
  categories?: Array<{ prose?: Section[]; competencies?: Array<{ prose?: Section[] }> }>;
}): Array<{ sections: Section[]; at: DocPath }> {
  const found: Array<{ sections: Section[]; at: DocPath }> = [];
  const add = (sections: Section[] | undefined, at: DocPath) => {
    if (sections !== undefined) found.push({ sections, at });
  };
  add(ladder.prose, ["prose"]);
  add(ladder.afterword, ["afterword"]);
  ladder.levels.forEach((level, i) => {
    add(level.prose, ["levels", i, "prose"]);
  });
  (ladder.categories ?? []).forEach((category, c) => {
    add(category.prose, ["categories", c, "prose"]);
    (category.competencies ?? []).forEach((competency, k) => {
      add(competency.prose, ["categories", c, "competencies", k, "prose"]);
    });
  });
  return found;
}

/** The `prose-markdown` and `empty-section` rules over a whole ladder. */
export function checkProse(ladder: Parameters<typeof proseOf>[0]): PathProblem[] {
  return proseOf(ladder).flatMap(({ sections, at }) => sections.flatMap((s, i) => checkSection(s, [...at, i])));
}
