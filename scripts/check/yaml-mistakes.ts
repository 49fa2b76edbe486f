/**
 * The YAML mistakes a person makes in a ladder file, in plain words: what is wrong, what to do, and the line
 * and column where to do it (which is often not where the parser noticed). Each mistake has a stable rule id;
 * test/yaml-mistakes.test.ts holds one fixture per mistake. No parser jargon reaches the message. Pure.
 */
import { type LineShape, nextContent, previousContent, quotedTexts, shapeOf } from "./yaml-lines.js";

/** An error of the reference parser: its code, its message and the source offset it points at. */
export interface ParserError {
  code: string;
  message: string;
  offset: number;
}

/** A mistake explained: rule id, message, and where the person must act (1-based). */
export interface Explained {
  rule: string;
  message: string;
  line: number;
  column: number;
}

export type At = (offset: number) => { line: number; column: number };

const QUOTE_IT = "put the whole text in double quotes";
/** Characters that mean something to YAML at the start of a text, with what YAML takes them for. */
const RESERVED: Record<string, string> = {
  "*": "a reference to a marked text",
  "&": "a mark for reusing the text",
  "!": "a type name",
  "%": "an instruction to the parser",
  "@": "a character it reserves",
  "`": "a character it reserves",
  "|": "the start of a text written over several lines",
  ">": "the start of a text written over several lines",
  "-": "a list item",
  "?": "a key written over several lines",
  ",": "a separator between list items",
};

/** The first syntax error of a file, explained. */
export function explainSyntaxError(text: string, error: ParserError, at: At): Explained {
  const where = at(error.offset);
  const lines = text.split("\n");
  const quote = unclosedQuote(text, where.line, at);
  if (quote) return quote;
  if (error.code === "TAB_AS_INDENT") {
    return mistake(
      "yaml-tab",
      "this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces",
      where,
    );
  }
  if (error.code === "MULTIPLE_DOCS") {
    const message =
      "a line `---` starts a second part of the file, but a ladder file holds one ladder; remove the line, or move what follows it to a file of its own";
    return mistake("yaml-syntax", message, where);
  }
  const index = where.line - 1;
  const found =
    explainLine(lines, index) ??
    explainBracketAbove(lines, index) ??
    (error.code === "BAD_INDENT" ? explainUnaligned(lines, index) : undefined) ??
    explainIndentation(lines, index) ??
    explainOutOfLine(lines, index) ??
    explainOutOfLine(lines, nextContent(lines, index)) ??
    explainOutOfLine(lines, previousContent(lines, index));
  if (found) return found;
  return mistake(
    "yaml-syntax",
    `this line cannot be read as YAML; check its indentation, the \`key: text\` form and the quotes (YAML says: ${error.message.split("\n")[0]})`,
    where,
  );
}

export function mistake(rule: string, message: string, where: { line: number; column: number }): Explained {
  return { rule, message, line: where.line, column: where.column };
}

/** A quote opened and never closed (or closed only by the quote of a later line): reported where it opens. */
function unclosedQuote(text: string, errorLine: number, at: At): Explained | undefined {
  for (const q of quotedTexts(text)) {
    const start = at(q.offset);
    if (start.line > errorLine) break;
    const spansLines = q.source.includes("\n");
    if (q.closed && !(spansLines && at(q.offset + q.source.length).line >= errorLine)) continue;
    if (!spansLines && q.closed) continue;
    const mark = q.source[0] === '"' ? 'double quote (`"`)' : "single quote (`'`)";
    return mistake(
      "yaml-unclosed-quote",
      `the ${mark} that opens this text is not closed on this line; end the text with the same quote`,
      start,
    );
  }
  return undefined;
}

