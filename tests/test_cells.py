"""Every cell's own page: what it shows, where it links, and that the nav leaves it out."""

import dataclasses
import re
from pathlib import Path

import pytest

from scripts.render import views
from scripts.source.load import load_model
from tests.conftest import FIXTURE_DATA
from tests.htmltools import read

MODEL = load_model()
CELLS = [(area, cell) for area in MODEL.areas for cell in area.cells]
CELL_IDS = [f"{area.id}-{cell.level.id}" for area, cell in CELLS]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*`]", "", text)).strip()


@pytest.mark.parametrize(("area", "cell"), CELLS, ids=CELL_IDS)
def test_every_cell_has_a_page_with_its_text_and_its_neighbours(site: Path, area, cell):
    level = cell.level.id
    page = read(site / "areas" / area.id / f"level-{level}" / "index.html")
    main = page.find("article")[0]
    assert (
        _words(page.find("h1")[0].text).rstrip("¶")
        == f"{area.title}, level {level}: {cell.level.name}"
    )
    text = _words(main.text)
    for item in (
        cell.summary,
        *(p.text for p in cell.practices),
        *(s.text for s in cell.next_steps),
    ):
        assert _words(item) in text
    links = {a.attrs["href"] for a in page.find("a")}
    home = f"../../../areas/{area.id}/"
    assert f"{home}#level-{level}" in links
    below, above = f"{home}level-{level - 1}/", f"{home}level-{level + 1}/"
    assert (below in links) == (level > 0)
    assert (above in links) == (level < len(MODEL.levels) - 1)
    # Each next step links to the practices it leads to on the cell above.
    targets = {h for h in links if h.startswith(above + "#")}
    assert targets == {f"{above}#{t}" for s in cell.next_steps for t in s.leads_to}


def test_cell_pages_are_in_the_sitemap_and_not_in_the_nav(site: Path):
    sitemap = (site / "sitemap.xml").read_text()
    nav = {
        a.attrs.get("href", "") for a in read(site / "index.html").find("a", class_="md-nav__link")
    }
    for area, cell in CELLS:
        path = f"areas/{area.id}/level-{cell.level.id}/"
        assert f"{path}</loc>" in sitemap
        assert not any(href.endswith(path) for href in nav), path
    assert len(CELLS) == 20


def test_a_cell_page_shows_data_as_text(tmp_path: Path):
    model = load_model(FIXTURE_DATA)
    area = model.areas[0]
    cell = dataclasses.replace(area.cells[1], summary='<script>alert("x")</script> {{ 7*7 }}')
    markdown = views.cell_page(model, area, cell, "../../../")
    assert "<script>" not in markdown
    assert "&lt;script&gt;" in markdown and "{{ 7*7 }}" in markdown
