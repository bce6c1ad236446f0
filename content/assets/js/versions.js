// Which version of the model answers were given against, and which cells changed since.
// A cell's text is what a team rated, so a changed cell is an answer worth checking again.
// No DOM here, so node's test runner checks it.

const parts = (version) => version.split(".").map(Number);

/** True when `version` comes before `than` (both MAJOR.MINOR.PATCH). */
export function isOlder(version, than) {
  const [a, b] = [parts(version), parts(than)];
  const i = a.findIndex((n, j) => n !== b[j]);
  return i >= 0 && a[i] < b[i];
}

// Here in format.js, which reads every link and file, so a first visit loads no more than it.
export { oldest } from "./format.js";

/**
 * The cells that releases after `version` changed, each once, in the model's order, with
 * their notes oldest first: [{area, level, url, notes}].
 */
export function changedSince(model, version) {
  const cells = new Map();
  for (const release of [...(model.releases ?? [])].reverse()) {
    if (!isOlder(version, release.version)) continue;
    for (const { area, level, url, note } of release.cells) {
      const key = `${area}/${level}`;
      if (!cells.has(key)) cells.set(key, { area, level, url, notes: [] });
      cells.get(key).notes.push(note);
    }
  }
  const order = (cell) => model.areas.findIndex((a) => a.id === cell.area) * 100 + cell.level;
  return [...cells.values()].sort((a, b) => order(a) - order(b));
}
