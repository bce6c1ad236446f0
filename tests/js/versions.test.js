// Reading the version of a link or file, and which cells changed since it.

import assert from "node:assert/strict";
import { test } from "node:test";

import { makeFormat } from "../../content/assets/js/format.js";
import { changedSince, isOlder, oldest } from "../../content/assets/js/versions.js";
import { AREA_IDS, model as base } from "./helpers.js";

const [first, second] = AREA_IDS;
const cell = (area, level, note) => ({ area, level, url: `../areas/${area}/level-${level}/`, note });
// Newest first, as data/changelog.yml lists them.
const model = {
  ...base,
  version: "1.10.0",
  releases: [
    { version: "1.10.0", cells: [cell(second, 1, "Later."), cell(first, 2, "Again.")] },
    { version: "1.2.0", cells: [cell(first, 2, "Reworded."), cell(first, 0, "New step.")] },
    { version: "1.0.0", cells: [] },
  ],
};
const format = makeFormat(model);

test("versions compare by number, not as text", () => {
  assert.ok(isOlder("1.2.0", "1.10.0"));
  assert.ok(!isOlder("1.10.0", "1.2.0"));
  assert.ok(!isOlder("1.2.0", "1.2.0"));
  assert.ok(isOlder("0.9.9", "1.0.0"));
});

test("the cells changed since a version come once each, in the model's order, notes oldest first", () => {
  const since = changedSince(model, "1.0.0");
  assert.deepEqual(
    since.map((c) => [c.area, c.level, c.notes]),
    [
      [first, 0, ["New step."]],
      [first, 2, ["Reworded.", "Again."]],
      [second, 1, ["Later."]],
    ],
  );
  assert.equal(since[0].url, `../areas/${first}/level-0/`);
  assert.deepEqual(changedSince(model, "1.2.0").map((c) => [c.area, c.level]), [[first, 2], [second, 1]]);
  assert.deepEqual(changedSince(model, "1.10.0"), []);
  assert.deepEqual(changedSince(model, "2.0.0"), [], "a newer file has nothing to re-check here");
});

test("a link carries its version, and one without is taken as the oldest release", () => {
  const state = format.blank();
  state.areas[first].current = 1;
  const search = format.toSearch(state);
  assert.match(search, /&v=1\.10\.0$/u);
  assert.equal(format.fromSearch(search).state.version, "1.10.0");
  assert.ok(format.fromSearch(search).versioned);
  const old = format.fromSearch(`?current-${first}=1`);
  assert.equal(old.state.version, oldest(model));
  assert.equal(old.state.version, "1.0.0");
  assert.ok(!old.versioned);
  assert.equal(format.toSearch(old.state), `?current-${first}=1&v=1.0.0`, "an old link keeps its version when shown");
  assert.equal(format.fromSearch("?v=1.2.0").found, false, "a version alone is not an assessment");
  assert.equal(format.toSearch(format.blank()), "", "nothing picked, no version");
});

test("a malformed version in a link is dropped; in a file it is a problem", () => {
  const link = format.fromSearch(`?current-${first}=1&v=1.2`);
  assert.equal(link.dropped, 1);
  assert.equal(link.state.version, "1.0.0");
  const bad = format.fromFile({ model_version: "v1.2", areas: {} });
  assert.match(String(bad.problems), /model_version: must be a version such as 1\.0\.0, not "v1\.2"/u);
  assert.equal(bad.state.version, "1.0.0");
  const good = format.fromFile({ model_version: "1.2.0", areas: {} });
  assert.ok(good.problems.ok && good.versioned);
  assert.equal(good.state.version, "1.2.0");
  assert.equal(format.toFile(good.state).model_version, "1.2.0", "a file keeps the version it was made with");
  assert.equal(format.toFile(format.blank()).model_version, "1.10.0");
  const none = format.fromFile({ areas: {} });
  assert.ok(!none.versioned);
  assert.equal(none.state.version, "1.0.0");
});
