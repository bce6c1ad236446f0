"""The one-page overviews: one landscape page, complete, linked, described, tagged, fitted."""

import dataclasses
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts.render import pdf, urls
from scripts.source.load import load_model
from scripts.source.problems import DoesNotFit
from scripts.source.validate import SUMMARY_WORDS
from tests.conftest import FIXTURE_DATA

MODEL = load_model()  # the shipped model's overview must fit; the fitting tests use the fixture
FIXTURE = load_model(FIXTURE_DATA)
SITE_URL = "https://teams.example.org/async/"
SIZES = {"letter": (792, 612), "a4": (842, 595)}  # landscape, in points


@pytest.fixture(scope="module", params=list(urls.PDF_FILES))
def rendered(request) -> tuple[str, PdfReader]:
    result = pdf.render(MODEL, SITE_URL, request.param)
    return request.param, PdfReader(BytesIO(result.pdf))


def test_one_landscape_page(rendered):
    paper, reader = rendered
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == SIZES[paper]


def test_every_area_and_level_is_in_the_text(rendered):
    _, reader = rendered
    text = " ".join(reader.pages[0].extract_text().split())
    for area in MODEL.areas:
        assert area.title in text
    for level in MODEL.levels:
        assert level.name in text
    assert MODEL.version in text and "CC BY 4.0" in text


def test_links_to_every_cell_the_site_and_the_sources(rendered):
    _, reader = rendered
    uris = {a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]}
    for area in MODEL.areas:
        for level in MODEL.levels:
            assert SITE_URL + urls.cell_path(area.id, level.id) in uris
    assert SITE_URL in uris
    assert {source.url for source in MODEL.sources} <= uris
    assert MODEL.license_url in uris


def test_a_site_url_without_its_trailing_slash_still_gives_working_links(tmp_path: Path):
    from scripts.cli import main

    assert main(["pdf", "--out", str(tmp_path), "--site-url", SITE_URL.rstrip("/")]) == 0
    reader = PdfReader(tmp_path / urls.PDF_FILES["letter"])
    uris = {a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]}
    cells = {uri for uri in uris if "#level-" in uri}
    assert cells and all(uri.startswith(SITE_URL + "areas/") for uri in cells), cells


def test_metadata_language_tags_and_embedded_fonts(rendered):
    _, reader = rendered
    assert reader.metadata.title == f"{MODEL.title}: one-page overview"
    assert reader.metadata.author == MODEL.copyright
    assert reader.metadata.subject == MODEL.summary
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor


def lengthen(model, words: int):
    """Every cell summary made `words` words long."""
    filler = ("Teams write decisions down where everyone can find them later. " * 40).split()
    text = " ".join(filler[:words])
    areas = tuple(
        dataclasses.replace(a, cells=tuple(dataclasses.replace(c, summary=text) for c in a.cells))
        for a in model.areas
    )
    return dataclasses.replace(model, areas=areas)


def test_the_longest_valid_cells_step_the_font_down_and_still_fit():
    normal = pdf.render(FIXTURE, SITE_URL, "letter")
    long = pdf.render(lengthen(FIXTURE, SUMMARY_WORDS[1]), SITE_URL, "letter")
    assert pdf.FLOOR_PT <= long.font_size < normal.font_size
    assert len(PdfReader(BytesIO(long.pdf)).pages) == 1


def test_text_that_cannot_fit_fails_naming_the_longest_cells():
    model = lengthen(FIXTURE, 140)
    area = model.areas[0]
    longer = dataclasses.replace(
        area.cells[2], summary=area.cells[2].summary + " Extra words here."
    )
    model = dataclasses.replace(
        model,
        areas=(
            dataclasses.replace(area, cells=(*area.cells[:2], longer, *area.cells[3:])),
            *model.areas[1:],
        ),
    )
    with pytest.raises(DoesNotFit) as caught:
        pdf.render(model, SITE_URL, "a4")
    message = str(caught.value)
    assert f"does not fit one page even at {pdf.FLOOR_PT:g} pt" in message
    assert f"{area.source_file}: levels.2.summary: has 143 words, among the longest" in message
    assert "has 140 words" in message and len(caught.value.problems) == 3


def test_make_pdf_writes_both_files(tmp_path: Path):
    from scripts.cli import main

    assert main(["pdf", "--out", str(tmp_path), "--site-url", SITE_URL]) == 0
    for name in urls.PDF_FILES.values():
        assert len(PdfReader(tmp_path / name).pages) == 1
