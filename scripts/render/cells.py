"""A page of its own for every cell, /areas/<area>/level-<n>/: the link a team lead shares.

Link previews fetch a page without its #fragment, so a link to a section of the area page
previews as the whole area; the cell's own page previews as the cell. The pages are left
out of the nav (mkdocs.yml's `not_in_nav`), which would otherwise list twenty entries
under each area, and stay in the sitemap and the search index.
"""

from collections.abc import Callable

from scripts.model import Area, Model
from scripts.render import front_matter, urls, views


def pages(
    model: Model, edit: Callable[[str], str | None], root_of: Callable[[str], str]
) -> dict[str, bytes]:
    """Tree file name -> page, with its front matter; `edit` gives a file's edit address and
    `root_of` the relative path from a page to the site root."""
    result = {}
    for area in model.areas:
        links = edit_links(area, edit)
        for cell in area.cells:
            name = f"{urls.cell_page(area.id, cell.level.id)}index.md"
            meta = {"edit_url": links.get(cell.level.id) or edit(area.source_file)}
            body = views.cell_page(model, area, cell, root_of(name))
            result[name] = _with_front_matter(meta, body)
    return result


def edit_links(area: Area, edit: Callable[[str], str | None]) -> dict[int, str]:
    """Level id -> the address of the cell's own lines in its area's file.

    Empty for an area whose edit address is not its own file (a translation's file, whose
    lines differ); no entry for a cell whose lines are unknown."""
    url = edit(area.source_file)
    if not url or not url.endswith(f"/{area.source_file}"):
        return {}
    return {c.level.id: urls.file_lines(url, *c.lines) for c in area.cells if c.lines[0]}


def _with_front_matter(meta: dict, body: str) -> bytes:
    kept = {key: value for key, value in meta.items() if value is not None}
    head = front_matter.dump(kept) if kept else ""
    return (f"---\n{head}---\n" if head else "").encode() + body.encode()
