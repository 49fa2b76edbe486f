/**
 * GitHub's own OpenAPI description (`@octokit/openapi`), used by the fake GitHub server to check that every
 * request `ladder comment` sends is a documented operation with documented query parameters and a valid body,
 * and to build its answers from GitHub's own response examples.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}
interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content: { "application/json": { schema: Json } } };
}

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
};
const ajv = new Ajv({ strict: false, allErrors: true });

/** Follows `$ref`s (`#/components/...`) all the way down, so a schema can be compiled on its own. */
function resolve(node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => resolve(n, seen));
  if (typeof node !== "object" || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) return {};
    let target: unknown = spec;
    for (const key of ref.slice(2).split("/")) target = (target as Json)[key];
    return resolve(target, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, seen)]));
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** The documented operation for a method and a concrete path, with its operationId. */
export function findOperation(method: string, pathname: string): (Operation & { template: string }) | undefined {
  for (const { template, pattern } of templates) {
    const op = spec.paths[template]?.[method.toLowerCase()];
    if (op && pattern.test(pathname)) return { ...op, template };
  }
  return undefined;
}

/**
 * What is wrong with a request by GitHub's description, as readable lines (empty when it conforms): an
 * undocumented operation, an unknown or ill-typed query parameter, a body that fails the schema or carries
 * properties the operation does not define.
 */
export function checkRequest(method: string, url: URL, body: unknown): string[] {
  const op = findOperation(method, url.pathname);
  if (!op) return [`${method} ${url.pathname} is not an operation in GitHub's REST description`];
  const problems: string[] = [];
  const parameters = (op.parameters ?? []).map((p) => resolve(p) as Parameter);
  for (const [name, value] of url.searchParams) {
    const param = parameters.find((p) => p.in === "query" && p.name === name);
    if (!param) {
      problems.push(`${op.operationId}: unknown query parameter "${name}"`);
      continue;
    }
    const schema = param.schema ?? {};
    const typed = schema.type === "integer" ? Number(value) : value;
    if (!ajv.validate(schema, typed)) problems.push(`${op.operationId}: query ${name}=${value}: ${ajv.errorsText()}`);
    if (name === "per_page" && Number(value) > 100) problems.push(`${op.operationId}: per_page above 100`);
  }
  const schema = op.requestBody ? (resolve(op.requestBody.content["application/json"].schema) as Json) : undefined;
  if (schema) {
    if (!ajv.validate(schema, body)) problems.push(`${op.operationId}: body: ${ajv.errorsText()}`);
    const known = Object.keys((schema.properties as Json | undefined) ?? {});
    for (const key of Object.keys((body as Json | null) ?? {})) {
      if (!known.includes(key)) problems.push(`${op.operationId}: body has undocumented property "${key}"`);
    }
  } else if (body !== undefined) {
    problems.push(`${op.operationId}: sends a body the operation does not take`);
  }
  return problems;
}

/** A deep copy of one of GitHub's response examples (`components.examples[name].value`). */
export function example<T = Json>(name: string): T {
  const found = (spec.components.examples as Record<string, { value: unknown }>)[name];
  if (!found) throw new Error(`no example "${name}" in GitHub's description`);
  return structuredClone(found.value) as T;
}
