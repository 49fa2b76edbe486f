/**
 * `ladder regenerate`: the web editor's green path. In a pull request from a branch of this repository that
 * changes only ladder files, formats the ladders, raises their versions (`ladder bump`) and rebuilds dist/ with
 * this (the default branch's) code,
 * commits the result as github-actions[bot], pushes it to the branch, says so on the pull request and starts
 * CI for the new commit. Everyone else gets a job summary that says what to do. Never fails the job for the
 * proposer's sake: a ladder's own errors are CI's to show, on their lines.
 */
import { execFileSync } from "node:child_process";
import { appendFile, readFile } from "node:fs/promises";
import { createClient, DEFAULT_API_URL } from "../../github/client.js";
import { BOT, decide, readPullEvent, regenerateApi, words } from "../../github/regenerate.js";
import { type Command, ExitError, type Io, UsageError } from "../../model/io.js";
import { locations, parse } from "../cli.js";
import { run as build } from "./build.js";
import { run as bump } from "./bump.js";
import { run as fmt } from "./fmt.js";

export const help = `Usage: ladder regenerate --event FILE --repo OWNER/NAME [--root DIR] [--remote NAME]
                        [--ci-workflow FILE] [--summary FILE] [--api-url URL]

For the Regenerate workflow (.github/workflows/regenerate.yml), run from the default branch's code on a
checkout of a pull request's branch at --root. When the pull request comes from a branch of this repository
and changes only ladder/*.yaml (and dist/), runs fmt, bump and build there; if anything changed, commits it as
${BOT}, pushes it to the branch, notes it on the pull request and starts --ci-workflow for the
branch (a push with the workflow's own token starts no workflow). A fork's pull request, or one that also
changes code, is left alone, with a job summary saying what to do.

  --event FILE        the pull_request event payload (default: $GITHUB_EVENT_PATH)
  --repo OWNER/NAME   the repository (default: $GITHUB_REPOSITORY)
  --remote NAME       where to push (default: origin)
  --ci-workflow FILE  the workflow to start for the new commit (default: ci.yml)
  --summary FILE      append the outcome in Markdown (default: $GITHUB_STEP_SUMMARY, if set)
  --api-url URL       REST API base (default: $GITHUB_API_URL or ${DEFAULT_API_URL})

Needs GITHUB_TOKEN with contents: write, pull-requests: write and actions: write for a regeneration.
Exit 0 whatever the ladders hold; 1 when GitHub or git fails; 2 on wrong usage.
`;

export const run: Command = async (argv, io) => {
  const { values } = parse(argv, {
    event: { type: "string" },
    repo: { type: "string" },
    remote: { type: "string", default: "origin" },
    "ci-workflow": { type: "string", default: "ci.yml" },
    summary: { type: "string" },
    "api-url": { type: "string" },
  });
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const eventFile = values.event ?? io.env.GITHUB_EVENT_PATH;
  const repository = values.repo ?? io.env.GITHUB_REPOSITORY;
  if (!eventFile) throw new UsageError("--event FILE (or GITHUB_EVENT_PATH) is required");
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError("--repo OWNER/NAME is required");
  const [owner, repo] = repository.split("/");
  const text = await readFile(eventFile, "utf8").catch((e: Error) => {
    throw new ExitError(1, `cannot read --event ${eventFile}: ${e.message}`);
  });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new ExitError(1, `--event ${eventFile} is not JSON`);
  }
  const event = readPullEvent(payload);
  if (typeof event === "string") throw new ExitError(1, `--event ${eventFile}: ${event}`);
  const summaryFile = values.summary ?? io.env.GITHUB_STEP_SUMMARY;
  const say = async (message: string) => {
    io.stdout(`${message}\n`);
    if (summaryFile) await appendFile(summaryFile, `### Regenerate\n\n${message}\n`);
    return 0;
  };

  if (decide(event, []).action === "fork") return say(words.fork(event.number));
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token) throw new ExitError(1, "no token: set GITHUB_TOKEN (or GH_TOKEN)");
  const github = createClient({
    token,
    apiUrl: values["api-url"] ?? io.env.GITHUB_API_URL ?? DEFAULT_API_URL,
    waitUnitMs: Number(io.env.LADDER_GITHUB_WAIT_UNIT_MS ?? 1000),
    warn: (line) => io.stderr(`ladder regenerate: ${line}\n`),
  });
  const api = regenerateApi(github, owner, repo, event.number);
  const decision = decide(event, await api.files());
  if (decision.action === "not-only-ladders") return say(words.notOnlyLadders(decision.others));

  const { root } = locations(values, io);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
  if (git("rev-parse", "HEAD") !== event.headSha) return say(words.moved);
  // The ladders' own problems go to the log; CI shows them on their lines. The versions are raised from the
  // release tags, which the workflow's full checkout of the branch holds.
  const step = (command: Command, args: string[], out: Io) => command([...args, "--root", root], out).catch(failed(io));
  if ((await step(fmt, [], io)) !== 0 || (await step(bump, [], io)) !== 0 || (await step(build, [], quiet(io))) !== 0) {
    return say(words.invalid);
  }
  const changed = git("status", "--porcelain", "--untracked-files=all", "--", "ladder", "dist")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (changed.length === 0) return say(words.upToDate);

  git("add", "--all", "--", "ladder", "dist");
  const identity = ["-c", `user.name=${BOT}`, "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com"];
  git(
    ...identity,
    "commit",
    "-q",
    "-m",
    "Regenerate dist/ and format the ladders\n\nBy the Regenerate workflow (ladder regenerate).",
  );
  const sha = git("rev-parse", "HEAD");
  const url = git("remote", "get-url", values.remote);
  // Over https the token goes in a header for this one push; it is never written to the repository's config.
  const auth = url.startsWith("https://")
    ? ["-c", `http.extraheader=AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`]
    : [];
  try {
    execFileSync("git", [...auth, "push", "-q", values.remote, `HEAD:refs/heads/${event.headRef}`], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch {
    // Not a fast-forward: someone pushed meanwhile, and that push's run will regenerate.
    return say(words.moved);
  }
  await api.note(words.committed(sha, changed));
  await api.dispatch(values["ci-workflow"], event.headRef);
  return say(`Committed ${sha.slice(0, 12)} to \`${event.headRef}\`: ${changed.map((f) => `\`${f}\``).join(", ")}.`);
};

/** A step's expected failure (a ladder it cannot change) goes to the log as its exit code; anything else is thrown. */
function failed(io: Io) {
  return (error: unknown): number => {
    if (!(error instanceof ExitError)) throw error;
    io.stderr(`ladder regenerate: ${error.message}\n`);
    return error.code;
  };
}

/** The same Io without the file list `build` prints. */
function quiet(io: Io): Io {
  return { ...io, stdout: () => {} };
}
