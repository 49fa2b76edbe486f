/**
 * The web page's markup as golden documents a reviewer can read: `expected/<id>.page.html` is `dist/<id>.html`
 * with the inline style and script (the same for every ladder, tested in html-render.test.ts) replaced by a
 * one-line placeholder and their hashes in the policy elided, so a change to what a page shows is a readable diff. Every golden case, and the
 * organisation case (resolved, with its organisation: marks, not-applicable cells, across-tracks views).
 */
import path from "node:path";
import { describe, expect, test } from "vitest";
import { pageAssets, renderHtml } from "../generators/html/render.js";

const { script: SCRIPT, style: STYLE } = pageAssets();

import { readSources } from "../scripts/check/sources.js";
import { resolveSources } from "../scripts/resolve/pipeline.js";
import { caseLadders, expectedFile, fixtures, goldenCases } from "./helpers/golden.js";

/** The page with its shared style and script left out (they are checked whole elsewhere). */
function readable(html: string): string {
  const out = html
    .replace(`<style>${STYLE}</style>`, "<style>/* page.css, views.css, media.css */</style>")
    .replace(`<script>${SCRIPT}</script>`, "<script>/* word-diff.js, page-*.js */</script>")
    .replace(/'sha256-[A-Za-z0-9+/=]+'/g, "'sha256-…'");
  expect(out).not.toBe(html);
  return out;
}

describe.each(goldenCases())("%s", (name) => {
  test("the page's markup is its golden document", async () => {
    for (const ladder of caseLadders(name)) {
      await expect(readable(renderHtml(ladder))).toMatchFileSnapshot(expectedFile(name, `${ladder.id}.page.html`));
    }
  });
});

test("organisation: each page's markup is its golden document", async () => {
  const root = path.join(fixtures, "organisation/repo");
  const result = resolveSources(await readSources({ root, ladders: path.join(root, "ladder") }));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const { ladders, organisation } = result;
  for (const ladder of ladders) {
    const page = readable(renderHtml(ladder, { organisation, ladders }));
    await expect(page).toMatchFileSnapshot(path.join(fixtures, "organisation/expected", `${ladder.id}.page.html`));
  }
});
