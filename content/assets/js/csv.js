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
  const rows = [["team", "date", "area", "area_title", "current", "current_name", "target", "target_name"]];
  for (const area of model.areas) {
    const { current, target } = state.areas[area.id];
    rows.push([state.team, state.date, area.id, area.title, current, name(current), target, name(target)]);
  }
  return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
