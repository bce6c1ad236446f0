import { test } from "node:test";
import assert from "node:assert/strict";
import { t } from "../../content/assets/js/strings.js";

test("a text with no translation shows in English, its values filled in", () => {
  assert.equal(t("{count} members' answers compared.", { count: 5 }), "5 members' answers compared.");
});

test("a name with no value is left as written, so a missing value shows rather than vanishes", () => {
  assert.equal(t("Answers are {apart} levels apart.", {}), "Answers are {apart} levels apart.");
});
