"""Text from the data files reaches pages and PDFs as text: never as HTML, script or template."""

import dataclasses

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
    cell = dataclasses.replace(area.cells[1], summary=HOSTILE, practices=(HOSTILE,) * 3)
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
