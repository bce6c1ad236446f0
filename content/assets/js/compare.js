// The facilitator's view: members' links and files in, one small table per area out, the
// areas where answers are far apart first. page.js loads it on first use.

import { el, own } from "./dom.js";
import { APART, merge, middle, readLink } from "./merge.js";
import { tParts } from "./parts.js";
import { t } from "./strings.js";

const KINDS = [["current", t("Today")], ["target", t("Goal")]];
const $ = (id) => document.getElementById(id);

/** `api` is page.js's: the model, its format, and open(state, words) to show answers in the form. */
export function make({ model, format, open }) {
  const files = []; // kept for as long as the page is open, so a new link never drops a file
  let agreed = null; // makes the medians of the last comparison the team's answers

  function gather() {
    const members = [];
    const skipped = [];
    $("amm-members").value.split("\n").forEach((line, i) => {
      if (!line.trim()) return;
      const read = readLink(format, line);
      if (read.problem) skipped.push([t("line {n} {problem}", { n: i + 1, problem: read.problem })]);
      else members.push({ from: [t("line {n}", { n: i + 1 })], state: read.state });
    });
    for (const file of files) members.push({ from: [own(file.name)], state: file.state });
    return { members, skipped };
  }

  const chips = (picks, level) =>
    picks.flatMap((n, i) => (n === level ? [el("span", { class: "amm-chip" }, String(i + 1))] : []));

  function area(row) {
    const levelHeads = model.levels.map((level) => el("th", { scope: "col" }, el("span", { class: "amm-hide" }, `${t("Level")} `), String(level.id)));
    const body = KINDS.map(([kind, label]) => {
      const { picks, median } = row[kind];
      const cells = model.levels.map((level) => el("td", {}, ...chips(picks, level.id)));
      return el("tr", {}, el("th", { scope: "row" }, label), ...cells, el("td", {}, median === null ? "–" : String(median)));
    });
    const far = row.apart >= APART ? ` ${t("(answers {n} levels apart)", { n: row.apart })}` : "";
    return el(
      "table",
      { class: "amm-spread" },
      el("caption", {}, row.area.title, far),
      el("thead", {}, el("tr", {}, el("td", {}), ...levelHeads, el("th", { scope: "col" }, t("Median")))),
      el("tbody", {}, ...body),
    );
  }

  /** `useless`: files just added that hold nothing to use, named once and not kept. */
  function compare(useless = []) {
    const { members, skipped } = gather();
    skipped.push(...useless);
    const joined = (list) => list.flatMap((parts, i) => (i ? ["; ", ...parts] : parts));
    const skip = skipped.length
      ? [" ", ...tParts("Skipped {n}: {list}. Everything you entered is still here to fix.", { n: skipped.length, list: joined(skipped) })]
      : [];
    $("amm-merged").hidden = !members.length;
    const count = members.length === 1 ? t("One member's answers compared.") : t("{n} members' answers compared.", { n: members.length });
    const said = [members.length ? count : t("Paste at least one member's link, or add their files."), ...skip];
    $("amm-merge-summary").replaceChildren(...said);
    if (!members.length) return;
    const rows = merge(model, members);
    const far = rows.filter((row) => row.apart >= APART);
    $("amm-member-key").replaceChildren(
      ...members.map(({ state, from }, i) => el("li", {}, el("span", { class: "amm-chip" }, String(i + 1)), " ", state.team ? own(state.team) : t("no name"), " (", ...from, ")")),
    );
    $("amm-far-text").textContent = far.length
      ? t("Answers are {apart} or more levels apart in {areas}.", { apart: APART, areas: far.map((row) => row.area.title).join(", ") })
      : t("No area has answers {apart} or more levels apart.", { apart: APART });
    $("amm-far").replaceChildren(...far.map(area));
    $("amm-near").replaceChildren(...rows.filter((row) => row.apart < APART).map(area));
    $("amm-near-title").hidden = far.length === rows.length;
    agreed = () => {
      const state = middle(format, rows, members);
      state.date = new Date().toLocaleDateString("sv"); // today, as YYYY-MM-DD
      open(state, [t("These are the medians of {n} members' answers, rounded down between two levels.", { n: members.length })]);
      // The notice says where these answers came from: show it whole under the header,
      // then put the cursor on the team's name, the first thing a facilitator fills in.
      $("amm-notice").scrollIntoView({ block: "start" });
      $("amm-team").focus({ preventScroll: true });
    };
  }

  async function add(list) {
    const skipped = [];
    for (const file of list) {
      const read = await format.readFile(file);
      if (read.problem) skipped.push([own(file.name), ` ${read.problem}`]);
      else files.push({ name: file.name, state: read.state });
    }
    compare(skipped);
  }

  /** Returns the files' reading, so page.js stays busy until they are compared. */
  function handle(target, chosen) {
    if (chosen.length) return add(chosen);
    if (target.id === "amm-merge") compare();
    else if (target.id === "amm-agree") agreed?.();
  }

  return { handle };
}
