"""The guide: principles and channels link both ways with the model, from one source of text."""

import re
from pathlib import Path

import pytest

from scripts.render.inline import inline
from scripts.source.load import load_model
from scripts.source.problems import ModelError
from tests.htmltools import read

MODEL = load_model()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_area_names_known_principles_and_every_principle_is_drawn_on():
    ids = {p.id for p in MODEL.principles}
    for area in MODEL.areas:
        assert area.principles and set(area.principles) <= ids, area.id
    for principle in MODEL.principles:
        assert MODEL.areas_drawing_on(principle.id), principle.id


@pytest.mark.parametrize("area", MODEL.areas, ids=lambda a: a.id)
def test_area_pages_link_their_principles_to_real_anchors(site: Path, area):
    principles_page = read(site / "guide" / "principles" / "index.html")
    page = read(site / "areas" / area.id / "index.html")
    links = [
        a.attrs["href"] for a in page.find("a") if "guide/principles/#" in a.attrs.get("href", "")
    ]
    assert links == [
        f"../../guide/principles/#{p.id}" for p in MODEL.principles if p.id in area.principles
    ]
    for link in links:
        assert link.split("#")[1] in principles_page.ids


def test_each_principle_has_an_anchor_and_lists_the_areas_that_draw_on_it(site: Path):
    page = read(site / "guide" / "principles" / "index.html")
    html = (site / "guide" / "principles" / "index.html").read_text()
    for principle in MODEL.principles:
        assert principle.id in page.ids
        section = html.split(f'id="{principle.id}"', 1)[1].split("<h2", 1)[0]
        hrefs = re.findall(r'href="(\.\./\.\./areas/[^"]+)"', section)
        assert hrefs == [f"../../areas/{a.id}/" for a in MODEL.areas_drawing_on(principle.id)]


def test_quick_reference_and_full_pages_show_the_same_summaries(site: Path):
    quick = (site / "guide" / "index.html").read_text()
    full = (site / "guide" / "principles" / "index.html").read_text() + (
        site / "guide" / "channels" / "index.html"
    ).read_text()
    for item in (*MODEL.principles, *MODEL.channels):
        summary = inline(item.summary)
        assert summary in quick, item.id
        assert summary in full, item.id
    links = [a.attrs["href"] for a in read(site / "guide" / "index.html").find("a")]
    for principle in MODEL.principles:
        assert f"../guide/principles/#{principle.id}" in links
    for channel in MODEL.channels:
        assert f"../guide/channels/#{channel.id}" in links
        assert channel.id in read(site / "guide" / "channels" / "index.html").ids


def test_an_unknown_principle_is_a_file_line_error(data: Path):
    area = data / "areas" / "meetings.yml"
    text = area.read_text()
    area.write_text(text.replace("  - async-first\n", "  - asynchronous-first\n", 1))
    line = next(
        i for i, row in enumerate(area.read_text().splitlines(), 1) if "asynchronous-first" in row
    )
    with pytest.raises(ModelError) as caught:
        load_model(data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/areas/meetings.yml:{line}: principles.0: 'asynchronous-first' is not a principle "
        "in data/guide/principles.yml"
    ]


def test_duplicate_guide_ids_are_reported(data: Path):
    channels = data / "guide" / "channels.yml"
    channels.write_text(channels.read_text().replace("  - id: email", "  - id: chat", 1))
    line = [
        i for i, row in enumerate(channels.read_text().splitlines(), 1) if row == "  - id: chat"
    ][1]
    with pytest.raises(ModelError) as caught:
        load_model(data)
    found = [str(p) for p in caught.value.problems]
    assert found[0].startswith(f"data/guide/channels.yml:{line}: channels.")
    assert found[0].endswith(".id: 'chat' is already used above")
