// Marks the printed one-pager's matrix with the team's levels, as `make report` marks the PDF.

import { el, own } from "./dom.js";

const KINDS = ["current", "target"];

export function mark(model, state) {
  const sheet = document.getElementById("amm-onepager");
  sheet.querySelector("h2").replaceChildren(state.team ? own(state.team) : "Our team", state.date ? `, ${state.date}` : "", `: ${model.title}`);
  const site = document.getElementById("amm-onepager-site");
  site.textContent = site.href; // the address a reader of the paper can type
  const top = model.levels.length - 1;
  sheet.querySelectorAll("tbody tr").forEach((row, i) => {
    const level = top - i; // the matrix lists the highest level first
    [...row.cells].slice(1).forEach((cell, column) => {
      const chosen = state.areas[model.areas[column].id];
      const marks = KINDS.filter((kind) => chosen[kind] === level);
      cell.querySelectorAll(".amm-mark").forEach((badge) => badge.remove());
      cell.className = marks.map((kind) => `amm-marked--${kind}`).join(" ");
      cell.prepend(...marks.map((kind) => el("span", { class: `amm-mark amm-mark--${kind}` }, kind)));
    });
  });
}
