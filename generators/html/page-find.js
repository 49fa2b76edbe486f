// Find: filters the competencies of the current view by text and category, and keeps both in the URL's query
// (`?find=on+call&category=skill`) so a link or a reload shows the same rows. Matching ignores case, the
// apostrophe's style (’ or ') and the difference between hyphens, dashes and spaces ("on call" = "on-call").
import { byId, levelIds, rows, sections, state } from "./page-data.js";

const findText = /** @type {HTMLInputElement} */ (byId("find-text"));
const findCategory = /** @type {HTMLSelectElement} */ (byId("find-category"));
const findCount = byId("find-count");
const findClear = byId("find-clear");
const ROWS = "[data-competency],.level dl>div";
const SHOWN_ROWS = "[data-competency]:not([hidden]),.level dl>div:not([hidden])";
const APOSTROPHES = /['‘’‛′`´ʼ]/u;
const JOINERS = /[\s\-‐‑‒–—―_/]/u;

/**
 * Text as find compares it, and where each of its code units came from in the original (one more entry at the
 * end: the original's length), so a match can be marked in the text as written.
 * @param {string} text
 */
export function fold(text) {
  let folded = "";
  /** @type {number[]} */
  const at = [];
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(/** @type {number} */ (text.codePointAt(i)));
    const next = i + char.length;
    const shown = JOINERS.test(char) ? " " : APOSTROPHES.test(char) ? "'" : char.toLowerCase();
    if (shown === " " && (folded === "" || folded.endsWith(" "))) {
      i = next;
      continue;
    }
    folded += shown;
    for (let k = 0; k < shown.length; k++) at.push(i);
    i = next;
  }
  at.push(text.length);
  return { folded, at };
}

const folded = (/** @type {string} */ text) => fold(text).folded;

/** Shows only the competencies that match the find text and category in the current view, and counts them. */
export function applyFind() {
  const query = folded(findText.value).trim();
  const category = findCategory.value;
  const onlyChanged = state.view === "compare" && /** @type {HTMLInputElement} */ (byId("compare-changed")).checked;
  const inView = {
    matrix: levelIds,
    level: [state.level],
    compare: [state.from, state.to],
    tracks: [state.level],
    history: levelIds,
  }[state.view];
  const visible = new Set();
  for (const row of rows) {
    if (category && row.categoryId !== category) continue;
    const texts = [row.name, row.description, row.categoryName, row.categoryDescription];
    texts.push(...inView.map((id) => row.cells[id]));
    // Across tracks, the other tracks' texts of the row are in view too.
    if (state.view === "tracks")
      texts.push(document.getElementById(`tracks-${state.level}--${row.id}`)?.textContent || "");
    if (query && !texts.some((text) => folded(text).includes(query))) continue;
    if (onlyChanged && row.cells[state.from] === row.cells[state.to]) continue;
    visible.add(row.id);
  }
  // Matrix and compare rows name their competency; a level's entries carry it in their id, `level-l1--<id>`.
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(ROWS))) {
    element.hidden = !visible.has(element.dataset.competency ?? element.id.split("--")[1]);
  }
  for (const group of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-category]"))) {
    group.hidden = !group.querySelector(SHOWN_ROWS);
  }
  const filtered = query || category || onlyChanged;
  const count = !filtered
    ? `${rows.length} ${rows.length === 1 ? "competency" : "competencies"}`
    : visible.size === 0
      ? "No competency matches"
      : `${visible.size} of ${rows.length} competencies match`;
  if (findCount.textContent !== count) findCount.textContent = count;
  findClear.hidden = !(findText.value || category);
  highlight(query);
}

/** Marks the find text in the current view, where the browser can do so without changing the page's text. */
function highlight(/** @type {string} */ query) {
  if (!("highlights" in CSS)) return;
  CSS.highlights.delete("find");
  if (!query) return;
  const ranges = [];
  const view = {
    matrix: sections.matrix,
    level: sections.level,
    compare: sections.compare,
    tracks: sections.tracks,
    history: sections.history,
  }[state.view];
  const walker = document.createTreeWalker(/** @type {Node} */ (view), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = /** @type {Text} */ (node);
    if (text.parentElement?.closest("[hidden], select, .vh")) continue;
    const { folded: data, at } = fold(text.data);
    for (let found = data.indexOf(query); found >= 0; found = data.indexOf(query, found + query.length)) {
      const range = new Range();
      range.setStart(text, at[found]);
      range.setEnd(text, at[found + query.length]);
      ranges.push(range);
    }
  }
  CSS.highlights.set("find", new Highlight(...ranges));
}

/** Keeps the find text and category in the URL's query, replacing the entry: typing is not navigation. */
function remember() {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of [
    ["find", findText.value],
    ["category", findCategory.value],
  ]) {
    if (value) query.set(name, value);
    else query.delete(name);
  }
  const search = query.toString();
  if (search !== location.search.slice(1)) {
    try {
      history.replaceState(history.state, "", `${location.pathname}${search ? `?${search}` : ""}${location.hash}`);
    } catch {
      // A browser that refuses to rewrite this URL (some file: pages): find still works, unremembered.
    }
  }
}

/** Reads find from the URL's query, then follows the controls. */
export function startFind() {
  const query = new URLSearchParams(location.search);
  findText.value = query.get("find") || "";
  const category = query.get("category") || "";
  if (Array.from(findCategory.options).some((option) => option.value === category)) findCategory.value = category;
  const changed = () => {
    remember();
    applyFind();
  };
  findText.addEventListener("input", changed);
  findCategory.addEventListener("change", changed);
  findClear.addEventListener("click", () => {
    findText.value = "";
    findCategory.value = "";
    changed();
    findText.focus();
  });
}
