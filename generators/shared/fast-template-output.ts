/**
 * The output of the fast templates' generated code (fast-template.ts): every function appends to its own
 * `out` and hands it to `put`, which gathers the text of one render into chunks; the render function gives
 * them back, never joined (templates.ts `Template.chunks`).
 */

/**
 * Characters of output gathered before they are set aside as one chunk. The text of a page built by `+=` is a
 * tree of thousands of small strings; encoding it (to compare with dist/, or write it) first copies that tree
 * into one string, and for a tree of a page's size that walk cost twice the encoding itself (834 pages of
 * 65 KB: 105 ms against 40 ms in chunks). Chunks of this size are walked while still in the processor's cache.
 */
export const CHUNK = 8192;

/**
 * The output of a render: `W` while it runs (`s` the chunk being gathered, `c` the chunks set aside), saved and
 * restored around it so that a helper rendering another template does not mix their text; `put` appends.
 */
export const WRITER = [
  "var W = null;",
  `function put(s) { var w = W; w.s += s; if (w.s.length >= ${CHUNK}) { w.c.push(w.s); w.s = ""; } }`,
];

/** The render function around `lines` (which append to `out`): `root` in, the chunks out. */
export function renderFunction(lines: readonly string[]): string[] {
  return [
    "return function (root) {",
    "var saved = W;",
    'W = { s: "", c: [] };',
    "try {",
    'var out = "";',
    ...lines,
    "put(out);",
    'if (W.s !== "" || W.c.length === 0) W.c.push(W.s);',
    "return W.c;",
    "} finally {",
    "W = saved;",
    "}",
    "};",
  ];
}
