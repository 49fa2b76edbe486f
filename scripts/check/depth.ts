/**
 * How deep a YAML text nests, found from its lines before any parser runs, so a file nested thousands deep gets
 * a problem at the line where the limit is passed instead of exhausting the parser's stack. Pure.
 *
 * The count is the number of open collections: each indentation step opens a block, each `- ` (or `? `) on a
 * line opens a sequence item, and each `[` or `{` that starts a value (or sits inside one) opens a flow
 * collection. For the canonical layout this is exactly the nesting that parse-canonical.ts counts, so both
 * paths draw the line at the same place.
 */

/** A ladder nests about seven deep (root, categories, a category, competencies, a competency, cells, a cell). */
export const MAX_DEPTH = 32;

export interface TooDeep {
  line: number;
  column: number;
  depth: number;
}

/** The first place where the text nests deeper than `max`, or undefined. */
export function tooDeep(text: string, max = MAX_DEPTH): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 0;
  for (let pos = 0; pos <= text.length; ) {
    line++;
    let stop = text.indexOf("\n", pos);
    if (stop === -1) stop = text.length;
    let i = pos;
    while (i < stop && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (i < stop && c !== 35 /* # */ && c !== 13 /* CR */) {
      if (flow === 0) {
        const column = i - pos;
        while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
        indents.push(column);
        // `- - x` and `- key: x`: every indicator followed by a space opens one more level on the same line.
        // A scalar item (`- text`) opens nothing more.
        while ((text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || i + 1 === stop)) {
          i += 2;
          while (i < stop && text.charCodeAt(i) === 32) i++;
          if (!opensBlock(text, i, stop)) break;
          indents.push(i - pos);
          if (indents.length > max) return { line, column: i - pos + 1, depth: indents.length };
        }
        if (indents.length > max) return { line, column: column + 1, depth: indents.length };
      }
      const found = flowDepth(text, i, stop, flow, max - indents.length);
      if (typeof found === "object") return { line, column: found.at - pos + 1, depth: indents.length + found.depth };
      flow = found;
    }
    pos = stop + 1;
  }
  return undefined;
}

/** Whether the text of an item from `from` to `to` is a collection: another `- `, or a `key:`. */
function opensBlock(text: string, from: number, to: number): boolean {
  if ((text[from] === "-" || text[from] === "?") && (text[from + 1] === " " || from + 1 === to)) return true;
  const colon = text.indexOf(":", from);
  return colon !== -1 && colon < to && (colon + 1 === to || text[colon + 1] === " ");
}

/**
 * Follows `[`, `{`, `]` and `}` from `from` to `to`: those that start a value (at the start, after `: ` or
 * `- `) or sit inside an open flow collection. Returns the open count at the end of the line, or where the
 * count passes `max`. Quoted text inside a flow collection is skipped.
 */
function flowDepth(
  text: string,
  from: number,
  to: number,
  open: number,
  max: number,
): number | { at: number; depth: number } {
  let depth = open;
  let valueStart = true;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === " ") continue;
    if (depth === 0 && !valueStart) {
      // Outside any flow collection only a `: ` or `- ` can start a value that opens one.
      if ((c === ":" || c === "-") && (text[i + 1] === " " || i + 1 === to)) valueStart = true;
      else if (c === "#" && text[i - 1] === " ") return depth;
      continue;
    }
    if (c === "[" || c === "{") {
      depth++;
      if (depth > max) return { at: i, depth };
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
    else if (depth > 0 && (c === '"' || c === "'")) {
      const close = text.indexOf(c, i + 1);
      i = close === -1 || close > to ? to : close;
    } else if (c === "#" && (i === from || text[i - 1] === " ")) return depth;
    valueStart = depth > 0 || ((c === ":" || c === "-") && (text[i + 1] === " " || i + 1 === to));
  }
  return depth;
}
