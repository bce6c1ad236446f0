// t() for a sentence with a node in it, such as a file's name through own(): the node stays
// a node wherever the translation puts it, so a name never becomes markup. Only the views
// that load on first use need it, which keeps it out of the page's first load.

import { t } from "./strings.js";

/** t(text) as a list for el() or append(); a value may be a node or a list of nodes and texts. */
export function tParts(text, values = {}) {
  // t() leaves a {name} it has no value for; split on it, and the names are the odd items.
  return t(text)
    .split(/\{(\w+)\}/)
    .flatMap((part, i) => (i % 2 ? (Object.hasOwn(values, part) ? [values[part]].flat() : [`{${part}}`]) : [part]))
    .map((item) => (typeof item === "number" ? String(item) : item))
    .filter((item) => item !== "");
}
