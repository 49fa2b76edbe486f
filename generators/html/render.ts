/**
 * The HTML generator: `dist/<id>.html`, one self-contained page per ladder (issues 3 and 6).
 * Code decides (context.ts); the Handlebars templates lay out; page.css and page.js are inlined, with the
 * shared word diff, under a Content-Security-Policy that allows exactly those two inline blocks by hash.
 */
import { readFileSync } from "node:fs";
import type { Ladder } from "../../scripts/model/model.js";
import type { RenderOptions } from "../shared/site.js";
import { environment, registerHtmlHelper, registerPartial, type Template, template } from "../shared/templates.js";
import { buildContext } from "./context.js";
import { escapeHtml } from "./escape.js";
import { inlineable, pageScript, sha256, trimCss } from "./inline.js";

const read = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");

/** What every page shares: its template, and the style, script and policy it inlines. */
export interface PageAssets {
  /** The page's style, exactly as inlined. */
  style: string;
  /** The browser script's files, each after those it imports, exactly as inlined. */
  script: string;
  /** The Content-Security-Policy of the page: nothing may load; only our own inline style and script may run. */
  csp: string;
}

/** The browser script's files, each after those it imports. */
const SCRIPTS = [
  "../shared/word-diff.js",
  "page-data.js",
  "page-find.js",
  "page-compare.js",
  "page-overflow.js",
  "page-history.js",
  "page.js",
];

let made: { assets: PageAssets; page: Template<object> } | undefined;

/**
 * The page's template and assets, made on the first page rendered: a worker thread that renders other files
 * loads this module with the others, and making them cost it about 10 ms before its first file.
 */
function setUp(): { assets: PageAssets; page: Template<object> } {
  if (made) return made;
  const handlebars = environment();
  // The only way ladder text reaches the page: `{{text x}}`. A plain `{{x}}` still gets Handlebars' own
  // escaping, and `{{{x}}}` is used only for the policy, style and script, which come from this folder, and for
  // prose, which prose.ts has rendered to HTML from the allowed Markdown with every text escaped.
  registerHtmlHelper(handlebars, "text", (value) => escapeHtml(String(value)));
  for (const name of ["find", "matrix", "cell", "levels", "compare", "across", "history"]) {
    registerPartial(handlebars, name, new URL(`partials/${name}.hbs`, import.meta.url), { strict: true });
  }
  const page = template<object>(handlebars, new URL("page.hbs", import.meta.url), { strict: true });
  const style = inlineable("style", trimCss(["page.css", "views.css", "media.css"].map(read).join("\n")));
  const script = inlineable("script", pageScript(SCRIPTS.map((name) => ({ name, text: read(name) }))));
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  // The policy is laid out raw (`{{{csp}}}`) so reviewers can read it in dist/; it is made of fixed words and
  // base64 hashes, and this check keeps it from ever needing escaping.
  if (/["&<>]/.test(csp)) throw new Error(`the Content-Security-Policy needs escaping: ${csp}`);
  made = { assets: { style, script, csp }, page };
  return made;
}

/** The style, script and policy every page inlines. */
export function pageAssets(): PageAssets {
  return setUp().assets;
}

/**
 * Renders `dist/<id>.html` for a valid ladder. Pure and deterministic: same ladder, same bytes.
 * Every ladder text is escaped; the page makes no request and works with scripts off. With `site.repository`
 * (in `options.site`) it links to the source file and offers a prefilled issue per cell (links.ts).
 */
export function renderHtml(ladder: Ladder, options: RenderOptions = {}): string {
  return renderHtmlChunks(ladder, options).join("");
}

/** `renderHtml`'s text in chunks (shared/templates.ts `Template.chunks`), as build takes it. */
export function renderHtmlChunks(ladder: Ladder, options: RenderOptions = {}): string[] {
  return setUp().page.chunks(pageContext(ladder, options));
}

/** The same chunks, each handed to `each` as soon as it is made (`Template.stream`), as check takes them. */
export function streamHtml(ladder: Ladder, options: RenderOptions, each: (chunk: string) => void): void {
  setUp().page.stream(pageContext(ladder, options), each);
}

/** What the page template lays out: the ladder's context and the assets every page inlines. */
const pageContext = (ladder: Ladder, options: RenderOptions) => ({ ...buildContext(ladder, options), ...pageAssets() });
