/**
 * The runtime half of the fast templates (fast-template.ts): the few functions generated code calls, made
 * for one Handlebars environment, each doing what Handlebars' runtime does at that point (its escaping, its
 * strict-mode error, its own-property rule for names, its data frames, `#each` over objects and iterables,
 * `#if`'s truth).
 */
import type Handlebars from "handlebars";

/** What the generated function needs at render time (templates.ts builds it from the environment). */
export interface FastRuntime {
  helpers: Record<string, (...args: unknown[]) => unknown>;
  escape: (value: unknown) => string;
  strict: (object: unknown, name: string, loc: unknown) => unknown;
  lookup: (object: unknown, name: string) => unknown;
  frame: (data: object) => Record<string, unknown>;
  entries: (value: unknown) => { keys: unknown[] | null; values: unknown[] } | null;
  truthy: (value: unknown, context: unknown) => boolean;
}

/** The runtime half: the few functions the generated code calls, made for one Handlebars environment. */
export function fastRuntime(env: typeof Handlebars): FastRuntime {
  const hasOwn = Object.prototype.hasOwnProperty;
  const lookup = (object: unknown, name: string) => {
    const result = (object as Record<string, unknown>)[name];
    if (result == null) return result;
    // Own properties only, as Handlebars' default prototype-access rules allow (and never `constructor`).
    return hasOwn.call(object, name) && name !== "constructor" ? result : undefined;
  };
  return {
    helpers: env.helpers as FastRuntime["helpers"],
    escape: env.Utils.escapeExpression as (value: unknown) => string,
    strict: (object, name, loc) => {
      if (!object || !(name in (object as object))) {
        throw new env.Exception(`"${name}" not defined in ${object}`, loc ? ({ loc } as never) : undefined);
      }
      return lookup(object, name);
    },
    lookup,
    frame: (data) => env.createFrame(data) as Record<string, unknown>,
    entries: (value) => {
      if (!value || typeof value !== "object") return null;
      if (typeof (value as Iterable<unknown>)[Symbol.iterator] === "function") {
        const values = Array.from(value as Iterable<unknown>);
        return { keys: null, values };
      }
      const keys = Object.keys(value);
      return { keys, values: keys.map((k) => (value as Record<string, unknown>)[k]) };
    },
    truthy: (value, context) => {
      const v = typeof value === "function" ? value.call(context) : value;
      return !(!v || (Array.isArray(v) && v.length === 0));
    },
  };
}
