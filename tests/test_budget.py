"""A byte budget per page: what a phone downloads to show it, gzipped as GitHub Pages serves
text. Bytes do not depend on the machine, so unlike a Lighthouse score this gate is exact.

A page's bytes are its HTML, the stylesheets and scripts it links, the modules those
scripts import, and the images it shows. The preview images are for link unfurlers only:
no page may load one.
"""

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.browser.gates import file_of, html_pages
from tests.htmltools import read

# About 96 KB for the heaviest page today (the assessment: 18 KB of HTML, 32 KB of CSS,
# 47 KB of scripts), 70 KB for a cell page; the margin is for one more feature, not for
# a second theme.
BUDGET = 120 * 1024
IMPORT = re.compile(r"""^import\s[^;]*?from\s+["'](\.[^"']+)["']""", re.MULTILINE)


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9, mtime=0))


def _local(site: Path, page: str, address: str) -> Path | None:
    """The built file an address on `page` points at, or None for another host."""
    parts = urlsplit(urljoin(f"http://site/{file_of(page)}", address))
    return site / parts.path.lstrip("/") if parts.netloc == "site" else None


def _with_imports(script: Path, seen: set[Path]) -> set[Path]:
    if script in seen or not script.is_file():
        return seen
    seen.add(script)
    for module in IMPORT.findall(script.read_text(encoding="utf-8")):
        _with_imports((script.parent / module).resolve(), seen)
    return seen


def page_bytes(site: Path, page: str) -> dict[str, int]:
    html = read(site / file_of(page))
    styles = {
        _local(site, page, link.attrs["href"])
        for link in html.find("link")
        if link.attrs.get("rel") == "stylesheet"
    }
    scripts: set[Path] = set()
    for script in html.find("script"):
        source = _local(site, page, script.attrs["src"]) if script.attrs.get("src") else None
        if source:
            _with_imports(source.resolve(), scripts)
    images = {_local(site, page, img.attrs["src"]) for img in html.find("img")}
    return {
        "html": _gzipped(site / file_of(page)),
        "css": sum(_gzipped(p) for p in styles if p and p.is_file()),
        "js": sum(_gzipped(p) for p in scripts),
        "images": sum(p.stat().st_size for p in images if p and p.is_file()),
    }


def test_every_page_stays_within_its_byte_budget(site: Path):
    over = {}
    for page in html_pages(site):
        sizes = page_bytes(site, page)
        assert sizes["css"] and sizes["js"], page  # the theme's own files were counted
        if sum(sizes.values()) > BUDGET:
            over[page] = sizes
    assert over == {}


def test_no_page_loads_a_preview_image(site: Path):
    for page in html_pages(site):
        html = read(site / file_of(page))
        loaded = [img.attrs.get("src", "") for img in html.find("img")]
        loaded += [link.attrs.get("href", "") for link in html.find("link")]
        assert not [src for src in loaded if "assets/previews/" in src], page


# Issue 12: what the assessment page loads before anyone asks for more, its first load, is
# page.js and the modules it imports statically. Whatever draws answers (the results, the
# chart, the one-pager's marks, the reminder) loads with the first answer, and the rest on
# first use; CONTRIBUTING.md says how a module is wired to load later.
FIRST_LOAD = 12 * 1024
ALL_SCRIPTS = 32 * 1024  # every module of the page together, so the later ones stay lean too
LATER = {
    "results.js", "radar.js", "onepager.js", "keep-file.js", "keep.js", "csv.js",
    "compare.js", "merge.js", "revisit.js", "version-note.js", "versions.js", "parts.js",
}  # fmt: skip


def test_the_assessment_pages_first_load_stays_within_12_kb(site: Path):
    scripts = site / "assets" / "js"
    first = _with_imports((scripts / "page.js").resolve(), set())
    sizes = {path.name: _gzipped(path) for path in first}
    assert {"page.js", "format.js", "state.js", "strings.js"} <= sizes.keys()
    assert not LATER & sizes.keys(), "a module loaded on first use is imported statically"
    assert sum(sizes.values()) <= FIRST_LOAD, sizes
    later = {name: _gzipped(scripts / name) for name in LATER}
    assert sum(sizes.values()) + sum(later.values()) <= ALL_SCRIPTS, later
