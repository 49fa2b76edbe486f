/**
 * A second compiler for the generators' Handlebars templates: the same template text, the same parse
 * (Handlebars' own, with its whitespace rules), turned into one plain JavaScript function of loops and string
 * concatenation, partials inlined. Handlebars' runtime calls a wrapper per block, a helper per `#each`
 * iteration and a property guard per name; for a ladder of many cells that bookkeeping cost more than the
 * text itself (issue 11: a fixed ~7 ms per ladder).
 *
 * It reads a subset, the one the generators use, with Handlebars' meaning for each part: content; `{{path}}`,
 * `{{{path}}}` and helper calls with path or literal arguments; `#each` (arrays, objects, iterables, `@index`,
 * `@key`, `@first`, `@last`, `{{else}}`), `#if` and `#unless` (with `{{else}}`); `../` and `@root`; partials
 * without arguments or indentation; comments. Strict mode only (a missing name throws, as Handlebars does).
 * Anything else (block params, hashes, sub-expressions, other block helpers, decorators, partial blocks,
 * indented partials) throws `Unsupported` at compile time and templates.ts uses Handlebars itself instead.
 * test/fast-template.test.ts renders every template both ways, and a corpus of small templates, byte for byte.
 *
 * Templates still only lay out: this changes how a template runs, never what it may contain.
 */

import { renderFunction, WRITER } from "./fast-template-output.js";
import { groups, literal, noHash, PIECE_LINES, Unsupported, usesDepths } from "./fast-template-scan.js";

export { CHUNK } from "./fast-template-output.js";

export { Unsupported } from "./fast-template-scan.js";

// biome-ignore lint/suspicious/noExplicitAny: Handlebars' AST nodes, walked by type.
type Node = any;

export interface FastSource {
  /**
   * The body of `function (rt)`, returning the render function: `root` in, the rendered text out as chunks
   * (at least one) of about CHUNK characters each, to be joined or encoded one after another.
   */
  body: string;
  /** Partial names inlined, with the template text each was read from (for the cache key). */
  partials: string[];
}

interface Scope {
  ctx: string;
  data: string;
  depths: string | null;
}

/**
 * Compiles `text` (and, through `partial`, the text of each partial it names) to the body of a function.
 * `parse` is Handlebars' parser (the full package's `parse`, whitespace control applied).
 */
