/** The HTML escape helper on hostile text: parsed back by parse5, the text is exactly what was written. */
import { type DefaultTreeAdapterMap, parseFragment } from "parse5";
import { describe, expect, test } from "vitest";
import { escapeHtml, shownText } from "../generators/html/escape.js";

type Element = DefaultTreeAdapterMap["element"];
type Node = DefaultTreeAdapterMap["childNode"];

const HOSTILE = [
  "<script>alert(1)</script>",
  "</td></tr></table><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  "&amp; &lt; &#60; &#x3c; &unknown; & alone",
  "{{handlebars}} {{{triple}}} {{> partial}}",
  "<!-- comment --> <![CDATA[ x ]]> <!doctype html>",
  '`backticks` | pipes | =HYPERLINK("http://x") @mention',
  "emoji 👩🏽‍💻, right-to-left النص العربي, combining é",
  "line\nbreaks\r\nof every\rkind",
  "\ttab first",
];

const children = (node: { childNodes: Node[] }): Node[] => node.childNodes;
const elements = (nodes: Node[]): Element[] =>
  nodes.flatMap((n) => ("tagName" in n ? [n as Element, ...elements(children(n as Element))] : []));
const text = (nodes: Node[]): string =>
  nodes
    .map((n) => (n.nodeName === "#text" ? (n as { value: string }).value : "childNodes" in n ? text(n.childNodes) : ""))
    .join("");

describe("escapeHtml", () => {
  test.each(HOSTILE)("keeps %j as text in element content, with no element or entity injected", (input) => {
    const fragment = parseFragment(`<p>${escapeHtml(input)}</p>`);
    expect(elements(children(fragment)).map((e) => e.tagName)).toEqual(["p"]);
    expect(text(children(fragment))).toBe(shownText(input));
  });

  test.each(HOSTILE)("keeps %j inside double- and single-quoted attribute values", (input) => {
    for (const quote of ['"', "'"]) {
      const fragment = parseFragment(`<p title=${quote}${escapeHtml(input)}${quote} class="x"></p>`);
      const [p] = elements(children(fragment));
      expect(p?.attrs).toEqual([
        { name: "title", value: shownText(input) },
        { name: "class", value: "x" },
      ]);
    }
  });

  test("escapes the five characters that can change markup, and nothing else that is valid", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(escapeHtml("Zero‍width​joiners, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👨‍👩‍👧 עברית")).toBe("Zero‍width​joiners, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👨‍👩‍👧 עברית");
  });

  test("turns CR and CRLF into LF, as any HTML parser would", () => {
    expect(escapeHtml("a\r\nb\rc\nd")).toBe("a\nb\nc\nd");
  });

  test("shows characters that HTML forbids as visible stand-ins rather than dropping them", () => {
    expect(shownText("nul\u0000 bell\u0007 esc\u001b del\u007f")).toBe("nul\u2400 bell\u2407 esc\u241b del\u2421");
    expect(shownText("c1\u0085 non\ufdd0char \ud800lone")).toBe("c1\ufffd non\ufffdchar \ufffdlone");
    expect(shownText("pair 😀 kept")).toBe("pair 😀 kept");
  });
});
