/**
 * The lines of a text in the canonical layout, as parse-canonical.ts reads them: where each line's content
 * starts and ends, and each value's text, sliced from the text or read from the line's own bytes. Pure.
 */

/** The lines that hold content (not blank, not a comment), as offsets into the text, and a read position. */
export interface Lines {
  text: string;
  count: number;
  indent: Int32Array;
  /** Where the content starts (after the indentation) and ends (before the line break). */
  start: Int32Array;
  end: Int32Array;
  /**
   * For a text that is not all ASCII: its UTF-8, and where each line's content starts in it. A value is then
   * read from its own line's bytes, not sliced from the text. V8 holds a text with one character past U+00FF
   * two bytes a character, and every slice of it too: the slices kept the whole text alive in every ladder
   * model, and made every page and file built from the ladder two-byte text (one curly apostrophe in each
   * copy of the seed made `check` of 834 copies 8% slower than the same copies without it).
   */
  bytes?: Buffer;
  /** `bytes` as Latin-1, one character a byte: an ASCII line's values are sliced from it, one byte a character. */
  latin1?: string;
  byteStart?: Int32Array;
  /** Where each line's line break (or the text) ends in `bytes`. */
  byteEnd?: Int32Array;
  at: number;
}

export function contentLines(text: string, utf8?: Uint8Array): Lines {
  let capacity = 1024;
  let indent = new Int32Array(capacity);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let byteStart = utf8 ? new Int32Array(capacity) : undefined;
  let byteEnd = utf8 ? new Int32Array(capacity) : undefined;
  let count = 0;
  // The line breaks of the text and of its bytes are the same ones: a byte 0x0A is never inside a character.
  let bytePos = 0;
  for (let pos = 0; pos <= text.length; ) {
    let stop = text.indexOf("\n", pos);
    if (stop === -1) stop = text.length;
    let byteStop = -1;
    if (utf8) {
      byteStop = utf8.indexOf(10, bytePos);
      if (byteStop === -1) byteStop = utf8.length;
    }
    let i = pos;
    while (i < stop && text.charCodeAt(i) === 32) i++;
    if (i < stop && text.charCodeAt(i) !== 35 /* # */) {
      if (count === capacity) {
        capacity *= 2;
        indent = grow(indent, capacity);
        start = grow(start, capacity);
        end = grow(end, capacity);
        if (byteStart) byteStart = grow(byteStart, capacity);
        if (byteEnd) byteEnd = grow(byteEnd, capacity);
      }
      indent[count] = i - pos;
      start[count] = i;
      end[count] = stop;
      // The indentation is spaces: as many bytes as characters.
      if (byteStart && byteEnd) {
        byteStart[count] = bytePos + (i - pos);
        byteEnd[count] = byteStop;
      }
      count++;
    }
    pos = stop + 1;
    bytePos = byteStop + 1;
  }
  const lines: Lines = { text, count, indent, start, end, at: 0 };
  if (utf8 && byteStart && byteEnd) {
    lines.bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
    lines.latin1 = lines.bytes.toString("latin1");
    lines.byteStart = byteStart;
    lines.byteEnd = byteEnd;
  }
  return lines;
}

/**
 * The text of line `k` from `from` to `end` (offsets in the text): a slice, or read from the line's bytes
 * (`Lines.bytes`). What comes before `from` on the line is ASCII (indentation, a key and `: `, or `- `), so
 * the value starts as many bytes into the line's content as characters; a line of as many bytes as
 * characters is all ASCII, and its value is sliced from the bytes read as Latin-1 (the same characters
 * there, one byte each): a slice, not a decode per value, which cost the parse of 834 seed ladders 20 ms.
 */
export function valueText(lines: Lines, k: number, from: number, end: number): string {
  const { bytes, latin1, byteStart, byteEnd } = lines;
  if (bytes === undefined || latin1 === undefined || byteStart === undefined || byteEnd === undefined)
    return lines.text.slice(from, end);
  const start = lines.start[k] as number;
  const at = (byteStart[k] as number) + (from - start);
  const stop = byteEnd[k] as number;
  if (stop - (byteStart[k] as number) === (lines.end[k] as number) - start) return latin1.slice(at, at + end - from);
  const rest = bytes.toString("utf8", at, stop);
  return end === lines.end[k] ? rest : rest.slice(0, end - from);
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(capacity);
  bigger.set(array);
  return bigger;
}

export const isDash = (lines: Lines, k: number) => lines.text.charCodeAt(lines.start[k]) === 45; /* - */