export function compileFast(
  text: string,
  options: { strict?: boolean; noEscape?: boolean; knownHelpersOnly?: boolean },
  parse: (text: string) => Node,
  partial: (name: string) => string | undefined,
): FastSource {
  if (options.strict !== true || options.knownHelpersOnly) throw new Unsupported("strict templates only");
  const escapes = options.noEscape !== true;
  let counter = 0;
  const fresh = (name: string) => `${name}${++counter}`;
  /** Temporaries used inside expressions, declared once at the top. */
  const temps: string[] = [];
  /** Functions declared once, before the render function: `#each` bodies, partials, pieces of long blocks. */
  const functions: string[] = [];
  /**
   * Declares a function of `params` whose `lines` append to its own `out`, which it hands to `put` at the end;
   * gives the statement that calls it with `args`, handing the caller's `out` to `put` first so the text stays
   * in order.
   */
  const declare = (prefix: string, params: string, lines: readonly string[], args = params): string => {
    const name = fresh(prefix);
    functions.push(`function ${name}(${params}) {\nvar out = "";\n${lines.join("\n")}\nput(out);\n}`);
    return `if (out !== "") { put(out); out = ""; } ${name}(${args});`;
  };
  const temp = (name: string) => {
    const t = fresh(name);
    temps.push(t);
    return t;
  };
  const partials = new Set<string>();
  const parsedPartials = new Map<string, Node>();
  const inlining: string[] = [];
  const ast = parse(text);
  const useDepths = usesDepths(ast, parse, partial, new Set());

  const quote = (s: string) => JSON.stringify(s);
  /** Source locations for strict errors, made once per render rather than at every lookup. */
  const locations: string[] = [];
  const location = (loc: unknown) => {
    if (!loc) return "null";
    const name = fresh("loc");
    locations.push(`var ${name} = ${JSON.stringify(loc)};`);
    return name;
  };

  /** A path's value as an expression: `strict` checks the last part as Handlebars' simple mustaches do. */
  const path = (node: Node, scope: Scope, strict: boolean): string => {
    if (node.type !== "PathExpression") return literal(node);
    if (node.data) {
      if (node.depth > 0) throw new Unsupported("@../ paths");
      return lookups(scope.data, node.parts, strict, node.loc);
    }
    const parts: string[] = node.parts;
    let base = scope.ctx;
    if (node.depth > 0) {
      if (scope.depths === null) throw new Unsupported("../ without depths");
      base = `${scope.depths}[${node.depth}]`;
    }
    if (parts.length === 0) return base;
    return lookups(base, parts, strict, node.loc);
  };
  const lookups = (base: string, parts: string[], strict: boolean, loc: unknown) => {
    let expression = base;
    const last = strict ? parts.length - 1 : parts.length;
    for (let i = 0; i < last; i++) expression = `rt.lookup(${expression}, ${quote(parts[i])})`;
    if (strict) expression = `rt.strict(${expression}, ${quote(parts[last])}, ${location(loc)})`;
    return expression;
  };
  const helperOptions = (name: string, scope: Scope) =>
    `{ name: ${quote(name)}, hash: {}, data: ${scope.data}, loc: null, lookupProperty: rt.lookup }`;

  /**
   * The value a mustache shows; `escaped`: escaped. A helper giving a SafeString may carry `html`, the same
   * HTML from its arguments alone (templates.ts `registerHtmlHelper`): called directly, with no options object,
   * SafeString or escaping.
   */
  const mustacheValue = (node: Node, scope: Scope, escaped: boolean): string => {
    const value = rawValue(node, scope, escaped);
    return escaped && node.params.length === 0 ? `rt.escape(${value})` : value;
  };
  const rawValue = (node: Node, scope: Scope, escaped: boolean): string => {
    noHash(node);
    const p = node.path;
    if (p.type !== "PathExpression") throw new Unsupported("literal mustache");
    // Handlebars' simpleId: one part, not `this`/`.`, no `../` (a data name like `@index` counts).
    const simpleId = p.parts.length === 1 && p.depth === 0 && !/^\.|this\b/.test(p.original);
    if (node.params.length > 0) {
      if (!simpleId) throw new Unsupported("helper with a path name");
      const name = p.parts[0];
      const args = node.params.map((param: Node) => path(param, scope, false));
      const fn = `(rt.helpers[${quote(name)}] || ${path(p, scope, true)})`;
      const call = `${fn}.call(${scope.ctx} != null ? ${scope.ctx} : {}, ${[...args, helperOptions(name, scope)].join(", ")})`;
      if (!escaped) return call;
      const h = temp("h");
      return `((${h} = rt.helpers[${quote(name)}]) && ${h}.html ? ${h}.html(${args.join(", ")}) : rt.escape(${call}))`;
    }
    if (simpleId) {
      const name = p.parts[0];
      if (["each", "if", "unless", "with", "log", "lookup", "helperMissing", "blockHelperMissing"].includes(name))
        throw new Unsupported(`{{${name}}}`);
      const h = temp("h");
      return `((${h} = rt.helpers[${quote(name)}] || ${path(p, scope, true)}), typeof ${h} === "function" ? ${h}.call(${scope.ctx} != null ? ${scope.ctx} : {}, ${helperOptions(name, scope)}) : ${h})`;
    }
    const v = temp("v");
    return `((${v} = ${path(p, scope, true)}), typeof ${v} === "function" ? ${v}.call(${scope.ctx}) : ${v})`;
  };

  /**
   * A block's statements; past `PIECE_LINES` lines of code, in functions of about that many lines each. V8
   * optimises a function in one piece, in time that grows faster than its size: the page's render function
   * in one piece took about a second of the other core to optimise, and ran unoptimised all that while.
   * Each statement's temporaries are its own, so a statement boundary is always a safe place to cut.
   */
  const program = (prog: Node | null | undefined, scope: Scope, out: string[]): void => {
    if (!prog) return;
    const pieces = prog.body.map((statement: Node) => {
      const code: string[] = [];
      statementCode(statement, scope, code);
      return code;
    });
    const total = pieces.reduce((sum: number, code: string[]) => sum + code.length, 0);
    if (total <= PIECE_LINES) {
      for (const code of pieces) out.push(...code);
      return;
    }
    const params = [scope.ctx, scope.data, ...(scope.depths === null ? [] : [scope.depths])].join(", ");
    for (const group of groups(pieces, PIECE_LINES)) out.push(declare("piece", params, group));
  };

  const statementCode = (node: Node, scope: Scope, out: string[]): void => {
    switch (node.type) {
      case "ContentStatement":
        if (node.value !== "") out.push(`out += ${quote(node.value)};`);
        return;
      case "CommentStatement":
        return;
      case "MustacheStatement": {
        const before = temps.length;
        const escaped = node.escaped && escapes;
        const value = mustacheValue(node, scope, escaped);
        if (temps.length > before) out.push(`var ${temps.slice(before).join(", ")};`);
        const t = fresh("t");
        out.push(escaped ? `out += ${value};` : `var ${t} = ${value}; if (${t} != null) out += ${t};`);
        return;
      }
      case "PartialStatement": {
        if (node.params.length > 0 || (node.hash && node.hash.pairs.length > 0))
          throw new Unsupported("partial arguments");
        if (node.indent) throw new Unsupported("indented partial");
        if (node.name.type !== "PathExpression" || node.name.parts.length !== 1) throw new Unsupported("partial name");
        const name: string = node.name.original;
        if (inlining.includes(name)) throw new Unsupported("recursive partial");
        let parsed = parsedPartials.get(name);
        if (!parsed) {
          const source = partial(name);
          if (source === undefined) throw new Unsupported(`partial ${name} has no template file`);
          parsed = parse(source);
          parsedPartials.set(name, parsed);
        }
        partials.add(name);
        inlining.push(name);
        // A partial starts a depth stack of its own (Handlebars passes depths to partials only in compat mode).
        // A function of its own, as an `#each` body is: one render function holding every partial's code grew
        // so large that optimising it cost more (about a second of the other core) than it saved.
        const inner: string[] = [];
        let depths: string | null = null;
        if (useDepths) {
          depths = fresh("ds");
          inner.push(`var ${depths} = [c];`);
        }
        program(parsed, { ctx: "c", data: "d", depths }, inner);
        out.push(declare("partial", "c, d", inner, `${scope.ctx}, ${scope.data}`));
        inlining.pop();
        return;
      }
      case "BlockStatement":
        block(node, scope, out);
        return;
      default:
        throw new Unsupported(node.type);
    }
  };

  const block = (node: Node, scope: Scope, out: string[]): void => {
    noHash(node);
    if (node.program?.blockParams?.length || node.inverse?.blockParams?.length) throw new Unsupported("block params");
    const name = node.path.original;
    if (node.params.length !== 1 || !node.program) throw new Unsupported(`#${name} form`);
    const value = path(node.params[0], scope, false);
    if (name === "if" || name === "unless") {
      const yes = name === "if" ? node.program : node.inverse;
      const no = name === "if" ? node.inverse : node.program;
      out.push(`if (rt.truthy(${value}, ${scope.ctx})) {`);
      program(yes, scope, out);
      out.push("} else {");
      program(no, scope, out);
      out.push("}");
      return;
    }
    if (name !== "each") throw new Unsupported(`#${name}`);
    const [v, list, keys, i, n, c, d, ds] = ["v", "a", "k", "i", "n", "c", "d", "ds"].map(fresh);
    out.push(`var ${v} = ${value}; if (typeof ${v} === "function") ${v} = ${v}.call(${scope.ctx});`);
    out.push(`var ${keys} = null, ${list} = null;`);
    out.push(
      `if (Array.isArray(${v})) ${list} = ${v}; else { var e${v} = rt.entries(${v}); if (e${v}) { ${list} = e${v}.values; ${keys} = e${v}.keys; } }`,
    );
    out.push(`if (${list} !== null && ${list}.length > 0) {`);
    out.push(`var ${d} = rt.frame(${scope.data});`);
    out.push(`for (var ${i} = 0, ${n} = ${list}.length; ${i} < ${n}; ${i}++) {`);
    out.push(`if (!(${i} in ${list})) continue;`);
    out.push(`var ${c} = ${list}[${i}];`);
    out.push(
      `${d}.key = ${keys} === null ? ${i} : ${keys}[${i}]; ${d}.index = ${i}; ${d}.first = ${i} === 0; ${d}.last = ${i} === ${n} - 1;`,
    );
    let depths: string | null = null;
    if (useDepths) {
      depths = ds;
      out.push(`var ${ds} = ${c} != ${scope.depths}[0] ? [${c}].concat(${scope.depths}) : ${scope.depths};`);
    }
    // The body is a function of its own, as in Handlebars: small and called often, so it is optimised early.
    const inner: string[] = [];
    program(node.program, { ctx: c, data: d, depths }, inner);
    const params = depths === null ? `${c}, ${d}` : `${c}, ${d}, ${depths}`;
    out.push(declare("body", params, inner));
    out.push("}");
    out.push("} else {");
    program(node.inverse, scope, out);
    out.push("}");
  };

  const lines: string[] = [];
  const root: Scope = { ctx: "root", data: "data0", depths: useDepths ? "depths0" : null };
  program(ast, root, lines);
  // Locations and block functions are made once per runtime, not on every render: a page's render made some
  // 600 location objects and 50 closures each time before its first line of output.
  const start = ["var data0 = { root: root };", ...(useDepths ? ["var depths0 = [root];"] : [])];
  const body = ['"use strict";', ...WRITER, ...locations, ...functions, ...renderFunction([...start, ...lines])];
  return { body: body.join("\n"), partials: [...partials].sort() };
}