/** The mistakes that show on the line the parser stopped at. */
function explainLine(lines: readonly string[], index: number): Explained | undefined {
  if (index < 0 || index >= lines.length) return undefined;
  const line = shapeOf(lines[index]);
  const at = (column: number) => ({ line: index + 1, column: column + 1 });
  if (line.key !== undefined && line.colon !== undefined && line.raw[line.colon] !== undefined) {
    const after = line.raw[line.colon];
    if (after !== " " && after !== "\t") {
      return mistake(
        "yaml-no-space-after-colon",
        `\`${line.key}:\` needs a space after its colon; write \`${line.key}: \` and then the text`,
        at(line.colon),
      );
    }
  }
  if (line.raw[line.content] === "-" && line.key === undefined && /^-[^\s-]/.test(line.raw.slice(line.content))) {
    return mistake(
      "yaml-dash-without-space",
      "the `-` that starts a list item needs a space after it; write `- ` and then the rest of the line",
      at(line.content + 1),
    );
  }
  if (line.value !== undefined && line.valueColumn !== undefined) {
    const found = explainValue(line, line.value, at(line.valueColumn));
    if (found) return found;
  }
  if (line.key === undefined && line.dashes === 0 && !line.raw.trimStart().startsWith("#")) {
    const next = index + 1 < lines.length ? shapeOf(lines[index + 1]) : undefined;
    if (next?.key !== undefined || line.raw.trim() !== "") {
      return mistake(
        "yaml-missing-colon",
        "this line has no `:` after its key; write it as `key: text` (or, if it continues the text above, put that whole text in double quotes on one line)",
        at(line.content),
      );
    }
  }
  return undefined;
}

