"""Where things live on the site, and which links may leave it: the one place for URL rules."""

import re

SAFE_SCHEMES = ("https:", "http:", "mailto:")

PDF_FILES = {
    "letter": "one-page-maturity-overview.pdf",
    "a4": "one-page-maturity-overview-a4.pdf",
}


def site_root(site_url: str) -> str:
    """The published root as links are joined to it: always with a trailing slash, since
    https://example.org/amm + areas/ would otherwise give .../ammareas/."""
    return site_url if site_url.endswith("/") else f"{site_url}/"


def published_site(edit_uri: str) -> str | None:
    """Where GitHub Pages publishes the repository that `edit_uri` edits, by the rule the
    workflow sets SITE_URL with: https://<owner>.github.io/<repository>/. None for another host."""
    found = re.match(r"https://github\.com/([\w.-]+)/([\w.-]+)/", edit_uri)
    return f"https://{found[1].lower()}.github.io/{found[2]}/" if found else None


def area_path(area_id: str) -> str:
    return f"areas/{area_id}/"


def level_anchor(level_id: int) -> str:
    """The id of a level's section on its area page: what a link to one cell ends with."""
    return f"level-{level_id}"


def cell_path(area_id: str, level_id: int) -> str:
    return f"{area_path(area_id)}#{level_anchor(level_id)}"


def cell_page(area_id: str, level_id: int) -> str:
    """A cell's own page: the link to share, since link previews drop the #fragment."""
    return f"{area_path(area_id)}{level_anchor(level_id)}/"


def practice_path(area_id: str, practice_id: str) -> str:
    """A practice on its area's page, where area.md gives each one the id area-practice."""
    return f"{area_path(area_id)}#{area_id}-{practice_id}"


def file_lines(edit_url: str, first: int, last: int) -> str:
    """Lines `first` to `last` of a file on the repository host, from the file's edit address.

    GitHub (GitLab alike) edits a file at .../edit/<branch>/<path>, which cannot jump to a
    line, and shows it at .../blob/<branch>/<path>, where #L<first>-L<last> highlights the
    lines next to the edit pencil. An address of another shape is returned as it is."""
    if "/edit/" not in edit_url or first < 1:
        return edit_url
    return f"{edit_url.replace('/edit/', '/blob/', 1)}#L{first}-L{last}"


def principle_path(principle_id: str) -> str:
    return f"guide/principles/#{principle_id}"


def channel_path(channel_id: str) -> str:
    return f"guide/channels/#{channel_id}"


def is_safe_url(url: str) -> bool:
    """Whether a link from a data file may be published: only schemes a reader can trust."""
    return url.strip().lower().startswith(SAFE_SCHEMES)
