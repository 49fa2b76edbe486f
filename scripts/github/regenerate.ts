/**
 * The web editor's green path, decided: which pull requests get `dist/` regenerated and the ladders formatted
 * by a bot commit, and the words for the pull request and the job summary. Pure, except `regenerateApi`, the
 * three GitHub calls it needs (the pull request's files, its one sticky note, a CI run for the new commit).
 *
 * Only a branch of this repository, whose pull request changes nothing but `ladder/*.yaml` (and `dist/`), is
 * regenerated. A fork's branch cannot be written by this repository's token, and must not be: its run is the
 * fork's code with a read-only token; it gets a summary that says what a maintainer does instead.
 */
import type { GitHub } from "./client.js";
import { explain } from "./issue-comments.js";

export const REGENERATE_MARKER = "<!-- ladder-regenerate -->";
export const BOT = "github-actions[bot]";

/** What the `pull_request` event says about the pull request. */
export interface PullEvent {
  number: number;
  headRepo: string;
  baseRepo: string;
  headRef: string;
  headSha: string;
}

/** The pull request from a `pull_request` event payload, or an error message. */
export function readPullEvent(payload: unknown): PullEvent | string {
  const pr = (payload as { pull_request?: Record<string, unknown> } | undefined)?.pull_request as
    | {
        number?: unknown;
        head?: { ref?: unknown; sha?: unknown; repo?: { full_name?: unknown } | null };
        base?: { repo?: { full_name?: unknown } | null };
      }
    | undefined;
  const fields = {
    number: pr?.number,
    headRepo: pr?.head?.repo?.full_name,
    baseRepo: pr?.base?.repo?.full_name,
    headRef: pr?.head?.ref,
    headSha: pr?.head?.sha,
  };
  const missing = Object.entries(fields).filter(([key, v]) =>
    key === "number" ? typeof v !== "number" : typeof v !== "string",
  );
  if (missing.length > 0) return `not a pull_request event: no ${missing.map(([k]) => k).join(", ")}`;
  return fields as PullEvent;
}

export type Decision = { action: "regenerate" } | { action: "fork" } | { action: "not-only-ladders"; others: string[] };

/** Whether the bot may commit to the pull request's branch. `files` are the paths the pull request changes. */
export function decide(event: PullEvent, files: readonly string[]): Decision {
  if (event.headRepo.toLowerCase() !== event.baseRepo.toLowerCase()) return { action: "fork" };
  const others = files.filter((f) => !/^ladder\/[^/]+\.ya?ml$/.test(f) && !f.startsWith("dist/"));
  return others.length > 0 ? { action: "not-only-ladders", others } : { action: "regenerate" };
}

/** The words for the pull request (same-repository branches) and the job summary (everyone). */
export const words = {
  committed: (sha: string, files: readonly string[]) =>
    `${REGENERATE_MARKER}\n**Regenerated for you.** This pull request changes only ladder files, so the ` +
    "*Regenerate* workflow formatted them, raised the version of each ladder whose change needs it " +
    `(\`npm run bump\`) and rebuilt \`dist/\` with the default branch's tools, in commit ` +
    `${sha.slice(0, 12)}:\n\n${files.map((f) => `- \`${f}\``).join("\n")}\n\n` +
    "Nothing to do on your side. To edit again in GitHub's editor, open the file from the branch's latest " +
    "commit (the pencil on the pull request's *Files changed* tab does).\n",
  upToDate:
    "`dist/`, the ladders' layout and their versions are already what `npm run build`, `npm run fmt` and " +
    "`npm run bump` write.",
  fork: (number: number) =>
    "This pull request comes from a fork. No workflow of this repository may write to a fork's branch (its " +
    "run has a read-only token, and must: it runs the fork's code), so `dist/` is not regenerated here. " +
    "**A maintainer** (GitHub lets maintainers push to a fork's pull request unless its author turned " +
    "*Allow edits by maintainers* off) runs, in a clone: " +
    `\`gh pr checkout ${number} && npm ci && npm run fmt && npm run bump && npm run build && git commit -am "Regenerate dist/" && git push\`` +
    " (or downloads the `dist-regenerated` artifact of CI's run). The proposer need do nothing.",
  notOnlyLadders: (others: readonly string[]) =>
    `This pull request changes more than ladder files (${others
      .slice(0, 5)
      .map((f) => `\`${f}\``)
      .join(", ")}` +
    `${others.length > 5 ? ", …" : ""}), so the default branch's tools might not build what its own code ` +
    "would. Run `npm run fmt && npm run bump && npm run build` and commit the result.",
  invalid:
    "A ladder has errors (CI's *Validate* step shows them on their lines), so nothing was regenerated. " +
    "Fix them and push: the next run regenerates `dist/`.",
  moved: "The branch moved on while this ran; the run for the newer commit regenerates it.",
};

/** The GitHub calls the green path makes. */
export interface RegenerateApi {
  /** Every path the pull request changes (added, modified, removed, both sides of a rename). */
  files(): Promise<string[]>;
  /** Creates or updates the bot's one note on the pull request. */
  note(body: string): Promise<void>;
  /** Starts CI for the branch: a push made with the workflow's own token starts no workflow by itself. */
  dispatch(workflow: string, ref: string): Promise<void>;
}

export function regenerateApi(github: GitHub, owner: string, repo: string, number: number): RegenerateApi {
  return {
    async files() {
      try {
        const all = await github.paginate(github.rest.pulls.listFiles, {
          owner,
          repo,
          pull_number: number,
          per_page: 100,
        });
        return all.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
      } catch (error) {
        throw explain(error, `list the files of ${owner}/${repo}#${number}`);
      }
    },
    async note(body) {
      try {
        const comments = await github.paginate(github.rest.issues.listComments, {
          owner,
          repo,
          issue_number: number,
          per_page: 100,
        });
        const mine = comments.find((c) => c.user?.login === BOT && (c.body ?? "").startsWith(REGENERATE_MARKER));
        if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
        else await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
      } catch (error) {
        throw explain(error, `comment on ${owner}/${repo}#${number}`);
      }
    },
    async dispatch(workflow, ref) {
      try {
        await github.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: workflow, ref });
      } catch (error) {
        throw explain(error, `start ${workflow} on ${ref}`);
      }
    },
  };
}
