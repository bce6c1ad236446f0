// The page's island of translations, as the build writes it on a Spanish page: set before
// strings.js is first imported, since it reads the island once. Node runs each test file in
// a process of its own, so the other tests keep seeing a page without one.
import { test } from "node:test";
import assert from "node:assert/strict";

const SPANISH = {
  "Next: level {level}.": "Siguiente: nivel {level}.",
  "{day} {month}": "{day} de {month}",
  "Loaded {file}.": "{file}: cargado.",
};
globalThis.document = {
  getElementById: (id) => (id === "amm-strings" ? { textContent: JSON.stringify(SPANISH) } : null),
};
const { t } = await import("../../content/assets/js/strings.js");
const { tParts } = await import("../../content/assets/js/parts.js");

test("a translated text shows in the page's language, with its values filled in", () => {
  assert.equal(t("Next: level {level}.", { level: 2 }), "Siguiente: nivel 2.");
  assert.equal(t("Not translated"), "Not translated");
});

test("a translation moves the values, and the nodes among them, where its grammar needs them", () => {
  assert.deepEqual(tParts("{day} {month}", { day: 3, month: "marzo" }), ["3", " de ", "marzo"]);
  const name = { node: "bdi" };
  assert.deepEqual(tParts("Loaded {file}.", { file: name }), [name, ": cargado."]);
});
