// The saved answers and their earlier versions, with a stand-in for localStorage.

import assert from "node:assert/strict";
import { test } from "node:test";

import { makeFormat } from "../../content/assets/js/format.js";
import { summary } from "../../content/assets/js/results.js";
import { EARLIER_MAX, Keeper } from "../../content/assets/js/state.js";
import { model } from "./helpers.js";

const format = makeFormat(model);

function memory(items = {}) {
  return { getItem: (key) => items[key] ?? null, setItem: (key, value) => (items[key] = value), items };
}

function answers(team, meetings = 1) {
  const state = format.blank();
  state.team = team;
  state.areas.meetings.current = meetings;
  return state;
}

test("typing saves quietly; an explicit replacement lists what it replaced", () => {
  let clock = 0;
  const keeper = new Keeper(memory(), format, () => new Date(Date.UTC(2025, 0, 1, 0, clock++)));
  keeper.save(answers("Ops"), { quiet: true });
  keeper.save(answers("Ops", 2), { quiet: true });
  assert.deepEqual(keeper.earlier(), []);
  keeper.save(answers("Web"));
  assert.equal(keeper.own().team, "Web");
  const [entry] = keeper.earlier();
  assert.equal(entry.state.team, "Ops");
  assert.equal(entry.state.areas.meetings.current, 2);
  assert.equal(entry.at, "2025-01-01T00:00:00.000Z");
});

test("earlier versions are kept newest first, once each, at most EARLIER_MAX", () => {
  const keeper = new Keeper(memory(), format);
  keeper.save(answers("first"));
  for (let i = 0; i < EARLIER_MAX + 5; i++) keeper.save(answers(`team ${i}`));
  keeper.save(answers("team 3")); // back to one already listed: it moves to the top
  const teams = keeper.earlier().map((entry) => entry.state.team);
  assert.equal(teams.length, EARLIER_MAX);
  assert.equal(teams[0], `team ${EARLIER_MAX + 4}`);
  assert.equal(new Set(teams).size, teams.length);
});

test("replacing empty answers, or the same ones, lists nothing", () => {
  const keeper = new Keeper(memory(), format);
  keeper.save(answers("Ops"));
  keeper.save(answers("Ops"));
  assert.deepEqual(keeper.earlier(), []);
});

test("unreadable or hostile storage starts blank instead of failing", () => {
  const keeper = new Keeper(memory({ "amm-assessment": "{not json", "amm-assessment-earlier": '[{"at": "x", "file": 1}, null]' }), format);
  assert.ok(format.isEmpty(keeper.own()));
  assert.deepEqual(keeper.earlier(), []);
  const full = new Keeper({ getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } }, format);
  assert.equal(full.save(answers("Ops")), false);
});

test("the summary names the largest gap", () => {
  const state = format.blank();
  assert.match(summary(model, state), /^Pick where the team is today/u);
  Object.assign(state.areas.meetings, { current: 0, target: 3 });
  Object.assign(state.areas.documentation, { current: 1, target: 2 });
  assert.equal(summary(model, state), "Current level picked in 2 of 5 areas, target in 2. Largest gap: meetings, 3 levels to go.");
});

test("areas tied for the largest gap are all named, none ranked above the others", () => {
  const state = format.blank();
  for (const id of ["documentation", "meetings", "work-tracking"]) Object.assign(state.areas[id], { current: 1, target: 2 });
  const [first, second, third] = model.areas.map((area) => area.title).filter((title) => ["documentation", "meetings", "work-tracking"].includes(title));
  assert.equal(summary(model, state), `Current level picked in 3 of 5 areas, target in 3. Largest gaps, one level to go: ${first}, ${second}, and ${third}.`);
});
