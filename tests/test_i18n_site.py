"""The built site in every language: twin pages, switcher, PDFs, model.json, stale notes."""

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from scripts.render import language, urls
from scripts.source import i18n
from tests.browser.gates import file_of, html_pages
from tests.conftest import ROOT, edit, line_of
from tests.htmltools import read

TRANSLATIONS = ("es", "de")
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, which the `site` build keeps


def english_pages(site: Path) -> list[str]:
    return [
        page
        for page in html_pages(site)
        if page.split("/")[0] not in TRANSLATIONS and page != "404.html"
    ]


def test_every_page_exists_in_every_language_with_the_switcher_pointing_at_its_twin(site: Path):
    pages = english_pages(site)
    assert len(pages) > 20
    for lang in TRANSLATIONS:
        for page in pages:
            twin = site / lang / file_of(page)
            assert twin.is_file(), f"{lang}/{page} is missing"
            html = read(twin)
            assert html.find("html")[0].attrs["lang"] == lang, f"{lang}/{page}"
            switcher = [
                a.attrs["href"]
                for a in html.find("a", hreflang="en")
                if "md-select__link" in a.attrs.get("class", "")
            ]
            assert switcher, f"{lang}/{page} has no language switcher"
            assert urljoin(f"{SITE_URL}{lang}/{page}", switcher[0]) == f"{SITE_URL}{page}", (
                f"{lang}/{page}: the switcher leads to {switcher[0]}"
            )


