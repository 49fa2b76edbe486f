/**
 * Rendered text as UTF-8, whole or in chunks (generators/shared/templates.ts `Template.chunks`): its size, its
 * bytes, and the chunks cut so that none splits a character. Pure.
 */

/** The size of a rendered file in bytes (text in UTF-8). */
export function byteSize(content: string | readonly string[] | Uint8Array): number {
  if (content instanceof Uint8Array) return content.length;
  if (typeof content === "string") return Buffer.byteLength(content, "utf8");
  let sum = 0;
  for (const chunk of wholeCharacters(content)) sum += Buffer.byteLength(chunk, "utf8");
  return sum;
}

/**
 * The chunks, each ending on a whole character: a chunk ending in the first half of a surrogate pair gives it
 * to the next one, so the pair is encoded as the character it is, as in the text joined.
 */
export function* wholeCharacters(chunks: readonly string[]): Generator<string> {
  let carry = "";
  for (let i = 0; i < chunks.length; i++) {
    const text = carry + chunks[i];
    if (i === chunks.length - 1) {
      yield text;
      break;
    }
    const [whole, rest] = heldBack(text);
    carry = rest;
    yield whole;
  }
}

/**
 * `text` cut before a first half of a surrogate pair that ends it, and that half ("" when there is none): the
 * rule both `wholeCharacters` and `Utf8Blocks` keep a pair whole by, across the chunks they are given.
 */
function heldBack(text: string): [string, string] {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? [text.slice(0, -1), text.slice(-1)] : [text, ""];
}

/** The UTF-8 bytes of a text, whole or in chunks. */
export function utf8(content: string | readonly string[]): Buffer {
  if (typeof content === "string") return Buffer.from(content, "utf8");
  const bytes = Buffer.allocUnsafe(byteSize(content));
  let at = 0;
  for (const chunk of wholeCharacters(content)) at += bytes.write(chunk, at, "utf8");
  return bytes;
}

/** Bytes of encoded text gathered before they are handed on (`Utf8Blocks`). */
export const BLOCK = 1 << 20;
const encoder = new TextEncoder();
let shared: Uint8Array | undefined;

/**
 * Text given a chunk at a time, encoded as UTF-8 into one buffer reused for every text (one thread runs one at a
 * time), and handed to `out` a BLOCK at most at a time: each full block, then the rest at `end`. A chunk ending
 * in the first half of a surrogate pair gives it to the next one, so the pair is encoded as the character it
 * is, as in the text joined (`wholeCharacters`). `out` returns false to stop: what `check` does at the first
 * byte that differs.
 */
export class Utf8Blocks {
  private readonly buffer: Uint8Array;
  private used = 0;
  private carry = "";
  private bytes = 0;
  private going = true;

  constructor(private readonly out: (bytes: Uint8Array) => boolean) {
    shared ??= new Uint8Array(BLOCK);
    this.buffer = shared;
  }

  /** Encodes the next chunk; false once `out` has said stop. */
  add(chunk: string): boolean {
    if (!this.going) return false;
    const [whole, rest] = heldBack(this.carry === "" ? chunk : this.carry + chunk);
    this.carry = rest;
    this.encode(whole);
    return this.going;
  }

  /** The whole text's size in bytes, once the rest is handed on; undefined if `out` said stop. */
  end(): number | undefined {
    if (this.carry !== "") this.encode(this.carry);
    this.carry = "";
    this.flush();
    return this.going ? this.bytes : undefined;
  }

  private encode(text: string): void {
    for (let read = 0; this.going && read < text.length; ) {
      // encodeInto never splits a character: with fewer than 4 bytes of room it may write nothing.
      if (this.buffer.length - this.used < 4) this.flush();
      const piece = encoder.encodeInto(read === 0 ? text : text.slice(read), this.buffer.subarray(this.used));
      read += piece.read;
      this.used += piece.written;
      this.bytes += piece.written;
      if (this.used === this.buffer.length) this.flush();
    }
  }

  private flush(): void {
    if (this.used === 0 || !this.going) return;
    this.going = this.out(this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}
