// Offers the JSON download at the two moments it matters: when every area is first
// answered, and when the person seems about to leave with answers that are in no file yet.
//
// Why not a beforeunload dialog: leaving loses nothing today (the answers stay in this
// browser), the browser's dialog cannot say why it asks, it stops people who already have
// a file, and people learn to click it away. The risk is later, when the browser clears
// its storage, so a bar that never blocks is enough: it appears when the pointer heads
// for the tab bar or the tab is hidden, and "Not now" keeps it away for this visit.

import { t } from "./strings.js";

const FILED = "amm-assessment-filed"; // the link of the answers last downloaded as JSON
const $ = (id) => document.getElementById(id);

/** `mine()` gives the person's own answers; `storage` is localStorage or null. */
export function remind(format, mine, storage) {
  const box = $("amm-reminder");
  let dismissed = false;
  let wasComplete = null;

  const read = () => {
    try {
      return storage?.getItem(FILED) ?? null;
    } catch {
      return null;
    }
  };
  const unfiled = () => !format.isEmpty(mine()) && read() !== format.toSearch(mine());
  // An area that does not apply counts as answered.
  const complete = (state) => Object.values(state.areas).every((a) => (a.na ?? null) !== null || (a.current !== null && a.target !== null));

  function offer(text) {
    if (dismissed || !unfiled()) return;
    box.querySelector("p").textContent = text;
    box.hidden = false;
  }

  $("amm-json").addEventListener("click", () => {
    // page.js has already written the file: what it saved is now on record.
    try {
      storage?.setItem(FILED, format.toSearch(mine()));
    } catch {
      // blocked storage: the bar may come back, which is the safe side
    }
    box.hidden = true;
  });
  $("amm-reminder-save").addEventListener("click", () => $("amm-json").click());
  $("amm-reminder-close").addEventListener("click", () => {
    dismissed = true;
    box.hidden = true;
  });
  $("amm-form").addEventListener("input", () => {
    // After page.js's own input handler has saved the answers.
    setTimeout(() => {
      const now = complete(mine());
      if (now && wasComplete === false) offer(t("Every area is answered. Download the JSON file now: it keeps these answers if this browser clears its storage."));
      wasComplete = now;
    });
  });
  wasComplete = complete(mine());
  const leaving = t("Your latest answers are in no file yet. This browser may clear them one day, so download the JSON to keep them.");
  document.documentElement.addEventListener("mouseleave", (event) => {
    if (event.clientY <= 0) offer(leaving);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") offer(leaving);
  });
}
