/**
 * Rendered text in chunks (generators/shared/templates.ts `Template.chunks`): written and compared with dist/
 * exactly as the text joined, also where a chunk ends in the middle of a surrogate pair.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareFile } from "../scripts/dist/compare.js";
import { byteSize, utf8, wholeCharacters } from "../scripts/dist/utf8.js";
import { writeStagedStream } from "../scripts/dist/write.js";

const work = mkdtempSync(path.join(tmpdir(), "ladder-chunks-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cases: string[][] = [
  ["plain ", "ascii"],
  ["caf", "é ", "’quoted’"],
  // A pair split between two chunks, one at the very end of a chunk, and a lone half that stays lone.
  ["a\ud83d", "\ude00b", "\ud83d"],
  ["\ud83d", "\ude00", "", "x\ud83d", "\ude01"],
  [""],
  ["lone \udc00 low", " and \ud800 high"],
];

describe("chunks of rendered text", () => {
  it.each(cases.map((c) => [JSON.stringify(c), c]))("encode as their text joined: %s", (_, chunks) => {
    const joined = (chunks as string[]).join("");
    expect(utf8(chunks as string[])).toEqual(Buffer.from(joined, "utf8"));
    expect(byteSize(chunks as string[])).toBe(Buffer.byteLength(joined, "utf8"));
    expect([...wholeCharacters(chunks as string[])].join("")).toBe(joined);
  });

  it("compare equal to a file of their text joined, and differ from any other", async () => {
    for (const [i, chunks] of cases.entries()) {
      const name = `f${i}.txt`;
      writeFileSync(path.join(work, name), chunks.join(""), "utf8");
      const present = new Set([name]);
      expect(await compareFile(work, name, chunks, present)).toEqual({ bytes: byteSize(chunks) });
      const other = [...chunks.slice(0, -1), `${chunks.at(-1)}!`];
      const differs = await compareFile(work, name, other, present);
      expect(differs.difference?.kind).toBe("stale");
      expect(differs.bytes).toBe(byteSize(other));
    }
  });

  it("compare files larger than the read block, a block at a time, to the last byte", async () => {
    // 2.7 MB of text in 8 KB chunks with characters of every width, and the same as bytes (a workbook).
    const piece = "cell é ’ 😀 ".repeat(400);
    const chunks = Array.from({ length: 400 }, (_, i) => `${i}:${piece}`);
    const text = chunks.join("");
    const bytes = Buffer.from(text, "utf8");
    expect(bytes.length).toBeGreaterThan(2 * (1 << 20));
    const present = new Set(["big.txt", "big.bin"]);
    // The file in dist/ holds `on`; build would write `content`, text in chunks or bytes.
    const compare = async (on: string | Buffer, content: string[] | Uint8Array) => {
      const name = Array.isArray(content) ? "big.txt" : "big.bin";
      writeFileSync(path.join(work, name), on);
      return compareFile(work, name, content, present);
    };
    expect(await compare(text, chunks)).toEqual({ bytes: bytes.length });
    expect(await compare(bytes, new Uint8Array(bytes))).toEqual({ bytes: bytes.length });
    // A byte changed in the last block, one more byte at the end, one fewer: each found, with where.
    const changed = `${text.slice(0, -2)}?!`;
    const stale = await compare(changed, chunks);
    expect(stale.difference?.kind).toBe("stale");
    expect(stale.difference?.detail).toMatch(/^line 1:\n- .*\?!/);
    expect((await compare(`${text}\n`, chunks)).difference?.kind).toBe("stale");
    expect((await compare(text.slice(0, -1), chunks)).difference?.kind).toBe("stale");
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1] ^= 1;
    const binary = await compare(flipped, new Uint8Array(bytes));
    expect(binary.difference?.detail).toBe(
      `binary: the bytes differ from byte ${bytes.length - 1} (${bytes.length} bytes; build would write ${bytes.length})`,
    );
  });

  it("compare streamed text as it comes, and stop rendering at the first block that differs", async () => {
    // 400 chunks of about 8,000 characters, some split in the middle of a pair: 3.6 MB, four blocks and more.
    const chunks = Array.from({ length: 400 }, (_, i) => `${i} ${"cell é ’ ".repeat(900)}\ud83d`).concat(["\ude00"]);
    writeFileSync(path.join(work, "streamed.txt"), chunks.join(""), "utf8");
    const present = new Set(["streamed.txt"]);
    let made = 0;
    let renders = 0;
    const streamed = (text: string[]) => ({
      stream(each: (chunk: string) => void) {
        for (const chunk of text) {
          made++;
          each(chunk);
        }
      },
      render() {
        renders++;
        return text;
      },
    });
    expect(await compareFile(work, "streamed.txt", streamed(chunks), present)).toEqual({ bytes: byteSize(chunks) });
    expect([made, renders]).toEqual([401, 0]);
    // The third chunk differs: the stream is stopped within the first block, and the text rendered again,
    // whole, for the detail.
    made = 0;
    const other = chunks.map((chunk, i) => (i === 2 ? chunk.replace("é", "e") : chunk));
    const differs = await compareFile(work, "streamed.txt", streamed(other), present);
    expect(made).toBeGreaterThan(2);
    expect(made).toBeLessThan(150);
    expect(renders).toBe(1);
    expect(differs).toEqual({
      bytes: byteSize(other),
      difference: { path: "streamed.txt", kind: "stale", detail: expect.stringMatching(/^line 1:\n- .*cell é/) },
    });
    // A file that is longer or shorter than the streamed text differs too, and so does a short text.
    writeFileSync(path.join(work, "streamed.txt"), `${chunks.join("")}!`, "utf8");
    expect((await compareFile(work, "streamed.txt", streamed(chunks), present)).difference?.kind).toBe("stale");
    writeFileSync(path.join(work, "streamed.txt"), chunks.join("").slice(0, -1), "utf8");
    expect((await compareFile(work, "streamed.txt", streamed(chunks), present)).difference?.kind).toBe("stale");
    expect((await compareFile(work, "streamed.txt", streamed(["a"]), present)).difference?.kind).toBe("stale");
  });

  it("write streamed text a block at a time, the same bytes as the text joined", () => {
    for (const chunks of [...cases, Array.from({ length: 300 }, (_, i) => `${i} ${"é ’ 😀".repeat(2000)}\ud83d`)]) {
      const name = "written/streamed.txt";
      const bytes = writeStagedStream(work, name, (each) => {
        for (const chunk of chunks) each(chunk);
      });
      const joined = Buffer.from(chunks.join(""), "utf8");
      expect(readFileSync(path.join(work, name))).toEqual(joined);
      expect(bytes).toBe(joined.length);
    }
  });
});
