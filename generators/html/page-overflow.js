// A cue when the matrix is wider than the window: which levels are out of sight, and which way to scroll.
// Without it, at 800–1024 px the last levels sit off screen with nothing to say they exist.
import { byId, labelOf, levelIds, sections } from "./page-data.js";

const cue = byId("matrix-more");
const table = /** @type {HTMLTableElement} */ (document.querySelector("table.matrix"));
const columns = /** @type {HTMLElement[]} */ (Array.from(table.querySelectorAll("thead th[data-level]")));
const first = /** @type {HTMLElement} */ (table.querySelector("thead th"));

/** Updates the cue: shown while some level's column is out of the window, naming those columns. */
export function updateOverflow() {
  if (sections.matrix.hidden) return;
  const width = document.documentElement.clientWidth;
  const wide = table.scrollWidth > width + 1;
  // The first column sticks to the left edge: a level's column hidden behind it is out of sight too.
  const left = first.getBoundingClientRect().right;
  const right = [];
  const behind = [];
  for (const [i, th] of columns.entries()) {
    const box = th.getBoundingClientRect();
    if (box.right > width + 1) right.push(labelOf(levelIds[i]));
    else if (box.left < left - 1) behind.push(labelOf(levelIds[i]));
  }
  const text = !wide
    ? ""
    : right.length > 0
      ? `More levels to the right: ${right.join(", ")}. Scroll sideways to see them, or open one level at a time.`
      : behind.length > 0
        ? `More levels to the left: ${behind.join(", ")}. Scroll back to see them.`
        : "";
  // Once shown the cue keeps its place (its words change), so scrolling never makes the table jump.
  if (wide) cue.hidden = false;
  else if (!cue.hidden) cue.hidden = true;
  const shown = text || "Every level is in view.";
  if (cue.textContent !== shown) cue.textContent = shown;
}

let pending = false;
const later = () => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    updateOverflow();
  });
};

export function startOverflow() {
  addEventListener("resize", later);
  addEventListener("scroll", later, { passive: true });
  updateOverflow();
}
