// What a team is told when answers come from another version of the model: which version,
// and a link to every cell that changed since, so it re-checks those answers first.

import { el } from "./dom.js";
import { t } from "./strings.js";
import { changedSince, isOlder } from "./versions.js";

const OPEN_MAX = 5; // changed cells listed without a click

/** "Meetings, level 2 Defined" linked to its cell page, then what changed in it. */
export function changedList(model, version) {
  const items = changedSince(model, version).map(({ area, level, url, notes }) => {
    const title = model.areas.find((a) => a.id === area)?.title ?? area;
    const name = t("{area}, level {level} {name}", { area: title, level, name: model.levels[level]?.name ?? "" });
    return el("li", {}, el("a", { href: url }, name), `: ${notes.join(" ")}`);
  });
  if (!items.length) return null;
  // A long list would push the form far down: a few cells show at once, more on request.
  const summary = items.length === 1 ? t("The cell that changed") : t("The {count} cells that changed", { count: items.length });
  const list = el("details", { class: "amm-changed" }, el("summary", {}, summary), el("ul", {}, ...items));
  list.open = items.length <= OPEN_MAX;
  return list;
}

/**
 * The paragraphs to show for answers made with `version`, or [] when they match this model.
 * `versioned` is false for a link or file made before they carried a version.
 */
export function versionNote(model, version, versioned) {
  const now = model.version;
  if (isOlder(now, version))
    return [el("p", {}, t("These answers were made with version {then} of the model, newer than this site's version {now}. Some cells may read differently here.", { then: version, now }))];
  const list = changedList(model, version);
  if (!list) return [];
  const count = list.querySelectorAll("li").length;
  const first = versioned
    ? t("These answers were made with version {then} of the model; this site shows version {now}.", { then: version, now })
    : t("These answers were saved before links and files carried the model's version, so they are taken as version {then}, the oldest this site knows.", { then: version });
  const changed = count === 1 ? t("One cell changed since then: check the answer for it again.") : t("{count} cells changed since then: check the answers for them again.", { count });
  return [el("p", {}, `${first} ${changed}`), list];
}

/**
 * Fills the page's #amm-version box, or hides it when the answers match this model, and
 * tags each changed cell in the form, where the team re-checks its answer.
 */
export function showVersion(model, version, versioned) {
  const box = document.getElementById("amm-version");
  const parts = version ? versionNote(model, version, versioned) : [];
  box.replaceChildren(...parts);
  box.hidden = !parts.length;
  for (const tag of document.querySelectorAll(".amm-changed-tag")) tag.remove();
  if (!parts.length || isOlder(model.version, version)) return;
  for (const { area, level } of changedSince(model, version)) {
    // Beside the level's name, so it reads before the cell's text.
    document.getElementById(`amm-name-${area}-${level}`)?.after(el("span", { class: "amm-changed-tag" }, t("Changed since {then}", { then: version })));
  }
}
