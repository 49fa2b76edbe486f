// Compare two levels: first a summary of what steps up (how many competencies change, which are new, which
// stay the same), then one row per competency. Neighbouring texts show the words that differ; texts that
// share little are shown whole, side by side, tagged "Rewritten", instead of as struck-through fragments.
import { diffWords, tokenize } from "../shared/word-diff.js";
import { byId, header, labelOf, levelIds, rows, state } from "./page-data.js";

/** Below this share of common words, a word diff is confetti: show both texts whole. */
const REWRITTEN_BELOW = 0.4;

/** @typedef {"same" | "changed" | "rewritten" | "new" | "dropped" | "none"} Step */

const words = (/** @type {string} */ text) => tokenize(text).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

/**
 * How a competency steps up from one level to the other, and the word diff when it is worth showing.
 * @param {import("./page-data.js").Row} row
 * @param {string} from
 * @param {string} to
 * @returns {{ step: Step, parts: ReturnType<typeof diffWords> | null }}
 */
export function stepOf(row, from, to) {
  const before = row.na[from] ? "" : row.cells[from];
  const after = row.na[to] ? "" : row.cells[to];
  if (row.na[from] && row.na[to]) return { step: "none", parts: null };
  if (!before && after) return { step: "new", parts: null };
  if (before && !after) return { step: "dropped", parts: null };
  if (before === after) return { step: "same", parts: null };
  const parts = diffWords(before, after);
  const same = parts.filter((part) => part.op === "same").reduce((n, part) => n + words(part.text), 0);
  const share = (2 * same) / Math.max(1, words(before) + words(after));
  return share < REWRITTEN_BELOW ? { step: "rewritten", parts: null } : { step: "changed", parts };
}

const STEP_WORDS = {
  changed: "Reworded",
  rewritten: "Rewritten",
  new: "New",
  dropped: "No longer applies",
  none: "Does not apply",
  same: "Unchanged",
};

/** Fills the compare view: the summary, then the table. */
export function renderCompare() {
  const table = /** @type {HTMLTableElement} */ (document.querySelector("table.compare"));
  const from = state.from;
  const to = state.to;
  /** @type {HTMLSelectElement} */ (byId("compare-from")).value = from;
  /** @type {HTMLSelectElement} */ (byId("compare-to")).value = to;
  byId("compare-from-label").textContent = labelOf(from);
  byId("compare-to-label").textContent = labelOf(to);
  for (const body of Array.from(table.tBodies)) body.remove();
  /** @type {Record<Step, import("./page-data.js").Row[]>} */
  const by = { same: [], changed: [], rewritten: [], new: [], dropped: [], none: [] };
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
    const { step, parts } = stepOf(row, from, to);
    by[step].push(row);
    const tr = body.insertRow();
    tr.id = `compare--${row.id}`;
    tr.dataset.competency = row.id;
    tr.dataset.step = step;
    const th = header(tr, "row", row.name, row.description);
    th.tabIndex = -1;
    if (step === "same" || step === "none") {
      const cell = tr.insertCell();
      cell.colSpan = 2;
      cell.dataset.label = `${labelOf(from)} and ${labelOf(to)}`;
      cell.append(tag(step), row.cells[from]);
      continue;
    }
    if (step !== "changed") th.append(" ", tag(step));
    const left = tr.insertCell();
    const right = tr.insertCell();
    left.dataset.label = labelOf(from);
    right.dataset.label = labelOf(to);
    if (!parts) {
      left.append(row.na[from] ? tag("none") : "", row.cells[from]);
      right.append(row.na[to] ? tag("none") : "", row.cells[to]);
      continue;
    }
    for (const part of parts) {
      if (part.op === "same") {
        left.append(part.text);
        right.append(part.text);
      } else if (part.op === "del") left.append(mark("del", "removed: ", part.text));
      else right.append(mark("ins", "added: ", part.text));
    }
  }
  const changing = rows.length - by.same.length - by.none.length;
  byId("compare-caption").textContent =
    `From ${labelOf(from)} to ${labelOf(to)}: ${changing} of ${rows.length} competencies change.`;
  summarise(from, to, by);
}

/** A badge naming a row's step, in words (never colour alone). */
function tag(/** @type {Step} */ step) {
  const badge = document.createElement("span");
  badge.className = step === "same" ? "same" : `tag tag-${step}`;
  badge.textContent = STEP_WORDS[step];
  return badge;
}

/**
 * The summary above the table: counts, then the competencies of each kind of step, linked to their rows.
 * @param {string} from
 * @param {string} to
 * @param {Record<Step, import("./page-data.js").Row[]>} by
 */
function summarise(from, to, by) {
  const summary = byId("compare-summary");
  const upward = levelIds.indexOf(to) === levelIds.indexOf(from) + 1;
  const title = document.createElement("h3");
  title.textContent = upward
    ? `What ${labelOf(to)} asks beyond ${labelOf(from)}`
    : `What differs between ${labelOf(from)} and ${labelOf(to)}`;
  const counts = document.createElement("p");
  const changed = by.changed.length + by.rewritten.length;
  counts.textContent =
    `${plural(changed, "competency changes", "competencies change")} (${by.changed.length} reworded, ` +
    `${by.rewritten.length} rewritten), ${by.new.length} new, ${by.dropped.length} no longer apply, ` +
    `${by.same.length} unchanged.`;
  const list = document.createElement("dl");
  /** @type {Array<[string, import("./page-data.js").Row[]]>} */
  const groups = [
    [`New at ${labelOf(to)}`, by.new],
    ["Changed", [...by.changed, ...by.rewritten].sort((a, b) => rows.indexOf(a) - rows.indexOf(b))],
    [`No longer applies at ${labelOf(to)}`, by.dropped],
    ["Unchanged", by.same],
  ];
  for (const [name, members] of groups) {
    if (members.length === 0) continue;
    const group = document.createElement("div");
    const dt = document.createElement("dt");
    dt.textContent = `${name} (${members.length})`;
    const dd = document.createElement("dd");
    const ul = document.createElement("ul");
    for (const row of members) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = `#compare--${row.id}`;
      a.textContent = row.name;
      // The fragment names the view (`#compare=l3..l4`); a jump to a row must not replace it.
      a.addEventListener("click", (event) => {
        event.preventDefault();
        const target = /** @type {HTMLElement} */ (document.getElementById(`compare--${row.id}`));
        target.scrollIntoView();
        /** @type {HTMLElement} */ (target.firstElementChild).focus();
      });
      li.append(a);
      if (row.description) li.append(` — ${row.description}`);
      ul.append(li);
    }
    dd.append(ul);
    group.append(dt, dd);
    list.append(group);
  }
  const details = document.createElement("p");
  details.className = "note";
  details.textContent = "The details follow, competency by competency.";
  summary.replaceChildren(title, counts, list, details);
}

const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) =>
  `${n} ${n === 1 ? one : many}`;

/** A change marked by element and by words a screen reader speaks, not by colour alone. */
function mark(/** @type {"ins" | "del"} */ element, /** @type {string} */ spoken, /** @type {string} */ text) {
  const marked = document.createElement(element);
  const hidden = document.createElement("span");
  hidden.className = "vh";
  hidden.textContent = spoken;
  marked.append(hidden, text);
  return marked;
}
