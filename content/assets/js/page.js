// The self-assessment page. The form is plain HTML that the build renders from the model;
// this module wires it to the answers, the results and the files.
//
// Two sets of answers exist: the person's own (`mine`, saved in this browser as they type)
// and, at times, a `view` of someone else's: from a link, a file or an earlier version.
// A view is shown and kept in the address but never saved over `mine` unless the person
// chooses "Keep these answers"; then the answers it replaces become an earlier version.

import { el, own } from "./dom.js";
import { makeFormat } from "./format.js";
import { mark } from "./onepager.js";
import { draw } from "./results.js";
import { Keeper } from "./state.js";
import { remind } from "./keep-file.js";
import { showVersion } from "./version-note.js";

const $ = (id) => document.getElementById(id);
const model = JSON.parse($("amm-data").textContent);
const format = makeFormat(model);
const form = $("amm-form");
const KINDS = ["current", "target"];

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked: Keeper then reads nothing and reports every save as failed
  }
}

const keeper = new Keeper(storage() ?? { getItem: () => null, setItem: () => { throw new Error("no storage"); } }, format);
let mine = keeper.own();
let view = null; // {state, from: [text or node], dropped: "..."}
let highlight = null; // the site search's ?h=, kept so its highlighting still works here

// ---- The form ----

function readForm() {
  const state = format.blank();
  state.team = format.cleanTeam(form.elements.team.value);
  state.date = format.isDate(form.elements.date.value) ? form.elements.date.value : "";
  for (const id of Object.keys(state.areas)) {
    for (const kind of KINDS) {
      const n = form.elements[`${kind}-${id}`].value;
      state.areas[id][kind] = n === "" ? null : Number(n);
    }
  }
  return state;
}

function fillForm(state) {
  form.elements.team.value = state.team;
  form.elements.date.value = state.date;
  for (const [id, chosen] of Object.entries(state.areas)) {
    for (const kind of KINDS) {
      for (const radio of form.elements[`${kind}-${id}`]) radio.checked = radio.value === String(chosen[kind]);
    }
  }
}

// ---- Messages: `parts` are strings or nodes; a person's own text goes in as own(text) ----

function message(id, parts, actions = []) {
  const box = $(id);
  box.querySelector("p").replaceChildren(...parts);
  box.querySelector(".amm-actions").replaceChildren(
    ...actions.map(({ label, run }) => {
      const button = el("button", { type: "button", class: "md-button" }, label);
      button.addEventListener("click", () => {
        message(id, []);
        run();
      });
      return button;
    }),
  );
  box.hidden = !parts.length;
}
const notice = (parts, actions) => message("amm-notice", parts, actions);
const tell = (parts, actions) => message("amm-status", parts, actions);

// ---- Showing and keeping ----

function show() {
  const state = view?.state ?? mine;
  history.replaceState(history.state, "", `${location.pathname}${format.toSearch(state, highlight)}${location.hash}`);
  $("amm-link").value = `${location.origin}${location.pathname}${format.toSearch(state)}`;
  draw(model, state);
  mark(model, state);
  views.revisit?.then((revisit) => revisit.draw(state));
  listEarlier();
}

function save(state, options) {
  mine = state;
  if (!keeper.save(state, options)) notice(["This browser does not let the page save answers. Keep the link or download the JSON."]);
}

/** Shows answers that are not the person's own, with the two ways out. */
function open(state, from) {
  view = { state, from };
  fillForm(state);
  show();
  const none = format.isEmpty(mine);
  const back = none ? [] : [{ label: "Back to mine", run: backToMine }];
  notice(
    [...from, none ? " Keep them, or change any answer, to save them in this browser." : " They are not saved in this browser unless you keep them, so your own answers stay as they are."],
    [{ label: "Keep these answers", run: () => commit(view.state, "These are now your answers.") }, ...back],
  );
}

function backToMine() {
  view = null;
  fillForm(mine);
  show();
  showVersion(model, mine.version, true);
  notice(["These are the answers saved in this browser."]);
}

/** The person's explicit choice: `next` becomes theirs, and what it replaces an earlier version. */
function commit(next, text, undo = true) {
  const before = mine;
  view = null;
  notice([]);
  save(next);
  fillForm(next);
  show();
  const earlier = format.isEmpty(before) ? "" : " The answers you had before are listed under earlier answers.";
  tell([text + earlier], undo ? [{ label: "Undo", run: () => commit(before, "Back to the answers you had before.", false) }] : []);
}

