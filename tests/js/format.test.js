// The page's reader of files and links, against the same example files as tests/test_report.py.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { toCSV } from "../../content/assets/js/csv.js";
import { cut, excerpt, makeFormat } from "../../content/assets/js/format.js";
import { FIXTURES, fixtures, model } from "./helpers.js";

const format = makeFormat(model);

function judge(name) {
  const parsed = format.fromFile(JSON.parse(readFileSync(FIXTURES + name, "utf8")));
  return parsed !== null && parsed.problems.ok;
}

test("the page accepts exactly the example files named valid", () => {
  const names = fixtures();
  assert.ok(names.length >= 20, "the examples are found");
  const wrong = names.filter((name) => judge(name) !== name.startsWith("valid-"));
  assert.deepEqual(wrong, []);
});

test("every file the page saves, it reads back unchanged and without a problem", () => {
  const state = format.blank();
  state.team = format.cleanTeam(`${"👩🏽‍💻".repeat(20)}\u202e`);
  state.date = "2024-02-29";
  state.areas.meetings = { current: 1, target: 3 };
  const file = JSON.parse(JSON.stringify(format.toFile(state)));
  const back = format.fromFile(file);
  assert.ok(back.problems.ok, String(back.problems));
  assert.ok(format.same(back.state, state));
});

test("a team name is cut at a whole character and grapheme, never inside one", () => {
  const family = "👨‍👩‍👧"; // 5 code points, 8 UTF-16 units
  const team = format.cleanTeam("a".repeat(77) + family);
  assert.equal(team, "a".repeat(77));
  assert.ok(team.isWellFormed());
  assert.equal(cut("e\u0301".repeat(3), 5), "e\u0301e\u0301");
  const emoji = format.cleanTeam("😀".repeat(100));
  assert.equal([...emoji].length, 80);
  assert.ok(emoji.isWellFormed());
});

test("control characters and direction overrides never reach a team name", () => {
  assert.equal(format.cleanTeam("\u001b[2J Ops \u202etxet\u2066"), "[2J Ops txet");
  assert.equal(format.cleanTeam("Ops \ud83d"), "Ops");
});

test("new links prefix areas, so no area id can clash with team, date or h", () => {
  const clash = makeFormat({ ...model, areas: [...model.areas, { id: "team", title: "Team", cells: [] }] });
  const state = clash.blank();
  state.team = "Ops";
  state.areas.team = { current: 2, target: 3 };
  const search = clash.toSearch(state, "word");
  assert.equal(search, "?h=word&team=Ops&current-team=2&target-team=3&v=1.0.0");
  const back = clash.fromSearch(search);
  assert.ok(clash.same(back.state, state));
  assert.equal(back.highlight, "word");
  assert.equal(back.dropped, 0);
});

test("links made before the prefix still read", () => {
  const { state, found, dropped } = format.fromSearch("?team=Ops&meetings=1&target-meetings=2&documentation=0");
  assert.ok(found);
  assert.equal(dropped, 0);
  assert.deepEqual({ ...state.areas.meetings }, { current: 1, target: 2 });
  assert.equal(state.areas.documentation.current, 0);
});

test("a link of tracking tags alone finds nothing, and its names are only counted", () => {
  const link = format.fromSearch("?utm_source=news&fbclid=abc&email+your+answers+to+me=1");
  assert.equal(link.found, false);
  assert.equal(link.dropped, 3);
  assert.ok(format.isEmpty(link.state));
});

test("the site search's h alone is not an assessment", () => {
  assert.equal(format.fromSearch("?h=meetings").found, false);
});

test("a file's problems are listed briefly and counted, however many and however long", () => {
  const areas = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`sales-${i}`, { current: 1 }]));
  const parsed = format.fromFile({ team: "x".repeat(20_000_000), areas });
  assert.equal(parsed.problems.count, 5001);
  const text = String(parsed.problems);
  assert.ok(text.length < 600, text.length);
  assert.match(text, /and 4,996 more$/u);
});

test("an excerpt is short and shows hidden characters as escapes", () => {
  assert.equal(excerpt("a\u202eb\u001b"), '"a\\u202eb\\u001b"');
  assert.equal(excerpt("y".repeat(100)), `"${"y".repeat(40)}"…`);
  assert.equal(excerpt({ a: 1 }), "an object");
  assert.equal(excerpt(JSON.parse("1e400")), "Infinity");
});

test("dates are real days from 0001 to 9999", () => {
  for (const day of ["0001-01-01", "2024-02-29", "9999-12-31"]) assert.ok(format.isDate(day), day);
  for (const day of ["0000-01-01", "2025-02-29", "2025-13-01", "20250304", "2025-W10-2", "2025-03-04\n", 20250304]) assert.ok(!format.isDate(day), day);
});

test("the CSV keeps formulas as text and quotes per RFC 4180", () => {
  const state = format.blank();
  state.team = '=Ops, "core"';
  state.areas.meetings.current = 0;
  const rows = toCSV(model, state).split("\r\n");
  assert.ok(rows[0].startsWith("\ufeffteam,date,area"));
  assert.equal(rows[4], `"'=Ops, ""core""",,meetings,meetings,0,Unaware,,`);
});

test("a chosen or dropped file is read, or refused in a few words that never quote it", async () => {
  const file = (text, name = "x.json") => new File([text], name, { type: "application/json" });
  const good = await format.readFile(file(JSON.stringify({ team: "Ops", areas: { meetings: { current: 2 } } })));
  assert.ok(good.problems.ok);
  assert.equal(good.state.areas.meetings.current, 2);
  const partly = await format.readFile(file(JSON.stringify({ areas: { meetings: { current: 2 }, sales: { current: 1 } } })));
  assert.equal(partly.state.areas.meetings.current, 2, "what the model can use is kept");
  assert.match(String(partly.problems), /sales/u);
  for (const text of ["<b>not json</b>", "[1, 2]", '{"areas": {"sales": {"current": 1}}}']) {
    assert.deepEqual(await format.readFile(file(text)), { problem: "is not an assessment saved from this page" }, text);
  }
  const huge = await format.readFile(file(" ".repeat(model.file_max + 1)));
  assert.match(huge.problem, /larger than 1 MB/u);
});
