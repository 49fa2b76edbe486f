/**
 * What the fast template compiler (fast-template.ts) asks of a template before and while it writes code:
 * whether any path climbs with `../` (then every block keeps a depth stack), where a long block's generated
 * lines are cut into functions, whether a node uses what it cannot read, and a literal's code. Pure.
 */

// biome-ignore lint/suspicious/noExplicitAny: Handlebars' AST nodes, walked by type.
type Node = any;

/** A construct the fast compiler does not read; the caller falls back to Handlebars. */
export class Unsupported extends Error {}

/** A literal argument as code. */
export function literal(node: Node): string {
  switch (node.type) {
    case "StringLiteral":
      return JSON.stringify(node.value);
    case "NumberLiteral":
    case "BooleanLiteral":
      return String(node.value);
    case "UndefinedLiteral":
      return "undefined";
    case "NullLiteral":
      return "null";
    default:
      throw new Unsupported(node.type);
  }
}

/** Throws for hash arguments and sub-expressions. */
export function noHash(node: Node): void {
  if (node.hash && node.hash.pairs.length > 0) throw new Unsupported("hash arguments");
  for (const p of node.params) if (p.type === "SubExpression") throw new Unsupported("sub-expressions");
}

/** Lines of generated code past which a block's statements go into functions of their own. */
export const PIECE_LINES = 40;

/**
 * The statements' code (one list of lines per statement) in groups of at most `limit` lines, a statement
 * never cut (one longer than `limit` is a group of its own).
 */
export function groups(pieces: readonly string[][], limit: number): string[][] {
  const out: string[][] = [];
  let group: string[] = [];
  for (const code of pieces) {
    if (group.length > 0 && group.length + code.length > limit) {
      out.push(group);
      group = [];
    }
    group.push(...code);
  }
  if (group.length > 0) out.push(group);
  return out;
}

/** Whether any path in the template or its partials climbs with `../` (then each block keeps a depth stack). */
export function usesDepths(
  ast: Node,
  parse: (text: string) => Node,
  partial: (name: string) => string | undefined,
  seen: Set<string>,
): boolean {
  let found = false;
  const visit = (node: Node): void => {
    if (found || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node.type === "PathExpression" && node.depth > 0 && !node.data) found = true;
    if (node.type === "PartialStatement" && node.name?.type === "PathExpression") {
      const name = node.name.original;
      const source = seen.has(name) ? undefined : partial(name);
      seen.add(name);
      if (source !== undefined) visit(parse(source));
    }
    for (const key of Object.keys(node)) if (key !== "loc") visit(node[key]);
  };
  visit(ast);
  return found;
}
