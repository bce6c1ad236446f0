// The self-assessment page. The form is plain HTML that the build renders from the model;
// this module keeps the answers (in the address and in localStorage), draws the results and
// moves answers in and out as files. Text from the data is only ever set with textContent.

const $ = (id) => document.getElementById(id);
const data = JSON.parse($("amm-data").textContent);
const form = $("amm-form");
const KEY = "amm-assessment";
const KINDS = ["current", "target"];
const TOP = data.levels.length - 1;
const TEAM_MAX = data.team_max; // set by scripts/assessment.py, which checks files the same way
const SVG = "http://www.w3.org/2000/svg";

// ---- Answers: {team, date, areas: {id: {current, target}}}, a level or null each ----

function blank() {
  // No prototype: a link or file naming "__proto__" or "toString" finds no area here.
  const areas = Object.create(null);
  for (const area of data.areas) areas[area.id] = { current: null, target: null };
  return { team: "", date: "", areas };
}

// A level is one of the model's level numbers, written as a number or as digits.
function level(value) {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return Number.isInteger(n) && n >= 0 && n <= TOP ? n : null;
}

// A real calendar day in ISO 8601 (2025-02-30 is not one).
function isDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const answered = (state) => Object.values(state.areas).some((a) => a.current !== null || a.target !== null);

// The address holds the same names as the form: ?team=..&documentation=1&target-documentation=2.
// Each part is checked on its own, so a hand-edited link loses only what is wrong in it.
function fromSearch(search) {
  const state = blank();
  const ignored = [];
  let found = false;
  for (const [key, value] of new URLSearchParams(search)) {
    if (key === "h") continue; // added by the site search to highlight words
    found = true;
    const kind = key.startsWith("target-") ? "target" : "current";
    const area = state.areas[kind === "target" ? key.slice(7) : key];
    if (key === "team") state.team = value.trim().slice(0, TEAM_MAX);
    else if (key === "date" && isDate(value)) state.date = value;
    else if (area && level(value) !== null) area[kind] = level(value);
    else ignored.push(`${key}=${value}`);
  }
  return { state, ignored, found };
}

