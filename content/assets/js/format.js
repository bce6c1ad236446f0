// The assessment's two outside forms: the file (data/schemas/assessment.schema.json, which
// `make report` reads with the same rules) and the link. No DOM here, so node's test runner
// checks it against the same example files as the Python reader.

import { t } from "./strings.js";

const KINDS = ["current", "target"];
const PLAN = ["what", "who", "by"]; // an action's fields
const AREA_FIELDS = [...KINDS, "practices", "actions", "notes", "not_applicable"];
const SHOWN = 5; // problems listed by name; the rest are counted
const EXCERPT = 40; // characters of a bad value that a message quotes

// A pattern as JSON Schema means it (ECMA-262), anchored by the schema itself.
const pattern = (text) => new RegExp(text, "u");

// Characters that would reorder the text around them or act on a terminal, shown escaped.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A short, inert quote of any value for a message: at most EXCERPT characters. */
export function excerpt(value) {
  if (value === null || typeof value !== "object") {
    const text = typeof value === "string" ? value : String(value);
    const chars = Array.from(text.slice(0, EXCERPT * 2)).slice(0, EXCERPT).join("");
    const shown = chars.toWellFormed().replace(HIDDEN, (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, "0")}`);
    const quoted = typeof value === "string" ? `"${shown}"` : shown;
    return chars.length < text.length ? `${quoted}…` : quoted;
  }
  return Array.isArray(value) ? "a list" : "an object";
}

/** Counts problems and keeps the first few, so one huge bad file cannot flood the page. */
export class Problems {
  constructor() {
    this.shown = [];
    this.count = 0;
  }
  add(text) {
    this.count += 1;
    if (this.shown.length < SHOWN) this.shown.push(text);
  }
  get ok() {
    return this.count === 0;
  }
  /** "a, b and 3 more" */
  toString() {
    const rest = this.count - this.shown.length;
    return rest ? t("{problems} and {n} more", { problems: this.shown.join("; "), n: rest.toLocaleString("en") }) : this.shown.join("; ");
  }
}

/** Cuts text to `max` code points (the schema's maxLength), never inside a character or a grapheme. */
export function cut(text, max) {
  if ([...text].length <= max) return text;
  let out = "";
  let used = 0;
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) {
    used += [...segment].length;
    if (used > max) break;
    out += segment;
  }
  return out;
}

/** What a link or file without a version was made with: the first release the site knows. */
export const oldest = (model) => model.releases?.at(-1)?.version ?? model.version;

/** The rules for one model, read from the schema embedded in the page. */
export function makeFormat(model) {
  const { properties, $defs } = model.schema;
  const team = properties.team;
  const teamText = pattern(team.pattern);
  const datePattern = pattern(properties.date.pattern);
  const versionText = pattern(properties.model_version.pattern);
  const isVersion = (value) => typeof value === "string" && versionText.test(value);
  const { minimum: low, maximum: high } = $defs.level;
  const fields = new Set(Object.keys(properties));
  const ids = model.areas.map((area) => area.id);
  const { actions, notes, not_applicable: na } = properties.areas.additionalProperties.properties;
  const line = pattern($defs.line.pattern);
  // Each text field's limit and the rule for its characters: only notes keep line breaks.
  const TEXTS = {
    team: [team.maxLength, teamText],
    what: [actions.items.properties.what.maxLength, line],
    who: [actions.items.properties.who.maxLength, line],
    notes: [notes.maxLength, pattern(notes.pattern)],
    reason: [na.properties.reason.maxLength, line],
  };
  // The practice ids of each area, lowest level first: ticks keep this order.
  const practices = Object.fromEntries(model.areas.map((a) => [a.id, a.cells.flatMap((c) => c.practices.map((p) => p.id))]));

  function blank() {
    // No prototype: a link or file naming "__proto__" or "toString" finds no area here.
    const areas = Object.create(null);
    // done: ticked practice ids; actions: [{what, who, by}]; na: null, or why it does not apply
    for (const id of ids) areas[id] = { current: null, target: null, done: [], actions: [], notes: "", na: null };
    return { team: "", date: "", areas };
  }

  const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

  const isLevel = (n) => typeof n === "number" && Number.isInteger(n) && n >= low && n <= high;

  // A real calendar day; the pattern already rules out year 0000 and month 13.
  function isDate(value) {
    if (typeof value !== "string" || !datePattern.test(value)) return false;
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }

  /** What the page keeps of any text typed or received for a field of TEXTS. */
  function clean(value, field = "team") {
    const [max, allowed] = TEXTS[field];
    // Only the start can survive the cut, so a huge value costs no more than a short one.
    const start = value.slice(0, max * 8).toWellFormed().replace(/\uFFFD/gu, "");
    const kept = Array.from(start).filter((c) => allowed.test(c));
    return cut(kept.join("").trim(), max);
  }
  const cleanTeam = (value) => clean(value);

  const isEmpty = (state) =>
    !state.team &&
    !state.date &&
    Object.values(state.areas).every((a) => a.current === null && a.target === null && !a.done.length && !a.actions.length && !a.notes && a.na === null);

  const same = (a, b) => JSON.stringify(toFile(a)) === JSON.stringify(toFile(b));

  /** Whether an area counts in the chart, the results and a comparison. */
  const applies = (state, id) => state.areas[id].na === null;

  // ---- The link: ?team=..&date=..&current-<id>=1&target-<id>=2 ----
  // Area names always carry a prefix, so no area id can be mistaken for team, date or the
  // site search's h. Links made before the prefix used the bare id for "current".
  // The rest of an area: done-<id>=tick.tick, na-<id>=reason, notes-<id>=text and
  // what-<id>-1, who-<id>-1, by-<id>-1 for its first action (-2 for the second).

  /** Reads one parameter into an area of `state`; false when it is not fully usable. */
  function readParam(state, key, value) {
    const [, prefix = "current", rest] = /^(?:(current|target|done|na|notes|what|who|by)-)?(.*)$/su.exec(key);
    const [, id, n] = PLAN.includes(prefix) ? (/^(.*)-([12])$/su.exec(rest) ?? []) : [key, rest];
    const area = Object.hasOwn(state.areas, id) ? state.areas[id] : null;
    if (!area) return false;
    if (KINDS.includes(prefix)) {
      const level = /^\d{1,3}$/u.test(value) ? Number(value) : null;
      if (isLevel(level)) area[prefix] = level;
      return isLevel(level);
    }
    if (prefix === "done") {
      const ticks = value.split(".");
      area.done = practices[id].filter((p) => ticks.includes(p));
      return ticks.every((p) => practices[id].includes(p));
    }
    if (prefix === "na") area.na = clean(value, "reason");
    else if (prefix === "notes") area.notes = clean(value, "notes");
    else {
      const todo = (area.actions[n - 1] ??= { what: "", who: "", by: "" });
      if (prefix !== "by") todo[prefix] = clean(value, prefix);
      else if (isDate(value)) todo.by = value;
      else return false;
    }
    return true;
  }

  function fromSearch(search) {
    const state = blank();
    let found = false;
    let dropped = 0;
    let highlight = null;
    let versioned = false;
    let cut = false; // the link left the plan out: it is in the file
    state.version = oldest(model); // links made before they carried ?v= came from the first release
    for (const [key, value] of new URLSearchParams(search)) {
      if (key === "h") highlight = value;
      else if (key === "v" && isVersion(value)) [state.version, versioned] = [value, true];
      else if (key === "team" && cleanTeam(value)) state.team = cleanTeam(value);
      else if (key === "date" && isDate(value)) state.date = value;
      else if (key === "plan" && value === "file") cut = true;
      else if (!readParam(state, key, value)) {
        dropped += 1;
        continue;
      }
      if (key !== "h" && key !== "v") found = true;
    }
    for (const area of Object.values(state.areas)) area.actions = area.actions.filter((a) => a && (a.what || a.who || a.by));
    return { state, found, dropped, highlight, versioned, cut };
  }

  /** The query of a link; `short` leaves out the plan's text and says so with plan=file. */
  function toSearch(state, highlight = null, short = false) {
    const params = new URLSearchParams();
    if (highlight !== null) params.set("h", highlight);
    if (state.team) params.set("team", state.team);
    if (state.date) params.set("date", state.date);
    for (const [id, chosen] of Object.entries(state.areas)) {
      for (const kind of KINDS) if (chosen[kind] !== null) params.set(`${kind}-${id}`, chosen[kind]);
      if (chosen.done.length) params.set(`done-${id}`, chosen.done.join("."));
      if (chosen.na !== null) params.set(`na-${id}`, short ? "" : chosen.na);
      if (short) continue;
      chosen.actions.forEach((todo, i) => PLAN.forEach((key) => todo[key] && params.set(`${key}-${id}-${i + 1}`, todo[key])));
      if (chosen.notes) params.set(`notes-${id}`, chosen.notes);
    }
    if (short) params.set("plan", "file");
    // The version the answers were given against, so a later model can say what changed.
    if (!isEmpty(state)) params.set("v", state.version ?? model.version);
    const text = params.toString();
    return text ? `?${text}` : "";
  }

  /**
   * The link for the page at `base`: with the whole plan while it fits in model.link_max
   * characters, else without the plan's text (`cut`), which the file then carries alone.
   */
  function link(state, base, highlight = null) {
    const whole = toSearch(state);
    const cut = (base + whole).length > model.link_max && toSearch(state, null, true).length < whole.length;
    return { search: toSearch(state, highlight, cut), cut };
  }

  // ---- The file ----

  function toFile(state) {
    const areas = {};
    for (const [id, a] of Object.entries(state.areas)) {
      const out = (areas[id] = { current: a.current, target: a.target });
      if (a.done.length) out.practices = a.done;
      if (a.actions.length) out.actions = a.actions.map((todo) => Object.fromEntries(PLAN.filter((k) => todo[k]).map((k) => [k, todo[k]])));
      if (a.notes) out.notes = a.notes;
      if (a.na !== null) out.not_applicable = a.na ? { reason: a.na } : {};
    }
    return { model: model.title, model_version: state.version ?? model.version, team: state.team, date: state.date || null, areas };
  }

  /** Checks a text field of a file and returns what the page keeps of it ("" if unusable). */
  function text(value, field, where, say) {
    if (value === undefined) return "";
    const [max, allowed] = TEXTS[field];
    if (typeof value !== "string") {
      say(where, t("must be text, not {value}", { value: excerpt(value) }));
      return "";
    }
    if (!value.isWellFormed()) say(where, t("has a broken character"));
    else if (!allowed.test(value)) say(where, t("holds a control or direction character"));
    const trimmed = value.trim();
    // A code point is one or two UTF-16 units, so only a short text needs counting.
    if (trimmed.length > 2 * max || [...trimmed].length > max) say(where, t("is longer than {max} characters", { max }));
    return clean(value, field);
  }

  /** The ticks, actions, notes and "does not apply" of one area of a file, into `into`. */
  function readPlan(value, id, into, where, say) {
    const { practices: ticks, actions: todos, not_applicable: none } = value;
    if (ticks !== undefined) {
      if (!Array.isArray(ticks)) say(`${where}.practices`, t("must be a list of practice ids"));
      else {
        ticks.forEach((tick, i) => {
          if (!practices[id].includes(tick)) say(`${where}.practices[${i}]`, t("{value} is not a practice of this area", { value: excerpt(tick) }));
          else if (ticks.indexOf(tick) < i) say(`${where}.practices[${i}]`, t("{value} is listed twice", { value: excerpt(tick) }));
        });
        into.done = practices[id].filter((p) => ticks.includes(p));
      }
    }
    if (todos !== undefined) {
      if (!Array.isArray(todos) || todos.length > actions.maxItems) say(`${where}.actions`, t("must be a list of at most {n} actions", { n: actions.maxItems }));
      else {
        todos.forEach((todo, i) => {
          const at = `${where}.actions[${i}]`;
          if (!isObject(todo)) return say(at, t('must look like {"what": "…", "who": "…", "by": "2025-06-30"}'));
          for (const key of Object.keys(todo)) if (!PLAN.includes(key)) say(`${at}.${excerpt(key)}`, t("is not what, who or by"));
          const got = { what: text(todo.what, "what", `${at}.what`, say), who: text(todo.who, "who", `${at}.who`, say), by: "" };
          if (isDate(todo.by)) got.by = todo.by;
          else if (todo.by !== null && todo.by !== undefined) say(`${at}.by`, t("must be a day such as 2025-06-30, not {value}", { value: excerpt(todo.by) }));
          if (got.what || got.who || got.by) into.actions.push(got);
        });
      }
    }
    into.notes = text(value.notes, "notes", `${where}.notes`, say);
    if (none === undefined) return;
    if (!isObject(none)) return say(`${where}.not_applicable`, t('must look like {"reason": "…"}'));
    for (const key of Object.keys(none)) if (key !== "reason") say(`${where}.not_applicable.${excerpt(key)}`, t("is not reason"));
    into.na = text(none.reason, "reason", `${where}.not_applicable.reason`, say);
  }

  /**
   * Reads a parsed JSON value. Returns null when it is not an assessment at all; otherwise
   * the usable answers and the problems, which are empty exactly when `make report` accepts it.
   */
  function fromFile(value) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    if (!value.areas || typeof value.areas !== "object" || Array.isArray(value.areas)) return null;
    const state = blank();
    const problems = new Problems();
    const say = (where, message) => problems.add(`${where}: ${message}`);
    for (const key of Object.keys(value)) if (!fields.has(key)) say(excerpt(key), t("is not part of an assessment file"));
    state.team = text(value.team, "team", "team", say);
    if (value.date !== null && value.date !== undefined) {
      if (isDate(value.date)) state.date = value.date;
      else say("date", t("must be a day such as 2025-03-04, not {value}", { value: excerpt(value.date) }));
    }
    const version = value.model_version;
    if (version !== undefined && !isVersion(version)) say("model_version", t("must be a version such as 1.0.0, not {value}", { value: excerpt(version) }));
    state.version = isVersion(version) ? version : oldest(model);
    if ("model" in value && (typeof value.model !== "string" || [...value.model].length > properties.model.maxLength))
      say("model", t("must be the model's title"));
    for (const [id, chosen] of Object.entries(value.areas)) {
      const where = `areas.${excerpt(id)}`;
      if (!Object.hasOwn(state.areas, id)) {
        say(where, t("is not an area of this model"));
        continue;
      }
      if (!isObject(chosen)) {
        say(where, t('must look like {"current": 1, "target": 2}'));
        continue;
      }
      for (const key of Object.keys(chosen)) if (!AREA_FIELDS.includes(key)) say(`${where}.${excerpt(key)}`, t("is not a field of an area"));
      for (const kind of KINDS) {
        const n = chosen[kind];
        if (n === null || n === undefined) continue;
        if (isLevel(n)) state.areas[id][kind] = n;
        else say(`${where}.${kind}`, t("must be a level from {low} to {high}, not {value}", { low, high, value: excerpt(n) }));
      }
      readPlan(chosen, id, state.areas[id], where, say);
    }
    return { state, problems, versioned: isVersion(version) };
  }

  /**
   * Reads a chosen or dropped file: what fromFile gives, or {problem} saying in a few words
   * why nothing in it can be used. The person's own text in it never reaches the message.
   */
  async function readFile(file) {
    if (file.size > model.file_max) return { problem: t("is larger than {mb} MB, the most an assessment file can be", { mb: model.file_max / 1e6 }) };
    let parsed = null;
    try {
      parsed = fromFile(JSON.parse(await file.text()));
    } catch {
      // not JSON: the same answer as any other file that is not an assessment
    }
    if (!parsed || (!parsed.problems.ok && isEmpty(parsed.state))) return { problem: t("is not an assessment saved from this page") };
    return parsed;
  }

  return { blank, isEmpty, same, applies, isDate, isLevel, clean, cleanTeam, fromSearch, toSearch, link, toFile, fromFile, readFile };
}
