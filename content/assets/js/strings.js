// The interface in the reader's language. The generator writes each English text of these
// modules and its translation into <script type="application/json" id="amm-strings">, as it
// does for the templates' strings; a text missing there shows in English. Write every
// user-visible text as t("English text", {name: value}), with {name} for what varies, so a
// translation can move the values where its grammar needs them.

const island = globalThis.document?.getElementById("amm-strings");
const table = island ? JSON.parse(island.textContent) : {};

export function t(text, values = {}) {
  const chosen = Object.hasOwn(table, text) ? table[text] : text;
  return chosen.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
