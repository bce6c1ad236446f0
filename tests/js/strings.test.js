import { test } from "node:test";
import assert from "node:assert/strict";
import { t, tParts } from "../../content/assets/js/strings.js";

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

test("with the page's island, a translation moves the values where its grammar needs them", async () => {
  const spanish = { "Next: level {level}.": "Siguiente: nivel {level}.", "{day} {month}": "{day} de {month}" };
  globalThis.document = { getElementById: (id) => (id === "amm-strings" ? { textContent: JSON.stringify(spanish) } : null) };
  try {
    const fresh = await import("../../content/assets/js/strings.js?island");
    assert.equal(fresh.t("Next: level {level}.", { level: 2 }), "Siguiente: nivel 2.");
    assert.deepEqual(fresh.tParts("{day} {month}", { day: 3, month: "marzo" }), ["3", " de ", "marzo"]);
    assert.equal(fresh.t("Not translated"), "Not translated");
  } finally {
    delete globalThis.document;
  }
});
