/**
 * Text appended as UTF-8 bytes into one growing buffer: how the large parts of a workbook (its sheets and
 * shared strings) are made. A part grown as one string through thousands of rows lives long enough to be
 * moved into the old generation piece by piece; written a few kilobytes at a time, each piece dies young.
 */
export class Utf8Writer {
  private buffer: Buffer;
  private length = 0;
  /** Text not yet encoded: short appends are joined first, since each encoding call has a fixed cost. */
  private pending = "";

  constructor(initial = 16 * 1024) {
    this.buffer = Buffer.allocUnsafe(initial);
  }

  /** Appends `text`, encoded as UTF-8. */
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PENDING) this.flush();
  }

  /** The bytes written so far (a view: valid until the next `write`). */
  bytes(): Uint8Array {
    this.flush();
    return this.buffer.subarray(0, this.length);
  }

  private flush(): void {
    const text = this.pending;
    if (text === "") return;
    this.pending = "";
    // A UTF-16 code unit is at most three bytes of UTF-8 (a surrogate pair, two units, is four).
    const room = this.length + text.length * 3;
    if (room > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(room, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, "utf8");
  }
}

/** UTF-16 code units gathered before they are encoded. */
const PENDING = 8 * 1024;
