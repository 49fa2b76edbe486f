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
 * The output of a render: `W` while it runs (`s` the chunk being gathered, `c` the chunks set aside, `e` the
 * function each chunk is handed to instead, when the caller gave one), saved and restored around it so that a
 * helper rendering another template does not mix their text; `put` appends. Handed on as made, each chunk can
 * be compared with dist/ and dropped before the next is made: a page of tens of megabytes is then never held
 * whole, nor the tree of small strings it is built from.
 */
export const WRITER = [
  "var W = null;",
  `function put(s) { var w = W; w.s += s; if (w.s.length >= ${CHUNK}) { if (w.e) w.e(w.s); else w.c.push(w.s); w.s = ""; } }`,
];

/**
 * The render function around `lines` (which append to `out`): `root` in, the chunks out; or, given `each`,
 * every chunk handed to it in turn (none empty) and no chunks out.
 */
export function renderFunction(lines: readonly string[]): string[] {
  return [
    "return function (root, each) {",
    "var saved = W;",
    'W = { s: "", c: [], e: each || null };',
    "try {",
    'var out = "";',
    ...lines,
    "put(out);",
    'if (W.e) { if (W.s !== "") W.e(W.s); }',
    'else if (W.s !== "" || W.c.length === 0) W.c.push(W.s);',
    "return W.c;",
    "} finally {",
    "W = saved;",
    "}",
    "};",
  ];
}
