"""Text from the data files reaches pages and PDFs as text: never as HTML, script or template."""

import dataclasses
import re

import pytest

from scripts.render import views
from scripts.render.inline import block, inline
from scripts.source.load import load_model
from tests.conftest import FIXTURE_DATA

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if x %}y{% endif %} [go](javascript:alert(1))"


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("*em* **strong** `code`", "<em>em</em> <strong>strong</strong> <code>code</code>"),
        ("[site](https://example.org/a)", '<a href="https://example.org/a">site</a>'),
        ("<b>bold</b> & more", "&lt;b&gt;bold&lt;/b&gt; &amp; more"),
        ("[click](javascript:alert(1))", "<span>click</span>"),
        ("[click](JavaScript:alert(1))", "<span>click</span>"),
        ("[rel](../other.md)", "<span>rel</span>"),
        ("{{ 7*7 }} {% if %}", "{{ 7*7 }} {% if %}"),
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
    ],
)
def test_inline_markdown_is_safe(source: str, html: str):
    assert inline(source) == html


def test_block_keeps_paragraphs():
    assert block("one\n\ntwo") == "<p>one</p>\n<p>two</p>"


def with_hostile_text(model):
    area = model.areas[0]

    def hostile(items):
        return tuple(dataclasses.replace(item, text=HOSTILE) for item in items)

    cell = area.cells[1]
    cell = dataclasses.replace(
        cell,
        summary=HOSTILE,
        practices=hostile(cell.practices),
        next_steps=hostile(cell.next_steps),
    )
    cells = (area.cells[0], cell, *area.cells[2:])
    hostile_area = dataclasses.replace(area, why=HOSTILE, cells=cells)
    return dataclasses.replace(model, areas=(hostile_area, *model.areas[1:]))


@pytest.mark.parametrize(
    "render",
    [
        lambda m: views.area_page(m, m.areas[0], "../../"),
        lambda m: views.matrix(m, ""),
        lambda m: views.onepager(m, "https://example.org/", "a4", 9),
    ],
    ids=["area page", "matrix", "one-pager"],
)
def test_views_escape_html_and_never_evaluate_templates(render):
    html = render(with_hostile_text(load_model(FIXTURE_DATA)))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert "{% if x %}y{% endif %}" in html
    assert "javascript:" not in html.lower()


def test_each_next_step_links_to_the_practices_it_leads_to():
    model = load_model(FIXTURE_DATA)
    area = model.areas[0]
    html = views.area_page(model, area, "../../")
    anchors = set(re.findall(r'<li id="([^"]+)"', html))
    for below, above in zip(area.cells, area.cells[1:], strict=False):
        for step in below.next_steps:
            item = html.split(inline(step.text), 1)[1].split("</li>", 1)[0]
            targets = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', item)
            assert (
                str(item)
                .removeprefix("<br>\n")
                .startswith('<span class="amm-step-target">Gets you to: ')
            )
            assert targets == [(f"{area.id}-{t}", above.practice(t).text) for t in step.leads_to], (
                step.id
            )
            assert {anchor for anchor, _ in targets} <= anchors
