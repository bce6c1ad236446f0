// Then and now: the words for how far a level moved.

import assert from "node:assert/strict";
import { test } from "node:test";

import { change } from "../../content/assets/js/revisit.js";

test("a level that moved says which way and how far; one not picked then or now says nothing", () => {
  assert.equal(change(0, 2), "Up 2");
  assert.equal(change(3, 1), "Down 2");
  assert.equal(change(1, 1), "Same");
  assert.equal(change(0, 0), "Same", "level 0 is a level, not a missing answer");
  assert.equal(change(null, 2), "–");
  assert.equal(change(2, null), "–");
});
