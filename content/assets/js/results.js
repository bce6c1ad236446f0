// The results: the one-line summary, the table and the next steps for each area.

import { el, own } from "./dom.js";
import { radar } from "./radar.js";
import { t } from "./strings.js";

/** The model with only the areas that apply to the team: what the chart and the table show. */
export const shown = (model, state) => ({ ...model, areas: model.areas.filter((area) => state.areas[area.id].na === null) });

export const levelName = (model, n) => (n === null ? t("Not picked") : `${n} ${model.levels[n].name}`);

/** One sentence on how far the team has got; pure, so node's tests check it. */
export function summary(whole, state) {
  const model = shown(whole, state);
  const top = model.levels.length - 1;
  const all = model.areas.map((area) => state.areas[area.id]);
  const current = all.filter((a) => a.current !== null).length;
  const none = whole.areas.length - all.length;
  const left = none ? ` ${none === 1 ? t("One area does not apply.") : t("{n} areas do not apply.", { n: none })}` : "";
  if (!current) return t("Pick where the team is today in each area to see the results.") + left;
  const targets = all.filter((a) => a.target !== null).length;
  let text = t("Current level picked in {current} of {all} areas, target in {targets}.", { current, all: all.length, targets }) + left;
  const gaps = model.areas
    .map((area) => ({ area, gap: (state.areas[area.id].target ?? -1) - (state.areas[area.id].current ?? top) }))
    .sort((a, b) => b.gap - a.gap);
  // Areas tied for the largest gap are all named: picking one would rank them.
  const tied = gaps.filter((g) => g.gap === gaps[0].gap).map((g) => g.area.title);
  const lang = globalThis.document?.documentElement.lang || "en";
  const largest = { area: tied[0], areas: new Intl.ListFormat(lang).format(tied), n: gaps[0].gap };
  if (gaps[0].gap > 1 && tied.length > 1) text += ` ${t("Largest gaps, {n} levels to go: {areas}.", largest)}`;
  else if (gaps[0].gap > 1) text += ` ${t("Largest gap: {area}, {n} levels to go.", largest)}`;
  else if (gaps[0].gap > 0 && tied.length > 1) text += ` ${t("Largest gaps, one level to go: {areas}.", largest)}`;
  else if (gaps[0].gap > 0) text += ` ${t("Largest gap: {area}, one level to go.", largest)}`;
  else if (targets) text += ` ${t("Every target set so far is met.")}`;
  return text;
}

/** "Gets you to:" and the practices above that a step leads to, linked as on the area page. */
function leadsTo(step, above) {
  const links = above.practices.filter((p) => step.leads_to.includes(p.id)).map((p) => el("a", { href: p.url }, p.text));
  return el("span", { class: "amm-step-target" }, t("Gets you to:"), " ", ...links.flatMap((a, i) => (i ? ["; ", a] : [a])));
}

function steps(model, area, { current, target, done }) {
  const top = model.levels.length - 1;
  const name = (n) => levelName(model, n);
  const box = el("section", { class: "amm-step", "aria-labelledby": `steps-${area.id}` }, el("h3", { id: `steps-${area.id}` }, area.title));
  const say = (text) => box.append(el("p", {}, text));
  if (current === null) {
    say(t("Pick where the team is today to see its next steps."));
  } else if (target !== null && current >= target) {
    say(current > target ? t("The team is already above its target here.") : t("The team has reached its target here. Keep the habits going."));
  } else if (current === top) {
    say(t("The team is at the highest level. Keep reviewing its habits so they stay there."));
  } else {
    const next = current + 1;
    const cell = area.cells[next];
    say(
      target === null
        ? t("No target set yet. The next level up is {level}.", { level: name(next) })
        : target > next
          ? t("Next: level {level}, on the way to {target}.", { level: name(next), target: name(target) })
          : t("Next: level {level}.", { level: name(next) }),
    );
    // What the team ticks as done is no longer a step: the rest of the level above is.
    const todo = cell.practices.filter((p) => !done.includes(p.id));
    const ahead = area.cells[current].next_steps.filter((step) => !step.leads_to.every((id) => done.includes(id)));
    const ticked = cell.practices.length - todo.length;
    if (ticked) say(t("The team already does {n} of the {all} practices of level {level}.", { n: ticked, all: cell.practices.length, level: next }));
    if (!todo.length) say(t("That is every practice of level {level}: if the team works this way most of the time, pick level {level} for today.", { level: next }));
    if (ahead.length) box.append(el("h4", {}, t("Steps to take")), el("ol", {}, ...ahead.map((step) => el("li", {}, step.text, el("br"), leadsTo(step, cell)))));
    if (todo.length) {
      const title = ticked ? t("What level {level} still needs", { level: next }) : t("What level {level} looks like", { level: next });
      box.append(el("h4", {}, title), el("ul", {}, ...todo.map((p) => el("li", {}, p.text))));
    }
    box.append(el("p", {}, el("a", { href: cell.url }, t("Read level {level} of {area}", { level: next, area: area.title }))));
  }
  return box;
}

export function draw(whole, state) {
  const $ = (id) => document.getElementById(id);
  const model = shown(whole, state);
  const none = whole.areas.filter((area) => !model.areas.includes(area));
  $("amm-none").hidden = !none.length;
  $("amm-none").replaceChildren(
    t("Left out because they do not apply to the team:"),
    ...none.flatMap(({ id, title }, i) => [i ? "; " : " ", title, ...(state.areas[id].na ? [" (", own(state.areas[id].na), ")"] : [])]),
  );
  const heading = [state.team && own(state.team), state.date].filter(Boolean);
  $("amm-heading").replaceChildren(...heading.flatMap((part, i) => (i ? [", ", part] : [part])));
  $("amm-summary").textContent = summary(whole, state);
  $("amm-radar").querySelector("svg")?.remove();
  $("amm-radar").prepend(radar(model, state));
  $("amm-scores").replaceChildren(
    ...model.areas.map((area) => {
      const { current, target } = state.areas[area.id];
      const gap = current === null || target === null ? "–" : target > current ? String(target - current) : t("Met");
      return el("tr", {}, el("th", { scope: "row" }, area.title), el("td", {}, levelName(model, current)), el("td", {}, levelName(model, target)), el("td", {}, gap));
    }),
  );
  $("amm-steps").replaceChildren(...model.areas.map((area) => steps(model, area, state.areas[area.id])));
}
