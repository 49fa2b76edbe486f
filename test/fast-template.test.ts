/**
 * The fast template compiler (generators/shared/fast-template.ts) must render exactly what Handlebars renders:
 * on a corpus of small templates that exercise every construct it reads, and on the generators' own page and
 * Markdown templates with the seed ladder's contexts. What it does not read, it must refuse, so that
 * templates.ts falls back to Handlebars.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { buildContext } from "../generators/html/context.js";
import { escapeHtml } from "../generators/html/escape.js";
import { pageAssets, renderHtmlChunks, streamHtml } from "../generators/html/render.js";

const { csp: CSP, script: SCRIPT, style: STYLE } = pageAssets();

import { markdownContext, renderMarkdownChunks, streamMarkdown } from "../generators/markdown/render.js";
import { fastRuntime } from "../generators/shared/fast-runtime.js";
import { CHUNK, compileFast, Unsupported } from "../generators/shared/fast-template.js";
import { groups, PIECE_LINES } from "../generators/shared/fast-template-scan.js";
import { template, environment as templateEnvironment } from "../generators/shared/templates.js";
import { loadSource } from "../scripts/check/load.js";
import type { Ladder } from "../scripts/model/model.js";
import { caseLadder } from "./helpers/golden.js";

const root = path.join(import.meta.dirname, "..");

type Options = { strict?: boolean; noEscape?: boolean };

function environment(partials: Record<string, string> = {}) {
  const env = Handlebars.create();
  env.registerHelper("text", (value: unknown) => new env.SafeString(`[${String(value)}]`));
  env.registerHelper("join", (list: unknown[], separator: string) => list.join(separator));
  env.registerHelper("shout", (value: unknown) => `${String(value).toUpperCase()}<!>`);
  for (const [name, text] of Object.entries(partials)) env.registerPartial(name, env.compile(text, { strict: true }));
  return env;
}

/** Renders `text` both ways; returns both results (or the thrown messages). */
function both(text: string, context: unknown, options: Options = { strict: true }, partials = {}) {
  const env = environment(partials);
  const run = (f: () => string) => {
    try {
      return f();
    } catch (error) {
      return `threw: ${(error as Error).message}`;
    }
  };
  const reference = run(() => env.compile(text, options)(context));
  const fast = compileFast(
    text,
    options,
    (t) => Handlebars.parse(t),
    (name) => (partials as never)[name],
  );
  const make = new Function("rt", fast.body) as (
    rt: unknown,
  ) => (root: unknown, each?: (chunk: string) => void) => string[];
  const rt = fastRuntime(env);
  return { reference, fast: run(() => make(rt)(context).join("")) };
}

const context = {
  title: "A <b> & 'c'",
  zero: 0,
  empty: [],
  none: null,
  yes: true,
  fn: () => "called",
  items: [
    { name: "one", tags: ["x", "y"], note: "first" },
    { name: "two", tags: [], note: "" },
    { name: "thr<ee>", tags: ["z"] },
  ],
  map: { a: 1, b: 2 },
  nested: { deep: { value: "deep" } },
  columns: 4,
};

const corpus: Array<[string, Options?]> = [
  ["plain {{title}} and {{{title}}}"],
  ["{{text title}} {{{text title}}} {{shout title}} {{{shout title}}}"],
  ["{{#each items}}{{@index}}:{{name}}{{#if @first}} first{{/if}}{{#if @last}} last{{/if}};{{/each}}"],
  ["{{#each items}}\n<li>{{name}} of {{../columns}} {{@root.title}}</li>\n{{/each}}\n"],
  ["{{#each items}}{{#each tags}}{{this}}@{{../name}}/{{@index}}{{/each}}{{else}}none{{/each}}"],
  ["{{#each items}}{{#each tags}}{{this}}<{{../name}}|{{../../columns}}>{{else}}(no tags){{/each}}{{/each}}"],
  ["{{#each map}}{{@key}}={{this}}{{#unless @last}},{{/unless}}{{/each}}"],
  ["{{#each empty}}x{{else}}empty{{/each}}|{{#each none}}x{{else}}none{{/each}}"],
  ["{{#if zero}}z{{else}}not zero{{/if}} {{#if empty}}e{{else}}no items{{/if}} {{#if fn}}fn{{/if}}"],
  ["{{#if none}}a{{else if yes}}b{{else}}c{{/if}} {{#unless yes}}u{{else}}not u{{/unless}}"],
  ["{{#if items}}\n  {{#each items}}\n  - {{name}}\n  {{/each}}\n{{/if}}\ntrailing\n"],
  ["{{~title~}}   {{nested.deep.value}} {{fn}} {{zero}} {{yes}}"],
  ['{{{join items.0.tags ", "}}} {{join items.0.tags "&"}} {{text 3}} {{text true}} {{text "lit"}}'],
  ["{{!-- comment --}}{{! short }}a\n{{!-- standalone --}}\nb"],
  ["{{missing}}"],
  ["{{nested.missing}}"],
  ["{{text missing}}|{{#if missing}}x{{/if}}|{{#each missing}}x{{/each}}"],
  ["{{title}} {{text title}} {{#each items}}{{name}}{{/each}}", { strict: true, noEscape: true }],
];

