// The answers as a spreadsheet, one row per area. Loaded only when someone downloads it.

/** RFC 4180 text with a byte-order mark, so that spreadsheet programs read it as UTF-8. */
export function toCSV(model, state) {
  // A leading = + - @ would run as a formula in a spreadsheet; a quote keeps it text.
  const cell = (value) => {
    let text = String(value ?? "");
    if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
    return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
  };
  const name = (n) => (n === null ? "" : model.levels[n].name);
  const actions = [1, 2].flatMap((n) => [`action_${n}_what`, `action_${n}_who`, `action_${n}_by`]);
  const head = ["team", "date", "area", "area_title", "current", "current_name", "target", "target_name"];
  const rows = [[...head, "applies", "not_applicable_reason", "practices_done", ...actions, "notes"]];
  for (const area of model.areas) {
    const { current, target, na, done, notes, actions: todo } = state.areas[area.id];
    const plan = [0, 1].flatMap((i) => ["what", "who", "by"].map((key) => todo[i]?.[key]));
    rows.push([state.team, state.date, area.id, area.title, current, name(current), target, name(target), na === null ? "yes" : "no", na, done.join(" "), ...plan, notes]);
  }
  return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
