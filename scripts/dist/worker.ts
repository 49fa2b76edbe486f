/**
 * A worker thread's entry (threads.ts): runs the one task it was started with, on the input of its first
 * message, and posts the result back.
 * The tasks are the same functions the main thread runs itself when it works alone; each task's modules are
 * loaded only when it runs.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { produceShare } from "./produce.js";
import type { produceForwarded } from "./produce-forwarded.js";
import type { produceResolved } from "./produce-resolved.js";

/** Every task a worker can run: input in, result out, both copied between threads. */
export interface Tasks {
  produce: typeof produceShare;
  produceForwarded: typeof produceForwarded;
  produceResolved: typeof produceResolved;
}

const tasks: { [K in keyof Tasks]: () => Promise<Tasks[K]> } = {
  produce: async () => (await import("./produce.js")).produceShare,
  produceForwarded: async () => (await import("./produce-forwarded.js")).produceForwarded,
  produceResolved: async () => (await import("./produce-resolved.js")).produceResolved,
};

if (parentPort) {
  const port = parentPort;
  const { task } = workerData as { task: keyof Tasks };
  const load = tasks[task] as () => Promise<(input: unknown) => unknown>;
  // The modules load while the main thread prepares the input, which comes as the first message.
  const input = new Promise<unknown>((resolve) => port.once("message", resolve));
  Promise.all([load(), input])
    .then(([run, given]) => run(given))
    .then(
      (output) => port.postMessage({ ok: true, output }),
      (error: unknown) => {
        const { message, code } =
          error instanceof Error ? (error as NodeJS.ErrnoException) : { message: String(error) };
        port.postMessage({ ok: false, message, code });
      },
    );
}