/** What is wrong with the text after `key: ` (or `- `), if anything a person can fix there. */
function explainValue(line: LineShape, value: string, where: { line: number; column: number }): Explained | undefined {
  const first = value[0];
  if ((first === "“" || first === "”" || first === "‘" || first === "’" || first === "„") && /[:#] |:$/.test(value)) {
    return mistake(
      "yaml-curly-quotes",
      `this text is in curly quotes (${first}…), which YAML does not read as quotes, and it contains \`: \`; replace the curly quotes with straight double quotes (")`,
      where,
    );
  }
  if (first === '"' || first === "'") {
    const end = closingQuote(value);
    if (
      end !== -1 &&
      value.slice(end + 1).trim() !== "" &&
      !value
        .slice(end + 1)
        .trimStart()
        .startsWith("#")
    ) {
      const other =
        first === '"' ? "single quotes ('…'), which keep the double quotes inside as they are" : `double quotes ("…")`;
      return mistake(
        "yaml-text-after-quotes",
        `this text starts with a quoted part (${shorten(value.slice(0, end + 1))}) and goes on after it, but a quote at the start must enclose the whole text; put the whole text in ${other}`,
        where,
      );
    }
    return undefined;
  }
  if (first === "[" || first === "{") {
    const what = first === "[" ? "a list written on one line" : "a group of keys written on one line";
    return mistake(
      "yaml-bracket",
      `this text starts with \`${first}\`, which YAML reads as ${what}, and the brackets do not match; ${QUOTE_IT} ("${first}…")`,
      where,
    );
  }
  if (first === "]" || first === "}") {
    return mistake(
      "yaml-bracket",
      `this text starts with \`${first}\`, a closing bracket with no opening one; ${QUOTE_IT}`,
      where,
    );
  }
  if (RESERVED[first] !== undefined && (!"-?".includes(first) || value[1] === " " || value.length === 1)) {
    return mistake(
      "yaml-reserved-start",
      `this text starts with ${first === "`" ? "a backquote (`)" : `\`${first}\``}, which YAML reads as ${RESERVED[first]}; ${QUOTE_IT} ("${first}…")`,
      where,
    );
  }
  if (/: /.test(value)) {
    return mistake(
      "yaml-colon-in-text",
      `this text contains \`: \`, which YAML reads as the start of another key; ${QUOTE_IT} ("…")`,
      where,
    );
  }
  if (value.trimEnd().endsWith(":") && line.key !== undefined) {
    return mistake(
      "yaml-colon-at-end",
      `this text ends with a colon, which YAML reads as a key; ${QUOTE_IT} ("…")`,
      where,
    );
  }
  return undefined;
}

/** A quoted part as shown in a message: its first 30 characters, and its closing quote. */
function shorten(quoted: string): string {
  return quoted.length <= 32 ? quoted : `${quoted.slice(0, 30)}…${quoted[quoted.length - 1]}`;
}

/** The index of the quote that closes the quoted text at the start of `value`, or -1. */
function closingQuote(value: string): number {
  const q = value[0];
  for (let i = 1; i < value.length; i++) {
    if (q === '"' && value[i] === "\\") i++;
    else if (value[i] === q) {
      if (q === "'" && value[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** An opening bracket left open on a line above the one the parser stopped at. */
function explainBracketAbove(lines: readonly string[], index: number): Explained | undefined {
  for (let k = previousContent(lines, index), n = 0; k >= 0 && n < 3; k = previousContent(lines, k), n++) {
    const line = shapeOf(lines[k]);
    if (line.value && (line.value[0] === "[" || line.value[0] === "{") && line.valueColumn !== undefined) {
      return explainValue(line, line.value, { line: k + 1, column: line.valueColumn + 1 });
    }
  }
  return undefined;
}

/** A key indented differently from the keys of its block (the line above). */
function explainUnaligned(lines: readonly string[], index: number): Explained | undefined {
  const line = shapeOf(lines[index] ?? "");
  const k = previousContent(lines, index);
  if (k === -1 || line.key === undefined || line.dashes > 0) return undefined;
  const above = shapeOf(lines[k]);
  if (above.content === line.content || above.key === undefined) return undefined;
  return mistake(
    "yaml-indentation",
    `this line is indented ${line.indent} spaces, but the line above it, in the same block, ${above.content}; indent it by ${above.content} spaces, like that line`,
    { line: index + 1, column: line.indent + 1 },
  );
}

/** A line indented further than the line above it, which already holds its text: reported on that line. */
function explainIndentation(lines: readonly string[], index: number): Explained | undefined {
  if (index < 0 || index >= lines.length) return undefined;
  const above = shapeOf(lines[index]);
  const k = nextContent(lines, index);
  if (k === -1 || above.value === undefined) return undefined;
  const line = shapeOf(lines[k]);
  if (line.indent <= above.indent) return undefined;
  const expected = above.key !== undefined ? above.content : above.indent;
  const extra = line.indent - expected;
  const spaces = (n: number) => `${n} space${n === 1 ? "" : "s"}`;
  return mistake(
    "yaml-indentation",
    extra > 0
      ? `this line is indented ${spaces(extra)} further than the line above; indent it by ${spaces(expected)}, ${above.key !== undefined && above.dashes > 0 ? `in line with \`${above.key}:\` above` : "like that line"}`
      : `this line is indented further than the line above, which already holds its text; indent it like that line`,
    { line: k + 1, column: line.indent + 1 },
  );
}

/**
 * A line indented unlike the lines of the same kind above it (`- id:` lines, or lines with the same key): the
 * last resort for an indentation the parser cannot place, reported with the indentation those lines have.
 */
function explainOutOfLine(lines: readonly string[], index: number): Explained | undefined {
  if (index < 0 || index >= lines.length) return undefined;
  const line = shapeOf(lines[index]);
  if (line.key === undefined && line.dashes === 0) return undefined;
  for (let k = previousContent(lines, index), n = 0; k >= 0 && n < 400; k = previousContent(lines, k), n++) {
    const other = shapeOf(lines[k]);
    if (other.key !== line.key || other.dashes !== line.dashes) continue;
    if (other.indent === line.indent) return undefined;
    return mistake(
      "yaml-indentation",
      `this line is indented ${line.indent} spaces, but lines like it (line ${k + 1}) ${other.indent}; indent it by ${other.indent} spaces`,
      { line: index + 1, column: line.indent + 1 },
    );
  }
  return undefined;
}
