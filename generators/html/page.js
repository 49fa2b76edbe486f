// The ladder page's script: views, compare, find and links on top of a page that is complete without it.
// Plain browser JavaScript, type-checked through JSDoc. render.ts inlines it after the shared word diff and
// drops the import below, so the page fetches nothing. Fragment shapes are documented in context.ts.
import { diffWords } from "../shared/word-diff.js";

/** @typedef {"matrix" | "level" | "compare"} View */
/** @typedef {{ id: string, name: string, categoryId: string, categoryName: string, cells: Record<string, string> }} Row */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
const byId = (id) => /** @type {T} */ (document.getElementById(id));

// The data comes from the matrix itself, so the page carries each text once per view, not once more as JSON.
const levels = Array.from(document.querySelectorAll("#matrix thead th[data-level]"), (th) => ({
  id: th.getAttribute("data-level") || "",
  label: th.textContent || "",
}));
const levelIds = levels.map((level) => level.id);
/** @type {Row[]} */
const rows = Array.from(document.querySelectorAll("#matrix tr[data-competency]"), (tr) => {
  const body = /** @type {HTMLElement} */ (tr.parentElement);
  /** @type {Record<string, string>} */
  const cells = {};
  tr.querySelectorAll("td").forEach((td, i) => {
    cells[levelIds[i]] = td.textContent || "";
  });
  return {
    id: tr.getAttribute("data-competency") || "",
    name: tr.querySelector("th a")?.textContent || "",
    categoryId: body.dataset.category || "",
    categoryName: body.querySelector(".category th > span")?.textContent || "",
    cells,
  };
});

const sections = { matrix: byId("matrix"), level: byId("levels"), compare: document.getElementById("compare") };
const levelSections = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("section.level"));
const findText = /** @type {HTMLInputElement} */ (byId("find-text"));
const findCategory = /** @type {HTMLSelectElement} */ (byId("find-category"));
const findCount = byId("find-count");
const baseTitle = document.title;
const state = { view: /** @type {View} */ ("matrix"), level: levelIds[0], from: levelIds[0], to: levelIds[1] };
/** Set while a control changes the URL: the view changes in place, without scrolling away from the control. */
let quiet = false;

const ROWS = "[data-competency],dl>div";
const SHOWN_ROWS = "[data-competency]:not([hidden]),dl>div:not([hidden])";
const ID = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
const COMPARE = new RegExp(`^compare(?:=(${ID})\\.\\.(${ID}))?$`);
const LEVEL = new RegExp(`^level-(${ID})(?:--${ID})?$`);

/** Opens the view the URL's fragment names, scrolled to the element it names. */
function route(/** @type {boolean} */ scroll) {
  let hash = "";
  try {
    hash = decodeURIComponent(location.hash.slice(1));
  } catch {
    // A malformed escape names nothing: show the default view.
  }
  const compare = COMPARE.exec(hash);
  const level = LEVEL.exec(hash);
  /** @type {Element | null} */
  let target = hash ? document.getElementById(hash) : null;
  if (compare && sections.compare) {
    const pair = compare[1] && levelIds.includes(compare[1]) && levelIds.includes(compare[2]);
    [state.from, state.to] = pair ? [compare[1], compare[2]] : nextPair();
    if (!pair) history.replaceState(null, "", `#compare=${state.from}..${state.to}`);
    target = sections.compare;
    show("compare");
  } else if (level && levelIds.includes(level[1])) {
    state.level = level[1];
    show("level");
  } else if (hash === "levels") {
    show("level");
  } else {
    show("matrix");
  }
  if (scroll && target) {
    // A view opened from the navigation already starts in sight; jump only to what is out of sight.
    const top = target.getBoundingClientRect().top;
    if (top < 0 || top > innerHeight / 2) target.scrollIntoView();
  }
}

/** Each level against the next, starting from the level in view: "what does the next level ask of me?" */
function nextPair() {
  const at = state.view === "level" ? levelIds.indexOf(state.level) : 0;
  const from = Math.max(0, Math.min(at, levelIds.length - 2));
  return [levelIds[from], levelIds[from + 1]];
}

function show(/** @type {View} */ view) {
  state.view = view;
  sections.matrix.hidden = view !== "matrix";
  sections.level.hidden = view !== "level";
  if (sections.compare) sections.compare.hidden = view !== "compare";
  for (const section of levelSections) section.hidden = section.dataset.level !== state.level;
  if (view === "compare") renderCompare();
  const label = (/** @type {string} */ id) => levels[levelIds.indexOf(id)].label;
  const [from, to] = view === "compare" ? [state.from, state.to] : nextPair();
  const compareHref = `#compare=${from}..${to}`;
  document.getElementById("compare-link")?.setAttribute("href", compareHref);
  const current = { matrix: "#matrix", level: `#level-${state.level}`, compare: compareHref }[view];
  for (const link of document.querySelectorAll(".views a")) {
    if (link.getAttribute("href") === current) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  }
  const heading = {
    matrix: "All levels",
    level: label(state.level),
    compare: `From ${label(state.from)} to ${label(state.to)}`,
  }[view];
  document.title = `${heading} · ${baseTitle}`;
  applyFind();
}

