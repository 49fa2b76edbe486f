/**
 * The sticky pull-request comment: one comment per pull request, found by its hidden marker and its author,
 * kept up to date. The logic runs over a small `CommentApi`, so tests can drive it with any transport; the
 * GitHub adapter is `scripts/github/issue-comments.ts`.
 */

/** The first characters of every ladder-diff report; how the comment is found again on the next run. */
export const MARKER = "<!-- ladder-diff";
/** A line `ladder diff` puts between sections: the places where a too-long body may be cut. */
export const CUT_MARKER = "<!-- ladder-diff:cut -->";
/** The author of comments made with a workflow's GITHUB_TOKEN. */
export const DEFAULT_AUTHOR = "github-actions[bot]";
/** GitHub's limit on a comment body, in characters. */
export const GITHUB_MAX_CHARS = 65_536;

export interface IssueComment {
  id: number;
  body: string;
  /** The author's login. */
  author: string;
  /** ISO 8601, as GitHub returns it. */
  createdAt: string;
  url?: string;
}

/** What `syncComment` needs from GitHub, for one pull request. */
export interface CommentApi {
  /** Every comment on the pull request, all pages, in any order. */
  list(): Promise<IssueComment[]>;
  /** Must not retry by itself on a 5xx: a lost answer may hide a comment that was made (see `syncComment`). */
  create(body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

/** GitHub refused the body as too long (a 422); `maxChars` is the limit it named, when it named one. */
export class BodyTooLongError extends Error {
  override name = "BodyTooLongError";
  constructor(
    message: string,
    readonly maxChars?: number,
  ) {
    super(message);
  }
}

/** A write failed in a way that may or may not have taken effect (a 5xx, a network fault). */
export class TransientError extends Error {
  override name = "TransientError";
}

export type Plan =
  | { action: "create"; body: string }
  | { action: "update"; id: number; body: string; url?: string }
  | { action: "none"; id: number; url?: string };

export interface SyncOptions {
  /** Only this login's comments count (case-insensitive); everyone else's are never touched. */
  author?: string;
  /** The body is cut to fit this many characters before it is sent. */
  maxChars?: number;
  /** The line appended when the body is cut, saying where the full report is. */
  note?: string;
  /** Read, plan, and write nothing. */
  dryRun?: boolean;
  /** How many times a create that failed transiently is checked and tried again. */
  createAttempts?: number;
}

export interface SyncResult {
  plan: Plan;
  /** What was done; for a dry run, the plan itself. */
  done: Plan;
  /** The id of the sticky comment afterwards (absent only for a dry-run create). */
  id?: number;
  url?: string;
  /** True when the body was cut to fit. */
  cut: boolean;
  /** Other marker comments by the author, left as they are. */
  duplicates: number;
}

/** The note for a cut body, pointing at where the full report is. */
export function cutNote(reportUrl?: string): string {
  const where = reportUrl
    ? `[the workflow run](${reportUrl}) (its job summary and the \`ladder-diff\` artifact)`
    : "the job summary and the `ladder-diff` artifact of the workflow run";
  return `\n> [!NOTE]\n> The rest of this report was left out to fit GitHub's comment size limit. The full report is in ${where}.\n`;
}

/**
 * Cuts `body` to at most `maxChars` at the last cut marker that fits, then appends `note`. The first line (the
 * marker) always stays, so the comment is still found next time. Throws when not even that fits.
 */
export function fitBody(body: string, maxChars: number, note = cutNote()): string {
  if (body.length <= maxChars) return body;
  const firstLineEnd = body.indexOf("\n");
  const head = firstLineEnd === -1 ? body : body.slice(0, firstLineEnd + 1);
  let cut = -1;
  for (let at = body.indexOf(CUT_MARKER); at !== -1; at = body.indexOf(CUT_MARKER, at + 1)) {
    const onItsOwnLine = at > 0 && body[at - 1] === "\n";
    if (onItsOwnLine && at >= head.length && at + note.length <= maxChars) cut = at;
  }
  const kept = cut === -1 ? head : body.slice(0, cut);
  if (kept.length + note.length > maxChars) {
    throw new BodyTooLongError(`not even the report's first line fits in ${maxChars} characters`, maxChars);
  }
  return kept + note;
}

/** True when `existing` is `body`, or is what `fitBody` makes of `body` at some limit with this note. */
export function isSameReport(existing: string, body: string, note = cutNote()): boolean {
  if (existing === body) return true;
  if (existing.length >= body.length) return false;
  try {
    // fitBody at the existing length keeps the same cut if and only if `existing` was cut from this body.
    return fitBody(body, existing.length, note) === existing;
  } catch {
    return false;
  }
}

const ZWSP = "\u200B";

/**
 * The named character references (HTML's full list) that stand for a character of a mention, a reference or
 * an issue URL; letters and digits have none. `test/defuse.test.ts` checks this list against the full table.
 */
const NAMED: Readonly<Record<string, string>> = {
  commat: "@",
  num: "#",
  sol: "/",
  colon: ":",
  period: ".",
  lowbar: "_",
  UnderBar: "_",
  hyphen: "\u2010",
};

/**
 * Reads `body` the way a renderer will before it looks for mentions: character references (`&#64;`, `&#x40;`,
 * `&commat;`, also a numeric one without its semicolon, as HTML reads it inside raw HTML), Markdown's
 * backslash escapes (`\@`) and percent-encoded ASCII (`%31`, as in a link) become the character they stand
 * for. Returns that text and, for each of its characters, the offset in `body` just after it.
 */
function decoded(body: string): { text: string; ends: number[] } {
  let text = "";
  const ends: number[] = [];
  const numeric = /&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?/y;
  const named = /&([A-Za-z][A-Za-z0-9]*);/y;
  for (let at = 0; at < body.length; ) {
    let ch: string | undefined;
    let end = at + 1;
    if (body[at] === "&") {
      numeric.lastIndex = at;
      named.lastIndex = at;
      const n = numeric.exec(body);
      const m = n ? undefined : named.exec(body);
      if (n) {
        const code = n[1] !== undefined ? Number.parseInt(n[1], 16) : Number(n[2]);
        ch =
          code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\uFFFD";
        end = at + n[0].length;
      } else if (m && NAMED[m[1]] !== undefined) {
        ch = NAMED[m[1]];
        end = at + m[0].length;
      }
    } else if (body[at] === "%" && /^%[0-7][0-9A-Fa-f]$/.test(body.slice(at, at + 3))) {
      // A percent-encoded ASCII character, as a browser reads it in a link (`/issues/%31%32`).
      ch = String.fromCharCode(Number.parseInt(body.slice(at + 1, at + 3), 16));
      end = at + 3;
    } else if (body[at] === "\\" && /[!-/:-@[-`{-~]/.test(body[at + 1] ?? "")) {
      ch = body[at + 1];
      end = at + 2;
    }
    if (ch === undefined) {
      const cp = body.codePointAt(at) ?? 0;
      ch = String.fromCodePoint(cp);
      end = at + ch.length;
    }
    text += ch;
    for (let k = 0; k < ch.length; k++) ends.push(end);
    at = end;
  }
  return { text, ends };
}

/**
 * What GitHub turns into a ping or a cross-reference, in decoded text: the sign after which a zero-width space
 * breaks it. `@name` (and `@org/team`), `#123` (also `owner/repo#123`), `GH-123` in any case, and issue,
 * pull-request and discussion URLs (`…/issues/123`, which GitHub shows as a reference and backlinks). An `@`
 * right after an ASCII letter or digit is no mention (`user@example.com`, a version name `sre@1.0.0`), so it
 * is left as written: a name copied from a report or release notes then works in git as it is.
 */
const SIGNS =
  /(?<![A-Za-z0-9])@(?=[\p{L}\p{N}_-])|#(?=\p{N})|gh-(?=\p{N})|\/(?:issues|pulls?|discussions)\/(?=\p{N})/giu;

/**
 * Neutralises what would make the bot ping or cross-link: a zero-width space goes after every sign of a mention
 * or reference (see SIGNS), found after decoding character references and backslash escapes, so `@&#111;ctocat`,
 * `&#64;octocat`, `#&#49;23`, `\@octocat`, `gh-12` and `https://github.com/o/r/issues/12` are all disarmed. Only
 * zero-width spaces are inserted, between whole characters or references, so what the body shows is unchanged.
 * Idempotent. `ladder diff` applies it to its Markdown, and `ladder comment` again to the body it posts.
 */
export function defuse(body: string): string {
  const { text, ends } = decoded(body);
  const cuts = new Set<number>();
  for (const m of text.matchAll(SIGNS)) cuts.add(ends[m.index + m[0].length - 1] as number);
  if (cuts.size === 0) return body;
  let out = "";
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out += body.slice(from, cut) + ZWSP;
    from = cut;
  }
  return out + body.slice(from);
}

/** The sticky comments among `comments`: marker first, by `author`, oldest first. */
export function stickyComments(comments: readonly IssueComment[], author = DEFAULT_AUTHOR): IssueComment[] {
  const login = author.toLowerCase();
  return comments
    .filter((c) => c.author.toLowerCase() === login && c.body.startsWith(MARKER))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
}

/** Decides, from the comments there are, whether to create, update or leave the sticky comment. */
export function planComment(comments: readonly IssueComment[], body: string, options: SyncOptions = {}): Plan {
  const note = options.note ?? cutNote();
  const fitted = fitBody(body, options.maxChars ?? GITHUB_MAX_CHARS, note);
  const [kept] = stickyComments(comments, options.author);
  if (!kept) return { action: "create", body: fitted };
  if (isSameReport(kept.body, body, note)) return { action: "none", id: kept.id, url: kept.url };
  return { action: "update", id: kept.id, body: fitted, url: kept.url };
}

/**
 * Keeps one sticky comment up to date: lists every comment, then creates, updates or does nothing. A body that
 * GitHub finds too long is cut further and sent again; a create whose answer was lost is checked by listing
 * again before it is repeated, so a flaky network never leaves two comments.
 */
export async function syncComment(api: CommentApi, body: string, options: SyncOptions = {}): Promise<SyncResult> {
  if (!body.startsWith(MARKER)) {
    throw new Error(`the body must start with "${MARKER}", or the comment could not be found again`);
  }
  const note = options.note ?? cutNote();
  const comments = await api.list();
  const plan = planComment(comments, body, options);
  const duplicates = Math.max(0, stickyComments(comments, options.author).length - 1);
  if (options.dryRun || plan.action === "none") return outcome(plan, plan, duplicates, body);
  let current = plan;
  for (let shrinks = 0; ; shrinks++) {
    try {
      const written =
        current.action === "create"
          ? await createOnce(api, current.body, options)
          : await api.update(current.id, current.body);
      return { ...outcome(plan, current, duplicates, body), id: written.id, url: written.url };
    } catch (error) {
      if (!(error instanceof BodyTooLongError) || shrinks >= 3) throw error;
      const sent = current.body;
      // GitHub may count in other units than we do (bytes, say): then the body shrinks by a tenth each time.
      const named = error.maxChars;
      const next = fitBody(
        body,
        named !== undefined && named < sent.length ? named : Math.floor(sent.length * 0.9),
        note,
      );
      if (current.action === "update" && stickyComments(comments, options.author)[0]?.body === next) {
        return outcome(plan, { action: "none", id: current.id, url: current.url }, duplicates, body);
      }
      current = { ...current, body: next };
    }
  }
}

function outcome(plan: Plan, done: Plan, duplicates: number, body: string): SyncResult {
  const id = done.action === "create" ? undefined : done.id;
  const url = done.action === "create" ? undefined : done.url;
  return { plan, done, id, url, duplicates, cut: done.action !== "none" && done.body !== body };
}

async function createOnce(api: CommentApi, body: string, options: SyncOptions): Promise<IssueComment> {
  const attempts = options.createAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.create(body);
    } catch (error) {
      if (!(error instanceof TransientError) || attempt >= attempts) throw error;
      const landed = stickyComments(await api.list(), options.author).find((c) => c.body === body);
      if (landed) return landed;
    }
  }
}
