/**
 * Reads Markdown back with markdown-it, an independent CommonMark/GFM parser: the tables as cells of text,
 * and the inline text of any block. Any markup other than what the generator itself writes (a whole-cell
 * `**bold**` or `*italic*`, `<br>` line breaks, `<a id>` anchors) throws, so injected markup fails a test.
 */
import MarkdownIt, { type Token } from "markdown-it";

export const markdownIt = new MarkdownIt({ html: true });

/** One table cell: its text exactly as a reader sees it, and whether the whole cell is bold or italic. */
export interface Cell {
  wrap: "strong" | "em" | null;
  text: string;
}

/** Text of inline tokens; throws on any token the generator never writes. */
export function inlineText(children: readonly Token[]): string {
  let text = "";
  for (const token of children) {
    if (token.type === "text") text += token.content;
    else if (token.type === "html_inline" && token.content === "<br>") text += "\n";
    else if (
      token.type === "html_inline" &&
      /^<a id="[a-z0-9-]+"><\/a>$|^<a id="[a-z0-9-]+">$|^<\/a>$/.test(token.content)
    ) {
      // Our own anchors: they show nothing.
    } else throw new Error(`unexpected Markdown token ${token.type} ${JSON.stringify(token.content)}`);
  }
  return text;
}

function cellOf(all: readonly Token[]): Cell {
  // markdown-it leaves empty text tokens around emphasis; they show nothing.
  const children = all.filter((t) => !(t.type === "text" && t.content === ""));
  const [first, ...rest] = children;
  const last = rest.at(-1);
  for (const wrap of ["strong", "em"] as const) {
    if (first?.type === `${wrap}_open` && last?.type === `${wrap}_close`) {
      return { wrap, text: inlineText(rest.slice(0, -1)) };
    }
  }
  return { wrap: null, text: inlineText(children) };
}

/** Every table of a document: rows of cells, the header row first. */
export function tablesOf(markdown: string): Cell[][][] {
  const tables: Cell[][][] = [];
  let row: Cell[] | null = null;
  for (const token of markdownIt.parse(markdown, {})) {
    if (token.type === "table_open") tables.push([]);
    else if (token.type === "tr_open") row = [];
    else if (token.type === "tr_close" && row) {
      tables.at(-1)?.push(row);
      row = null;
    } else if (token.type === "inline" && row) row.push(cellOf(token.children ?? []));
  }
  return tables;
}

/** The inline content of every block, in order, with its enclosing block type (`heading_open:h2`, …). */
export function blocksOf(markdown: string): Array<{ block: string; text: string; children: Token[] }> {
  const blocks: Array<{ block: string; text: string; children: Token[] }> = [];
  let open = "";
  for (const token of markdownIt.parse(markdown, {})) {
    if (token.type.endsWith("_open")) open = `${token.type}:${token.tag}`;
    if (token.type === "inline") {
      // markdown-it leaves empty text tokens around emphasis; they show nothing.
      const children = (token.children ?? []).filter((t) => !(t.type === "text" && t.content === ""));
      blocks.push({ block: open, text: token.content, children });
    }
  }
  return blocks;
}
