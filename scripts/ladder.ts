#!/usr/bin/env node
/**
 * The `ladder` command line: dispatches to one module per command, each loaded only when it runs.
 * This file has the one top-level catch; a stack trace is shown only with --debug.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { didYouMean, npmCommand, npmKeptOptions } from "./cli/forgive.js";
import { type Command, ExitError, type Io } from "./model/io.js";
import { printable } from "./model/problems.js";

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  validate: {
    summary: "check ladder files against the schema and the rules",
    load: () => import("./cli/commands/validate.js"),
  },
  lint: { summary: "report quality defects in ladder text", load: () => import("./cli/commands/lint.js") },
  build: {
    summary: "validate, then write dist/ (Markdown, CSV, HTML, JSON)",
    load: () => import("./cli/commands/build.js"),
  },
  check: {
    summary: "fail when dist/ differs from what build would write",
    load: () => import("./cli/commands/check.js"),
  },
  diff: { summary: "what a change does to the ladders, cell by cell", load: () => import("./cli/commands/diff.js") },
  comment: {
    summary: "keep one sticky comment on a pull request up to date",
    load: () => import("./cli/commands/comment.js"),
  },
  import: {
    summary: "turn a Markdown table or CSV ladder into canonical YAML",
    load: () => import("./cli/commands/import.js"),
  },
  fmt: { summary: "rewrite ladder files in the canonical layout", load: () => import("./cli/commands/fmt.js") },
  bump: {
    summary: "raise each ladder's version from the impact of its changes",
    load: () => import("./cli/commands/bump.js"),
  },
  release: {
    summary: "plan the tags and release notes of new ladder versions (used by CI)",
    load: () => import("./cli/commands/release.js"),
  },
  regenerate: {
    summary: "format and rebuild a pull request's ladders, and commit them (used by CI)",
    load: () => import("./cli/commands/regenerate.js"),
  },
};

export const usage = `Usage: ladder <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join("\n")}

Options for every command:
  --root DIR      the repository to work on (default: the current folder)
  --ladders DIR   the folder of ladder files (default: ROOT/ladder)
  --debug         show a stack trace on failure
  -h, --help      help for ladder or for one command
  --version       the version of ladder-as-code

From a clone, run a command through npm, with \`--\` before its options:
  npm run validate | lint:ladder | build | check | fmt | diff -- --base main
  npm run ladder -- <command> [options]
Run \`npm run ladder -- help <command>\` for a command's own options.
`;

/** `ladder-as-code 0.1.0`, from package.json (beside scripts/, or two folders up from the compiled .build/). */
function version(): string {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));
      if (manifest.name === "ladder-as-code") return `${manifest.name} ${manifest.version}\n`;
    } catch {
      // Not here; try the next place.
    }
  }
  return "ladder-as-code (version unknown)\n";
}

/** Runs the CLI with arguments (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...others] = argv;
  // `ladder help validate` is `ladder validate --help`.
  const [name, rest] = first === "help" && others[0] ? [others[0], ["--help"]] : [first, others];
  const debug = argv.includes("--debug");
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(usage);
      return name === undefined ? 2 : 0;
    }
    if (name === "--version" || name === "-v" || name === "version") {
      io.stdout(version());
      return 0;
    }
    const command = commands[name];
    if (!command) {
      const close = didYouMean(name, Object.keys(commands));
      const hint = close ? `; did you mean \`${close}\`? (${npmCommand(close)})` : "";
      io.stderr(`ladder: unknown command "${name}"${hint}\n\n${usage}`);
      return 2;
    }
    const kept = npmKeptOptions(argv, io.env);
    if (kept) {
      io.stderr(`ladder ${name}: ${kept}\n`);
      return 2;
    }
    const { run } = await command.load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof ExitError) {
      // A message may quote a file name or an argument: printed as data, it cannot start a workflow command.
      io.stderr(`ladder ${printable(name)}: ${printable(error.message)}\n`);
      if (error.code === 2) {
        // Under npm, an option typed without `--` before it reaches the command as a stray argument.
        if (io.env.npm_lifecycle_event)
          io.stderr("With npm, options go after `--`, for example: npm run diff -- --base main\n");
        io.stderr(`Run \`${npmCommand(name, ["--help"])}\` for usage.\n`);
      }
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return error.code;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ladder ${printable(name)}: internal error: ${printable(message)}\n`);
    io.stderr(
      debug && error instanceof Error && error.stack ? `${error.stack}\n` : "Run again with --debug for details.\n",
    );
    return 1;
  }
}

/** The process edge: real stdio, real exit code. */
export function processIo(): Io {
  // A reader that stops early (`ladder diff | head`) closes the pipe: that ends the output, not the command.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

/**
 * Ends the process with `code`, once `main` is done. At once when stdout and stderr hold nothing unwritten:
 * left to end by itself, node first waits for V8's background tasks and then frees the whole heap, which on
 * 20 seed ladders cost 10–15 ms after the last line was written (traced: the main thread waiting on its
 * platform thread). With output still queued (a pipe written asynchronously, as on some systems) it only
 * sets the exit code, and node ends once all is written.
 */
export function finish(code: number): void {
  process.exitCode = code;
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2), processIo()).then(finish);
}
