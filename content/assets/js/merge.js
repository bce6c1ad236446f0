// The facilitator's view of several members' answers: who picked which level, the middle
// answer, and the areas where the team is far apart. No DOM, so node's tests check it.

import { t } from "./strings.js";

const KINDS = ["current", "target"];
export const APART = 2; // levels between the lowest and highest answer that make an area worth talking about

/**
 * Reads one pasted line: a member's link to the assessment page, or only its "?…" part.
 * Returns {state, dropped} or {problem}; the page names the line and skips it.
 */
export function readLink(format, line) {
  let search = "";
  try {
    search = new URL(line.trim(), "https://link.invalid/").search;
  } catch {
    // not a link at all: reported below like a link without answers
  }
  const { state, dropped, versioned } = format.fromSearch(search);
  const picked = Object.values(state.areas).some((a) => a.current !== null || a.target !== null);
  return picked ? { state, dropped, versioned } : { problem: t("is not a link with answers from this page") };
}

/** The middle of some levels; between two levels when their number is even. */
export function median(levels) {
  if (!levels.length) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/**
 * One row per area for `members` ([{state}]): each member's pick per kind (null when not
 * picked), the median and the spread. Areas answered APART or more levels apart come first,
 * widest first; the others keep the model's order.
 */
export function merge(model, members) {
  const rows = model.areas.map((area) => {
    const row = { area, apart: 0 };
    for (const kind of KINDS) {
      // A member for whom the area does not apply gives it no level, whatever the file holds.
      const picks = members.map(({ state }) => (state.areas[area.id].na === null ? state.areas[area.id][kind] : null));
      const given = picks.filter((n) => n !== null);
      const spread = given.length ? Math.max(...given) - Math.min(...given) : 0;
      row[kind] = { picks, median: median(given), spread };
      row.apart = Math.max(row.apart, spread);
    }
    return row;
  });
  const far = (row) => (row.apart >= APART ? row.apart : 0);
  return rows.sort((a, b) => far(b) - far(a));
}

/**
 * A starting point for the team's agreed answers: each median, rounded down when it falls
 * between two levels, so that no one is told the team is further along than they think.
 * The team name is kept when every member gave the same one.
 */
export function middle(format, rows, members) {
  const state = format.blank();
  const names = new Set(members.map((member) => member.state.team));
  if (names.size === 1) [state.team] = names;
  for (const row of rows) {
    for (const kind of KINDS) {
      const { median: m } = row[kind];
      state.areas[row.area.id][kind] = m === null ? null : Math.floor(m);
    }
  }
  return state;
}
