/**
 * Characters a reader cannot see, or that reorder what they see (Trojan Source): the bidirectional controls,
 * zero-width and other invisible characters, tag characters. Lint reports them in ladder text
 * (`invisible-character`), and the pull-request report shows each as `‹U+202E›` instead of letting it act.
 * Joiners (U+200C, U+200D) are not here: scripts and emoji need them, and they hide nothing.
 */
export const INVISIBLE =
  /\u034F|[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\u{E0001}|[\u{E0020}-\u{E007F}]/gu;

const NAMES: Readonly<Record<number, string>> = {
  173: "SOFT HYPHEN",
  1564: "ARABIC LETTER MARK",
  8203: "ZERO WIDTH SPACE",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8288: "WORD JOINER",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  65279: "ZERO WIDTH NO-BREAK SPACE",
};

/** `U+202E` */
export function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE` (or `U+E0041 invisible tag character`). */
export function describeInvisible(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const name = NAMES[cp] ?? (cp >= 0xe0000 ? "invisible tag character" : "invisible character");
  return `${codePoint(c)} ${name}`;
}

/** Text with every invisible character shown as `‹U+202E›`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `‹${codePoint(c)}›`);
}
