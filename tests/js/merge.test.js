// The facilitator's merge: links read one by one, medians, and the areas far apart first.

import assert from "node:assert/strict";
import { test } from "node:test";

import { makeFormat } from "../../content/assets/js/format.js";
import { median, merge, middle, readLink } from "../../content/assets/js/merge.js";
import { AREA_IDS, levels, model } from "./helpers.js";

const format = makeFormat(model);
const [first, second, third] = AREA_IDS;

/** A member with `levels` as {area: [current, target]}. */
function member(levels, team = "") {
  const state = format.blank();
  state.team = team;
  for (const [id, [current, target]] of Object.entries(levels)) Object.assign(state.areas[id], { current, target });
  return { state };
}

test("a whole link, its query alone and a link from another copy of the site all read the same", () => {
  const query = `?team=Ana&current-${first}=1&target-${first}=3`;
  for (const line of [`https://example.org/assessment/${query}`, `  ${query}  `, `http://127.0.0.1:8000/assessment/${query}#area-x`]) {
    const { state, problem } = readLink(format, line);
    assert.equal(problem, undefined, line);
    assert.equal(state.team, "Ana");
    assert.deepEqual(levels(state.areas[first]), { current: 1, target: 3 });
  }
});

test("a line with no answer in it is a problem, never an empty member", () => {
  for (const line of ["hello", "https://example.org/assessment/", "?team=Ana", `?current-${first}=9`, "http://[::1", "?h=search"]) {
    assert.match(readLink(format, line).problem, /not a link with answers/u, line);
  }
});

test("a link with a broken part keeps its good parts and counts the rest", () => {
  const { state, dropped } = readLink(format, `?current-${first}=2&current-${second}=banana`);
  assert.equal(state.areas[first].current, 2);
  assert.equal(dropped, 1);
});

test("the median is the middle answer, or halfway between the two middle ones", () => {
  assert.equal(median([]), null);
  assert.equal(median([3]), 3);
  assert.equal(median([3, 0, 1]), 1);
  assert.equal(median([0, 3, 1, 2]), 1.5);
  assert.equal(median([2, 2, 0, 2]), 2);
});

test("areas answered two or more levels apart come first, widest first; the rest keep the model's order", () => {
  const members = [
    member({ [first]: [1, 2], [second]: [0, 1], [third]: [1, 1] }),
    member({ [first]: [1, 2], [second]: [2, 2], [third]: [1, 3] }),
    member({ [first]: [2, 2], [second]: [3, 3], [third]: [1, 1] }),
  ];
  const rows = merge(model, members);
  assert.deepEqual(rows.map((row) => [row.area.id, row.apart]).slice(0, 3), [[second, 3], [third, 2], [first, 1]]);
  assert.deepEqual(rows.slice(3).map((row) => row.area.id), AREA_IDS.slice(3), "untouched areas keep their order");
  assert.deepEqual(rows[0].current, { picks: [0, 2, 3], median: 2, spread: 3 });
  assert.deepEqual(rows[1].target, { picks: [1, 3, 1], median: 1, spread: 2 });
});

test("a member who skipped an area is left out of its median and spread, not counted as level 0", () => {
  const rows = merge(model, [member({ [first]: [3, null] }), member({ [first]: [null, null] }), member({ [first]: [2, 3] })]);
  const row = rows.find((r) => r.area.id === first);
  assert.deepEqual(row.current, { picks: [3, null, 2], median: 2.5, spread: 1 });
  assert.deepEqual(row.target, { picks: [null, null, 3], median: 3, spread: 0 });
  assert.equal(row.apart, 1);
});

test("the team's starting answers are the medians rounded down, with a team name only when all agree", () => {
  const members = [member({ [first]: [1, 2] }, "Platform"), member({ [first]: [2, 3] }, "Platform")];
  const start = middle(format, merge(model, members), members);
  assert.equal(start.team, "Platform");
  assert.deepEqual(levels(start.areas[first]), { current: 1, target: 2 });
  assert.deepEqual(levels(start.areas[second]), { current: null, target: null });
  const named = [...members, member({}, "Ana")];
  assert.equal(middle(format, merge(model, named), named).team, "");
  assert.ok(format.fromFile(format.toFile(start)).problems.ok, "the file it makes is a valid assessment");
});
