// Marks the printed one-pager's matrix with the team's levels, as `make report` marks the PDF.

import { el, own } from "./dom.js";
import { t } from "./strings.js";

const KINDS = ["current", "target"];

export function mark(model, state) {
  const sheet = document.getElementById("amm-onepager");
  sheet.querySelector("h2").replaceChildren(state.team ? own(state.team) : t("Our team"), state.date ? `, ${state.date}` : "", `: ${model.title}`);
  const top = model.levels.length - 1;
  sheet.querySelectorAll("tbody tr").forEach((row, i) => {
    const level = top - i; // the matrix lists the highest level first
    [...row.cells].slice(1).forEach((cell, column) => {
      const chosen = state.areas[model.areas[column].id];
      const marks = KINDS.filter((kind) => chosen.na === null && chosen[kind] === level);
      cell.querySelectorAll(".amm-mark").forEach((badge) => badge.remove());
      cell.className = marks.map((kind) => `amm-marked--${kind}`).join(" ");
      cell.prepend(...marks.map((kind) => el("span", { class: `amm-mark amm-mark--${kind}` }, kind)));
    });
  });
  plan(model, state, sheet);
}

/** The plan row under the levels, as plan.html writes it for `make report`; hidden when empty. */
function plan(model, state, sheet) {
  const heads = sheet.querySelectorAll("thead th");
  let any = false;
  model.areas.forEach(({ id }, i) => {
    const { na, actions, notes } = state.areas[id];
    heads[i + 1].querySelector(".amm-na-mark")?.remove();
    if (na !== null) heads[i + 1].append(el("span", { class: "amm-na-mark" }, " ", t("Does not apply")));
    const parts = [];
    if (na !== null) parts.push(el("p", { class: "amm-none" }, el("strong", {}, t("Does not apply")), ...(na ? [": ", own(na)] : [])));
    if (actions.length) {
      const item = ({ what, who, by }) => {
        const when = [who && own(who), by && t("by {day}", { day: by })].filter(Boolean).flatMap((part, j) => (j ? [", ", part] : [part]));
        return el("li", {}, own(what), ...(when.length ? [" (", ...when, ")"] : []));
      };
      parts.push(el("ol", { class: "amm-todo" }, ...actions.map(item)));
    }
    if (notes) parts.push(el("p", { class: "amm-notes" }, own(notes)));
    document.getElementById(`amm-plan-cell-${id}`).replaceChildren(...parts);
    any ||= parts.length > 0;
  });
  sheet.querySelector("tfoot").hidden = !any;
}
