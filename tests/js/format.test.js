// The page's reader of files and links, against the same example files as tests/test_report.py.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { toCSV } from "../../content/assets/js/csv.js";
import { cut, excerpt, makeFormat } from "../../content/assets/js/format.js";
import { AREA_IDS, FIXTURES, fixtures, levels, model } from "./helpers.js";

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
  Object.assign(state.areas.meetings, { current: 1, target: 3 });
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
  Object.assign(state.areas.team, { current: 2, target: 3 });
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
  assert.deepEqual(levels(state.areas.meetings), { current: 1, target: 2 });
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
  assert.equal(rows[4], `"'=Ops, ""core""",,meetings,meetings,0,Unaware,,,yes,,,,,,,,,`);
  Object.assign(state.areas.meetings, { done: ["some-agendas", "meet-by-rule"], notes: "=SUM(A1)\nline two", actions: [{ what: "Agenda first", who: "Sam", by: "2025-04-30" }] });
  state.areas.documentation.na = "No docs, yet";
  const [head, docs, , , meetings] = toCSV(model, state).split("\r\n");
  assert.ok(head.endsWith(",applies,not_applicable_reason,practices_done,action_1_what,action_1_who,action_1_by,action_2_what,action_2_who,action_2_by,notes"));
  assert.ok(docs.includes(",no,\"No docs, yet\","), docs);
  assert.ok(meetings.endsWith(`,yes,,some-agendas meet-by-rule,Agenda first,Sam,2025-04-30,,,,"'=SUM(A1)\nline two"`), meetings);
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

// ---- The plan, the ticks and "does not apply" (issue 15) ----

function planned() {
  const state = format.blank();
  state.team = "Ops";
  Object.assign(state.areas.meetings, {
    current: 1,
    target: 2,
    done: ["some-agendas", "meet-by-rule"],
    actions: [
      { what: "Replace the status call with a written update", who: "Sam", by: "2025-04-30" },
      { what: "Agenda a day ahead", who: "", by: "" },
    ],
    notes: "6.5 meeting hours per person per week.\nTarget: under 4.",
  });
  state.areas.documentation.na = "We have no docs to speak of";
  return state;
}

test("a plan, ticks and an area that does not apply survive the file and the link", () => {
  const state = planned();
  const file = JSON.parse(JSON.stringify(format.toFile(state)));
  assert.deepEqual(file.areas.meetings.actions[1], { what: "Agenda a day ahead" }, "empty fields are left out");
  assert.deepEqual(file.areas.documentation.not_applicable, { reason: "We have no docs to speak of" });
  const back = format.fromFile(file);
  assert.ok(back.problems.ok, String(back.problems));
  assert.ok(format.same(back.state, state));
  const link = format.fromSearch(format.toSearch(state));
  assert.equal(link.dropped, 0);
  assert.equal(link.cut, false);
  assert.ok(format.same(link.state, state));
});

test("ticks keep the model's order, once each, and unknown practice ids are dropped from a link", () => {
  const { state, dropped } = format.fromSearch("?done-meetings=meet-by-rule.no-such.some-agendas.meet-by-rule");
  assert.deepEqual(state.areas.meetings.done, ["some-agendas", "meet-by-rule"]);
  assert.equal(dropped, 1);
});

test("a link too long for its plan leaves the plan's text out and says so", () => {
  const state = planned();
  for (const id of AREA_IDS) state.areas[id].notes = "n".repeat(400);
  const base = "https://example.org/assessment/";
  const { search, cut } = format.link(state, base);
  assert.ok(cut);
  assert.ok((base + search).length <= model.link_max, "what is left fits");
  const read = format.fromSearch(search);
  assert.ok(read.cut, "the link says the plan is in the file");
  assert.deepEqual(read.state.areas.meetings.done, ["some-agendas", "meet-by-rule"], "the ticks stay");
  assert.equal(read.state.areas.meetings.current, 1);
  assert.equal(read.state.areas.documentation.na, "", "which areas do not apply stays; the reason goes");
  assert.deepEqual(read.state.areas.meetings.actions, []);
  assert.equal(format.link(planned(), base).cut, false, "a short plan travels whole");
});

test("a link's plan values are cleaned like typed text, and a bad date is dropped", () => {
  const { state, dropped } = format.fromSearch(`?what-meetings-1=${"w".repeat(300)}&who-meetings-1=Sam%E2%80%AE&by-meetings-1=2025-02-30&what-meetings-3=x&na-meetings=a%0Ab`);
  const [todo] = state.areas.meetings.actions;
  assert.equal(todo.what.length, 160);
  assert.equal(todo.who, "Sam");
  assert.equal(todo.by, "");
  assert.equal(state.areas.meetings.na, "ab", "one line: the break is dropped");
  assert.equal(dropped, 2, "the impossible day and the third action");
});

test("bad plan fields in a file are named by field, and what is usable is kept", () => {
  const parsed = format.fromFile({
    areas: {
      meetings: {
        current: 1,
        practices: ["some-agendas", "nope", "some-agendas"],
        actions: [{ what: "Keep", by: "soon", owner: "x" }],
        notes: 5,
        not_applicable: true,
      },
      documentation: { actions: [{}, {}, {}] },
    },
  });
  const text = String(parsed.problems);
  for (const part of [
    'areas."meetings".practices[1]: "nope" is not a practice of this area',
    'areas."meetings".practices[2]: "some-agendas" is listed twice',
    'areas."meetings".actions[0].by: must be a day such as 2025-06-30',
    'areas."meetings".actions[0]."owner": is not what, who or by',
  ]) assert.ok(text.includes(part), `${part} in ${text}`);
  assert.equal(parsed.problems.count, 7);
  assert.deepEqual(parsed.state.areas.meetings.done, ["some-agendas"]);
  assert.deepEqual(parsed.state.areas.meetings.actions, [{ what: "Keep", who: "", by: "" }]);
  assert.equal(parsed.state.areas.meetings.na, null);
});
