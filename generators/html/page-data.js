// The page script's data, read from the matrix itself: the page carries each text once per view, not once
// more as JSON. Shared by the other page-*.js files; inline.ts joins them into one script in one scope.

/** @typedef {"matrix" | "level" | "compare" | "tracks" | "history"} View */
/**
 * @typedef {{ id: string, name: string, description: string, categoryId: string, categoryName: string,
 *   categoryDescription: string, cells: Record<string, string>, na: Record<string, boolean> }} Row
 */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export const byId = (id) => /** @type {T} */ (document.getElementById(id));

export const levels = Array.from(document.querySelectorAll("#matrix thead th[data-level]"), (th) => ({
  id: th.getAttribute("data-level") || "",
  label: th.textContent || "",
}));
export const levelIds = levels.map((level) => level.id);
export const labelOf = (/** @type {string} */ id) => levels[levelIds.indexOf(id)].label;

/** The text of an element without its notes (descriptions) and spoken-only labels. */
const ownText = (/** @type {Element | null | undefined} */ element) =>
  element ? Array.from(element.childNodes, (n) => (n.nodeType === 3 ? n.textContent : "")).join("") : "";

/** @type {Row[]} */
export const rows = Array.from(document.querySelectorAll("#matrix tr[data-competency]"), (tr) => {
  const body = /** @type {HTMLElement} */ (tr.parentElement);
  /** @type {Record<string, string>} */
  const cells = {};
  /** @type {Record<string, boolean>} */
  const na = {};
  tr.querySelectorAll("td").forEach((td, i) => {
    // A cell that does not apply holds its marker and reason; compare and find use the reason as its text.
    na[levelIds[i]] = td.hasAttribute("data-na");
    cells[levelIds[i]] = na[levelIds[i]] ? td.getAttribute("data-na") || "" : ownText(td.querySelector(".text") || td);
  });
  return {
    id: tr.getAttribute("data-competency") || "",
    name: ownText(tr.querySelector("th a")),
    description: tr.querySelector("th > .note")?.textContent || "",
    categoryId: body.dataset.category || "",
    categoryName: body.querySelector(".category th > span")?.textContent || "",
    categoryDescription: body.querySelector(".category th > .note")?.textContent || "",
    cells,
    na,
  };
});

export const sections = {
  matrix: byId("matrix"),
  level: byId("levels"),
  compare: document.getElementById("compare"),
  /** Inside an organisation: each level beside the same scale level in the other tracks. */
  tracks: document.getElementById("tracks"),
  /** What changed in each version, for a versioned ladder. */
  history: document.getElementById("history"),
};

export const state = {
  view: /** @type {View} */ ("matrix"),
  level: levelIds[0],
  from: levelIds[0],
  to: levelIds[1],
};

/** Each level against the next, starting from the level in view: "what does the next level ask of me?" */
export function nextPair() {
  const at = state.view === "level" ? levelIds.indexOf(state.level) : 0;
  const from = Math.max(0, Math.min(at, levelIds.length - 2));
  return [levelIds[from], levelIds[from + 1]];
}

/**
 * A header cell at the end of a row, with the row's description as a note when it has one.
 * @param {HTMLTableRowElement} tr
 * @param {"row" | "rowgroup"} scope
 * @param {string} text
 * @param {string} [note]
 */
export function header(tr, scope, text, note) {
  const th = document.createElement("th");
  th.scope = scope;
  th.textContent = text;
  if (note) {
    const span = document.createElement("span");
    span.className = "note";
    span.textContent = note;
    th.append(" ", span);
  }
  tr.append(th);
  return th;
}
