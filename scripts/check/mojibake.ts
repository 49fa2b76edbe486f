/**
 * Mojibake: UTF-8 text that was once read as Windows-1252 (or Latin-1) and saved again, so `’` became `â€™`
 * and `é` became `Ã©`. Spreadsheets do this. `lint` finds it; `import --fix-encoding` repairs it.
 */

/** Windows-1252 bytes 0x80–0x9F that are not the same code point as in Latin-1. */
const CP1252: Readonly<Record<number, number>> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

/** A UTF-8 continuation byte (0x80–0xBF) as Windows-1252 or Latin-1 shows it. */
const CONT = `[\\u0080-\\u00BF${Object.keys(CP1252)
  .map((cp) => `\\u${Number(cp).toString(16).padStart(4, "0")}`)
  .join("")}]`;

/**
 * A UTF-8 lead byte shown as a Latin-1 letter, followed by as many continuation bytes as it announces.
 * The last alternative, `â€` alone, catches a right double quote whose final byte (0x9D) a spreadsheet dropped.
 */
const SEQUENCE = new RegExp(
  `[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}|\\u00E2\\u20AC`,
  "gu",
);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes a string of Latin-1/Windows-1252 characters stood for, or undefined if one has no byte. */
function bytesOf(chars: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (const ch of chars) {
    const cp = ch.codePointAt(0) as number;
    const byte = cp <= 0xff ? cp : CP1252[cp];
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

/** What a mojibake sequence decodes back to, or undefined if its bytes are not valid UTF-8. */
function repairSequence(chars: string): string | undefined {
  const bytes = bytesOf(chars);
  if (!bytes) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** One mojibake sequence in a text: where, what it reads, and what it should read (when that is certain). */
export interface Mojibake {
  index: number;
  found: string;
  repaired?: string;
}

/** Every mojibake sequence in `text`. Sequences that do not decode to valid UTF-8 are not reported. */
export function findMojibake(text: string): Mojibake[] {
  const found: Mojibake[] = [];
  for (const match of text.matchAll(SEQUENCE)) {
    const repaired = repairSequence(match[0]);
    if (repaired !== undefined) found.push({ index: match.index, found: match[0], repaired });
    else if (match[0] === "\u00E2\u20AC") found.push({ index: match.index, found: match[0] });
  }
  return found;
}

/**
 * Repairs every mojibake sequence that decodes to valid UTF-8, repeating for text that was damaged twice
 * (`Ã¢â‚¬â„¢` → `â€™` → `’`). Everything else is kept exactly.
 */
export function fixMojibake(text: string): string {
  let current = text;
  for (let round = 0; round < 3; round++) {
    const next = current.replace(SEQUENCE, (seq) => repairSequence(seq) ?? seq);
    if (next === current) break;
    current = next;
  }
  return current;
}
