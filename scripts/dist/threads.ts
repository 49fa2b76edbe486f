/**
 * The second core: runs a task of worker.ts in a worker thread. Workers run only from the compiled build
 * (.build/): a worker thread cannot load the TypeScript sources without tsx's loader, which is registered
 * per thread. From the sources (tests, `node --import tsx`), and with LADDER_THREADS=1, everything runs in the
 * main thread, in the same order, with the same results.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Tasks } from "./worker.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/**
 * Inputs smaller than this (bytes of YAML) are done in the main thread: starting a worker and loading the
 * modules again there costs about 50 ms, which only a few thousand cells of work repay.
 */
export const WORKER_THRESHOLD = 512 * 1024;

/**
 * The worker's young generation is kept small: its garbage is short-lived (one rendered file at a time), and
 * V8's default lets it grow to tens of megabytes a thread. Measured on 834 tracks of an organisation: peak
 * memory 207 → 182 MB, time unchanged.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Whether a worker thread can help: compiled code, a second core, and not switched off. */
export function workersAvailable(env: Record<string, string | undefined> = process.env): boolean {
  return (
    env.LADDER_THREADS !== "1" && import.meta.url.endsWith(".js") && availableParallelism() > 1 && existsSync(WORKER)
  );
}

/**
 * Runs `task` with `input` in a new worker thread; resolves with its result, rejects with its error (marked
 * handled, so the caller may await it later).
 */
export function runInWorker<K extends keyof Tasks>(
  task: K,
  input: Parameters<Tasks[K]>[0],
): Promise<Awaited<ReturnType<Tasks[K]>>> {
  const result = new Promise<Awaited<ReturnType<Tasks[K]>>>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { task, input }, resourceLimits: WORKER_LIMITS });
    let settled = false;
    worker.once("message", (reply: { ok: true; output: never } | { ok: false; message: string; code?: string }) => {
      settled = true;
      if (reply.ok) resolve(reply.output);
      // The error code (ENOSPC, EACCES …) survives, so the caller tells a disk problem from a bug.
      else reject(Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code }));
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`a worker thread stopped (exit code ${code}) before it finished`));
    });
  });
  // The caller awaits it after its own share; a failure there first must not leave this rejection unhandled.
  result.catch(() => undefined);
  return result;
}
