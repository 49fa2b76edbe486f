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
    let chunk = carry + chunks[i];
    carry = "";
    const last = chunk.charCodeAt(chunk.length - 1);
    if (i < chunks.length - 1 && last >= 0xd800 && last <= 0xdbff) {
      carry = chunk.slice(-1);
      chunk = chunk.slice(0, -1);
    }
    yield chunk;
  }
}

/** The UTF-8 bytes of a text, whole or in chunks. */
export function utf8(content: string | readonly string[]): Buffer {
  if (typeof content === "string") return Buffer.from(content, "utf8");
  const bytes = Buffer.allocUnsafe(byteSize(content));
  let at = 0;
  for (const chunk of wholeCharacters(content)) at += bytes.write(chunk, at, "utf8");
  return bytes;
}
