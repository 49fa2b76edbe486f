/**
 * A model of what GitHub does with a comment body, as far as it can be modelled offline: the Markdown is rendered
 * with markdown-it (raw HTML allowed, bare URLs linked, as GitHub does), the HTML parsed by parse5 (so character
 * references are read exactly as a browser reads them, with or without their semicolon), and the text outside
 * code is searched with GitHub's mention and reference patterns; links are searched for issue, pull-request
 * and discussion URLs. Returns what would ping or link, one string each.
 */
import MarkdownIt from "markdown-it";
import { parseFragment } from "parse5";

const markdown = new MarkdownIt({ html: true, linkify: true });

interface Node {
  nodeName: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
}

const MENTION = /(?<![\w`])@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\/[a-z0-9_-]+)?/gi;
const REFERENCE = /(?<!\w)(?:[\w.-]+\/[\w.-]+)?#\d+\b/g;
const GH = /(?<!\w)gh-\d+\b/gi;
const ISSUE_URL = /\/(?:issues|pulls?|discussions)\/\d+/i;
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<]*\/(?:issues|pulls?|discussions)\/\d+/gi;

export function githubEffects(body: string): string[] {
  const found: string[] = [];
  const walk = (node: Node, inCode: boolean, inLink: boolean) => {
    if (node.nodeName === "#text" && node.value !== undefined && !inCode) {
      for (const m of node.value.matchAll(MENTION)) found.push(`mention ${m[0]}`);
      for (const m of node.value.matchAll(REFERENCE)) found.push(`reference ${m[0]}`);
      for (const m of node.value.matchAll(GH)) found.push(`reference ${m[0]}`);
      if (!inLink) for (const m of node.value.matchAll(BARE_URL)) found.push(`issue link ${m[0]}`);
    }
    const href = node.nodeName === "a" ? node.attrs?.find((a) => a.name === "href")?.value : undefined;
    if (href !== undefined && ISSUE_URL.test(safeDecode(href))) found.push(`issue link ${href}`);
    const code = inCode || node.nodeName === "code" || node.nodeName === "pre";
    for (const child of [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])]) {
      walk(child, code, inLink || node.nodeName === "a");
    }
  };
  walk(parseFragment(markdown.render(body)) as unknown as Node, false, false);
  return found;
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
