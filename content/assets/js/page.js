// The self-assessment page. The form is plain HTML that the build renders from the model;
// this module wires it to the answers, the results and the files.
//
// Two sets of answers exist: the person's own (`mine`, saved in this browser as they type)
// and, at times, a `view` of someone else's: from a link, a file or an earlier version.
// A view is shown and kept in the address but never saved over `mine` unless the person
// chooses "Keep these answers"; then the answers it replaces become an earlier version.

import { makeFormat } from "./format.js";
import { Keeper } from "./state.js";
import { t } from "./strings.js";

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

// Each area's fields beyond its levels, named as in the link: done-<id> (the ticks),
// na-<id> and reason-<id>, notes-<id>, and what-, who-, by-<id>-1 and -2 (the actions).
const field = (name) => form.elements[name];
const ticks = (id) => form.querySelectorAll(`[name="done-${id}"]`);
const ACTION = ["what", "who", "by"];

function readForm() {
  const state = format.blank();
  state.team = format.cleanTeam(field("team").value);
  state.date = format.isDate(field("date").value) ? field("date").value : "";
  for (const [id, area] of Object.entries(state.areas)) {
    for (const kind of KINDS) {
      const n = field(`${kind}-${id}`).value;
      area[kind] = n === "" ? null : Number(n);
    }
    area.done = [...ticks(id)].filter((box) => box.checked).map((box) => box.value);
    area.na = field(`na-${id}`).checked ? format.clean(field(`reason-${id}`).value, "reason") : null;
    area.notes = format.clean(field(`notes-${id}`).value, "notes");
    area.actions = [1, 2]
      .map((n) => {
        const [what, who, by] = ACTION.map((key) => field(`${key}-${id}-${n}`).value);
        return { what: format.clean(what, "what"), who: format.clean(who, "who"), by: format.isDate(by) ? by : "" };
      })
      .filter((todo) => todo.what || todo.who || todo.by);
  }
  return state;
}

function fillForm(state) {
  field("team").value = state.team;
  field("date").value = state.date;
  for (const [id, area] of Object.entries(state.areas)) {
    for (const kind of KINDS) {
      for (const radio of field(`${kind}-${id}`)) radio.checked = radio.value === String(area[kind]);
    }
    for (const box of ticks(id)) box.checked = area.done.includes(box.value);
    field(`na-${id}`).checked = area.na !== null;
    field(`reason-${id}`).value = area.na ?? "";
    field(`notes-${id}`).value = area.notes;
    for (const n of [1, 2]) for (const key of ACTION) field(`${key}-${id}-${n}`).value = area.actions[n - 1]?.[key] ?? "";
    // A plan the team wrote is shown, not folded away; ticked practices likewise.
    if (area.notes || area.actions.length) $(`amm-plan-${id}`).open = true;
    for (const box of ticks(id)) if (box.checked) box.closest("details").open = true;
  }
}

// ---- Messages: `parts` are strings or nodes; a person's own text goes in as own(text) ----