function toSearch(state) {
  const params = new URLSearchParams();
  if (state.team) params.set("team", state.team);
  if (state.date) params.set("date", state.date);
  for (const [id, chosen] of Object.entries(state.areas)) {
    if (chosen.current !== null) params.set(id, chosen.current);
    if (chosen.target !== null) params.set(`target-${id}`, chosen.target);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

// The file format, shared with `make report` (scripts/assessment.py reads it back).
function toFile(state) {
  return { model: data.title, model_version: data.version, team: state.team, date: state.date || null, areas: state.areas };
}

// Returns null when `value` is not an assessment at all; otherwise the usable parts.
function fromFile(value) {
  if (!value || typeof value !== "object" || !value.areas || typeof value.areas !== "object") return null;
  const state = blank();
  const ignored = [];
  if (typeof value.team === "string") state.team = value.team.trim().slice(0, TEAM_MAX);
  if (typeof value.date === "string" && isDate(value.date)) state.date = value.date;
  for (const [id, chosen] of Object.entries(value.areas)) {
    if (!state.areas[id] || !chosen || typeof chosen !== "object") {
      ignored.push(id);
      continue;
    }
    for (const kind of KINDS) {
      if (chosen[kind] === null || chosen[kind] === undefined) continue;
      if (typeof chosen[kind] === "number" && level(chosen[kind]) !== null) state.areas[id][kind] = chosen[kind];
      else ignored.push(`${id} ${kind} ${JSON.stringify(chosen[kind])}`);
    }
  }
  return { state, ignored };
}

function toCSV(state) {
  // A leading = + - @ would run as a formula in a spreadsheet; a quote keeps it text.
  const cell = (value) => {
    let text = String(value ?? "");
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const name = (n) => (n === null ? "" : data.levels[n].name);
  const rows = [["team", "date", "area", "area_title", "current", "current_name", "target", "target_name"]];
  for (const area of data.areas) {
    const { current, target } = state.areas[area.id];
    rows.push([state.team, state.date, area.id, area.title, current, name(current), target, name(target)]);
  }
  return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

// ---- The form ----

function readForm() {
  const state = blank();
  state.team = form.elements.team.value.trim().slice(0, TEAM_MAX);
  state.date = isDate(form.elements.date.value) ? form.elements.date.value : "";
  for (const id of Object.keys(state.areas)) {
    state.areas[id].current = level(form.elements[id].value);
    state.areas[id].target = level(form.elements[`target-${id}`].value);
  }
  return state;
}

function fillForm(state) {
  form.elements.team.value = state.team;
  form.elements.date.value = state.date;
  for (const [id, chosen] of Object.entries(state.areas)) {
    for (const kind of KINDS) {
      for (const radio of form.elements[kind === "target" ? `target-${id}` : id]) {
        radio.checked = radio.value === String(chosen[kind]);
      }
    }
  }
}

// ---- Results ----

// Builds an element; strings become text nodes, so data never turns into markup.
function el(tag, attrs = {}, ...children) {
  const node = attrs.svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (name !== "svg") node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null));
  return node;
}

const levelName = (n) => (n === null ? "Not picked" : `${n} ${data.levels[n].name}`);

function radar(state) {
  const n = data.areas.length;
  const [cx, cy, r] = [210, 150, 92];
  const point = (i, value) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    const radius = (r * (value + 1)) / (TOP + 1); // level 0 is a small ring, not the centre
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
  };
  const svg = el("svg", { svg: 1, viewBox: "-10 0 440 300", role: "img", "aria-label": "Radar chart of the current and target level in each area. The table next to it lists the same levels." });
  for (let value = 0; value <= TOP; value++) {
    const ring = data.areas.map((_, i) => point(i, value).join(",")).join(" ");
    svg.append(el("polygon", { svg: 1, class: "grid", points: ring }));
    const [x, y] = point(0, value);
    svg.append(el("text", { svg: 1, class: "scale", x: x + 5, y: y + 12 }, String(value)));
  }
  data.areas.forEach((area, i) => {
    const [x, y] = point(i, TOP);
    const [lx, ly] = point(i, TOP + 0.55);
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
    const points = data.areas.map((area, i) => {
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

function summary(state) {
  const all = Object.values(state.areas);
  const current = all.filter((a) => a.current !== null).length;
  if (!current) return "Pick where the team is today in each area to see the results.";
  const targets = all.filter((a) => a.target !== null).length;
  let text = `Current level picked in ${current} of ${all.length} areas, target in ${targets}.`;
  const gaps = data.areas
    .map((area) => ({ area, gap: (state.areas[area.id].target ?? -1) - (state.areas[area.id].current ?? TOP) }))
    .sort((a, b) => b.gap - a.gap);
  if (gaps[0].gap > 0) text += ` Largest gap: ${gaps[0].area.title}, ${gaps[0].gap} level${gaps[0].gap > 1 ? "s" : ""} to go.`;
  else if (targets) text += " Every target set so far is met.";
  return text;
}

function steps(area, { current, target }) {
  const box = el("section", { class: "amm-step", "aria-labelledby": `steps-${area.id}` }, el("h3", { id: `steps-${area.id}` }, area.title));
  const say = (text) => box.append(el("p", {}, text));
  if (current === null) {
    say("Pick where the team is today to see its next steps.");
  } else if (target !== null && current >= target) {
    say(current > target ? "The team is already above its target here." : "The team has reached its target here. Keep the habits going.");
  } else if (current === TOP) {
    say("The team is at the highest level. Keep reviewing its habits so they stay there.");
  } else {
    const next = current + 1;
    const cell = area.cells[next];
    say(
      target === null
        ? `No target set yet. The next level up is ${levelName(next)}.`
        : `Next: level ${levelName(next)}${target > next ? `, on the way to ${levelName(target)}` : ""}.`,
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

function draw(state) {
  $("amm-heading").textContent = [state.team, state.date].filter(Boolean).join(", ");
  $("amm-summary").textContent = summary(state);
  $("amm-radar").querySelector("svg")?.remove();
  $("amm-radar").prepend(radar(state));
  $("amm-scores").replaceChildren(
    ...data.areas.map((area) => {
      const { current, target } = state.areas[area.id];
      const gap = current === null || target === null ? "–" : target > current ? String(target - current) : "Met";
      return el("tr", {}, el("th", { scope: "row" }, area.title), el("td", {}, levelName(current)), el("td", {}, levelName(target)), el("td", {}, gap));
    }),
  );
  $("amm-steps").replaceChildren(...data.areas.map((area) => steps(area, state.areas[area.id])));
}

// ---- Keeping answers ----

let state = blank();

function store(value) {
  try {
    localStorage.setItem(KEY, JSON.stringify(toFile(value)));
  } catch {
    notice("This browser does not let the page save answers. Keep the link or download the JSON.");
  }
}

function stored() {
  try {
    return fromFile(JSON.parse(localStorage.getItem(KEY)))?.state ?? null;
  } catch {
    return null; // unreadable or blocked storage: start without it
  }
}

// Shows the answers everywhere; `save` is false only for a shared link that was just opened,
// so that looking at a colleague's link never replaces the answers saved in this browser.
function show(next, save = true) {
  state = next;
  history.replaceState(history.state, "", `${location.pathname}${toSearch(state)}${location.hash}`);
  $("amm-link").value = location.href;
  if (save) store(state);
  draw(state);
}

function apply(next, message, undo) {
  const before = state;
  fillForm(next);
  show(next);
  tell(message, undo && { label: "Undo", run: () => apply(before, "Back to the answers you had before.") });
}

function message(id, text, action) {
  const box = $(id);
  const button = box.querySelector("button");
  box.querySelector("p, span").textContent = text;
  box.hidden = !text;
  button.hidden = !action;
  if (action) {
    button.textContent = action.label;
    button.onclick = () => {
      message(id, "");
      action.run();
    };
  }
}
const notice = (text, action) => message("amm-notice", text, action);
const tell = (text, action) => message("amm-status", text, action);

function download(suffix, type, text) {
  const slug = state.team.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: ["assessment", slug, state.date].filter(Boolean).join("-") + suffix });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function importFile(file) {
  let parsed = null;
  try {
    parsed = fromFile(JSON.parse(await file.text()));
  } catch {
    // not JSON: reported below like any other file that is not an assessment
  }
  if (!parsed || !answered(parsed.state)) {
    tell(`${file.name} is not an assessment saved from this page, so nothing was loaded. Your answers are unchanged.`);
    return;
  }
  const skipped = parsed.ignored.length ? ` Left out what this model does not have: ${parsed.ignored.join(", ")}.` : "";
  notice("");
  apply(parsed.state, `Loaded ${file.name}.${skipped}`, true);
}

// ---- Start ----

function start() {
  const link = fromSearch(location.search);
  const saved = stored();
  const reload = saved && !link.ignored.length && toSearch(saved) === toSearch(link.state);
  if (link.found && !reload) {
    const skipped = link.ignored.length ? ` Some parts of the link could not be used and were left out: ${link.ignored.join(", ").slice(0, 200)}.` : "";
    const own = saved && answered(saved) && toSearch(saved) !== toSearch(link.state) ? saved : null;
    fillForm(link.state);
    show(link.state, false);
    notice(
      `These answers come from the link you opened.${skipped}`,
      own && { label: "Show the answers saved in this browser instead", run: () => {
        apply(own, "");
        notice("These are the answers saved in this browser.");
      } },
    );
  } else if (saved && answered(saved)) {
    // Also a reload: the address then holds the same answers as the browser.
    fillForm(saved);
    show(saved);
    notice("These are the answers saved in this browser on your last visit.");
  } else {
    show(blank(), false);
  }
  for (const id of ["amm-results", "amm-keep"]) $(id).hidden = false;

  form.addEventListener("change", () => show(readForm()));
  form.addEventListener("submit", (event) => event.preventDefault());
  $("amm-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      tell("Link copied. Anyone who opens it sees these answers.");
    } catch {
      $("amm-link").select();
      tell("Copying was blocked here: the link is selected, so copy it with your keyboard.");
    }
  });
  $("amm-json").addEventListener("click", () => download(".json", "application/json", `${JSON.stringify(toFile(state), null, 2)}\n`));
  $("amm-csv").addEventListener("click", () => download(".csv", "text/csv", toCSV(state)));
  $("amm-import").addEventListener("click", () => $("amm-file").click());
  $("amm-file").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    event.target.value = ""; // so that choosing the same file again still loads it
    if (file) await importFile(file);
  });
  $("amm-print").addEventListener("click", () => window.print());
  const dialog = $("amm-dialog");
  $("amm-reset").addEventListener("click", () => dialog.showModal());
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "reset") apply(blank(), "All answers cleared.", true);
    dialog.returnValue = "";
  });
}

start();
