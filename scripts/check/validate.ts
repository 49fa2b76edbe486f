/**
 * Stage 2, validate: the JSON Schema check (ajv), turned into problems a person can act on.
 * Pure: data in, path-positioned problems out.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { DocPath, PathProblem } from "../model/model.js";
import { closest } from "./closest.js";

export { closest };

// ajv and the schema are loaded only when a schema is checked, and synchronously: validation is a pure,
// synchronous stage. `require` also reads the JSON schema without Node 20's experimental JSON modules.
const require = createRequire(import.meta.url);

/** How the schema is compiled, at run time here and ahead of time by `standaloneSource`. */
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true } as const;

/**
 * The validator generated ahead of time by scripts/cli/compile.mjs, next to the compiled JavaScript in .build/
 * (it never exists beside the sources). Loading it saves loading ajv and compiling the schema on every run.
 */
const PRECOMPILED = fileURLToPath(new URL("../../schemas/ladder.validate.cjs", import.meta.url));

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  compiled ??= existsSync(PRECOMPILED) ? (require(PRECOMPILED) as ValidateFunction) : compileSchema(false).validate;
  return compiled;
}

function compileSchema(source: boolean) {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source } });
  return { ajv, validate: ajv.compile(require("../../schemas/ladder.schema.json")) };
}

/**
 * The schema's validator as the source of a CommonJS module (ajv "standalone" code), compiled with the same
 * options as at run time, so its errors are the same objects. scripts/cli/compile.mjs writes it into .build/.
 */
export function standaloneSource(): string {
  const { ajv, validate } = compileSchema(true);
  const standalone = require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js");
  return skipCounting(standalone.default(ajv, validate));
}

/**
 * minLength and maxLength count code points (ajv's ucs2length walks the whole text), though a text's length
 * in UTF-16 units settles most checks: a text of n units holds between n/2 and n code points. So
 * `count(x) > limit` is false when `x.length <= limit`, and `count(x) < limit` false when `x.length >= 2 * limit`;
 * only the other cases count. The same answers, without walking every cell's text to learn it is not empty.
 */
export function skipCounting(code: string): string {
  const name = /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/.exec(code)?.[1];
  if (name === undefined) return code;
  return code.replace(new RegExp(`\\b${name}\\((\\w+)\\) ([<>]) (\\d+)`, "g"), (call, value, op, limit) =>
    op === "<" ? `(${value}.length < ${2 * Number(limit)} && ${call})` : `(${value}.length > ${limit} && ${call})`,
  );
}

let organisationCompiled: ValidateFunction | undefined;
const ORGANISATION_PRECOMPILED = fileURLToPath(new URL("../../schemas/organisation.validate.cjs", import.meta.url));

function compileOrganisation(source: boolean) {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source } });
  ajv.addSchema(require("../../schemas/ladder.schema.json"));
  return { ajv, validate: ajv.compile(require("../../schemas/organisation.schema.json")) };
}

/** The organisation schema's validator as standalone code, as `standaloneSource` is for the ladder's. */
export function organisationStandaloneSource(): string {
  const { ajv, validate } = compileOrganisation(true);
  const standalone = require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js");
  return standalone.default(ajv, validate);
}

/** Checks `ladder/organisation.yaml` against `schemas/organisation.schema.json` (precompiled in .build/). */
export function validateOrganisationSchema(data: unknown): PathProblem[] {
  organisationCompiled ??= existsSync(ORGANISATION_PRECOMPILED)
    ? (require(ORGANISATION_PRECOMPILED) as ValidateFunction)
    : compileOrganisation(false).validate;
  return problemsOf(organisationCompiled, data);
}

/** Checks data against `schemas/ladder.schema.json`; returns every problem found, none when valid. */
export function validateSchema(data: unknown): PathProblem[] {
  return problemsOf(schemaValidator(), data);
}

function problemsOf(validate: ValidateFunction, data: unknown): PathProblem[] {
  if (validate(data)) return [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error, data);
    if (!problem) continue;
    const key = `${problem.path.join("/")}|${problem.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function pathOf(instancePath: string): Array<string | number> {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A short, human name for what sits at a path: `level "l2"`, `cell l3 of competency "scope"`, `the ladder`. */
export function describePath(data: unknown, path: DocPath): string {
  if (path.length === 0) return "the ladder";
  const parts: string[] = [];
  const kinds: Record<string, string> = {
    levels: "level",
    categories: "category",
    competencies: "competency",
    scales: "scale",
    tracks: "track",
    prose: "section",
    afterword: "section",
    history: "history entry",
    changes: "change",
  };
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const parent = path[i - 1];
    const next = path[i + 1];
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof segment === "number") {
      const kind = kinds[String(parent)] ?? "item";
      const id = (node as { id?: unknown } | undefined)?.id;
      parts.push(typeof id === "string" && id !== "" ? `${kind} "${id}"` : `${kind} ${segment + 1}`);
    } else if (parent === "cells") {
      parts.push(`cell ${segment}`);
    } else if (parent === "notApplicable") {
      parts.push(`not-applicable ${segment}`);
    } else if (parent === "examples") {
      parts.push(`examples for ${segment}`);
    } else if (
      next === undefined ||
      (typeof next !== "number" && segment !== "cells" && segment !== "examples" && segment !== "notApplicable")
    ) {
      parts.push(`\`${segment}\``);
    }
  }
  return parts.reverse().join(" of ");
}

