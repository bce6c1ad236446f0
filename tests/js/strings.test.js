import { test } from "node:test";
import assert from "node:assert/strict";
import { t } from "../../content/assets/js/strings.js";
import { tParts } from "../../content/assets/js/parts.js";

test("a text with no translation shows in English, its values filled in", () => {
  assert.equal(t("{count} members' answers compared.", { count: 5 }), "5 members' answers compared.");
});

test("a name with no value is left as written, so a missing value shows rather than vanishes", () => {
  assert.equal(t("Answers are {apart} levels apart.", {}), "Answers are {apart} levels apart.");
});

test("tParts keeps a node a node, wherever the text puts it", () => {
  const name = { node: "bdi" };
  assert.deepEqual(tParts("Loaded {file}.", { file: name }), ["Loaded ", name, "."]);
  assert.deepEqual(tParts("{count} of {all}", { count: 2, all: 5 }), ["2", " of ", "5"]);
  assert.deepEqual(tParts("Skipped: {list}.", { list: [name, "; ", "line 3"] }), ["Skipped: ", name, "; ", "line 3", "."]);
});
