/**
 * The second core: runs a task of worker.ts in a worker thread. Workers run only from the compiled build
 * (.build/): a worker thread cannot load the TypeScript sources without tsx's loader, which is registered
 * per thread. From the sources (tests, `node --import tsx`), and with LADDER_THREADS=1, everything runs in the
 * main thread, in the same order, with the same results.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { type MessagePort, type Transferable, Worker } from "node:worker_threads";
import type { Ladder } from "../model/model.js";
import type { ForwardEnd, Forwarded } from "./produce-forwarded.js";
import type { Tasks } from "./worker.js";

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/**
 * The worker's young generation is kept small: its garbage is short-lived (one rendered file at a time), and
 * V8's default lets it grow to tens of megabytes a thread. Measured on 834 tracks of an organisation: peak
 * memory 207 → 182 MB, time unchanged.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * With two threads at work, V8 is asked to optimise a function later (after about 4.4 times the default
 * interrupt budget of 67,584 bytecode bytes run). V8 optimises on a background thread, which on a
 * two-core machine has no free core once the worker runs: traced on 834 seed ladders, optimising took 890 ms
 * of processor time against 1.2 s of wall time, most of it on functions each used for a short while. With the
 * later budget: 320 ms. Measured side by side: `check` of 834 seed ladders 1223 → 1142 ms, of 834 tracks
 * 1313 → 1168 ms, of 50 ladders of 1,000 cells 831 → 764 ms, of one ladder of 50,000 cells unchanged.
 * Commands on one thread keep V8's default (a later budget made `diff` and `validate` 4% slower: the other
 * core is free to optimise for them). Set once, for the whole process, as the first worker starts.
 */
function optimiseLater(): void {
  if (optimisingLater) return;
  optimisingLater = true;
  setFlagsFromString("--interrupt-budget=300000");
}
let optimisingLater = false;

/** Whether a worker thread can help: compiled code, a second core, and not switched off. */
export function workersAvailable(env: Record<string, string | undefined> = process.env): boolean {
  return (
    env.LADDER_THREADS !== "1" && import.meta.url.endsWith(".js") && availableParallelism() > 1 && existsSync(WORKER)
  );
}

/** A worker started before its input is ready: it loads its modules meanwhile. */
export interface StartedWorker<K extends keyof Tasks> {
  /**
   * Gives the worker its input (once), with `transfer` (message ports) moved to it; resolves with its result,
   * rejects with its error (marked handled).
   */
  run(input: Parameters<Tasks[K]>[0], transfer?: readonly Transferable[]): Promise<Awaited<ReturnType<Tasks[K]>>>;
  /** Stops the worker (one not needed after all); resolves once its thread has stopped. */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread for `task`; its input follows with `run`. Starting it before the input is ready (an
 * organisation's ladders still being resolved) lets it load its modules on the other core meanwhile.
 */
export function startWorker<K extends keyof Tasks>(task: K): StartedWorker<K> {
  optimiseLater();
  const worker = new Worker(WORKER, { workerData: { task }, resourceLimits: WORKER_LIMITS });
  let settled = false;
  const result = new Promise<Awaited<ReturnType<Tasks[K]>>>((resolve, reject) => {
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
  return {
    run(input, transfer = []) {
      worker.postMessage(input, [...transfer]);
      return result;
    },
    async stop() {
      settled = true;
      await worker.terminate();
    },
  };
}

/** Ladders per message: small enough that the worker starts on the first ones at once. */
export const FORWARD_BATCH = 8;

/**
 * The last ladders forwarded that the main thread keeps, to render the worker's kinds of those the worker has
 * not reached once its own files are done (produce-forwarded.ts `renderClaimed`). On 834 seed ladders the
 * worker was about 130 ladders behind when the main thread finished (140 ms), so the two meet about 65 from
 * the end; kept, these cost about 8 MB.
 */
export const SHARE_BACK = 256;

/**
 * The main thread's end of the port: `add` each valid ladder, then `end` once (also after a failure), with
 * the ladders (sorted, without categories) of which the worker is to render its index page too
 * (produce-forwarded.ts): only when every ladder is valid. `last` gives the last SHARE_BACK ladders added,
 * the last first.
 */
export interface Forwarder {
  add(ladder: Ladder): void;
  end(index?: readonly Ladder[]): void;
  last(): Forwarded[];
}

export function forwarder(port: MessagePort): Forwarder {
  let batch: Forwarded[] = [];
  let ended = false;
  let count = 0;
  const kept: Forwarded[] = [];
  return {
    add(ladder) {
      const forwarded = { at: count++, ladder };
      batch.push(forwarded);
      kept[forwarded.at % SHARE_BACK] = forwarded;
      if (batch.length < FORWARD_BATCH) return;
      port.postMessage(batch);
      batch = [];
    },
    end(index) {
      if (ended) return;
      ended = true;
      if (batch.length > 0) port.postMessage(batch);
      port.postMessage({ index } satisfies ForwardEnd);
      port.close();
    },
    last() {
      const from = Math.max(0, count - SHARE_BACK);
      const out: Forwarded[] = [];
      for (let at = count - 1; at >= from; at--) out.push(kept[at % SHARE_BACK] as Forwarded);
      return out;
    },
  };
}
