/** `ladder comment`: keep one sticky `ladder diff` comment on a pull request up to date. */
import { appendFile } from "node:fs/promises";
import path from "node:path";
import { readBounded } from "../../check/sources.js";
import { createClient, DEFAULT_API_URL } from "../../github/client.js";
import {
  BodyTooLongError,
  cutNote,
  DEFAULT_AUTHOR,
  defuse,
  GITHUB_MAX_CHARS,
  MARKER,
  type SyncResult,
  syncComment,
  TransientError,
} from "../../github/comment.js";
import { issueComments } from "../../github/issue-comments.js";
import { type ClaimedIdentity, parseIdentity, pullRequestApi, resolvePullRequest } from "../../github/pull-request.js";
import { type Command, ExitError, type Io, UsageError } from "../../model/io.js";
import { locations, parse } from "../cli.js";
import { pullRequestReport } from "../pull-request-report.js";

export const help = `Usage: ladder comment --from-git REMOTE --pr N|auto [--repo OWNER/NAME] [options]
       ladder comment --body-file FILE --pr N|auto [--repo OWNER/NAME] [options]

Keeps exactly one comment on a pull request holding the ladder-diff report: the oldest comment by --author
whose body starts with "${MARKER}" is updated when the body differs, left alone when it is the same, and
created when there is none. Comments by anyone else are never touched, whatever they contain.

With --from-git the report is computed here, by this code, from the pull request's commits: its head
(refs/pull/N/head) and base branch are fetched from REMOTE into private refs (objects only; nothing is
checked out or run), and the ladders at the merge base and at the head are compared, as \`ladder diff\` does.

Options:
  --from-git REMOTE   compute the report from the pull request's commits fetched from REMOTE (origin, a URL
                      or a path; the repository at --root receives the objects)
  --summary FILE      also append the computed report to FILE (in Actions: "$GITHUB_STEP_SUMMARY")
  --body-file FILE    a report made elsewhere (\`ladder diff --format markdown\`); its first line must be the
                      marker. For trying by hand: a workflow never posts a body it did not compute
  --pr N|auto         the pull request; \`auto\` decides it from a workflow_run event (see --event)
  --repo OWNER/NAME   the repository (default: $GITHUB_REPOSITORY)
  --event FILE        the workflow_run event payload for --pr auto (default: $GITHUB_EVENT_PATH)
  --identity FILE     the pull request the artifact claims ({"number", "head_sha"}); must agree, never decides
  --api-url URL       REST API root (default: $GITHUB_API_URL or ${DEFAULT_API_URL}); GitHub Enterprise Server
  --author LOGIN      whose comments count (default: ${DEFAULT_AUTHOR}; your login with a personal token)
  --max-chars N       cut the body to this size at a section boundary (default: ${GITHUB_MAX_CHARS})
  --report-url URL    where the full report is, named when the body is cut (default: the run's page)
  --dry-run           read, then print what would be done; write nothing

Environment: GITHUB_TOKEN (or GH_TOKEN) authenticates; LADDER_GITHUB_WAIT_UNIT_MS scales every wait
(retry-after, back-off; default 1000, tests use 1).
Exit 0 when the comment is up to date (or the pull request has moved on to a newer commit), 1 on failure
with a one-line reason, 2 on wrong usage.
`;

const options = {
  "body-file": { type: "string" },
  "from-git": { type: "string" },
  summary: { type: "string" },
  pr: { type: "string" },
  repo: { type: "string" },
  event: { type: "string" },
  identity: { type: "string" },
  "api-url": { type: "string" },
  author: { type: "string" },
  "max-chars": { type: "string" },
  "report-url": { type: "string" },
  "dry-run": { type: "boolean" },
} as const;

