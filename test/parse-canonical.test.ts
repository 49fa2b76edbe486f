/**
 * The canonical-layout parser must return exactly what the reference parser (the `yaml` package, core schema,
 * as load.ts runs it) returns, or nothing: on every ladder file of the project and its fixtures, and on lines
 * built to be ambiguous. There is no other parser: one file, one reading.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { corpusFrom, ladderYaml } from "../bench/generate.js";
import { parseCanonical } from "../scripts/check/parse-canonical.js";

const root = path.join(import.meta.dirname, "..");

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** What the reference parser reads, with load.ts's options, or a marker when it refuses the text. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { schema: "core", uniqueKeys: true, strict: true });
  return doc.errors.length > 0 ? "(refused)" : doc.toJS();
}

describe("parseCanonical", () => {
  const files = [...yamlFiles("ladder"), ...yamlFiles("test/fixtures")];

  it.each(files)("agrees with the reference parser, or declines: %s", (file) => {
    const text = readFileSync(path.join(root, file), "utf8").replace(/^\uFEFF/, "");
    const parsed = parseCanonical(text);
    if (parsed !== undefined) expect(parsed).toEqual(reference(text));
  });

  it("reads the project's ladder and ladders in the canonical layout", () => {
    expect(parseCanonical(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"))).toBeTypeOf("object");
    const corpus = corpusFrom(readFileSync(path.join(root, "ladder/sre.yaml"), "utf8"));
    const text = ladderYaml({ ladders: 1, levels: 4, competencies: 12 }, 0, corpus);
    expect(parseCanonical(text)).toEqual(reference(text));
  });

  const head = "title: T\nlevels:\n  - id: l1\n    code: L1\n    title: ";
  const values = [
    "plain text, with: colons and #hashes",
    "text: with a colon and space",
    "text #with a comment",
    "ends with a colon:",
    "trailing space ",
    "123",
    "1.5",
    "-1",
    "+1",
    "+.5",
    ".5",
    "1e400",
    ".inf",
    "-.Inf",
    ".NaN",
    "0o17",
    "1_000",
    "0x1F",
    "~",
    "null",
    "Null",
    "TRUE",
    "false",
    "yes",
    "off",
    "on",
    "- dash",
    "? question",
    ": colon",
    "[flow]",
    "{flow}",
    "&anchor x",
    "*alias",
    "!tag x",
    "|",
    ">",
    "%directive",
    "@at",
    "`tick",
    "'single ''quoted'' text'",
    "'unterminated",
    "'a' 'b'",
    '"double \\"quoted\\" \\t tab \\u00e9 \\x41 \\U0001F600 \\N \\_ \\/ \\\\"',
    '"bad escape \\q"',
    '"unterminated',
    '"a" "b"',
    '"ends with escaped quote\\"',
    '"lone \\ud800 surrogate"',
    "emoji 😀 and é",
    "a,b [c] {d} e#f g:h",
    '"raw\rCR"',
    "text # comment",
    "text #cut",
    '"quoted" # comment',
    '"quoted" #c',
    "'single' # comment",
    "text   ",
    "raw\rCR",
    "",
    " two spaces",
  ];

  it.each(values)("reads the value %j as the reference parser does, or declines", (value) => {
    const text = `${head}${value}\ncategories:\n  - id: c\n`;
    const parsed = parseCanonical(text);
    if (parsed !== undefined) expect(parsed).toEqual(reference(text));
  });

  it("reads quoted texts, escapes and characters beyond ASCII itself", () => {
    const single = values.find((v) => v.startsWith("'single"));
    const double = values.find((v) => v.startsWith('"double'));
    for (const value of [single, double, "emoji 😀 and é"]) {
      const text = `${head}${value}\ncategories:\n  - id: c\n`;
      expect(parseCanonical(text), value).toEqual(reference(text));
    }
  });

  it("reads values from the file's bytes exactly as from its text, wherever wide characters are", () => {
    // A text that is not all ASCII has its values read from its UTF-8 (canonical-lines.ts): the same data.
    const wide = [
      "it’s “quoted” — and ‘so’ on",
      "'it’s single ’’quoted'' – yes' # a comment ’",
      '"double \\u2019 ’ and \\" escapes" # note — here',
      "emoji 😀 then é # and a comment 😀",
      "plain é Latin-1 only",
      "ends wide ’",
    ];
    const texts = [
      ...files.map((file) => readFileSync(path.join(root, file), "utf8").replace(/^\uFEFF/, "")),
      ...wide.map((value) => `# a comment ’ first\n${head}${value}\ncategories:\n  - id: c\n    name: ${value}\n`),
      `title: T ’\nlist:\n  - é first\n  - ’ second # c\n  - key: ’ value\n    other: 😀\n`,
    ];
    let read = 0;
    for (const text of texts) {
      const fromText = parseCanonical(text);
      expect(parseCanonical(text, Buffer.from(text, "utf8")), text.slice(0, 80)).toEqual(fromText);
      if (fromText !== undefined && Buffer.byteLength(text) !== text.length) read++;
    }
    // The byte path really ran: most of these texts are not ASCII, and the parser read them.
    expect(read).toBeGreaterThan(wide.length);
  });

  it("reads versions and dates (texts that start with a digit) itself, and declines every number", () => {
    const strings = ["1.0.0", "10.20.30", "2027-01-01", "1.2.3-rc.1", "3rd line", "1_000", "0b101", "1.0.0 # note"];
    for (const value of strings) {
      const text = `version: ${value}\ntitle: T\n`;
      expect(parseCanonical(text), value).toBeDefined();
      expect(parseCanonical(text), value).toEqual(reference(text));
    }
    const numbers = ["1", "007", "1.0", "1.", "1e5", "1.5E-3", "1.5e+3", "0x1F", "0o17", "12 # twelve"];
    for (const value of numbers) {
      const text = `version: ${value}\ntitle: T\n`;
      expect(parseCanonical(text), value).toBeUndefined();
      expect(typeof (reference(text) as { version: unknown }).version, value).toBe("number");
    }
    // Every short text of digits, dots, letters e/x/o and signs: read exactly as the reference, or declined.
    const alphabet = ["0", "1", "9", ".", "e", "E", "x", "o", "-", "+", "a", "_"];
    const shapes: string[] = [];
    const grow = (prefix: string) => {
      if (prefix.length > 0) shapes.push(prefix);
      if (prefix.length === 4) return;
      for (const c of alphabet) grow(prefix + c);
    };
    for (const digit of ["0", "1", "9"]) grow(digit);
    for (const value of shapes) {
      const text = `a: ${value}\n`;
      const parsed = parseCanonical(text);
      if (parsed !== undefined) expect(parsed, value).toEqual(reference(text));
    }
  });

  it("declines what is not the canonical layout", () => {
    const declined = [
      "a: 1\na: 2\n", // duplicate key
      "a:\n- x\n", // sequence not indented under its key
      "a:\n  b: 1\n c: 2\n", // uneven indentation
      "a: b\n  c: d\n", // continuation line
      "a: >\n  folded\n", // block scalar
      "a: [1, 2]\n", // flow
      "a:\r\n  b: c\r\n", // CRLF
      "a:\tb\n", // tab
      "- a\n- b\n", // not a mapping
      "__proto__: x\n",
      "true: x\n",
      "a:\n",
      "# only a comment\n",
      "a: b #cut the text\n", // a `#` that cuts a text: the reference path reports it
      "a:  two spaces\n",
      "a:\n  -  two spaces\n",
      "a:\n  -\n    b: c\n",
      "a: \u0007 bell\n",
    ];
    for (const text of declined) expect(parseCanonical(text), JSON.stringify(text)).toBeUndefined();
  });

  it("reads comments after values as the reference parser does", () => {
    const texts = [
      "a: b # comment\n",
      "a: b    # spaced\n",
      "a: b #\n",
      'a: "b # not a comment" # comment\n',
      "a: 'it''s' # comment\n",
      'a: "b" #c\n',
      "a: # about the block\n  b: c\n",
      "a:\n  - b # comment\n  - c: d # comment\n",
      "a: b \n",
      "a: b   \n",
    ];
    for (const text of texts) {
      expect(parseCanonical(text), JSON.stringify(text)).toBeDefined();
      expect(parseCanonical(text), JSON.stringify(text)).toEqual(reference(text));
    }
    for (const text of ["a: # comment\n", "a: b #c\n", "a: 'b' x # c\n", "a:\n  - # c\n"]) {
      expect(parseCanonical(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("reads comments, blank lines and nested blocks", () => {
    const text = "# top\n\na:\n  # inner\n  - b: x1\n    c:\n      - d\n\n  - e\nf: g\n";
    expect(parseCanonical(text)).toEqual({ a: [{ b: "x1", c: ["d"] }, "e"], f: "g" });
    expect(parseCanonical(text)).toEqual(reference(text));
  });
});
