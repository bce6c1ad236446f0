// The coordinator's view: several teams' files in, one table of teams by areas out, teams
// in alphabetical order. Nothing is added up or coloured: each team rates itself against
// its own work, and a ranking would turn those answers into a contest.

import { el, own } from "./dom.js";
import { makeFormat } from "./format.js";
import { label, sortTeams } from "./roster.js";
import { t } from "./strings.js";
import { changedList } from "./version-note.js";
import { isOlder } from "./versions.js";

const $ = (id) => document.getElementById(id);
const model = JSON.parse($("amm-data").textContent);
const format = makeFormat(model);
const locale = document.documentElement.lang || "en";
const teams = new Map(); // file name -> {file, state, versioned}; the same file again replaces it

// A file without a version has the oldest release's (format.js), so it is flagged as old.
const old = (team) => isOlder(team.state.version, model.version);

function level(kind, n) {
  const text = n === null ? t("not rated") : `${n} ${model.levels[n].name}`;
  return el("span", {}, kind === "current" ? t("Current: {level}", { level: text }) : t("Target: {level}", { level: text }));
}

function row(team) {
  const flag = old(team) ? el("small", {}, t("Made with model version {version}", { version: team.state.version })) : null;
  const file = team.state.team ? el("small", {}, own(team.file)) : null;
  const cells = model.areas.map(({ id }) => {
    const { current, target, na = null } = team.state.areas[id];
    // An area the team marked as not applying has no levels to show, only its reason.
    if (na !== null) return el("td", {}, el("span", {}, t("Does not apply")), na ? el("small", {}, own(na)) : null);
    return el("td", {}, level("current", current), level("target", target));
  });
  return el("tr", {}, el("th", { scope: "row" }, own(label(team)), file, flag), ...cells);
}

/** One note per older version: which teams used it, and the cells that changed since. */
function versions(list) {
  const groups = new Map();
  for (const team of list.filter(old)) groups.set(team.state.version, [...(groups.get(team.state.version) ?? []), team]);
  return [...groups].map(([version, group]) => {
    const names = group.flatMap((team, i) => [...(i ? [", "] : []), own(label(team)), ...(team.versioned ? [] : [t(" (no version in the file)")])]);
    const changed = changedList(model, version);
    const count = changed?.querySelectorAll("li").length ?? 0;
    const since = count === 1 ? t("One cell changed since then, so those teams may want to check their answer for it.") : t("{count} cells changed since then, so those teams may want to check their answers for them.", { count });
    return el("div", {}, el("p", {}, t("Made with version {version} of the model: ", { version }), ...names, `. ${since}`), changed);
  });
}

function draw(skipped) {
  const list = sortTeams([...teams.values()], locale);
  $("amm-teams-rows").replaceChildren(...list.map(row));
  $("amm-teams-versions").replaceChildren(...versions(list));
  $("amm-teams-view").hidden = !list.length;
  const shown = list.length === 1 ? t("One team shown.") : t("{count} teams shown.", { count: list.length });
  const skip = skipped.length === 1 ? t("One file was skipped:") : t("{count} files were skipped:", { count: skipped.length });
  $("amm-teams-status").textContent = skipped.length ? `${shown} ${skip}` : shown;
  $("amm-teams-skipped").replaceChildren(...skipped.map((parts) => el("li", {}, ...parts)));
  $("amm-teams-skipped").hidden = !skipped.length;
}

async function add(files) {
  const skipped = [];
  for (const file of files) {
    const read = await format.readFile(file);
    // A file with any problem is left out whole: a half-read team would look like a real answer.
    const problem = read.problem ?? (read.problems.ok ? null : String(read.problems));
    if (problem) skipped.push([own(file.name), ` ${problem}`]);
    else teams.set(file.name, { file: file.name, state: read.state, versioned: read.versioned });
  }
  draw(skipped);
}

const pick = $("amm-teams-pick");
$("amm-teams-files").addEventListener("change", (event) => {
  add([...event.target.files]);
  event.target.value = ""; // so that choosing the same file again reads it again
});
pick.addEventListener("dragover", (event) => {
  event.preventDefault();
  pick.classList.add("amm-drag");
});
pick.addEventListener("dragleave", () => pick.classList.remove("amm-drag"));
pick.addEventListener("drop", (event) => {
  event.preventDefault();
  pick.classList.remove("amm-drag");
  add([...event.dataTransfer.files]);
});
$("amm-teams-print").addEventListener("click", () => window.print());
$("amm-teams-clear").addEventListener("click", () => {
  teams.clear();
  draw([]);
  $("amm-teams-files").focus();
});
