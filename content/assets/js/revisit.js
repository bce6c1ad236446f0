// Then and now: earlier answers beside the current ones, in the chart and the table, with
// the change in each area. page.js loads it the first time someone asks for a comparison.

import { el, own } from "./dom.js";
import { readLink } from "./merge.js";
import { spot } from "./radar.js";
import { levelName, shown } from "./results.js";
import { tParts } from "./parts.js";
import { t } from "./strings.js";
import { versionNote } from "./version-note.js";

/** How far the level moved: "Up 1", "Down 2", "Same", or "–" when either was not picked. */
export function change(before, after) {
  if (before === null || after === null) return "–";
  const moved = after - before;
  if (!moved) return t("Same");
  return moved > 0 ? t("Up {n}", { n: moved }) : t("Down {n}", { n: -moved });
}

const $ = (id) => document.getElementById(id);

export function make({ model: whole, format, keeper, show }) {
  let then = null;
  const say = (...parts) => $("amm-then-status").replaceChildren(...parts);

  // `versioned` is false for a link or file made before they carried the model's version.
  function use(state, versioned, ...from) {
    then = state;
    $("amm-then-stop").hidden = !state;
    // Old answers rated the cells as they read then: list those that changed since.
    $("amm-then-version").replaceChildren(...(state ? versionNote(whole, state.version ?? whole.version, versioned) : []));
    if (state) {
      const whose = [state.team && own(state.team), state.date].filter(Boolean).flatMap((part, i) => (i ? [", ", part] : [part]));
      const named = whose.length ? [" (", ...whose, ")"] : [];
      say(...tParts("Now compared with the answers from {from}: the chart shows them as a dotted line, the table as the change since then.", { from: [...from, ...named] }));
    } else say(t("No longer compared with earlier answers."));
    show();
  }

  async function handle(target, files) {
    if (files.length) {
      const read = await format.readFile(files[0]);
      if (read.problem) say(...tParts("{file} {problem}, so there is nothing to compare with.", { file: own(files[0].name), problem: read.problem }));
      else use(read.state, read.versioned, own(files[0].name));
    } else if (target.id === "amm-then-link") {
      const read = readLink(format, $("amm-then").value);
      if (read.problem) say(t("That {problem}, so there is nothing to compare with.", { problem: read.problem }));
      else use(read.state, read.versioned, t("the link"));
    } else if (target.dataset.at) {
      const entry = keeper.earlier().find(({ at }) => at === target.dataset.at);
      if (entry) use(entry.state, true, t("this browser's earlier answers"));
      $("amm-then-title").scrollIntoView();
    } else if (target.id === "amm-then-stop") use(null);
  }

  /** Adds the earlier answers to what results.js drew for `state`; page.js calls it after every draw. */
  function draw(state) {
    const model = shown(whole, state); // the areas that apply, as the chart and the table show them
    for (const node of document.querySelectorAll(".amm-then-part")) node.remove();
    if (!then) return;
    const part = { class: "amm-then-part" };
    $("amm-scores").parentElement.tHead.rows[0].append(el("th", { scope: "col", ...part }, t("Since then")));
    [...$("amm-scores").rows].forEach((row, i) => {
      const { id } = model.areas[i];
      const before = then.areas[id].current;
      const moved = change(before, state.areas[id].current);
      const now = state.areas[id].current;
      const text = before === null || now === null || before === now ? moved : t("{change}, from {level}", { change: moved, level: levelName(model, before) });
      row.append(el("td", part, text));
    });
    const chart = $("amm-radar");
    const svg = chart.querySelector("svg");
    const points = model.areas.map(({ id }, i) => (then.areas[id].current === null ? null : spot(model, i, then.areas[id].current)));
    // A shape only when every area had a level, as for the current and target lines.
    const shape = points.every(Boolean)
      ? [el("polygon", { svg: 1, class: "then", points: points.join(" ") })]
      : points.filter(Boolean).map(([cx, cy]) => el("circle", { svg: 1, class: "then", cx, cy, r: 3.5 }));
    svg.insertBefore(el("g", { svg: 1 }, ...shape), svg.querySelector(".current, .target"));
    svg.setAttribute("aria-label", `${svg.getAttribute("aria-label")} ${t("A dotted line shows the earlier current levels.")}`);
    chart.querySelector("figcaption").append(el("span", part, el("span", { class: "amm-key amm-key--then" }, t("Then")), ` ${t("the earlier answers")}`));
  }

  return { handle, draw };
}