function message(id, parts, actions = []) {
  const box = $(id);
  box.querySelector("p").replaceChildren(...parts);
  box.querySelector(".amm-actions").replaceChildren(
    ...actions.map(({ label, run }) => {
      // Not dom.js's el(): the first load does without that module (tests/test_budget.py).
      const button = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: label });
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

// ---- Loading on first use ----

// <html data-amm-busy> while a module loaded on first use, or a file, is on its way and not
// drawn yet; the browser tests wait for it to go. Not aria-busy: the form stays in use.
let pending = 0;
function busy(work) {
  pending += 1;
  document.documentElement.dataset.ammBusy = "";
  const done = () => {
    pending -= 1;
    if (!pending) delete document.documentElement.dataset.ammBusy;
  };
  work.then(done, done);
  return work;
}

// ---- Showing and keeping ----

let drawing = null; // results.js and onepager.js, once loaded

/** The note on answers made with another version of the model; version-note.js loads only then. */
function noteVersion(version, versioned) {
  if (version === model.version) $("amm-version").hidden = true;
  else busy(import("./version-note.js").then(({ showVersion }) => showVersion(model, version, versioned)));
}

function show() {
  const state = view?.state ?? mine;
  const base = `${location.origin}${location.pathname}`;
  const { search, cut } = format.link(state, base);
  history.replaceState(history.state, "", `${location.pathname}${format.link(state, base, highlight).search}${location.hash}`);
  $("amm-link").value = base + search;
  $("amm-link-cut").hidden = !cut;
  // Until there is an answer, the page's own text says how to start: what draws answers
  // (the results, the chart, the one-pager's marks, the reminder) loads with the first one.
  if (format.isEmpty(state) && !drawing) return;
  drawing ??= Promise.all(["results", "onepager", "keep-file"].map((name) => import(`./${name}.js`))).then(([results, onepager, keep]) => {
    keep.remind(format, () => mine, storage());
    return [results, onepager];
  });
  // Busy until drawn: a screen reader waits for the new results rather than reading the old.
  $("amm-results").setAttribute("aria-busy", "true");
  busy(
    drawing.then(([results, onepager]) => {
      const now = view?.state ?? mine; // the latest answers, however long the loading took
      results.draw(model, now);
      onepager.mark(model, now);
      $("amm-results").removeAttribute("aria-busy");
      return views.revisit?.then((revisit) => revisit.draw(now));
    }),
  );
  listEarlier();
}

function save(state, options) {
  mine = state;
  if (!keeper.save(state, options)) notice([t("This browser does not let the page save answers. Keep the link or download the JSON.")]);
}

/** Shows answers that are not the person's own, with the two ways out. */
function open(state, from) {
  view = { state, from };
  fillForm(state);
  show();
  const none = format.isEmpty(mine);
  const back = none ? [] : [{ label: t("Back to mine"), run: backToMine }];
  notice(
    [...from, none ? " Keep them, or change any answer, to save them in this browser." : " They are not saved in this browser unless you keep them, so your own answers stay as they are."],
    [{ label: t("Keep these answers"), run: () => commit(view.state, t("These are now your answers.")) }, ...back],
  );
}

function backToMine() {
  view = null;
  fillForm(mine);
  show();
  noteVersion(mine.version, true);
  notice([t("These are the answers saved in this browser.")]);
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
  tell([text + earlier], undo ? [{ label: t("Undo"), run: () => commit(before, t("Back to the answers you had before."), false) }] : []);
}

function listEarlier() {
  // After an Undo the answers are both current and earlier: list them once, as current.
  const list = keeper.earlier().filter((entry) => !format.same(entry.state, mine));
  $("amm-earlier").hidden = !list.length;
  if (list.length) busy(keep().then((files) => files.listEarlier(list)));
}

// keep.js: the files in and out and the earlier answers' list, loaded on first use.
let keeping = null;
const keep = () => (keeping ??= import("./keep.js").then(({ make }) => make({ model, format, open, tell, noteVersion, shown: () => view?.state ?? mine })));
/** keep.js's `name`, once loaded. */
const runKeep = (name, ...args) => busy(keep().then((files) => files[name](...args)));

// ---- Views most people never open, loaded on first use: compare.js and revisit.js ----
// Inside data-view="<module>", clicks, chosen and dropped files go to its handle().

const views = {};
const load = (name) => (views[name] ??= import(`./${name}.js`).then(({ make }) => make({ model, format, keeper, open, show })));

function wireViews() {
  for (const type of ["click", "change", "dragover", "drop"]) {
    document.addEventListener(type, (event) => {
      const { target } = event;
      if (type === "click" && target.dataset.pick) $(target.dataset.pick).click(); // a file input
      const name = target.closest("[data-view]")?.dataset.view;
      if (!name) return;
      if (type[0] === "d") event.preventDefault(); // allows the drop
      if (type === "dragover") return;
      const files = [...(event.dataTransfer?.files ?? target.files ?? [])]; // gone after this handler
      if (target.files) target.value = ""; // so the same file can be chosen again
      busy(load(name).then((loaded) => loaded.handle(target, files)));
    });
  }
}

// ---- Start ----

function start() {
  // The printed one-pager gives the address a reader of the paper can type, answered or blank.
  const site = $("amm-onepager-site");
  site.textContent = site.href;
  const link = format.fromSearch(location.search);
  highlight = link.highlight;
  const dropped = !link.dropped
    ? ""
    : ` ${link.dropped > 1 ? t("{n} parts of the link could not be used and were left out.", { n: link.dropped }) : t("{n} part of the link could not be used and was left out.", { n: 1 })}`;
  noteVersion(...(link.found ? [link.state.version, link.versioned] : [mine.version, true]));
  // A link too long for its plan carries the rest: it is still mine if that rest is.
  const short = (state) => format.toSearch(state, null, true);
  const isMine = format.same(link.state, mine) || (link.cut && short(link.state) === short(mine));
  const cut = link.cut ? ` ${t("The link left out the plan's actions, notes and reasons, which did not fit in it: ask for the JSON file to see them.")}` : "";
  if (link.found && !isMine) {
    open(link.state, [`${t("These answers come from the link you opened.")}${dropped}${cut}`]);
  } else {
    fillForm(mine);
    show();
    // The same answers in the address and in the browser: a reload or a bookmark.
    if (!format.isEmpty(mine) || dropped) notice([`${format.isEmpty(mine) ? "" : t("These are the answers saved in this browser on your last visit.")}${dropped}`.trim()]);
  }
  for (const id of ["amm-results", "amm-keep", "amm-compare"]) $(id).hidden = false;
  wireViews();

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
  $("amm-copy").addEventListener("click", () => runKeep("copy"));
  $("amm-json").addEventListener("click", () => runKeep("json"));
  $("amm-csv").addEventListener("click", () => runKeep("csv"));
  $("amm-file").addEventListener("change", (event) => {
    const [file] = event.target.files;
    event.target.value = ""; // so that choosing the same file again still loads it
    if (file) runKeep("importFile", file);
  });
  $("amm-print").addEventListener("click", async () => {
    await drawing; // the marks are on the page before the print dialog copies it
    window.print();
  });
  const dialog = $("amm-dialog");
  $("amm-reset").addEventListener("click", () => dialog.showModal());
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "reset") commit(format.blank(), t("All answers cleared."));
    dialog.returnValue = "";
  });
}

start();
