// The results: the one-line summary, the table and the next steps for each area.

import { el, own } from "./dom.js";
import { radar } from "./radar.js";

export const levelName = (model, n) => (n === null ? "Not picked" : `${n} ${model.levels[n].name}`);

/** One sentence on how far the team has got; pure, so node's tests check it. */
export function summary(model, state) {
  const top = model.levels.length - 1;
  const all = Object.values(state.areas);
  const current = all.filter((a) => a.current !== null).length;
  if (!current) return "Pick where the team is today in each area to see the results.";
  const targets = all.filter((a) => a.target !== null).length;
  let text = `Current level picked in ${current} of ${all.length} areas, target in ${targets}.`;
  const gaps = model.areas
    .map((area) => ({ area, gap: (state.areas[area.id].target ?? -1) - (state.areas[area.id].current ?? top) }))
    .sort((a, b) => b.gap - a.gap);
  if (gaps[0].gap > 0) text += ` Largest gap: ${gaps[0].area.title}, ${gaps[0].gap} level${gaps[0].gap > 1 ? "s" : ""} to go.`;
  else if (targets) text += " Every target set so far is met.";
  return text;
}

function steps(model, area, { current, target }) {
  const top = model.levels.length - 1;
  const name = (n) => levelName(model, n);
  const box = el("section", { class: "amm-step", "aria-labelledby": `steps-${area.id}` }, el("h3", { id: `steps-${area.id}` }, area.title));
  const say = (text) => box.append(el("p", {}, text));
  if (current === null) {
    say("Pick where the team is today to see its next steps.");
  } else if (target !== null && current >= target) {
    say(current > target ? "The team is already above its target here." : "The team has reached its target here. Keep the habits going.");
  } else if (current === top) {
    say("The team is at the highest level. Keep reviewing its habits so they stay there.");
  } else {
    const next = current + 1;
    const cell = area.cells[next];
    say(
      target === null
        ? `No target set yet. The next level up is ${name(next)}.`
        : `Next: level ${name(next)}${target > next ? `, on the way to ${name(target)}` : ""}.`,
    );
    box.append(
      el("h4", {}, "Steps to take"),
      el("ol", {}, ...area.cells[current].next_steps.map((text) => el("li", {}, text))),
      el("h4", {}, `What level ${next} looks like`),
      el("ul", {}, ...cell.practices.map((text) => el("li", {}, text))),
      el("p", {}, el("a", { href: cell.url }, `Read level ${next} of ${area.title}`)),
    );
  }
  return box;
}

export function draw(model, state) {
  const $ = (id) => document.getElementById(id);
  const heading = [state.team && own(state.team), state.date].filter(Boolean);
  $("amm-heading").replaceChildren(...heading.flatMap((part, i) => (i ? [", ", part] : [part])));
  $("amm-summary").textContent = summary(model, state);
  $("amm-radar").querySelector("svg")?.remove();
  $("amm-radar").prepend(radar(model, state));
  $("amm-scores").replaceChildren(
    ...model.areas.map((area) => {
      const { current, target } = state.areas[area.id];
      const gap = current === null || target === null ? "–" : target > current ? String(target - current) : "Met";
      return el("tr", {}, el("th", { scope: "row" }, area.title), el("td", {}, levelName(model, current)), el("td", {}, levelName(model, target)), el("td", {}, gap));
    }),
  );
  $("amm-steps").replaceChildren(...model.areas.map((area) => steps(model, area, state.areas[area.id])));
}
