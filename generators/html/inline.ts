/**
 * The page's inline style and script: read from this folder, trimmed of comments and indentation, and
 * hashed for the Content-Security-Policy. Trimming is deliberately conservative (whole-line comments,
 * indentation, spaces around CSS punctuation) so it cannot change what the code does.
 */
import { createHash } from "node:crypto";

/** The CSP source expression of an inline block's text: `'sha256-<base64>'` without the quotes. */
export function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

/** page.css without comments and optional spaces. Our own file: no strings hold the characters touched. */
export function trimCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/:\s+/g, ":")
    .replace(/;}/g, "}")
    .trim();
}

/**
 * JavaScript without whole-line comments and indentation. Line breaks stay, so automatic semicolon
 * insertion reads the code exactly as before; comments that share a line with code stay too.
 */
export function trimJs(js: string): string {
  return js
    .replace(/^[ \t]*\/\*(?:(?!\*\/)[\s\S])*\*\/[ \t]*\n/gm, "")
    .replace(/^[ \t]*\/\/.*\n/gm, "")
    .replace(/^[ \t]+/gm, "")
    .replace(/\n{2,}/g, "\n");
}

/**
 * The page script: the shared word diff and the page-*.js files, in the order given (each after the files it
 * imports), in one strict function scope with nothing to import. The files import each other for the type
 * checker; those imports are dropped here, as are the `export` keywords, so nothing is fetched and every
 * name lives in one scope (a name declared twice is a syntax error the tests catch). A classic script at the
 * end of the body runs before the first paint, so the enhanced page appears at once instead of shifting (a
 * module script runs later, after a paint).
 */
export function pageScript(sources: ReadonlyArray<{ name: string; text: string }>): string {
  const body = sources.map(({ name, text }) => {
    const code = text.replace(LOCAL_IMPORT, "").replace(/^export /gm, "");
    const left = /^\s*(?:import|export)\b.*/m.exec(code);
    if (left) throw new Error(`${name}: only imports of sibling files can be inlined, not "${left[0].trim()}"`);
    return code;
  });
  return `(() => {\n"use strict";\n${trimJs(body.join("\n"))}})();\n`;
}

/** `import { a, b } from "./x.js";` or `"../shared/x.js"`, on one line or several. */
const LOCAL_IMPORT = /^import \{[^}]*\} from "\.{1,2}\/[\w./-]+\.js";\n/gm;

/** Guards a raw-text element: its content must not be able to close it early or open a comment. */
export function inlineable(element: "style" | "script", text: string): string {
  if (new RegExp(`</${element}|<!--`, "i").test(text)) {
    throw new Error(`the inline ${element} contains "</${element}" or "<!--"`);
  }
  return text;
}
