// Word-level diff, shared by `ladder diff` (Node) and the compare view of the HTML page (browser).
// Plain JavaScript with no imports so the page can inline this file's text as it is; keep it that way.

/**
 * Splits text into words, runs of spaces, and single punctuation marks.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  return text.match(/\s+|[\p{L}\p{N}\p{M}_]+(?:['\u2019][\p{L}\p{N}\p{M}_]+)*|[^\s\p{L}\p{N}\p{M}_]/gu) || [];
}

/**
 * The words removed and added between two texts, in order. Joining the `same` and `del` parts gives
 * `before`; joining the `same` and `add` parts gives `after`.
 * @param {string} before
 * @param {string} after
 * @returns {Array<{ op: "same" | "del" | "add", text: string }>}
 */
export function diffWords(before, after) {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // Longest common subsequence over the differing middle, as a table of suffix lengths.
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[start + i] === b[start + j]
          ? table[(i + 1) * width + j + 1] + 1
          : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  /** @type {Array<{ op: "same" | "del" | "add", text: string }>} */
  const parts = [];
  const push = (/** @type {"same" | "del" | "add"} */ op, /** @type {string} */ text) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  if (start > 0) push("same", a.slice(0, start).join(""));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      push("same", a[start + i]);
      i++;
      j++;
    } else if (i < n && (j === m || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      push("del", a[start + i]);
      i++;
    } else {
      push("add", b[start + j]);
      j++;
    }
  }
  if (endA < a.length) push("same", a.slice(endA).join(""));
  return tidy(parts);
}

/**
 * Joins each run of changes, and the spaces kept between them, into one removal followed by one addition,
 * so "with help" → "independently" reads as one replacement rather than word-by-word confetti.
 * @param {Array<{ op: "same" | "del" | "add", text: string }>} parts
 */
function tidy(parts) {
  /** @type {Array<{ op: "same" | "del" | "add", text: string }>} */
  const out = [];
  let k = 0;
  while (k < parts.length) {
    if (parts[k].op === "same") {
      out.push(parts[k]);
      k++;
      continue;
    }
    let del = "";
    let add = "";
    while (k < parts.length) {
      const part = parts[k];
      const between = part.op === "same" && /^\s+$/.test(part.text) && k + 1 < parts.length;
      if (part.op === "same" && !between) break;
      if (part.op !== "add") del += part.text;
      if (part.op !== "del") add += part.text;
      k++;
    }
    if (del) out.push({ op: "del", text: del });
    if (add) out.push({ op: "add", text: add });
  }
  return out;
}
