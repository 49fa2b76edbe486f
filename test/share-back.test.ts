/**
 * The worker's files of forwarded ladders are claimed once, in memory both threads share
 * (scripts/dist/produce-forwarded.ts `renderClaimed`, `claimIndex`; threads.ts `forwarder`): the worker from
 * the first ladder on, the main thread from the last back until it meets the worker. Here both sides run in
 * this thread, one after the other and interleaved, as the two threads would.
 */
import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  BY_MAIN,
  BY_WORKER,
  claimIndex,
  type Forwarded,
  renderClaimed,
  UNCLAIMED,
} from "../scripts/dist/produce-forwarded.js";
import type { Output, Sink } from "../scripts/dist/sink.js";
import { WORKER_KINDS } from "../scripts/dist/split.js";
import { forwarder, SHARE_BACK } from "../scripts/dist/threads.js";
import { caseLadder } from "./helpers/golden.js";

const seed = caseLadder("sre");
const none: Sink = { kind: "none" };
const share = { kinds: WORKER_KINDS, sink: none };
const copies = (n: number): Forwarded[] =>
  Array.from({ length: n }, (_, at) => ({ at, ladder: { ...seed, id: `t${String(at).padStart(3, "0")}` } }));
const paths = (outputs: Output[]) => outputs.map((o) => o.path);
const filesOf = (ids: string[]) => ids.flatMap((id) => [`${id}.md`, `${id}.xlsx`]);

describe("sharing the worker's files between the threads", () => {
  it("renders each ladder's worker files once, the main thread from the end until it meets the worker", async () => {
    const ladders = copies(10);
    const claims = new Int32Array(ladders.length + 1);
    const worker: Output[] = [];
    const main: Output[] = [];
    // The worker has done the first six when the main thread, done with its own files, starts from the end.
    await renderClaimed(ladders.slice(0, 6), claims, BY_WORKER, share, new Set(), worker);
    const back = await renderClaimed([...ladders].reverse(), claims, BY_MAIN, share, new Set(), main);
    expect(back).toEqual({ met: true });
    // The worker then gets the rest of its batches and skips what the main thread took.
    await renderClaimed(ladders.slice(6), claims, BY_WORKER, share, new Set(), worker);
    expect(paths(main)).toEqual(filesOf(["t009", "t008", "t007", "t006"]));
    expect(paths(worker)).toEqual(filesOf(["t000", "t001", "t002", "t003", "t004", "t005"]));
    expect([...claims.slice(0, 10)]).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(claims[10]).toBe(UNCLAIMED);
  });

  it("lets the main thread take everything the worker has not reached, and the index page once", async () => {
    const ladders = copies(4);
    const claims = new Int32Array(ladders.length + 1);
    const main: Output[] = [];
    expect(await renderClaimed([...ladders].reverse(), claims, BY_MAIN, share, new Set(), main)).toEqual({
      met: false,
    });
    expect(main).toHaveLength(8);
    const worker: Output[] = [];
    await renderClaimed(ladders, claims, BY_WORKER, share, new Set(), worker);
    expect(worker).toEqual([]);
    expect(claimIndex(claims, BY_MAIN)).toBe(true);
    expect(claimIndex(claims, BY_WORKER)).toBe(false);
    expect(claimIndex(claims, BY_MAIN)).toBe(false);
  });

  it("keeps the last SHARE_BACK ladders forwarded, the last first, with their places", () => {
    const { port1, port2 } = new MessageChannel();
    const forward = forwarder(port1);
    expect(forward.last()).toEqual([]);
    const n = SHARE_BACK + 5;
    for (const { ladder } of copies(n)) forward.add(ladder);
    const last = forward.last();
    expect(last).toHaveLength(SHARE_BACK);
    expect(last.map((f) => f.at)).toEqual(Array.from({ length: SHARE_BACK }, (_, i) => n - 1 - i));
    expect(last.every((f) => f.ladder.id === `t${String(f.at).padStart(3, "0")}`)).toBe(true);
    forward.end();
    port2.close();
  });
});
