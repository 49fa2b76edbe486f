/**
 * Prose sections (`prose:`, `afterword:`; model.ts `Section`) as HTML. The text is Markdown that the
 * `prose-markdown` rule (scripts/check/prose.ts) limits to paragraphs, lists, **bold**, *italic*, `code` and
 * links; here the same subset is the only one rendered, whatever the text holds: markdown-it's "zero" preset
 * with just those rules, raw HTML off (written as text), links only to https?:, mailto: or #fragments. Text
 * goes through markdown-it's escaping after our `shownText` (no control characters), headings through ours.
 * markdown-it is loaded on the first ladder that has prose, so other builds do not pay for it.
 */
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type { Section } from "../../scripts/model/model.js";
import { escapeHtml, shownText } from "./escape.js";

const require = createRequire(import.meta.url);
let parser: InstanceType<typeof MarkdownIt> | undefined;
const LINK = /^(?:https?:\/\/|mailto:|#)/i;

function markdown(): InstanceType<typeof MarkdownIt> {
  if (parser) return parser;
  const Constructor = require("markdown-it") as typeof MarkdownIt;
  const md = new Constructor("zero", { html: false, linkify: false, typographer: false, breaks: false });
  md.enable(["list", "emphasis", "backticks", "link", "newline", "escape", "entity"]);
  md.validateLink = (url: string) => LINK.test(url.trim());
  // Links leave the page in a new context of their own: no referrer, no opener.
  const open = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    tokens[i]?.attrSet("rel", "noopener noreferrer");
    return open ? open(tokens, i, options, env, self) : self.renderToken(tokens, i, options);
  };
  parser = md;
  return md;
}

/**
 * Sections as HTML: each heading at its depth plus `shift` (capped at h6), its text as the allowed Markdown.
 * `shift` places the sections under the page's own headings (h1 title, h2 views, h3 a level).
 * Returns null when there is nothing to show.
 */
export function proseHtml(sections: readonly Section[] | undefined, shift = 0): string | null {
  if (sections === undefined || sections.length === 0) return null;
  return sections
    .map((section) => {
      const parts: string[] = [];
      if (section.heading !== undefined) {
        const depth = Math.min(6, (section.depth ?? 2) + shift);
        parts.push(`<h${depth}>${escapeHtml(section.heading)}</h${depth}>`);
      }
      if (section.text !== undefined) parts.push(markdown().render(shownText(section.text)).trimEnd());
      return parts.join("\n");
    })
    .join("\n");
}
