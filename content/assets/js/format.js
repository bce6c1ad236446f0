// The assessment's two outside forms: the file (data/schemas/assessment.schema.json, which
// `make report` reads with the same rules) and the link. No DOM here, so node's test runner
// checks it against the same example files as the Python reader.

import { oldest } from "./versions.js";

const KINDS = ["current", "target"];
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
    return rest ? `${this.shown.join("; ")} and ${rest.toLocaleString("en")} more` : this.shown.join("; ");
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

  function blank() {
    // No prototype: a link or file naming "__proto__" or "toString" finds no area here.
    const areas = Object.create(null);
    for (const id of ids) areas[id] = { current: null, target: null };
    return { team: "", date: "", areas };
  }

  const isLevel = (n) => typeof n === "number" && Number.isInteger(n) && n >= low && n <= high;

  // A real calendar day; the pattern already rules out year 0000 and month 13.
  function isDate(value) {
    if (typeof value !== "string" || !datePattern.test(value)) return false;
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }

  /** What the page keeps of any text typed or received as a team name. */
  function cleanTeam(value) {
    // Only the start can survive the cut, so a huge value costs no more than a short one.
    const start = value.slice(0, team.maxLength * 8).toWellFormed().replace(/\uFFFD/gu, "");
    const kept = Array.from(start).filter((c) => teamText.test(c));
    return cut(kept.join("").trim(), team.maxLength);
  }

  const isEmpty = (state) =>
    !state.team && !state.date && Object.values(state.areas).every((a) => a.current === null && a.target === null);

  const same = (a, b) => toSearch(a) === toSearch(b);

  // ---- The link: ?team=..&date=..&current-<id>=1&target-<id>=2 ----
  // Area names always carry a prefix, so no area id can be mistaken for team, date or the
  // site search's h. Links made before the prefix used the bare id for "current".

  function fromSearch(search) {
    const state = blank();
    let found = false;
    let dropped = 0;
    let highlight = null;
    let versioned = false;
    state.version = oldest(model); // links made before they carried ?v= came from the first release
    for (const [key, value] of new URLSearchParams(search)) {
      const [, prefix, rest] = /^(current-|target-)?(.*)$/su.exec(key);
      const area = Object.hasOwn(state.areas, rest) ? state.areas[rest] : null;
      const n = /^\d{1,3}$/u.test(value) ? Number(value) : null;
      if (key === "h") highlight = value;
      else if (key === "v" && isVersion(value)) [state.version, versioned] = [value, true];
      else if (key === "team" && cleanTeam(value)) state.team = cleanTeam(value);
      else if (key === "date" && isDate(value)) state.date = value;
      else if (area && isLevel(n)) area[prefix === "target-" ? "target" : "current"] = n;
      else {
        dropped += 1;
        continue;
      }
      if (key !== "h" && key !== "v") found = true;
    }
    return { state, found, dropped, highlight, versioned };
  }

  function toSearch(state, highlight = null) {
    const params = new URLSearchParams();
    if (highlight !== null) params.set("h", highlight);
    if (state.team) params.set("team", state.team);
    if (state.date) params.set("date", state.date);
    for (const [id, chosen] of Object.entries(state.areas)) {
      for (const kind of KINDS) if (chosen[kind] !== null) params.set(`${kind}-${id}`, chosen[kind]);
    }
    // The version the answers were given against, so a later model can say what changed.
    if (!isEmpty(state)) params.set("v", state.version ?? model.version);
    const text = params.toString();
    return text ? `?${text}` : "";
  }

  // ---- The file ----

  function toFile(state) {
    return { model: model.title, model_version: state.version ?? model.version, team: state.team, date: state.date || null, areas: state.areas };
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
    for (const key of Object.keys(value)) if (!fields.has(key)) say(excerpt(key), "is not part of an assessment file");
    if ("team" in value) {
      const text = value.team;
      if (typeof text !== "string") say("team", `must be text, not ${excerpt(text)}`);
      else {
        if (!text.isWellFormed()) say("team", "has a broken character");
        else if (!teamText.test(text)) say("team", "holds a control or direction character");
        const trimmed = text.trim();
        // A code point is one or two UTF-16 units, so only a short text needs counting.
        const long = trimmed.length > 2 * team.maxLength || [...trimmed].length > team.maxLength;
        if (long) say("team", `is longer than ${team.maxLength} characters`);
        state.team = cleanTeam(text);
      }
    }
    if (value.date !== null && value.date !== undefined) {
      if (isDate(value.date)) state.date = value.date;
      else say("date", `must be a day such as 2025-03-04, not ${excerpt(value.date)}`);
    }
    const version = value.model_version;
    if (version !== undefined && !isVersion(version)) say("model_version", `must be a version such as 1.0.0, not ${excerpt(version)}`);
    state.version = isVersion(version) ? version : oldest(model);
    if ("model" in value && (typeof value.model !== "string" || [...value.model].length > properties.model.maxLength))
      say("model", "must be the model's title");
    for (const [id, chosen] of Object.entries(value.areas)) {
      const where = `areas.${excerpt(id)}`;
      if (!Object.hasOwn(state.areas, id)) {
        say(where, "is not an area of this model");
        continue;
      }
      if (!chosen || typeof chosen !== "object" || Array.isArray(chosen)) {
        say(where, 'must look like {"current": 1, "target": 2}');
        continue;
      }
      for (const key of Object.keys(chosen)) if (!KINDS.includes(key)) say(`${where}.${excerpt(key)}`, "is not current or target");
      for (const kind of KINDS) {
        const n = chosen[kind];
        if (n === null || n === undefined) continue;
        if (isLevel(n)) state.areas[id][kind] = n;
        else say(`${where}.${kind}`, `must be a level from ${low} to ${high}, not ${excerpt(n)}`);
      }
    }
    return { state, problems, versioned: isVersion(version) };
  }

  /**
   * Reads a chosen or dropped file: what fromFile gives, or {problem} saying in a few words
   * why nothing in it can be used. The person's own text in it never reaches the message.
   */
  async function readFile(file) {
    if (file.size > model.file_max) return { problem: `is larger than ${model.file_max / 1e6} MB, the most an assessment file can be` };
    let parsed = null;
    try {
      parsed = fromFile(JSON.parse(await file.text()));
    } catch {
      // not JSON: the same answer as any other file that is not an assessment
    }
    if (!parsed || (!parsed.problems.ok && isEmpty(parsed.state))) return { problem: "is not an assessment saved from this page" };
    return parsed;
  }

  return { blank, isEmpty, same, isDate, isLevel, cleanTeam, fromSearch, toSearch, toFile, fromFile, readFile };
}
