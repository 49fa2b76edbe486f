/**
 * Handlebars for the generators: a fresh environment per generator (so no helper or partial leaks between
 * them) and templates from the .hbs files beside each generator.
 *
 * Every template is turned into Handlebars' precompiled form and run by its runtime, which loads without the
 * compiler. In the compiled build (.build/, see scripts/cli/compile.mjs) the precompiled forms of every template
 * under generators/, for each option set below, are read from one generated file; elsewhere, or for a
 * template that file lacks, the compiler precompiles it on first use. Either way the same form runs, so where
 * it came from changes only how long start-up takes, never a byte of output.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";
import { byCodeUnit } from "../../scripts/model/model.js";
import { type FastRuntime, fastRuntime } from "./fast-runtime.js";
import { compileFast, Unsupported } from "./fast-template.js";

const require = createRequire(import.meta.url);

type Runtime = typeof Handlebars;

/** Compile options a generator may use: strict (a missing name throws), noEscape, knownHelpersOnly. */
export interface TemplateOptions {
  strict?: boolean;
  noEscape?: boolean;
  knownHelpersOnly?: boolean;
}

/** The option sets the generators compile with; the build precompiles every template once for each. */
export const OPTION_SETS: readonly TemplateOptions[] = [
  { strict: true },
  { strict: true, noEscape: true },
  { knownHelpersOnly: true },
];

/** The generators folder: precompiled forms are keyed by paths relative to it. */
const GENERATORS = fileURLToPath(new URL("../", import.meta.url));
const TABLE = fileURLToPath(new URL("templates.precompiled.cjs", import.meta.url));

type Spec = Parameters<Runtime["template"]>[0];
/** A template's fast form (fast-template.ts): the partials it inlined (name → path under generators/). */
interface FastForm {
  partials: Record<string, string>;
  /**
   * The render function for one runtime (made once per template and environment): the text in chunks, or each
   * chunk handed to `each` as it is made (fast-template-output.ts).
   */
  make: (rt: FastRuntime) => (root: unknown, each?: (chunk: string) => void) => string[];
}

/**
 * A template ready to render: called, it gives the text; `chunks` gives the same text in pieces of about
 * fast-template.ts's CHUNK characters, for a caller that encodes or compares it piece by piece and never needs
 * it whole (a page of a large ladder is tens of megabytes). Handlebars' form gives one chunk.
 */
export interface Template<T> {
  (root: T): string;
  chunks(root: T): string[];
  /** The same chunks, each handed to `each` as soon as it is made, none kept (Handlebars' form: one chunk). */
  stream(root: T, each: (chunk: string) => void): void;
}
/** The compiled build's table of precompiled forms: key → file (relative to TABLE's folder) or null. */
let table: Record<string, string | null> | null | undefined;

/** The partials registered through `registerPartial`, per environment: name → file and options. */
const registered = new WeakMap<Runtime, Map<string, { file: string; options: string }>>();

/**
 * A new Handlebars environment with the standard helpers and no compiler. The runtime comes from the package's
 * own one-file build of it (`dist/handlebars.runtime.js`, the same version and code as `handlebars/runtime`,
 * which is a tree of a dozen modules): one module to find and read instead of twelve, 3 ms instead of 9 on
 * every start.
 */
export function environment(): Runtime {
  return (require("handlebars/dist/handlebars.runtime.js") as Runtime).create();
}

/**
 * Registers `name` as a helper giving `html(value)` as a SafeString, as Handlebars' own form reads it, with
 * the same HTML as its `html` for the fast form to call directly (fast-template.ts): no options object, no
 * SafeString, no escaping call, for each of a page's thousands of texts.
 */
export function registerHtmlHelper(env: Runtime, name: string, html: (value: unknown) => string): void {
  env.registerHelper(
    name,
    Object.assign((value: unknown) => new env.SafeString(html(value)), { html }),
  );
}

/** The key of a template's precompiled form: its path under generators/ and its options. */
function keyOf(file: string, options: TemplateOptions): string {
  const relative = path.relative(GENERATORS, file).split(path.sep).join("/");
  const sorted = Object.fromEntries(Object.entries(options).sort(([a], [b]) => byCodeUnit(a, b)));
  return `${relative} ${JSON.stringify(sorted)}`;
}

/** Handlebars' compiler turns a template into the source of its precompiled form. */
function precompile(text: string, options: TemplateOptions): string {
  return (require("handlebars") as Runtime).precompile(text, { ...options }) as unknown as string;
}

/**
 * The precompiled form under `key` from the compiled build: undefined when there is none (the sources, or a
 * key the build did not make), null for a template without a fast form. The table holds, per key, the file of
 * that one form (PRECOMPILED): a command loads the forms it renders and no others.
 */
function precompiled(key: string): Spec | FastForm | null | undefined {
  if (table === undefined) table = existsSync(TABLE) ? (require(TABLE) as NonNullable<typeof table>) : null;
  if (table === null || !Object.hasOwn(table, key)) return undefined;
  const file = table[key];
  return file === null ? null : (require(path.join(path.dirname(TABLE), file)) as Spec | FastForm);
}

function specOf(file: string, options: TemplateOptions): Spec {
  const ready = precompiled(keyOf(file, options)) as Spec | undefined;
  if (ready) return ready;
  // The same code a precompiled file holds, evaluated here; Handlebars' own compile() does likewise.
  return new Function(`return ${precompile(readFileSync(file, "utf8"), options)};`)() as Spec;
}

/**
 * The fast form of a template (fast-template.ts), its partials resolved as `partials/<name>.hbs` beside it;
 * null when the template uses something that compiler does not read.
 */
