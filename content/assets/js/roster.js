// The coordinator's list of teams: in alphabetical order of their names, in the reader's
// language, never by level. No DOM, so node's tests check it.

/** What a team is called: the name in its file, or the file's name when it has none. */
export const label = (team) => team.state.team || team.file;

/** `teams` ([{file, state}]) sorted by name, then by file name for two teams of one name. */
export function sortTeams(teams, locale) {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return [...teams].sort((a, b) => collator.compare(label(a), label(b)) || collator.compare(a.file, b.file));
}
