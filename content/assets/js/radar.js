// The radar chart of current and target levels; the table beside it says the same in words.

import { el } from "./dom.js";
import { t } from "./strings.js";

const KINDS = ["current", "target"];

const [cx, cy, r] = [210, 150, 92];

/** Where level `value` of the `i`th area lies on the chart. */
export function spot(model, i, value) {
  const angle = (2 * Math.PI * i) / model.areas.length - Math.PI / 2;
  const radius = (r * (value + 1)) / model.levels.length; // level 0 is a small ring, not the centre
  return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
}

export function radar(model, state) {
  const top = model.levels.length - 1;
  const point = (i, value) => spot(model, i, value);
  const svg = el("svg", { svg: 1, viewBox: "-10 0 440 300", role: "img", "aria-label": t("Radar chart of the current and target level in each area. The table next to it lists the same levels.") });
  for (let value = 0; value <= top; value++) {
    const ring = model.areas.map((_, i) => point(i, value).join(",")).join(" ");
    svg.append(el("polygon", { svg: 1, class: "grid", points: ring }));
    const [x, y] = point(0, value);
    svg.append(el("text", { svg: 1, class: "scale", x: x + 5, y: y + 12 }, String(value)));
  }
  model.areas.forEach((area, i) => {
    const [x, y] = point(i, top);
    const [lx, ly] = point(i, top + 0.55);
    svg.append(el("line", { svg: 1, class: "grid", x1: cx, y1: cy, x2: x, y2: y }));
    const anchor = lx > cx + 10 ? "start" : lx < cx - 10 ? "end" : "middle";
    const label = el("text", { svg: 1, class: "label", x: lx, y: ly < cy - 10 ? ly - 8 : ly + 4, "text-anchor": anchor });
    // Two short lines fit beside the chart better than one long one.
    const words = area.title.split(" ");
    const half = words.length > 1 && area.title.length > 12 ? Math.ceil(words.length / 2) : words.length;
    [words.slice(0, half), words.slice(half)].forEach((line, row) => {
      if (line.length) label.append(el("tspan", { svg: 1, x: lx, dy: row ? "1.15em" : "0" }, line.join(" ")));
    });
    svg.append(label);
  });
  for (const kind of KINDS) {
    const points = model.areas.map((area, i) => {
      const value = state.areas[area.id][kind];
      return value === null ? null : point(i, value);
    });
    if (points.every(Boolean)) svg.append(el("polygon", { svg: 1, class: kind, points: points.map((p) => p.join(",")).join(" ") }));
    for (const p of points.filter(Boolean)) {
      const mark = kind === "current" ? el("circle", { svg: 1, cx: p[0], cy: p[1], r: 4.5 }) : el("rect", { svg: 1, x: p[0] - 4, y: p[1] - 4, width: 8, height: 8 });
      mark.setAttribute("class", `${kind} mark`);
      svg.append(mark);
    }
  }
  return svg;
}