def test_the_sitemap_names_each_pages_twins_for_search_engines(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("en", *TRANSLATIONS):
        twin = "" if lang == "en" else f"{lang}/"
        link = f'<xhtml:link rel="alternate" hreflang="{lang}" href="{SITE_URL}{twin}areas/meetings/"/>'
        assert link in sitemap


def test_no_page_links_an_alternate_that_material_would_fetch_a_sitemap_beside(site: Path):
    """Material fetches sitemap.xml next to every <link rel="alternate">, expecting a
    language's root: next to a page it is a 404 (overrides/main.html drops them)."""
    for page in ("", "areas/meetings/", "es/areas/meetings/"):
        assert not read(site / file_of(page)).find("link", rel="alternate"), page


def test_the_spanish_area_page_reads_in_spanish(site: Path):
    page = read(site / "es" / "areas" / "meetings" / "index.html")
    heading = "".join(h.text for h in page.find("h1"))
    assert heading.startswith("Reuniones")
    headings = [h.text for h in page.find("h2")]
    assert any(h.startswith("¿Por qué importa?") for h in headings), headings
    assert any(h.startswith("Nivel 0: Inexistente") for h in headings), headings
    nav = " ".join(a.text for a in page.find("a"))
    assert "Toma de decisiones" in nav and "Decision making" not in nav


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_each_language_has_its_one_page_pdfs_tagged_with_its_language(site: Path, lang: str):
    for name in urls.PDF_FILES.values():
        reader = PdfReader(site / lang / name)
        assert len(reader.pages) == 1, f"{lang}/{name}"
        assert reader.trailer["/Root"]["/Lang"] == lang, f"{lang}/{name}"
    assert PdfReader(site / urls.PDF_FILES["a4"]).trailer["/Root"]["/Lang"] == "en"


def test_model_json_is_published_per_language(site: Path):
    spanish = json.loads((site / "es" / "model.json").read_text(encoding="utf-8"))
    english = json.loads((site / "model.json").read_text(encoding="utf-8"))
    assert spanish["title"] == "Modelo de madurez de la comunicación asíncrona"
    assert spanish["url"].endswith("/es/")
    assert [a["id"] for a in spanish["areas"]] == [a["id"] for a in english["areas"]]
    assert spanish["areas"][0]["cells"][0]["url"].startswith(spanish["url"])


def test_an_english_edit_marks_exactly_that_spanish_cell_stale(fixture_project: Path):
    """Fixture data: its Spanish overlay translates the meetings area's title and a few
    fields of level 0 (tests/fixtures/data/i18n/es)."""
    area = fixture_project / "data" / "areas" / "meetings.yml"
    edit(area, "and most of them are about status.", "and most of them report status.")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "generate"],
        cwd=fixture_project,
        env={"PYTHONPATH": str(fixture_project), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    overlay = fixture_project / "data" / "i18n" / "es" / "areas" / "meetings.yml"
    line = line_of(overlay, "calendars-full-recurring:")
    assert result.stderr.splitlines() == [
        f"warning: data/i18n/es/areas/meetings.yml:{line}: "
        "levels.0.practices.calendars-full-recurring: translates an earlier English text of "
        "data/areas/meetings.yml; update it, then run `python -m scripts.cli i18n stamp es "
        "areas/meetings.yml:levels.0.practices.calendars-full-recurring`"
    ]
    docs = fixture_project / "build" / "docs"
    page = (docs / "es" / "areas" / "meetings" / "index.md").read_text(encoding="utf-8")
    assert page.count('class="amm-stale"') == 1
    level_0, level_1 = page.index("{#level-0}"), page.index("{#level-1}")
    assert level_0 < page.index('class="amm-stale"') < level_1
    assert 'href="../../../areas/meetings/#level-0" hreflang="en"' in page
    # English and the German site, which translates nothing here, have no note.
    assert "amm-stale" not in (docs / "areas" / "meetings" / "index.md").read_text()
    assert "amm-stale" not in (docs / "de" / "areas" / "meetings" / "index.md").read_text()
    status = (docs / "es" / "translations" / "index.md").read_text(encoding="utf-8")
    assert status.count(f"data/i18n/es/areas/meetings.yml:{line}: ") == 1
    assert "levels.0.practices.calendars-full-recurring" in status


def test_model_json_names_its_language(site: Path):
    for lang in ("en", *TRANSLATIONS):
        folder = site if lang == "en" else site / lang
        assert json.loads((folder / "model.json").read_text(encoding="utf-8"))["language"] == lang


def shown_texts(page: Path) -> set[str]:
    """Each element's own text and its labels, each whitespace run as one space."""
    texts = set()
    for element in read(page).elements:
        if element.tag in ("script", "style"):
            continue
        for value in (element.text, element.attrs.get("title"), element.attrs.get("aria-label")):
            if value and value.strip():
                texts.add(" ".join(value.split()))
    return texts


SPANISH_INTERFACE = ["es/", "es/assessment/", "es/matrix/", "es/changelog/", "es/areas/meetings/"]


@pytest.mark.parametrize("page", SPANISH_INTERFACE)
def test_no_text_of_the_interface_shows_in_english_on_the_spanish_pages(site: Path, page: str):
    """Every interface string interface.yml translates: its English may not be the whole
    text of an element, a title or a label of the Spanish page (the banner, the assessment's
    labels, the matrix's caption and corner, the ¶ links, the theme's toggles)."""
    spanish = dict(i18n.read_interface(ROOT / "data", "es")[0])
    english = {text.rstrip(":") for text, translated in spanish.items() if text != translated}
    english |= {"Switch to dark mode", "Switch to light mode"}  # mkdocs.yml's palette
    shown = {text.rstrip(":") for text in shown_texts(site / file_of(page))}
    assert sorted(english & shown) == []


def test_the_spanish_assessment_page_speaks_spanish_before_its_script_runs(site: Path):
    page = read(site / "es" / "assessment" / "index.html")
    texts = shown_texts(site / "es" / "assessment" / "index.html")
    assert {
        "Guardar y compartir",
        "Siguientes pasos",
        "Hoy",
        "Objetivo",
        "Más sobre Reuniones",
    } <= texts
    caption = next(c.text for c in page.find("caption") if "El nivel más alto" in c.text)
    assert caption.startswith("Modelo de madurez de la comunicación asíncrona: 5 áreas")
    banner = next(p.text for p in page.find("p") if "amm-download" in p.attrs.get("class", ""))
    assert " ".join(banner.split()).startswith("Resumen en una página: PDF, carta")
    # The browser modules' words: the Spanish of each t("...") that interface.yml translates.
    island = json.loads(page.find("script", id="amm-strings")[0].text)
    spanish = dict(i18n.read_interface(ROOT / "data", "es")[0])
    assert island == {k: v for k, v in spanish.items() if k in language.script_strings()}
    english = json.loads(
        read(site / "assessment" / "index.html").find("script", id="amm-strings")[0].text
    )
    assert english == {}


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_the_facilitators_guide_links_the_compare_view_and_the_one_pager(site: Path, prefix: str):
    guide = read(site / prefix / "guide" / "facilitate" / "index.html")
    links = {a.attrs.get("href", "") for a in guide.find("a")}
    assert "../../assessment/#amm-compare" in links
    assert "../../assessment/#amm-keep" in links
    assert f"../../{urls.PDF_FILES['letter']}" in links
    assessment = read(site / prefix / "assessment" / "index.html")
    article = [a for a in assessment.find("a") if a.attrs.get("href") == "../guide/facilitate/"]
    assert article, f"{prefix}assessment/ does not link the facilitator's guide"
    nav = {a.text.strip() for a in guide.find("a") if "md-nav__link" in a.attrs.get("class", "")}
    assert ("La evaluación en una retro" if prefix else "Run it in a retro") in nav
