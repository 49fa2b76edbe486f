// The ladder page's script: views, compare, find and links on top of a page that is complete without it.
// Plain browser JavaScript, type-checked through JSDoc. render.ts inlines it after the shared word diff and
// the other page-*.js files, dropping the imports, so the page fetches nothing. Fragment shapes: context.ts.
import { renderCompare } from "./page-compare.js";
import { labelOf, levelIds, nextPair, sections, state } from "./page-data.js";
import { applyFind, startFind } from "./page-find.js";
import { startHistory } from "./page-history.js";
import { startOverflow, updateOverflow } from "./page-overflow.js";

/** @typedef {import("./page-data.js").View} View */

const levelSections = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("section.level"));
const baseTitle = document.title;
/** Set while a control changes the URL: the view changes in place, without scrolling away from the control. */
let quiet = false;

const ID = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
const COMPARE = new RegExp(`^compare(?:=(${ID})\\.\\.(${ID}))?$`);
const LEVEL = new RegExp(`^level-(${ID})(?:--${ID})?$`);
const TRACKS = new RegExp(`^tracks-(${ID})(?:--${ID})?$`);
const VERSION = /^version-\d+\.\d+\.\d+$/;
const acrossSections = /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("section.across"));

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
  const tracks = TRACKS.exec(hash);
  /** @type {Element | null} */
  let target = hash ? document.getElementById(hash) : null;
  if (compare && sections.compare) {
    const pair = compare[1] && levelIds.includes(compare[1]) && levelIds.includes(compare[2]);
    [state.from, state.to] = pair ? [compare[1], compare[2]] : nextPair();
    if (!pair)
      history.replaceState(null, "", `${location.pathname}${location.search}#compare=${state.from}..${state.to}`);
    target = sections.compare;
    show("compare");
  } else if (level && levelIds.includes(level[1])) {
    state.level = level[1];
    show("level");
  } else if (tracks && sections.tracks && levelIds.includes(tracks[1])) {
    state.level = tracks[1];
    show("tracks");
  } else if (hash === "levels") {
    show("level");
  } else if (sections.history && (hash === "history" || VERSION.test(hash))) {
    show("history");
  } else {
    show("matrix");
  }
  if (scroll && target) {
    // A view opened from the navigation already starts in sight; jump only to what is out of sight.
    const top = target.getBoundingClientRect().top;
    if (top < 0 || top > innerHeight / 2) target.scrollIntoView();
  }
}

function show(/** @type {View} */ view) {
  state.view = view;
  sections.matrix.hidden = view !== "matrix";
  sections.level.hidden = view !== "level";
  if (sections.compare) sections.compare.hidden = view !== "compare";
  if (sections.tracks) sections.tracks.hidden = view !== "tracks";
  if (sections.history) sections.history.hidden = view !== "history";
  for (const section of levelSections) section.hidden = section.dataset.level !== state.level;
  for (const section of acrossSections) section.hidden = section.dataset.level !== state.level;
  if (view === "compare") renderCompare();
  const [from, to] = view === "compare" ? [state.from, state.to] : nextPair();
  const compareHref = `#compare=${from}..${to}`;
  document.getElementById("compare-link")?.setAttribute("href", compareHref);
  const current = {
    matrix: "#matrix",
    level: `#level-${state.level}`,
    compare: compareHref,
    tracks: "",
    history: "#history",
  }[view];
  for (const link of document.querySelectorAll(".views a")) {
    if (link.getAttribute("href") === current) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  }
  const heading = {
    matrix: "All levels",
    level: labelOf(state.level),
    compare: `From ${labelOf(state.from)} to ${labelOf(state.to)}`,
    tracks: `${labelOf(state.level)} across tracks`,
    history: "History",
  }[view];
  document.title = `${heading} · ${baseTitle}`;
  applyFind();
  updateOverflow();
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
startFind();
startHistory();
if (sections.compare) {
  const from = /** @type {HTMLSelectElement} */ (document.getElementById("compare-from"));
  const to = /** @type {HTMLSelectElement} */ (document.getElementById("compare-to"));
  const pick = () => go(`compare=${from.value}..${to.value}`);
  from.addEventListener("change", pick);
  to.addEventListener("change", pick);
  document.getElementById("compare-changed")?.addEventListener("change", applyFind);
}
startOverflow();
route(location.hash.length > 1);
