/**
 * The index generator: `dist/index.html` and `dist/README.md`, listing every ladder with its levels and a
 * link to each of its files (generators/shared/artifacts.ts). Code builds the contexts; the templates lay out.
 *
 * The page is self-contained: its only style is inline and allowed by hash in a Content-Security-Policy that
 * forbids everything else. Ladder text reaches it only through the HTML generator's escaping helper.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type Handlebars from "handlebars";
import { byCodeUnit, type Ladder, levelLabel, type Organisation } from "../../scripts/model/model.js";
import { escapeHtml } from "../html/escape.js";
import { escapeMarkdown, type MarkdownText, markdownUrl } from "../markdown/escape.js";
import { proseMarkdown } from "../markdown/organisation.js";
import { levelAnchor } from "../markdown/render.js";
import { type Artifact, artifactsOf } from "../shared/artifacts.js";
import { markdownStamp, type Stamp, stampOf } from "../shared/stamp.js";
import { environment, registerHtmlHelper, template } from "../shared/templates.js";
import { type OrganisationView, organisationView } from "./organisation.js";

/** One ladder as both index files show it; text is raw, each format escapes it. */
export interface IndexEntry {
  /** Fragment of the ladder's section in index.html: `ladder-sre`. */
  anchor: string;
  title: string;
  /** Version, effective date and status (shared/stamp.ts); null when the ladder has none of them. */
  stamp: Stamp | null;
  summary: string | null;
  /** Percent-encoded paths, relative to dist/. */
  htmlHref: string;
  markdownHref: string;
  /** Each level with its fragment, the same in the web page and the Markdown. */
  levels: Array<{ label: string; fragment: string }>;
  files: Array<{ label: string; path: string; href: string; description: string }>;
}

/** The context of index.html: raw text, which the template passes through `{{text}}` (escapeHtml). */
export interface IndexHtmlContext {
  csp: string;
  /** index.css, laid out as it is (`{{{style}}}`): it holds no `</style`, `<!--` or `{{` (checked on load). */
  style: string;
  /** Tracks × scale levels (organisation.ts); null without an organisation file. */
  organisation: {
    title: string;
    summary: string | null;
    scales: Array<
      Pick<OrganisationView["scales"][number], "name" | "description"> & {
        tracks: string[];
        rows: Array<{
          code: string;
          title: string;
          summary: string | null;
          cells: Array<{ label: string; href: string } | null>;
        }>;
      }
    >;
  } | null;
  ladders: Array<
    Pick<IndexEntry, "anchor" | "title" | "summary" | "files"> & {
      stamp: string | null;
      /** The page of the ladder that replaces this one, and its title. */
      replacement: { href: string; label: string } | null;
      page: string;
      levels: Array<{ label: string; href: string }>;
    }
  >;
}

/** The context of README.md: every text already escaped for Markdown. */
export interface ReadmeContext {
  organisation: {
    title: MarkdownText;
    summary: MarkdownText | null;
    prose: MarkdownText | null;
    scales: Array<{
      name: MarkdownText;
      description: MarkdownText | null;
      header: MarkdownText;
      rule: MarkdownText;
      rows: MarkdownText[];
    }>;
  } | null;
  ladders: Array<{
    title: MarkdownText;
    stamp: MarkdownText | null;
    summary: MarkdownText | null;
    page: MarkdownText;
    levels: Array<{ label: MarkdownText; href: MarkdownText }>;
    files: Array<{ label: MarkdownText; path: MarkdownText; href: MarkdownText; description: MarkdownText }>;
  }>;
}

/**
 * A dist/ path as a URL reference: percent-encoded, parentheses included, so it is safe in an HTML attribute
 * and as a Markdown link destination whatever the ladder file was called.
 */
