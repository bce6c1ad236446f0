"""Every cell's own page: what it shows, where it links, and that the nav leaves it out."""

import dataclasses
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from scripts import generate
from scripts.render import cells, views
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


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("area", "cell"), CELLS, ids=CELL_IDS)
def test_each_cell_knows_its_own_lines(area, cell):
    lines = (ROOT / area.source_file).read_text(encoding="utf-8").splitlines()
    first, last = cell.lines
    assert lines[first - 1] == f"  {cell.level.id}:"
    assert lines[last - 1].strip() and not lines[last - 1].lstrip().startswith("#")
    # What follows is the next level, or a key above the levels, or the end of the file.
    rest = [line for line in lines[last:] if line.strip() and not line.lstrip().startswith("#")]
    assert not rest or not rest[0].startswith("    ")
    # And the lines hold exactly the cell: read alone, they give its text.
    alone = yaml.safe_load(textwrap.dedent("\n".join(lines[first - 1 : last])))
    assert alone[cell.level.id]["summary"] == cell.summary
    assert [p["text"] for p in alone[cell.level.id]["practices"]] == [
        p.text for p in cell.practices
    ]


def test_lines_skip_the_blank_lines_and_comments_before_the_next_cell(data: Path):
    meetings = data / "areas" / "meetings.yml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text.replace("\n  1:\n", "\n\n  # Level 1 starts here.\n  1:\n", 1))
    area = load_model(data).area("meetings")
    lines = meetings.read_text(encoding="utf-8").splitlines()
    first, last = area.cell(0).lines
    assert lines[last - 1].strip() and lines[last] == "" and area.cell(1).lines[0] == last + 3


@pytest.mark.parametrize("area", MODEL.areas, ids=lambda a: a.id)
def test_edit_links_open_each_cell_at_its_lines(site: Path, area):
    repository = "https://github.com/async-maturity-model/async-maturity-model"
    page = read(site / "areas" / area.id / "index.html")
    expected = [
        f"{repository}/blob/main/{area.source_file}#L{c.lines[0]}-L{c.lines[1]}" for c in area.cells
    ]
    found = [a.attrs["href"] for a in page.find("a") if "/blob/" in a.attrs.get("href", "")]
    assert found == expected
    for cell, link in zip(area.cells, expected, strict=True):
        cell_page = read(site / "areas" / area.id / f"level-{cell.level.id}" / "index.html")
        assert [a.attrs["href"] for a in cell_page.find("a", rel="edit")] == [link]
    # The page's own edit button still opens the whole file.
    edits = [a.attrs["href"] for a in page.find("a", rel="edit")]
    assert edits == [f"{repository}/edit/main/{area.source_file}"]


@pytest.mark.parametrize(
    ("edit_uri", "expected"),
    [
        (
            "https://github.com/me/fork/edit/trunk/content/",
            "https://github.com/me/fork/blob/trunk/data/areas/meetings.yml#L50-L93",
        ),
        (
            "https://gitlab.example/me/fork/-/edit/trunk/content/",
            "https://gitlab.example/me/fork/-/blob/trunk/data/areas/meetings.yml#L50-L93",
        ),
        # A host whose addresses we do not know: the file, without a guess at its lines.
        ("https://code.example/edit?file=", "https://code.example/data/areas/meetings.yml"),
    ],
)
def test_edit_links_follow_the_forks_edit_uri(edit_uri: str, expected: str):
    area = MODEL.area("meetings")
    cell = dataclasses.replace(area.cell(1), lines=(50, 93))
    area = dataclasses.replace(area, cells=(area.cell(0), cell, *area.cells[2:]))
    edit = generate._editor(edit_uri, ROOT / "content", ROOT)
    assert cells.edit_links(area, edit).get(1, edit(area.source_file)) == expected


def test_a_translations_own_file_gets_no_lines_of_the_english_one():
    area = MODEL.area("meetings")

    def translated(source: str) -> str:
        return f"https://github.com/o/r/edit/main/data/i18n/es/{source.removeprefix('data/')}"

    assert cells.edit_links(area, translated) == {}
