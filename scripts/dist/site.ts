/**
 * Edge: the site configuration of a build, read from `<root>/package.json` (its `repository` field names the
 * GitHub repository the pages link back to; generators/shared/site.ts). A missing or unreadable package.json,
 * or one without a GitHub repository, gives no links rather than an error: the field is optional.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { githubRepository, type Site } from "../../generators/shared/site.js";

export function readSite(root: string): Site {
  let text: string;
  try {
    text = readFileSync(path.join(root, "package.json"), "utf8");
  } catch {
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  const repository = githubRepository((data as { repository?: unknown } | null)?.repository);
  return repository ? { repository } : {};
}
