// "Changed since": moves the matrix's marks to the cells changed since the version picked. The page marks the
// cells changed since the version before this one without any script; each cell that ever changed lists the
// versions it changed in (`data-changed`, newest first), and the selector the versions in order.

/** Marks each cell changed in a version newer than `since` ("" marks none), naming that version's history. */
export function markSince(/** @type {string} */ since) {
  const select = /** @type {HTMLSelectElement | null} */ (document.getElementById("since"));
  const order = (select?.dataset.versions || "").split(" ");
  const newer = since ? order.slice(0, order.indexOf(since)) : [];
  for (const td of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("#matrix td[data-changed]"))) {
    const mark = /** @type {HTMLAnchorElement | null} */ (td.querySelector(".changed"));
    if (!mark) continue;
    const latest = (td.dataset.changed || "").split(" ").find((version) => newer.includes(version));
    mark.hidden = latest === undefined;
    if (latest === undefined) continue;
    mark.textContent = `Changed since ${since}`;
    mark.setAttribute("href", `#version-${latest}`);
  }
  const key = document.querySelector("#matrix .changes-key");
  if (key instanceof HTMLElement) key.hidden = true;
}

export function startHistory() {
  const select = /** @type {HTMLSelectElement | null} */ (document.getElementById("since"));
  select?.addEventListener("change", () => markSince(select.value));
}