function typeName(value: unknown): string {
  if (value === null) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a block of keys";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return `a true/false value (${value})`;
  if (typeof value === "number") return `a number (${value})`;
  return typeof value;
}

const expectedName: Record<string, string> = {
  string: "text",
  object: "a block of keys",
  array: "a list (items starting with `- `)",
  number: "a number",
  boolean: "true or false",
};

/** Rule id and expected shape of a text that fails its `pattern`, by the key that holds it. */
const PATTERNS: Record<string, [string, string]> = {
  id: ["invalid-id", "an id in lowercase letters, digits and hyphens, like `on-call`"],
  code: ["invalid-code", "a short code of letters and digits, like `L1`"],
  version: ["invalid-version", "a version MAJOR.MINOR.PATCH: three whole numbers without leading zeros, like `1.0.0`"],
};
PATTERNS.effective = PATTERNS.date = ["invalid-date", "a date written YYYY-MM-DD, like `2027-01-01`"];
PATTERNS.previous = PATTERNS.version;
PATTERNS.kind = ["invalid-value", "a kind of change, like `cell-changed` or `competency-added`"];

function toProblem(error: ErrorObject, data: unknown): PathProblem | undefined {
  // The nested errors of propertyNames repeat its message about the object; the propertyNames error says it.
  if (error.propertyName !== undefined) return undefined;
  // "must match then/else schema" only repeats the errors inside the branch (a ladder with or without `extends`).
  if (error.keyword === "if") return undefined;
  const path = pathOf(error.instancePath);
  const what = describePath(data, path);
  const base = { path, severity: "error" as const };
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const close = closest(key, known);
      const hint = close ? `; did you mean \`${close}\`?` : known.length ? `; known keys: ${known.join(", ")}` : "";
      return {
        ...base,
        path: [...path, key],
        atKey: true,
        rule: "unknown-key",
        message: `unknown key \`${key}\` in ${what}${hint}`,
      };
    }
    case "required": {
      const key = String(error.params.missingProperty);
      return {
        ...base,
        atKey: path.length > 0,
        rule: "missing-key",
        message: `${what} is missing the required key \`${key}\``,
      };
    }
    case "type": {
      const expected = String(error.params.type)
        .split(",")
        .map((t) => expectedName[t] ?? t)
        .join(" or ");
      // `+.5`, `1e400` or `yes`-like words are read as numbers or true/false: the fix is quoting, so say so.
      const quote =
        expected !== "text" || (typeof error.data !== "number" && typeof error.data !== "boolean")
          ? ""
          : path.at(-1) === "version" || path.at(-1) === "previous"
            ? "; a version has three numbers, like `1.0.0`"
            : "; to keep what you wrote as text, put it in double quotes";
      return {
        ...base,
        rule: "wrong-type",
        message: `${what} must be ${expected}, but is ${typeName(error.data)}${quote}`,
      };
    }
    case "minLength":
      return { ...base, rule: "empty-text", message: `${what} is empty; ${fillIn(path)}` };
    case "pattern": {
      if (error.params.pattern === "\\S") {
        return { ...base, rule: "empty-text", message: `${what} holds only spaces; ${fillIn(path)}` };
      }
      const key = String(path.at(-1));
      const [rule, expected] = Object.hasOwn(PATTERNS, key) ? PATTERNS[key] : PATTERNS.id;
      return { ...base, rule, message: `${what} must be ${expected}; got ${JSON.stringify(error.data)}` };
    }
    case "maxLength":
      return { ...base, rule: "too-long", message: `${what} is longer than ${error.params.limit} characters` };
    case "minItems": {
      const rule = path.at(-1) === "levels" ? "no-levels" : "empty-list";
      return { ...base, atKey: true, rule, message: `${what} is an empty list; add at least one item` };
    }
    case "enum":
      return {
        ...base,
        rule: "invalid-value",
        message: `${what} must be one of ${(error.params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(", ")}; got ${JSON.stringify(error.data)}`,
      };
    case "propertyNames": {
      const name = String(error.params.propertyName);
      return {
        ...base,
        path: [...path, name],
        atKey: true,
        rule: "invalid-id",
        message: `key \`${name}\` in ${what} must be a level id in lowercase letters, digits and hyphens, like \`l1\``,
      };
    }
    default:
      return { ...base, rule: `schema-${error.keyword}`, message: `${what} ${error.message ?? "is invalid"}` };
  }
}

/** What to do about an empty text: a cell is never optional; a summary or description may simply go. */
function fillIn(path: readonly (string | number)[]): string {
  if (path.at(-2) === "cells") return "write what this level is expected to do (every level needs a cell)";
  const key = path.at(-1);
  if (key === "summary" || key === "description") return `write the text, or remove \`${key}\` (it is optional)`;
  if (path.at(-2) === "examples") return "write the example, or remove the line";
  return "write the text";
}
