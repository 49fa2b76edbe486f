/**
 * The GitHub REST client: Octokit with the retry plugin (5xx and network faults, backing off) and the throttling
 * plugin (primary and secondary rate limits, honouring `retry-after`). This is an edge: only commands use it.
 */
import { retry } from "@octokit/plugin-retry";
import { type ThrottlingOptions, throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const GitHubOctokit = Octokit.plugin(retry, throttling);

/** An Octokit with retries and throttling. */
export type GitHub = InstanceType<typeof GitHubOctokit>;

export const DEFAULT_API_URL = "https://api.github.com";

export interface ClientOptions {
  /** A token; without one, requests are anonymous (enough to read a public repository). */
  token?: string;
  /** REST base URL: `https://api.github.com`, `https://HOST/api/v3` on GitHub Enterprise Server, or a test server. */
  apiUrl?: string;
  /** How many times a failed request is tried again (5xx, network, rate limits). Default 3. */
  retries?: number;
  /**
   * Milliseconds per unit of waiting: retry-after seconds and the retry plugin's 1, 4, 9 back-off are multiplied
   * by it. Default 1000 (real seconds); tests pass 1 so a `retry-after: 1` costs a millisecond.
   */
  waitUnitMs?: number;
  /** Milliseconds before a request with no answer is abandoned and retried. Default 30,000. */
  timeoutMs?: number;
  /** Where one-line notices go (retries, rate limits). */
  warn?: (line: string) => void;
}

/** Builds the client; every request it makes goes through retries, throttling and a per-request timeout. */
export function createClient(options: ClientOptions = {}): GitHub {
  const retries = options.retries ?? 3;
  const unit = options.waitUnitMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const warn = options.warn ?? (() => {});
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < retries;
      warn(`GitHub ${kind} on ${request.method} ${request.url}; ${again ? `retrying in ${retryAfter}s` : "giving up"}`);
      return again;
    };
  return new GitHubOctokit({
    auth: options.token || undefined,
    baseUrl: (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
    userAgent: "ladder-as-code",
    // Octokit logs every failed request as an error; the command explains failures itself, once.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
    request: { fetch: fetchWithTimeout(timeoutMs) },
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      write: spaced(1, unit),
      notifications: spaced(3, unit),
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
    },
  });
}

/**
 * Global fetch with a per-request deadline. A timeout surfaces as a network failure (a TypeError, as fetch
 * reports one), which Octokit turns into a retryable 500 rather than an abort that nothing retries.
 */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      if (deadline.aborted) {
        throw new TypeError("fetch failed", { cause: new Error(`no answer within ${timeoutMs / 1000}s`) });
      }
      throw error;
    }
  };
}

type Group = NonNullable<ThrottlingOptions["write"]>;

/**
 * GitHub asks for at least a second between writes, and three before a write that notifies people. The plugin
 * does this with fixed-time limiters; this one does the same in `unit`s, so tests run the same code in
 * milliseconds. It implements the one call the plugin makes: `group.key(id).schedule(options, task)`.
 */
function spaced(gapUnits: number, unit: number): Group {
  let next = 0;
  const limiter = {
    async schedule(_options: unknown, task: () => Promise<unknown>) {
      const now = Date.now();
      const start = Math.max(now, next);
      next = start + gapUnits * unit;
      if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
      return task();
    },
  };
  return { key: () => limiter } as unknown as Group;
}
