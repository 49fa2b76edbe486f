/**
 * Where the ladders live, for the links a page offers back to the source: the GitHub repository that holds
 * `ladder/`. It comes from configuration (the `repository` field of the project's package.json, read at the
 * edge by scripts/dist/site.ts), never from the environment or the clock, so a build stays byte-identical.
 * Without it no such link is shown.
 */

import type { Ladder, Organisation } from "../../scripts/model/model.js";

/**
 * What a ladder's generator may know beyond its ladder: the site's configuration and, inside an organisation,
 * the organisation and every resolved ladder (for links to the same level in other tracks).
 */
export interface RenderOptions {
  site?: Site;
  organisation?: Organisation;
  /** Every ladder of the build, resolved; with `organisation` only. */
  ladders?: readonly Ladder[];
}

export interface Site {
  /** The repository's web address, normalised: `https://github.com/<owner>/<repo>`. */
  repository?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$/;

/**
 * The GitHub web address named by a package.json `repository` field (npm's forms: `owner/repo`,
 * `github:owner/repo`, `https://github.com/owner/repo(.git)`, `git+https://…`, `git@github.com:owner/repo.git`,
 * or `{ "url": … }`), or undefined when it names no GitHub repository. Only GitHub is understood: the links
 * are to GitHub's issue form and file view.
 */
export function githubRepository(field: unknown): string | undefined {
  const value = typeof field === "object" && field !== null ? (field as { url?: unknown }).url : field;
  if (typeof value !== "string") return undefined;
  const match =
    /^(?:github:)?([^/:@\s]+)\/([^/\s]+)$/.exec(value) ??
    /^(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?(?:www\.)?github\.com[/:]([^/\s]+)\/([^/\s]+?)\/?$/.exec(value) ??
    /^git@github\.com:([^/\s]+)\/([^/\s]+)$/.exec(value);
  if (!match) return undefined;
  const owner = match[1] as string;
  const repo = (match[2] as string).replace(/\.git$/, "");
  if (!NAME.test(owner) || !NAME.test(repo) || repo === "." || repo === "..") return undefined;
  return `https://github.com/${owner}/${repo}`;
}
