/**
 * Line and column of a document path in a file of plain block YAML laid out one scalar per line (what
 * `ladder fmt` writes), without the reference parser. A ladder with a lint warning needs positions, and
 * building the `yaml` library's full document for that cost about 1.2 ms per seed-sized file: most of
 * `validate`'s time on an organisation of many small ladders.
 *
 * The answer is the one `load.ts#offsetOf` gives on the reference parser's document (the node at the path,
 * or the deepest existing node on the way; the key with `atKey`), or undefined whenever a line is anything
 * this reader does not know for certain (flow collections, block scalars, quotes closed on a later line,
 * continuation lines, anchors, tags, tabs, CR, document markers, a key without a value): the caller then asks
 * the reference parser. test/locate-canonical.test.ts holds the two equal on every path of every fixture. Pure.
 */
import type { DocPath } from "../model/model.js";

interface Place {
  line: number;
  column: number;
}

/** A node of the document: where it starts, and its entries (a mapping) or items (a sequence). */
interface Node extends Place {
  keys?: Map<string, { key: Place; value: Node }>;
  items?: Node[];
}

interface Line {
  /** 1-based line number. */
  number: number;
  /** Columns of indentation (spaces). */
  indent: number;
  /** The line after its indentation, without the line break. */
  content: string;
}

class Unknown extends Error {}
const unknown = (): never => {
  throw new Unknown();
};

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;

/** A locator for `text`, or undefined when the text is not laid out as this reader requires. */
export function canonicalLocator(text: string): ((path: DocPath, atKey?: boolean) => Place) | undefined {
  if (text.includes("\r") || text.includes("\t")) return undefined;
  let root: Node;
  try {
    const lines = contentLines(text);
    if (lines.length === 0 || lines[0].indent !== 0) return undefined;
    const at = { i: 0 };
    root = node(lines, at, 0);
    if (at.i !== lines.length) return undefined;
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
  return (path, atKey = false) => {
    let current = root;
    let best: Place = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (current.items) {
        const item = typeof segment === "number" ? current.items[segment] : undefined;
        if (!item) break;
        best = current = item;
        continue;
      }
      const entry = current.keys?.get(String(segment));
      if (!entry) break;
      if (i === path.length - 1 && atKey) return { line: entry.key.line, column: entry.key.column };
      best = current = entry.value;
    }
    return { line: best.line, column: best.column };
  };
}

function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  const all = text.split("\n");
  for (let n = 0; n < all.length; n++) {
    const raw = all[n];
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    const content = raw.slice(indent);
    if (content === "" || content.startsWith("#")) continue;
    if (indent === 0 && (content.startsWith("---") || content.startsWith("..."))) unknown();
    lines.push({ number: n + 1, indent, content });
  }
  return lines;
}

const isItem = (content: string) => content === "-" || content.startsWith("- ");

/** The block starting at line `at.i`, whose first token is at `column` (0-based) of that line. */
function node(lines: Line[], at: { i: number }, column: number): Node {
  const first = lines[at.i];
  const content = first.content.slice(column - first.indent);
  if (isItem(content)) return sequence(lines, at, column);
  return mapping(lines, at, column);
}

function sequence(lines: Line[], at: { i: number }, indent: number): Node {
  const start = lines[at.i];
  const seq: Node = { line: start.number, column: indent + 1, items: [] };
  let firstLine = true;
  while (at.i < lines.length) {
    const line = lines[at.i];
    // The first item may follow a dash of an outer sequence on the same line (`- - a`): not in this layout.
    if (!firstLine && (line.indent !== indent || !isItem(line.content))) break;
    if (firstLine && line.indent !== indent) unknown();
    firstLine = false;
    const rest = line.content.slice(1);
    if (rest.trim() === "" || !rest.startsWith(" ")) unknown();
    let skip = 1;
    while (rest.charCodeAt(skip) === 32) skip++;
    if (skip !== 1) unknown();
    const itemColumn = indent + 2;
    const itemText = rest.slice(1);
    if (KEY.test(itemText)) {
      seq.items?.push(mapping(lines, at, itemColumn));
    } else {
      if (isItem(itemText)) unknown();
      checkScalar(itemText);
      seq.items?.push({ line: line.number, column: itemColumn + 1 });
      at.i++;
      if (at.i < lines.length && lines[at.i].indent > indent) unknown();
    }
  }
  return seq;
}

/** A block mapping whose keys sit at `indent`; its first key may follow a sequence's dash on that line. */
function mapping(lines: Line[], at: { i: number }, indent: number): Node {
  const start = lines[at.i];
  const map: Node = { line: start.number, column: indent + 1, keys: new Map() };
  let firstLine = true;
  while (at.i < lines.length) {
    const line = lines[at.i];
    let content: string;
    if (firstLine) {
      content = line.content.slice(indent - line.indent);
      firstLine = false;
    } else {
      if (line.indent !== indent || isItem(line.content)) break;
      content = line.content;
    }
    const m = KEY.exec(content);
    if (!m) unknown();
    const name = (m as RegExpExecArray)[1];
    if (map.keys?.has(name)) unknown();
    const key = { line: line.number, column: indent + 1 };
    const valueText = content.slice((m as RegExpExecArray)[0].length);
    at.i++;
    const next = lines[at.i];
    let value: Node;
    if (valueText === "") {
      // `key:` then a block on the following lines, deeper (or a sequence at the key's own indentation).
      if (!next || next.indent < indent || (next.indent === indent && !isItem(next.content))) unknown();
      value = node(lines, at, next.indent);
    } else {
      checkScalar(valueText);
      if (next && next.indent > indent) unknown();
      value = { line: line.number, column: indent + 1 + (content.length - valueText.length) };
    }
    map.keys?.set(name, { key, value });
  }
  return map;
}

/** A scalar that ends on its own line and is only text: no block scalar, flow collection, anchor or tag. */
function checkScalar(text: string): void {
  const c = text.charAt(0);
  if ("|>[{&*!%@`".includes(c)) unknown();
  if (c === '"') {
    let i = 1;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length || !/^\s*(#.*)?$/.test(text.slice(i + 1))) unknown();
  } else if (c === "'") {
    let i = 1;
    for (;;) {
      if (i >= text.length) unknown();
      if (text[i] === "'") {
        if (text[i + 1] === "'") i += 2;
        else break;
      } else i++;
    }
    if (!/^\s*(#.*)?$/.test(text.slice(i + 1))) unknown();
  }
}
