// "Keep and share" behind its buttons: the files in and out, and the earlier answers'
// list. page.js loads it on first use, so a first visit does not wait for it.

import { el, own } from "./dom.js";
import { tParts } from "./parts.js";
import { t } from "./strings.js";

/** `api` is page.js's: model, format, open and tell, noteVersion, and `shown()` for the answers on screen. */
export function make({ model, format, open, tell, noteVersion, shown }) {
  function download(suffix, type, text) {
    const state = shown();
    const slug = state.team.toLowerCase().replace(/[^a-z0-9]+/gu, "-").replace(/^-|-$/gu, "");
    const name = ["assessment", slug, state.date].filter(Boolean).join("-") + suffix;
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async function importFile(file) {
    const parsed = await format.readFile(file);
    if (parsed.problem) {
      tell(tParts("{file} {problem}, so nothing was loaded. Your answers are unchanged.", { file: own(file.name), problem: parsed.problem }));
      return;
    }
    const left = parsed.problems.ok ? "" : ` ${t("Left out what this model cannot use: {problems}.", { problems: parsed.problems })}`;
    tell(tParts("Loaded {file}.", { file: own(file.name) }));
    noteVersion(parsed.state.version, parsed.versioned);
    open(parsed.state, [...tParts("These answers come from {file}.", { file: own(file.name) }), left]);
  }

  /** Fills the list of earlier answers: [{at, state}], newest first. */
  function listEarlier(list) {
    document.getElementById("amm-earlier-list").replaceChildren(
      ...list.map(({ at, state }) => {
        const when = new Date(at).toLocaleString(document.documentElement.lang || "en-GB", { dateStyle: "medium", timeStyle: "short" });
        const picked = Object.values(state.areas).flatMap((a) => [a.current, a.target]).filter((n) => n !== null).length;
        const button = el("button", { type: "button", class: "md-button" }, t("Show"));
        button.addEventListener("click", () => open(state, [t("These are the answers you had until {when}.", { when })]));
        const then = el("button", { type: "button", class: "md-button", "data-view": "revisit", "data-at": at }, t("Compare with now"));
        const team = state.team ? own(state.team) : t("no team name");
        return el("li", {}, ...tParts("{when}: {team}, {n} levels picked", { when, team, n: picked }), " ", button, then);
      }),
    );
  }

  async function copy() {
    const link = document.getElementById("amm-link");
    try {
      await navigator.clipboard.writeText(link.value);
      tell([t("Link copied. Anyone who opens it sees these answers.")]);
    } catch {
      link.select();
      tell([t("Copying was blocked here: the link is selected, so copy it with your keyboard.")]);
    }
  }

  return {
    copy,
    listEarlier,
    importFile,
    json: () => download(".json", "application/json", `${JSON.stringify(format.toFile(shown()), null, 2)}\n`),
    csv: async () => download(".csv", "text/csv", (await import("./csv.js")).toCSV(model, shown())),
  };
}