function fastFormOf(file: string, options: TemplateOptions): FastForm | null {
  const ready = precompiled(`fast ${keyOf(file, options)}`) as FastForm | null | undefined;
  if (ready !== undefined) return ready;
  const source = fastSource(file, options);
  if (source === null) return null;
  const make = new Function("rt", source.body) as FastForm["make"];
  return { partials: source.partials, make };
}

/** The generated code of a template's fast form and the partials it inlined, or null when unsupported. */
function fastSource(file: string, options: TemplateOptions): { body: string; partials: Record<string, string> } | null {
  const partialFile = (name: string) => path.join(path.dirname(file), "partials", `${name}.hbs`);
  const parse = (text: string) => (require("handlebars") as Runtime).parse(text);
  try {
    const compiled = compileFast(readFileSync(file, "utf8"), options, parse, (name) => {
      const candidate = partialFile(name);
      return existsSync(candidate) ? readFileSync(candidate, "utf8") : undefined;
    });
    const partials = Object.fromEntries(compiled.partials.map((name) => [name, relative(partialFile(name))]));
    return { body: compiled.body, partials };
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

const relative = (file: string) => path.relative(GENERATORS, file).split(path.sep).join("/");

/**
 * The template in `file` (a URL beside the generator), ready to render in `env`: its fast form when it has one
 * and every partial it inlined is the one `env` has registered under that name with the same options;
 * otherwise Handlebars' own form. Both give the same bytes (test/fast-template.test.ts).
 */
export function template<T>(env: Runtime, file: URL, options: TemplateOptions): Template<T> {
  const filePath = fileURLToPath(file);
  const fast = fastFormOf(filePath, options);
  const partials = registered.get(env);
  const wanted = JSON.stringify(sortedOptions(options));
  const fits =
    fast !== null &&
    Object.entries(fast.partials).every(([name, where]) => {
      const entry = partials?.get(name);
      return entry !== undefined && relative(entry.file) === where && entry.options === wanted;
    });
  if (fast !== null && fits) {
    const render = fast.make(fastRuntime(env)) as (root: T, each?: (chunk: string) => void) => string[];
    return Object.assign((root: T) => render(root).join(""), {
      chunks: (root: T) => render(root),
      stream: (root: T, each: (chunk: string) => void) => {
        render(root, each);
      },
    });
  }
  const whole = handlebarsTemplate<T>(env, filePath, options);
  return Object.assign((root: T) => whole(root), {
    chunks: (root: T) => [whole(root)],
    stream: (root: T, each: (chunk: string) => void) => {
      const text = whole(root);
      if (text !== "") each(text);
    },
  });
}

function handlebarsTemplate<T>(env: Runtime, file: string, options: TemplateOptions): Handlebars.TemplateDelegate<T> {
  return env.template<T>(specOf(file, options));
}

/**
 * Registers the template in `file` as the partial `name` of `env`, compiled like the templates using it, in
 * Handlebars' form (a fast form inlines its partials instead of calling them).
 */
export function registerPartial(env: Runtime, name: string, file: URL, options: TemplateOptions): void {
  const filePath = fileURLToPath(file);
  env.registerPartial(name, handlebarsTemplate(env, filePath, options));
  if (!registered.has(env)) registered.set(env, new Map());
  registered.get(env)?.set(name, { file: filePath, options: JSON.stringify(sortedOptions(options)) });
}

function sortedOptions(options: TemplateOptions): TemplateOptions {
  return Object.fromEntries(Object.entries(options).sort(([a], [b]) => byCodeUnit(a, b)));
}

/** The folder, beside TABLE, that holds one CommonJS module per precompiled form. */
const PRECOMPILED = "precompiled";

/**
 * The compiled build's precompiled forms, as files relative to generators/shared/ (scripts/cli/compile.mjs
 * writes them into .build/): for every .hbs file under generators/ and each of OPTION_SETS, Handlebars' form
 * and the fast form each in a module of its own under PRECOMPILED, and TABLE mapping each key, as
 * `precompiled` looks it up, to its module (null: no fast form). One module per form, not one for all: the
 * forms of every template in every option set came to 836 KB of JavaScript, which every command and worker
 * thread parsed to use a few of them (13 ms on each start).
 */
export function precompiledFiles(): Array<{ path: string; source: string }> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const child = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".hbs")) files.push(child);
    }
  };
  walk(GENERATORS);
  const head = "// Generated by scripts/cli/compile.mjs from generators/**/*.hbs; do not edit.";
  const modules: Array<{ path: string; source: string }> = [];
  const table: Record<string, string | null> = {};
  const add = (key: string, name: string, form: string) => {
    const where = `${PRECOMPILED}/${name}`;
    modules.push({ path: where, source: `"use strict";\n${head}\nmodule.exports = ${form};\n` });
    table[key] = where;
  };
  for (const file of files.sort()) {
    for (const options of OPTION_SETS) {
      let spec: string;
      try {
        spec = precompile(readFileSync(file, "utf8"), options);
      } catch {
        // Not valid with these options (knownHelpersOnly and a helper of its own), so no generator uses it so.
        continue;
      }
      const key = keyOf(file, options);
      const name = `${relative(file)}.${Object.keys(sortedOptions(options)).join("+")}`;
      add(key, `${name}.handlebars.cjs`, spec);
      const fast = fastSource(file, options);
      if (fast === null) table[`fast ${key}`] = null;
      else
        add(
          `fast ${key}`,
          `${name}.fast.cjs`,
          `{ partials: ${JSON.stringify(fast.partials)}, make: function (rt) {\n${fast.body}\n} }`,
        );
    }
  }
  const index = `"use strict";\n${head}\nmodule.exports = ${JSON.stringify(table, null, 2)};\n`;
  return [{ path: path.basename(TABLE), source: index }, ...modules];
}