// A report is at most tens of kilobytes; anything far larger is not one and is refused before reading.
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, options);
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const repository = values.repo ?? io.env.GITHUB_REPOSITORY;
  if (!repository) throw new UsageError("--repo OWNER/NAME is required (or set GITHUB_REPOSITORY)");
  const [owner, repo, ...extra] = repository.split("/");
  if (!owner || !repo || extra.length > 0) throw new UsageError(`--repo must be OWNER/NAME, not "${repository}"`);
  const fromGit = values["from-git"];
  if (!values["body-file"] && !fromGit) throw new UsageError("--from-git REMOTE or --body-file FILE is required");
  if (values["body-file"] && fromGit) throw new UsageError("give --from-git or --body-file, not both");
  if (!values.pr) throw new UsageError("--pr N or --pr auto is required");
  const auto = values.pr === "auto";
  const explicit = auto ? 0 : Number(values.pr);
  if (!auto && !(Number.isSafeInteger(explicit) && explicit > 0)) {
    throw new UsageError(`--pr must be a pull request number or "auto", not "${values.pr}"`);
  }
  const maxChars = values["max-chars"] === undefined ? GITHUB_MAX_CHARS : Number(values["max-chars"]);
  if (!(Number.isSafeInteger(maxChars) && maxChars >= 200)) throw new UsageError("--max-chars must be 200 or more");
  const author = values.author ?? DEFAULT_AUTHOR;
  const dryRun = values["dry-run"] === true;

  let body = "";
  const bodyFile = values["body-file"];
  if (bodyFile) {
    body = defuse(await readText(io, bodyFile, "--body-file"));
    if (!body.startsWith(MARKER)) {
      throw new ExitError(1, `${bodyFile}: does not start with "${MARKER}"; not a ladder diff report`);
    }
  }
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token && !dryRun) throw new ExitError(1, "no token: set GITHUB_TOKEN (or GH_TOKEN)");
  const unit = Number(io.env.LADDER_GITHUB_WAIT_UNIT_MS ?? 1000);
  const github = createClient({
    token,
    apiUrl: values["api-url"] ?? io.env.GITHUB_API_URL ?? DEFAULT_API_URL,
    waitUnitMs: Number.isFinite(unit) && unit >= 0 ? unit : 1000,
    warn: (line) => io.stderr(`ladder comment: ${line}\n`),
  });

  let number = explicit;
  let reportUrl = values["report-url"];
  let headSha: string | undefined;
  let baseRef: string | undefined;
  if (auto) {
    const eventFile = values.event ?? io.env.GITHUB_EVENT_PATH;
    if (!eventFile) throw new UsageError("--pr auto needs --event FILE (or GITHUB_EVENT_PATH)");
    const payload = parseJson(await readText(io, eventFile, "--event"), eventFile);
    const claimed: ClaimedIdentity | undefined = values.identity
      ? parseIdentity(await readText(io, values.identity, "--identity"), values.identity)
      : undefined;
    const found = await oneLine(resolvePullRequest(payload, repository, pullRequestApi(github, owner, repo), claimed));
    reportUrl ??= found.runUrl;
    if (found.status === "stale") {
      io.stdout(
        `${repository}#${found.number} has moved on from ${found.headSha.slice(0, 7)} to ` +
          `${found.currentSha.slice(0, 7)}; leaving the comment to that commit's run\n`,
      );
      return 0;
    }
    number = found.number;
    headSha = found.headSha;
    baseRef = found.baseRef;
  }

  if (fromGit) {
    if (headSha === undefined || baseRef === undefined) {
      const pr = await oneLine(pullRequestApi(github, owner, repo).get(number));
      if (pr.state !== "open") throw new ExitError(1, `pull request #${number} is ${pr.state}; not commenting`);
      headSha ??= pr.headSha;
      baseRef ??= pr.baseRef;
    }
    if (!baseRef) throw new ExitError(1, `GitHub names no base branch for pull request #${number}`);
    // The full report is this run's job summary; the pull request's own run holds only what its code wrote.
    const own = io.env.GITHUB_RUN_ID && io.env.GITHUB_SERVER_URL && io.env.GITHUB_REPOSITORY;
    const ownRun = own
      ? `${io.env.GITHUB_SERVER_URL}/${io.env.GITHUB_REPOSITORY}/actions/runs/${io.env.GITHUB_RUN_ID}`
      : undefined;
    reportUrl = values["report-url"] ?? ownRun ?? reportUrl;
    const where = locations(values, io);
    const request = { where, remote: fromGit, number, headSha, baseRef, token, maxChars };
    const computed = await pullRequestReport(request, io.stderr);
    if (computed.status === "moved") {
      io.stdout(
        `${repository}#${number} has moved on from ${headSha.slice(0, 7)} to ${computed.head.slice(0, 7)}; ` +
          "leaving the comment to that commit's run\n",
      );
      return 0;
    }
    body = computed.body;
    if (values.summary) await appendFile(path.resolve(io.cwd, values.summary), body);
  }

  const api = issueComments(github, { owner, repo, number });
  const result = await oneLine(syncComment(api, body, { author, maxChars, note: cutNote(reportUrl), dryRun }));
  io.stdout(`${describe(result, `${repository}#${number}`, dryRun)}\n`);
  return 0;
};

function describe(result: SyncResult, where: string, dryRun: boolean): string {
  const { done } = result;
  const size = done.action === "none" ? "" : ` (${done.body.length} characters${result.cut ? ", cut to fit" : ""})`;
  const also =
    result.duplicates > 0 ? `; ${result.duplicates} older duplicate(s) by the same author left as they are` : "";
  const at = result.url ? `: ${result.url}` : "";
  if (dryRun) {
    if (done.action === "create") return `would create a comment on ${where}${size}${also}`;
    if (done.action === "update") return `would update comment ${done.id} on ${where}${size}${also}${at}`;
    return `comment ${done.id} on ${where} is up to date; nothing to do${also}${at}`;
  }
  if (done.action === "create") return `created comment ${result.id} on ${where}${size}${at}`;
  if (done.action === "update") return `updated comment ${done.id} on ${where}${size}${also}${at}`;
  return `comment ${done.id} on ${where} is up to date; nothing written${also}${at}`;
}

/** Faults that outlived every retry, and a body that never fit, end the command with one line and exit 1. */
async function oneLine<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof TransientError) throw new ExitError(1, error.message, { cause: error });
    if (error instanceof BodyTooLongError) {
      throw new ExitError(1, `GitHub refused the body as too long even after cutting it: ${error.message}`);
    }
    throw error;
  }
}

/** Reads an input file: a regular file (never a symlink, FIFO or device, which could hang), at most 4 MiB. */
async function readText(_io: Io, file: string, option: string): Promise<string> {
  const read = readBounded(path.resolve(_io.cwd, file), MAX_FILE_BYTES);
  if (read.ok) return read.bytes.toString("utf8");
  if (read.kind) throw new ExitError(1, `${option} ${file}: is ${read.kind}, not a regular file; refusing`);
  if (read.tooLarge !== undefined) throw new ExitError(1, `${option} ${file}: larger than 4 MiB; refusing`);
  const code = (read.error as NodeJS.ErrnoException)?.code ?? String(read.error);
  throw new ExitError(1, `${option} ${file}: cannot read (${code})`);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExitError(1, `${file}: not valid JSON (${(error as Error).message})`);
  }
}
