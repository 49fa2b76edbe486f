/**
 * Lint rule `invisible-character`: bidirectional controls and invisible characters in any text people read. A
 * right-to-left override can make a cell read differently from what it says, a zero-width space can hide a word
 * from find; neither belongs in a ladder. Reported at the text, naming each character and where it is.
 */

import { describeInvisible, INVISIBLE } from "../model/invisible.js";
import type { DocPath } from "../model/model.js";
import { type LadderData, textFields } from "./lint-text.js";

export function invisibleCharacters(ladder: LadderData): Array<{ path: DocPath; message: string }> {
  return textFields(ladder).flatMap(({ path, text }) => {
    INVISIBLE.lastIndex = 0;
    if (!INVISIBLE.test(text)) return [];
    const found = [...text.matchAll(INVISIBLE)];
    const first = [...text.slice(0, found[0]?.index ?? 0)].length + 1;
    const kinds = [...new Set(found.map((m) => describeInvisible(m[0])))];
    return [
      {
        path,
        message:
          `the text holds ${found.length} invisible or bidirectional control character${found.length === 1 ? "" : "s"} ` +
          `(${kinds.join(", ")}), the first at character ${first}; they can hide or reorder what readers see: delete them`,
      },
    ];
  });
}