describe("compileFast", () => {
  it.each(corpus)("renders what Handlebars renders: %s", (text, options) => {
    const { reference, fast } = both(text, context, options);
    expect(fast).toBe(reference);
  });

  it("calls a helper's html form directly where a mustache escapes, and renders what Handlebars renders", () => {
    const env = environment();
    const calls = { html: 0, helper: 0 };
    const html = (value: unknown) => {
      calls.html++;
      return `<i>${String(value)}</i>`;
    };
    const helper = (value: unknown) => {
      calls.helper++;
      return new env.SafeString(html(value));
    };
    env.registerHelper("mark", Object.assign(helper, { html }));
    const text = "{{mark title}} {{#each items}}{{mark name}}{{/each}} {{{mark title}}}";
    const reference = env.compile(text, { strict: true })(context);
    const fast = compileFast(
      text,
      { strict: true },
      (t) => Handlebars.parse(t),
      () => undefined,
    );
    const render = (new Function("rt", fast.body) as (rt: unknown) => (root: unknown) => string[])(fastRuntime(env));
    Object.assign(calls, { html: 0, helper: 0 });
    expect(render(context).join("")).toBe(reference);
    // Four escaped mustaches call `html` alone; the raw one calls the helper, as Handlebars does.
    expect(calls).toEqual({ html: 5, helper: 1 });
  });

  it("inlines partials, standalone and inline, with the caller's context and data", () => {
    const partials = {
      row: "<tr>{{name}} {{@index}} {{@root.columns}}</tr>\n",
      list: "{{#each tags}}\n{{> tag}}\n{{/each}}\n",
      tag: "[{{this}}]",
    };
    const text = "{{#each items}}\n{{> row}}\n{{> list}}\n{{/each}}\nend {{> tag}}\n";
    const { reference, fast } = both(text, { ...context, this: "x" }, { strict: true }, partials);
    expect(fast).toBe(reference);
  });

  it("cuts a long block into functions of a bounded size, at statement boundaries, and renders the same", () => {
    // Long enough at every level (the top, a partial, an `#each` body, an `#if` branch) to be cut, with `../`
    // and data names crossing the cuts.
    const line = (i: number) => `<p>{{name}} {{text ../title}} {{@index}} ${i}</p>\n`;
    const many = (n: number) => Array.from({ length: n }, (_, i) => line(i)).join("");
    const top = Array.from({ length: 60 }, (_, i) => `<h1>{{title}} ${i}</h1>\n`).join("");
    const partials = { long: `{{#each items}}${many(60)}{{/each}}` };
    const text = `${top}{{#each items}}{{#if name}}${many(60)}{{else}}x{{/if}}{{/each}}{{> long}}`;
    const { reference, fast } = both(text, context, { strict: true }, partials);
    expect(reference).not.toMatch(/^threw/);
    expect(fast).toBe(reference);
    const { body } = compileFast(
      text,
      { strict: true },
      (t) => Handlebars.parse(t),
      (name) => (partials as never)[name],
    );
    const [head, render] = body.split("\nreturn function (root, each) {\n");
    const pieces = head.split(/\n(?=function )/).filter((f) => f.startsWith("function piece"));
    expect(pieces.length).toBeGreaterThan(6);
    // A piece holds up to PIECE_LINES lines, or one statement that is longer (an `#each` loop's few lines more).
    for (const f of pieces) expect(f.split("\n").length, f.slice(0, 40)).toBeLessThanOrEqual(PIECE_LINES + 20);
    // 180 statements at the top, a partial, a loop and a branch: the render function itself is a few calls.
    expect(render.split("\n").length).toBeLessThan(PIECE_LINES);
  });

  it("keeps the text of a render started by a helper during another render apart, and in order", () => {
    // A helper that renders the same template again (the same runtime, so the same output in progress).
    const text = "[{{n}}:{{#each items}}{{name}}{{/each}}{{{again n}}}]";
    const env = environment();
    const compiled = compileFast(
      text,
      { strict: true },
      (t) => Handlebars.parse(t),
      () => undefined,
    );
    const make = new Function("rt", compiled.body) as (rt: unknown) => (root: unknown) => string[];
    const fast = make(fastRuntime(env));
    const reference = env.compile(text, { strict: true });
    const items = context.items;
    env.registerHelper("again", (n: number) => (n > 0 ? fast({ n: n - 1, items }).join("") : "."));
    const fastText = fast({ n: 3, items }).join("");
    env.registerHelper("again", (n: number) => (n > 0 ? reference({ n: n - 1, items }) : "."));
    expect(fastText).toBe(reference({ n: 3, items }));
    expect(fastText).toBe(
      "[3:onetwothr&lt;ee&gt;[2:onetwothr&lt;ee&gt;[1:onetwothr&lt;ee&gt;[0:onetwothr&lt;ee&gt;.]]]]",
    );
    // A render that throws leaves the next one whole.
    expect(() => fast({ items })).toThrow(/"n" not defined/);
    expect(fast({ n: 0, items }).join("")).toBe("[0:onetwothr&lt;ee&gt;.]");
  });

  it("groups statements' lines up to the limit, never cutting a statement", () => {
    expect(groups([["a"], ["b", "c"], ["d"], ["e", "f", "g", "h"], ["i"]], 3)).toEqual([
      ["a", "b", "c"],
      ["d"],
      ["e", "f", "g", "h"],
      ["i"],
    ]);
    expect(groups([], 3)).toEqual([]);
  });

  it("refuses what it does not read, so that Handlebars renders it", () => {
    const refused = [
      "{{#each items as |item|}}{{item.name}}{{/each}}",
      "{{#each items}}{{#each tags}}{{@../index}}{{/each}}{{/each}}",
      "{{#with nested}}{{deep.value}}{{/with}}",
      "{{text title key=1}}",
      "{{text (shout title)}}",
      "{{> row name}}",
      "  {{> row}}\n",
      "{{#> layout}}x{{/layout}}",
      "{{^items}}none{{/items}}",
      "{{#custom}}x{{/custom}}",
    ];
    for (const text of refused) {
      expect(
        () =>
          compileFast(
            text,
            { strict: true },
            (t) => Handlebars.parse(t),
            () => "<tr></tr>\n",
          ),
        text,
      ).toThrow(Unsupported);
    }
    expect(() => compileFast("x", { knownHelpersOnly: true }, Handlebars.parse, () => undefined)).toThrow(Unsupported);
    expect(() => compileFast("{{> nowhere}}", { strict: true }, Handlebars.parse, () => undefined)).toThrow(
      Unsupported,
    );
  });

  const seed = (() => {
    const loaded = loadSource({ file: "ladder/sre.yaml", text: readFileSync(path.join(root, "ladder/sre.yaml")) });
    if (!loaded.ok) throw new Error("the seed does not load");
    return { id: loaded.parsed.id, file: loaded.parsed.file, ...(loaded.parsed.data as object) } as Ladder;
  })();

  /** A generator's template rendered by Handlebars and by the fast form, from the same files. */
  function generator(folder: string, main: string, options: Options, helpers = {}) {
    const read = (name: string) => readFileSync(path.join(root, "generators", folder, name), "utf8");
    const partialNames = readdirSync(path.join(root, "generators", folder, "partials"))
      .filter((name) => name.endsWith(".hbs"))
      .map((name) => name.replace(/\.hbs$/, ""));
    const partials = Object.fromEntries(partialNames.map((n) => [n, read(`partials/${n}.hbs`)]));
    const env = Handlebars.create();
    for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper as never);
    for (const [name, text] of Object.entries(partials)) env.registerPartial(name, env.compile(text, options));
    const fast = compileFast(
      read(main),
      options,
      (t) => Handlebars.parse(t),
      (name) => partials[name],
    );
    const make = new Function("rt", fast.body) as (
      rt: unknown,
    ) => (root: unknown, each?: (chunk: string) => void) => string[];
    const chunks = make(fastRuntime(env));
    return { reference: env.compile(read(main), options), fast: (c: unknown) => chunks(c).join(""), chunks };
  }

  it("renders the web page of the seed ladder exactly as Handlebars does", () => {
    const text = (value: unknown) => new Handlebars.SafeString(escapeHtml(String(value)));
    const { reference, fast } = generator(
      "html",
      "page.hbs",
      { strict: true },
      {
        text,
      },
    );
    const pageContext = { ...buildContext(seed), csp: CSP, style: STYLE, script: SCRIPT };
    expect(fast(pageContext)).toBe(reference(pageContext));
  });

  it("gives the page in chunks of about CHUNK characters, and again the same on a second render", () => {
    const text = (value: unknown) => new Handlebars.SafeString(escapeHtml(String(value)));
    const { reference, chunks } = generator("html", "page.hbs", { strict: true }, { text });
    const pageContext = { ...buildContext(seed), csp: CSP, style: STYLE, script: SCRIPT };
    const first = chunks(pageContext);
    expect(first.length).toBeGreaterThan(4);
    // Each chunk is set aside once it reaches CHUNK; the page's inlined script is one piece larger than that.
    for (const chunk of first.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(CHUNK);
    expect(first.filter((chunk) => chunk.length > 3 * CHUNK).length).toBeLessThanOrEqual(2);
    expect(chunks(pageContext)).toEqual(first);
    expect(first.join("")).toBe(reference(pageContext));
    // Streamed, the same chunks come one at a time, and none is kept.
    const streamed: string[] = [];
    expect(chunks(pageContext, (chunk: string) => streamed.push(chunk))).toEqual([]);
    expect(streamed).toEqual(first);
  });

  it("streams what it renders in chunks, for the fast form and Handlebars' own (Template.stream)", () => {
    const ladders = [caseLadder("sre"), caseLadder("hostile-content")];
    for (const ladder of ladders) {
      for (const [streamed, chunked] of [
        [(each: (c: string) => void) => streamHtml(ladder, {}, each), () => renderHtmlChunks(ladder)],
        [(each: (c: string) => void) => streamMarkdown(ladder, each), () => renderMarkdownChunks(ladder)],
      ] as const) {
        const got: string[] = [];
        streamed((chunk) => got.push(chunk));
        expect(got).toEqual(chunked());
        expect(got.every((chunk) => chunk !== "")).toBe(true);
      }
    }
    // Handlebars' own form (a template the fast compiler does not read) streams its one piece, or nothing.
    const dir = mkdtempSync(path.join(tmpdir(), "ladder-stream-"));
    try {
      writeFileSync(path.join(dir, "plain.hbs"), "a{{x}}b{{#if y}}c{{/if}}");
      const plain = template<{ x: string; y?: boolean }>(
        templateEnvironment(),
        pathToFileURL(path.join(dir, "plain.hbs")),
        {
          knownHelpersOnly: true,
        },
      );
      const got: string[] = [];
      plain.stream({ x: "<", y: true }, (chunk) => got.push(chunk));
      expect(got).toEqual(["a&lt;bc"]);
      writeFileSync(path.join(dir, "empty.hbs"), "{{x}}");
      const empty = template<{ x: string }>(templateEnvironment(), pathToFileURL(path.join(dir, "empty.hbs")), {
        knownHelpersOnly: true,
      });
      empty.stream({ x: "" }, (chunk) => got.push(chunk));
      expect(got).toEqual(["a&lt;bc"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders the Markdown of the seed ladder exactly as Handlebars does", () => {
    const options = { strict: true, noEscape: true };
    const { reference, fast } = generator("markdown", "ladder.md.hbs", options);
    expect(fast(markdownContext(seed))).toBe(reference(markdownContext(seed)));
  });
});