export function urlPath(path: string): string {
  return encodeURIComponent(path).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const pathOf = (files: Artifact[], kind: Artifact["kind"]) => files.find((f) => f.kind === kind)?.path ?? "";

/** Ladders in id order (code-unit comparison, never the locale's), each with its levels and files. Pure. */
export function indexEntries(ladders: readonly Ladder[]): IndexEntry[] {
  return [...ladders]
    .sort((a, b) => byCodeUnit(a.id, b.id))
    .map((ladder) => {
      const files = artifactsOf(ladder.id);
      return {
        anchor: `ladder-${ladder.id.replace(/[^A-Za-z0-9_-]/g, "-")}`,
        title: ladder.title,
        stamp: stampOf(ladder),
        summary: ladder.summary ?? null,
        htmlHref: urlPath(pathOf(files, "html")),
        markdownHref: urlPath(pathOf(files, "markdown")),
        levels: ladder.levels.map((level) => ({ label: levelLabel(level), fragment: levelAnchor(level.id) })),
        files: files.map((f) => ({ label: f.label, path: f.path, href: urlPath(f.path), description: f.description })),
      };
    });
}

/** The ladder that replaces another, as a link to its page named by its title (its id when not built). */
function replacement(stamp: Stamp | null, ladders: readonly Ladder[], href: (id: string) => string) {
  const id = stamp?.replacedBy;
  if (id == null) return null;
  return { href: href(id), label: ladders.find((l) => l.id === id)?.title ?? id };
}

/** The CSP of index.html: nothing may load or run; only its own inline style, by hash. */
export function indexCsp(style: string): string {
  const hash = createHash("sha256").update(style, "utf8").digest("base64");
  return ["default-src 'none'", `style-src 'sha256-${hash}'`, "base-uri 'none'", "form-action 'none'"].join("; ");
}

/** Builds the context of index.html; its levels link into each ladder's web page. Pure. */
export function indexHtmlContext(
  ladders: readonly Ladder[],
  style: string,
  organisation?: Organisation,
): IndexHtmlContext {
  const view = organisation === undefined ? undefined : organisationView(ladders, organisation);
  return {
    csp: indexCsp(style),
    style,
    organisation:
      view === undefined
        ? null
        : {
            title: view.title,
            summary: view.summary,
            scales: view.scales.map((scale) => ({
              name: scale.name,
              description: scale.description,
              tracks: scale.tracks.map((t) => t.name),
              rows: scale.rows.map((row) => ({
                code: row.code,
                title: row.title,
                summary: row.summary,
                cells: row.cells.map((cell) => (cell === null ? null : { label: cell.label, href: cell.html })),
              })),
            })),
          },
    ladders: indexEntries(ladders).map(({ anchor, title, stamp, summary, files, htmlHref, levels }) => ({
      anchor,
      title,
      stamp: stamp?.text || null,
      replacement: replacement(stamp, ladders, (id) => urlPath(`${id}.html`)),
      summary,
      files,
      page: htmlHref,
      levels: levels.map((level) => ({ label: level.label, href: `${htmlHref}#${level.fragment}` })),
    })),
  };
}

/** Builds the context of README.md; its levels link into each ladder's Markdown, read where it is stored. Pure. */
export function readmeContext(ladders: readonly Ladder[], organisation?: Organisation): ReadmeContext {
  const view = organisation === undefined ? undefined : organisationView(ladders, organisation);
  const md = (text: string) => text as MarkdownText;
  return {
    organisation:
      view === undefined
        ? null
        : {
            title: escapeMarkdown(view.title),
            summary: view.summary === null ? null : escapeMarkdown(view.summary),
            prose: proseMarkdown(organisation?.prose, 1),
            scales: view.scales.map((scale) => ({
              name: escapeMarkdown(scale.name),
              description: scale.description === null ? null : escapeMarkdown(scale.description),
              header: md(`| Level |${scale.tracks.map((t) => ` ${escapeMarkdown(t.name)} |`).join("")}`),
              rule: md(`| ----- |${scale.tracks.map(() => " ----- |").join("")}`),
              rows: scale.rows.map((row) => {
                const what = row.summary === null ? "" : `: ${escapeMarkdown(row.summary)}`;
                const cells = row.cells.map((cell) =>
                  cell === null ? "  |" : ` [${escapeMarkdown(cell.label)}](${markdownUrl(cell.markdown)}) |`,
                );
                return md(`| **${escapeMarkdown(row.code)}** ${escapeMarkdown(row.title)}${what} |${cells.join("")}`);
              }),
            })),
          },
    ladders: indexEntries(ladders).map((entry) => ({
      title: escapeMarkdown(entry.title),
      stamp:
        entry.stamp === null
          ? null
          : md(markdownStamp(entry.stamp, escapeMarkdown, (id) => markdownUrl(urlPath(`${id}.md`)))),
      summary: entry.summary === null ? null : escapeMarkdown(entry.summary),
      page: markdownUrl(entry.markdownHref),
      levels: entry.levels.map((level) => ({
        label: escapeMarkdown(level.label),
        href: markdownUrl(`${entry.markdownHref}#${level.fragment}`),
      })),
      files: entry.files.map((f) => ({
        label: escapeMarkdown(f.label),
        path: escapeMarkdown(f.path),
        href: markdownUrl(f.href),
        description: escapeMarkdown(f.description),
      })),
    })),
  };
}

interface Templates {
  html: Handlebars.TemplateDelegate<IndexHtmlContext>;
  readme: Handlebars.TemplateDelegate<ReadmeContext>;
  style: string;
}
let templates: Templates | undefined;

/**
 * Compiled once per process, on first use. Both strict, so a name missing from the context throws.
 * The page keeps Handlebars' HTML escaping on as a second guard, though every value goes through `{{text}}`;
 * the README uses noEscape, since its context is MarkdownText already and HTML escaping would corrupt it.
 */
function compiled(): Templates {
  if (templates) return templates;
  const read = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");
  const style = read("index.css");
  if (/<\/style|<!--|\{\{/i.test(style)) throw new Error("index.css must not contain </style, <!-- or {{");
  const html = environment();
  registerHtmlHelper(html, "text", (value) => escapeHtml(String(value)));
  templates = {
    html: template<IndexHtmlContext>(html, new URL("index.html.hbs", import.meta.url), { strict: true }),
    readme: template<ReadmeContext>(environment(), new URL("readme.md.hbs", import.meta.url), {
      strict: true,
      noEscape: true,
    }),
    style,
  };
  return templates;
}

/** Renders `dist/index.html`. Pure and deterministic: same ladders, same bytes. */
export function renderIndexHtml(ladders: readonly Ladder[], organisation?: Organisation): string {
  const { html, style } = compiled();
  return html(indexHtmlContext(ladders, style, organisation));
}

/** Renders `dist/README.md`. Pure and deterministic: same ladders, same bytes. */
export function renderIndexMarkdown(ladders: readonly Ladder[], organisation?: Organisation): string {
  return compiled().readme(readmeContext(ladders, organisation));
}
