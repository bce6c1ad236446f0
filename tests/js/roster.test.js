// The teams view lists teams by name in the reader's language, never by their levels.

import assert from "node:assert/strict";
import { test } from "node:test";

import { label, sortTeams } from "../../content/assets/js/roster.js";

const team = (name, file, level = 0) => ({ file, state: { team: name, areas: { a: { current: level } } } });

test("teams come in alphabetical order, ignoring case and accents, whatever their levels", () => {
  const teams = [team("zeta", "z.json", 3), team("Émile", "e.json", 0), team("alpha", "a.json", 1), team("Bravo", "b.json", 2)];
  assert.deepEqual(sortTeams(teams, "en").map(label), ["alpha", "Bravo", "Émile", "zeta"]);
});

test("numbers in names sort as numbers, and the order follows the reader's language", () => {
  assert.deepEqual(sortTeams([team("Team 10", "x"), team("Team 9", "y")], "en").map(label), ["Team 9", "Team 10"]);
  // Swedish puts ä after z; English sorts it with a.
  const names = [team("ärm", "1"), team("zon", "2")];
  assert.deepEqual(sortTeams(names, "en").map(label), ["ärm", "zon"]);
  assert.deepEqual(sortTeams(names, "sv").map(label), ["zon", "ärm"]);
});

test("a team without a name goes by its file name; two of one name keep a stable order", () => {
  const teams = [team("", "platform.json"), team("Ops", "ops-2.json"), team("Ops", "ops-1.json")];
  assert.deepEqual(sortTeams(teams, "en").map((t) => t.file), ["ops-1.json", "ops-2.json", "platform.json"]);
  assert.equal(label(teams[0]), "platform.json");
});
