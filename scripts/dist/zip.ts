/**
 * Packs a generator's parts into one zip file (the workbook, generators/xlsx/): the same bytes on every
 * machine, time zone and run (for `check`, unzip.ts says where two such files differ). Pure.
 *
 * Each part is *stored* (zip method 0, as ECMA-376's packages allow besides deflate), with one fixed
 * timestamp and nothing else that varies: no clock, no time zone, no file-system attributes. Stored, because
 * `check` packs every workbook again to compare it with dist/, and deflate is the one cost that grows with
 * the text (why not a zip library: ARCHITECTURE.md, "Decisions"); git compresses the committed file itself,
 * and deltas between two versions of uncompressed XML stay small where two deflated files share nothing.
 * The checksum is zlib's CRC-32, which is one fixed function wherever it runs.
 */
import { crc32 } from "node:zlib";

/** 1980-01-01 12:00:00 in MS-DOS form, the first day a zip timestamp can hold (noon: no time zone can shift it a day). */
const DOS_TIME = 12 << 11;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
/** Version 2.0 of the zip format, what a stored entry needs. */
const VERSION = 20;

export interface Part {
  /** The entry's name: ASCII, forward slashes (`xl/workbook.xml`). */
  path: string;
  /** The entry's content: text, stored as UTF-8, or its bytes. */
  text: string | Uint8Array;
}

/** An entry as the central directory lists it. */
interface Entry {
  name: Buffer;
  crc: number;
  length: number;
  offset: number;
}

/** The zip of `parts`, in their order, each text as UTF-8. Throws past the limits of a zip without ZIP64. */
export function zipParts(parts: readonly Part[]): Uint8Array {
  const names = parts.map((part) => Buffer.from(part.path, "ascii"));
  const lengths = parts.map((part) =>
    typeof part.text === "string" ? Buffer.byteLength(part.text, "utf8") : part.text.length,
  );
  let size = END_RECORD;
  for (let i = 0; i < parts.length; i++) size += LOCAL_HEADER + CENTRAL_HEADER + 2 * names[i].length + lengths[i];
  within(size, parts.length);
  // Not zero-filled: every byte is written below, which the check at the end holds to.
  const out = Buffer.allocUnsafe(size);
  const central: Entry[] = [];
  let at = 0;
  parts.forEach((part, i) => {
    const name = names[i];
    const length = lengths[i];
    const offset = at;
    // The text is encoded straight into place, and its checksum taken there; the header is filled in after.
    const body = LOCAL_HEADER + name.length + offset;
    if (typeof part.text === "string") out.write(part.text, body, length, "utf8");
    else out.set(part.text, body);
    const crc = crc32(out.subarray(body, body + length));
    central.push({ name, crc, length, offset });
    at = localHeader(out, at, name, crc, length);
    at += length;
  });
  at += directory(central, at).copy(out, at);
  if (at !== size) throw new Error(`zip: wrote ${at} of ${size} bytes`);
  return out;
}

/**
 * The same zip as `zipParts`, handed to `out` a piece at a time (each local header, each part's bytes, then the
 * directory) and never held whole: what `check` compares with dist/ (compare.ts). Stops, and gives undefined,
 * when `out` returns false; otherwise gives the zip's size in bytes.
 */
export function zipPieces(parts: readonly Part[], out: (bytes: Uint8Array) => boolean): number | undefined {
  const central: Entry[] = [];
  let at = 0;
  for (const part of parts) {
    const name = Buffer.from(part.path, "ascii");
    const body = typeof part.text === "string" ? Buffer.from(part.text, "utf8") : part.text;
    const crc = crc32(body);
    const header = Buffer.allocUnsafe(LOCAL_HEADER + name.length);
    localHeader(header, 0, name, crc, body.length);
    if (!out(header) || !out(body)) return undefined;
    central.push({ name, crc, length: body.length, offset: at });
    at += header.length + body.length;
  }
  const end = directory(central, at);
  within(at + end.length, parts.length);
  return out(end) ? at + end.length : undefined;
}

function within(size: number, count: number): void {
  if (size > 0xffff_ffff || count > 0xffff) throw new Error("the workbook is too large for a zip file");
}

/** A local file header with the entry's name, written at `at`; where it ends. */
function localHeader(out: Buffer, at: number, name: Buffer, crc: number, length: number): number {
  let p = out.writeUInt32LE(0x04034b50, at);
  p = entryFields(out, p, crc, length, name.length);
  return p + name.copy(out, p);
}

/** The central directory of `entries` and the end record, for a directory that starts at byte `start`. */
function directory(entries: readonly Entry[], start: number): Buffer {
  let size = END_RECORD;
  for (const entry of entries) size += CENTRAL_HEADER + entry.name.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const entry of entries) {
    at = out.writeUInt32LE(0x02014b50, at);
    at = out.writeUInt16LE(VERSION, at); // made by: MS-DOS attributes, version 2.0
    at = entryFields(out, at, entry.crc, entry.length, entry.name.length);
    at = out.writeUInt16LE(0, at); // comment length
    at = out.writeUInt16LE(0, at); // disk number
    at = out.writeUInt16LE(0, at); // internal attributes
    at = out.writeUInt32LE(0, at); // external attributes
    at = out.writeUInt32LE(entry.offset, at);
    at += entry.name.copy(out, at);
  }
  const length = at;
  at = out.writeUInt32LE(0x06054b50, at);
  at = out.writeUInt16LE(0, at); // this disk
  at = out.writeUInt16LE(0, at); // the disk where the directory starts
  at = out.writeUInt16LE(entries.length, at);
  at = out.writeUInt16LE(entries.length, at);
  at = out.writeUInt32LE(length, at);
  at = out.writeUInt32LE(start, at);
  at = out.writeUInt16LE(0, at); // comment length
  if (at !== size) throw new Error(`zip: wrote ${at} of ${size} bytes of the directory`);
  return out;
}

/** The fields a local header and a central directory entry share, from "version needed" to "extra length". */
function entryFields(out: Buffer, at: number, crc: number, length: number, nameLength: number): number {
  let p = out.writeUInt16LE(VERSION, at);
  p = out.writeUInt16LE(0, p); // flags: none (names are ASCII; sizes known up front)
  p = out.writeUInt16LE(0, p); // method: stored
  p = out.writeUInt16LE(DOS_TIME, p);
  p = out.writeUInt16LE(DOS_DATE, p);
  p = out.writeUInt32LE(crc, p);
  p = out.writeUInt32LE(length, p); // compressed size
  p = out.writeUInt32LE(length, p); // uncompressed size
  p = out.writeUInt16LE(nameLength, p);
  return out.writeUInt16LE(0, p); // extra field length
}