/** Fills the compare table: one row per competency, changed words marked in both columns. */
function renderCompare() {
  const table = /** @type {HTMLTableElement} */ (document.querySelector("table.compare"));
  const from = levels[levelIds.indexOf(state.from)];
  const to = levels[levelIds.indexOf(state.to)];
  /** @type {HTMLSelectElement} */ (byId("compare-from")).value = from.id;
  /** @type {HTMLSelectElement} */ (byId("compare-to")).value = to.id;
  byId("compare-from-label").textContent = from.label;
  byId("compare-to-label").textContent = to.label;
  for (const body of Array.from(table.tBodies)) body.remove();
  let changed = 0;
  /** @type {HTMLTableSectionElement | undefined} */
  let body;
  for (const row of rows) {
    if (!body || body.dataset.category !== row.categoryId) {
      body = table.createTBody();
      body.dataset.category = row.categoryId;
      const heading = header(body.insertRow(), "rowgroup", row.categoryName);
      heading.colSpan = 3;
      heading.parentElement?.classList.add("category");
    }
    const tr = body.insertRow();
    tr.dataset.competency = row.id;
    header(tr, "row", row.name);
    const before = row.cells[from.id];
    const after = row.cells[to.id];
    if (before === after) {
      const cell = tr.insertCell();
      cell.colSpan = 2;
      cell.dataset.label = `${from.label} and ${to.label}`;
      const badge = document.createElement("span");
      badge.className = "same";
      badge.textContent = "Unchanged";
      cell.append(badge, before);
      continue;
    }
    changed++;
    const left = tr.insertCell();
    const right = tr.insertCell();
    left.dataset.label = from.label;
    right.dataset.label = to.label;
    for (const part of diffWords(before, after)) {
      if (part.op === "same") {
        left.append(part.text);
        right.append(part.text);
      } else if (part.op === "del") left.append(mark("del", "removed: ", part.text));
      else right.append(mark("ins", "added: ", part.text));
    }
  }
  byId("compare-caption").textContent =
    `From ${from.label} to ${to.label}: ${changed} of ${rows.length} competencies change.`;
}

/**
 * A header cell at the end of a row.
 * @param {HTMLTableRowElement} tr
 * @param {"row" | "rowgroup"} scope
 * @param {string} text
 */
function header(tr, scope, text) {
  const th = document.createElement("th");
  th.scope = scope;
  th.textContent = text;
  tr.append(th);
  return th;
}

/** A change marked by element and by words a screen reader speaks, not by colour alone. */
function mark(/** @type {"ins" | "del"} */ tag, /** @type {string} */ spoken, /** @type {string} */ text) {
  const element = document.createElement(tag);
  const hidden = document.createElement("span");
  hidden.className = "vh";
  hidden.textContent = spoken;
  element.append(hidden, text);
  return element;
}

/** Shows only the competencies that match the find text and category in the current view, and counts them. */
function applyFind() {
  const query = findText.value.trim().toLowerCase();
  const category = findCategory.value;
  const onlyChanged = state.view === "compare" && /** @type {HTMLInputElement} */ (byId("compare-changed")).checked;
  const inView = { matrix: levelIds, level: [state.level], compare: [state.from, state.to] }[state.view];
  const visible = new Set();
  for (const row of rows) {
    const texts = [row.name, row.categoryName, ...inView.map((id) => row.cells[id])];
    if (category && row.categoryId !== category) continue;
    if (query && !texts.some((text) => text.toLowerCase().includes(query))) continue;
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
    ? `${rows.length} competencies`
    : visible.size === 0
      ? "No competency matches"
      : `${visible.size} of ${rows.length} competencies match`;
  if (findCount.textContent !== count) findCount.textContent = count;
  highlight(query);
}

/** Marks the find text in the current view, where the browser can do so without changing the page's text. */
function highlight(/** @type {string} */ query) {
  if (!("highlights" in CSS)) return;
  CSS.highlights.delete("find");
  if (!query) return;
  const ranges = [];
  const view = state.view === "level" ? sections.level : state.view === "compare" ? sections.compare : sections.matrix;
  const walker = document.createTreeWalker(/** @type {Node} */ (view), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = /** @type {Text} */ (node);
    const lower = text.data.toLowerCase();
    if (lower.length !== text.data.length || text.parentElement?.closest("[hidden], select, .vh")) continue;
    for (let at = lower.indexOf(query); at >= 0; at = lower.indexOf(query, at + query.length)) {
      const range = new Range();
      range.setStart(text, at);
      range.setEnd(text, at + query.length);
      ranges.push(range);
    }
  }
  CSS.highlights.set("find", new Highlight(...ranges));
}

/** Changes the URL from a control: the view follows through `hashchange`, and the back button undoes it. */
function go(/** @type {string} */ hash) {
  if (location.hash === `#${hash}`) return;
  quiet = true;
  location.hash = hash;
}

for (const element of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-js]"))) {
  element.hidden = false;
}
addEventListener("hashchange", () => {
  route(!quiet);
  quiet = false;
});
findText.addEventListener("input", applyFind);
findCategory.addEventListener("change", applyFind);
if (sections.compare) {
  const from = /** @type {HTMLSelectElement} */ (byId("compare-from"));
  const to = /** @type {HTMLSelectElement} */ (byId("compare-to"));
  const pick = () => go(`compare=${from.value}..${to.value}`);
  from.addEventListener("change", pick);
  to.addEventListener("change", pick);
  byId("compare-changed").addEventListener("change", applyFind);
}
route(location.hash.length > 1);
