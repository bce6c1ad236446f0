"""What `make report` says about an assessment made with another version of the model.

The same rule as the page (content/assets/js/versions.js): a file without a version was
made before files carried one, so it is taken as the first release; every cell changed
by a later release is named, so the team re-checks those answers.
"""

from scripts.model import Model
from scripts.source.changelog import Release, changed_cells, is_older, oldest_version


def version_note(
    model: Model, releases: tuple[Release, ...], version: str | None, source: str
) -> str | None:
    """One line naming the cells changed since `version`, or None when nothing changed."""
    then = version or oldest_version(releases)
    if is_older(model.version, then):
        return (
            f"note: {source} was made with version {then} of the model, newer than "
            f"this version {model.version}; some cells may read differently here"
        )
    cells = changed_cells(releases, then)
    if not cells:
        return None
    made = (
        f"was made with version {then} of the model"
        if version
        else f"has no model_version, so it is taken as version {then}, the oldest release"
    )
    by_area = [
        f"{area.title} ({', '.join(str(cell.level.id) for cell in changed)})"
        for area in model.areas
        if (changed := [cell for cell in area.cells if (area.id, cell.level.id) in cells])
    ]
    count = f"{len(cells)} cell{'s' * (len(cells) != 1)}"
    return (
        f"note: {source} {made}; this is version {model.version}. {count} changed since, "
        f"so check those answers: {'; '.join(by_area)}"
    )
