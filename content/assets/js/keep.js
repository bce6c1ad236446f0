// "Keep and share" behind its buttons: the files in and out, and the earlier answers'
// list. page.js loads it on first use, so a first visit does not wait for it.

import { el, own } from "./dom.js";

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
      tell([own(file.name), ` ${parsed.problem}, so nothing was loaded. Your answers are unchanged.`]);
      return;
    }
    const left = parsed.problems.ok ? "" : ` Left out what this model cannot use: ${parsed.problems}.`;
    tell(["Loaded ", own(file.name), "."]);
    noteVersion(parsed.state.version, parsed.versioned);
    open(parsed.state, ["These answers come from ", own(file.name), `.${left}`]);
  }

  /** Fills the list of earlier answers: [{at, state}], newest first. */
  function listEarlier(list) {
    document.getElementById("amm-earlier-list").replaceChildren(
      ...list.map(({ at, state }) => {
        const when = new Date(at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
        const picked = Object.values(state.areas).flatMap((a) => [a.current, a.target]).filter((n) => n !== null).length;
        const button = el("button", { type: "button", class: "md-button" }, "Show");
        button.addEventListener("click", () => open(state, [`These are the answers you had until ${when}.`]));
        const then = el("button", { type: "button", class: "md-button", "data-view": "revisit", "data-at": at }, "Compare with now");
        return el("li", {}, `${when}: `, state.team ? own(state.team) : "no team name", `, ${picked} levels picked `, button, then);
      }),
    );
  }

  async function copy() {
    const link = document.getElementById("amm-link");
    try {
      await navigator.clipboard.writeText(link.value);
      tell(["Link copied. Anyone who opens it sees these answers."]);
    } catch {
      link.select();
      tell(["Copying was blocked here: the link is selected, so copy it with your keyboard."]);
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