function listEarlier() {
  // After an Undo the answers are both current and earlier: list them once, as current.
  const list = keeper.earlier().filter((entry) => !format.same(entry.state, mine));
  $("amm-earlier").hidden = !list.length;
  $("amm-earlier-list").replaceChildren(
    ...list.map(({ at, state }) => {
      const when = new Date(at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
      const picked = Object.values(state.areas).flatMap((a) => KINDS.map((k) => a[k])).filter((n) => n !== null).length;
      const button = el("button", { type: "button", class: "md-button" }, "Show");
      button.addEventListener("click", () => open(state, [`These are the answers you had until ${when}.`]));
      const then = el("button", { type: "button", class: "md-button", "data-view": "revisit", "data-at": at }, "Compare with now");
      return el("li", {}, `${when}: `, state.team ? own(state.team) : "no team name", `, ${picked} levels picked `, button, then);
    }),
  );
}

function download(suffix, type, text) {
  const state = view?.state ?? mine;
  const slug = state.team.toLowerCase().replace(/[^a-z0-9]+/gu, "-").replace(/^-|-$/gu, "");
  const name = ["assessment", slug, state.date].filter(Boolean).join("-") + suffix;
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function importFile(file) {
  const parsed = await format.readFile(file);
  if (parsed.problem) {
    tell([own(file.name), ` ${parsed.problem}, so nothing was loaded. Your answers are unchanged.`]);
    return;
  }
  const left = parsed.problems.ok ? "" : ` Left out what this model cannot use: ${parsed.problems}.`;
  tell(["Loaded ", own(file.name), "."]);
  showVersion(model, parsed.state.version, parsed.versioned);
  open(parsed.state, ["These answers come from ", own(file.name), `.${left}`]);
}

// ---- Views most people never open, loaded on first use: compare.js and revisit.js ----
// Inside data-view="<module>", clicks, chosen and dropped files go to its handle().

const views = {};
const load = (name) => (views[name] ??= import(`./${name}.js`).then(({ make }) => make({ model, format, keeper, open, show })));

function wireViews() {
  for (const type of ["click", "change", "dragover", "drop"]) {
    document.addEventListener(type, async (event) => {
      const { target } = event;
      if (type === "click" && target.dataset.pick) $(target.dataset.pick).click(); // a file input
      const name = target.closest("[data-view]")?.dataset.view;
      if (!name) return;
      if (type[0] === "d") event.preventDefault(); // allows the drop
      if (type === "dragover") return;
      const files = [...(event.dataTransfer?.files ?? target.files ?? [])]; // gone after this handler
      if (target.files) target.value = ""; // so the same file can be chosen again
      (await load(name)).handle(target, files);
    });
  }
}

// ---- Start ----

function start() {
  const link = format.fromSearch(location.search);
  highlight = link.highlight;
  const dropped = link.dropped ? ` ${link.dropped} part${link.dropped > 1 ? "s" : ""} of the link could not be used and ${link.dropped > 1 ? "were" : "was"} left out.` : "";
  showVersion(model, ...(link.found ? [link.state.version, link.versioned] : [mine.version, true]));
  if (link.found && !format.same(link.state, mine)) {
    open(link.state, [`These answers come from the link you opened.${dropped}`]);
  } else {
    fillForm(mine);
    show();
    // The same answers in the address and in the browser: a reload or a bookmark.
    if (!format.isEmpty(mine) || dropped) notice([`${format.isEmpty(mine) ? "" : "These are the answers saved in this browser on your last visit."}${dropped}`.trim()]);
  }
  for (const id of ["amm-results", "amm-keep", "amm-compare"]) $(id).hidden = false;
  wireViews();
  remind(format, () => mine, storage());

  form.addEventListener("input", () => {
    const next = readForm();
    // Nothing of the person's own can be lost by editing a view when they have none yet.
    if (view && format.isEmpty(mine)) {
      view = null;
      notice([]);
    }
    if (view) view.state = next;
    else save(next, { quiet: true });
    show();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  $("amm-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("amm-link").value);
      tell(["Link copied. Anyone who opens it sees these answers."]);
    } catch {
      $("amm-link").select();
      tell(["Copying was blocked here: the link is selected, so copy it with your keyboard."]);
    }
  });
  $("amm-json").addEventListener("click", () => download(".json", "application/json", `${JSON.stringify(format.toFile(view?.state ?? mine), null, 2)}\n`));
  $("amm-csv").addEventListener("click", async () => download(".csv", "text/csv", (await import("./csv.js")).toCSV(model, view?.state ?? mine)));
  $("amm-file").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    event.target.value = ""; // so that choosing the same file again still loads it
    if (file) await importFile(file);
  });
  $("amm-print").addEventListener("click", () => window.print());
  const dialog = $("amm-dialog");
  $("amm-reset").addEventListener("click", () => dialog.showModal());
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "reset") commit(format.blank(), "All answers cleared.");
    dialog.returnValue = "";
  });
}

start();
