/**
 * Duplicate keys in plain words, with the line of the first one. Pure; see yaml-mistakes.ts for the other mistakes.
 */
import { nextContent, previousContent, shapeOf } from "./yaml-lines.js";
import { type At, type Explained, mistake } from "./yaml-mistakes.js";

/**
 * Duplicate keys, each explained. A repeated first key of a list item usually means the `- ` of a new item was
 * forgotten: that is said once, where the dash is missing, instead of once for every key of the item.
 */
export function explainDuplicates(text: string, offsets: readonly number[], at: At): Explained[] {
  const lines = text.split("\n");
  const explained: Explained[] = [];
  let skipUntil = -1;
  let skipColumn = -1;
  for (const offset of offsets) {
    const where = at(offset);
    const index = where.line - 1;
    const column = where.column - 1;
    if (index < skipUntil && column === skipColumn) continue;
    const line = shapeOf(lines[index] ?? "");
    const key = line.key ?? "";
    let first = -1;
    let start = -1;
    for (let k = previousContent(lines, index); k >= 0; k = previousContent(lines, k)) {
      const above = shapeOf(lines[k]);
      if (above.content < column) break;
      if (above.content > column) continue;
      if (above.key === key && first === -1) first = k;
      if (above.dashes > 0 || above.indent < column) {
        start = k;
        break;
      }
    }
    if (start !== -1 && start === first && line.dashes === 0) {
      const dash = shapeOf(lines[start]).indent;
      explained.push(
        mistake(
          "yaml-missing-dash",
          `this line starts a new item (\`${key}:\` again, as on line ${start + 1}) but has no \`- \` in front; write \`- \` before \`${key}:\`, in line with the \`- \` of line ${start + 1}`,
          { line: where.line, column: dash + 1 },
        ),
      );
      skipColumn = column;
      skipUntil = lines.length;
      for (let k = nextContent(lines, index); k !== -1; k = nextContent(lines, k)) {
        const below = shapeOf(lines[k]);
        if (below.content < column || (below.content === column && below.dashes > 0)) {
          skipUntil = k;
          break;
        }
      }
      continue;
    }
    const seen = first === -1 ? "" : ` (first on line ${first + 1})`;
    explained.push(
      mistake(
        "duplicate-key",
        `the key \`${key}\` appears twice in this block${seen}; remove one of them, or rename it`,
        where,
      ),
    );
  }
  return explained;
}
