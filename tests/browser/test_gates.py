"""Quality gates over every page of the built site, opened in Chromium the way readers do:
light and dark, laptop and phone width. tests/browser/test_gates_catch.py shows that each
gate fails when the site breaks in the way it guards against.
"""

from pathlib import Path

import pytest

from tests.browser import gates

VIEWS = [(scheme, width) for scheme in ("light", "dark") for width in (1280, 375)]
MATRIX = "matrix/"


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    return gates.html_pages(site)


@pytest.fixture(scope="session")
def reports(browser, base_url: str, pages: list[str]) -> list[gates.Report]:
    return gates.sweep(browser, base_url, pages, VIEWS)


@pytest.fixture(scope="session")
def built(site: Path) -> gates.Site:
    return gates.Site(site, gates.site_url_of(site))


def problems(reports: list[gates.Report], gate: str) -> list[str]:
    return [f"{report}: {problem}" for report in reports for problem in getattr(report, gate) or []]


def test_every_page_is_opened_in_every_view(pages: list[str], reports: list[gates.Report]):
    assert {"", MATRIX, "404.html"} <= set(pages)
    assert {(r.scheme, r.width, r.path) for r in reports} == {
        (scheme, width, path) for scheme, width in VIEWS for path in pages
    }


def test_axe_finds_no_wcag_or_best_practice_violation(reports: list[gates.Report]):
    assert problems(reports, "axe") == []


def test_no_request_leaves_the_site(reports: list[gates.Report]):
    assert problems(reports, "outside") == []


def test_no_console_error(reports: list[gates.Report]):
    assert problems(reports, "errors") == []


def test_no_page_scrolls_sideways(reports: list[gates.Report]):
    assert problems(reports, "overflow") == []


def test_the_matrix_shows_every_cell_at_every_width(reports: list[gates.Report]):
    matrix = [r for r in reports if r.path == MATRIX]
    assert all(r.matrix is not None for r in matrix), "the matrix page has no matrix"
    assert problems(matrix, "matrix") == []


def test_nu_html_checker_finds_no_error(site: Path, pages: list[str]):
    assert gates.vnu_errors([site / gates.file_of(path) for path in pages]) == []


def test_every_page_has_a_title_of_its_own(site: Path):
    assert gates.weak_titles(site) == []


def test_no_broken_link_or_anchor_in_pages_pdfs_or_json(built: gates.Site):
    assert gates.broken_html_links(built) == []
    assert gates.broken_pdf_links(built) == []
    assert gates.broken_json_links(built) == []


def test_pdfs_link_back_to_the_site(built: gates.Site):
    """Guards the PDF gate itself: it only means something if the PDFs carry links."""
    assert all(gates.pdf_links(pdf) for pdf in built.root.glob("*.pdf"))


# ---------------------------------------------------------------- states beyond rest

# One page of each kind: what differs between pages of a kind is text, not controls.
STATE_PAGES = ["", MATRIX, "areas/meetings/", "assessment/", "guide/principles/", "404.html"]
# Below 1220 px Material folds the navigation into a drawer; 1024 px is a laptop that does.
# Each scheme is seen at full width, and each narrow width in one scheme: where controls
# sit does not depend on the scheme, and their colours do not depend on the width.
STATE_VIEWS = [("light", 1280), ("dark", 1280), ("dark", 375), ("light", 1024)]


def open_in_states(browser, base_url: str, views, check) -> list[str]:
    """`check(page, seen)` on every STATE_PAGES page in every view, the assessment answered."""
    problems = []
    for scheme, width in views:
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        gates.guard_loopback(context, [])
        page, seen = context.new_page(), set()
        for path in STATE_PAGES:
            page.goto(base_url + path)
            gates.still(page)
            if path.startswith("assessment"):
                gates.answer_assessment(page)
            problems += [f"/{path} ({scheme}, {width} px): {p}" for p in check(page, seen)]
        context.close()
    return problems


def test_state_pages_exist(pages: list[str]):
    assert set(STATE_PAGES) <= set(pages)


def test_every_tab_stop_is_on_screen_shows_focus_and_passes_axe(browser, base_url: str):
    assert open_in_states(browser, base_url, STATE_VIEWS, gates.tab_through) == []


def test_axe_passes_with_search_the_drawer_and_every_dialog_open(browser, base_url: str):
    def check(page, seen):
        return gates.search_open(page) + gates.drawer_open(page) + gates.dialogs_open(page)

    assert open_in_states(browser, base_url, STATE_VIEWS, check) == []


def test_text_spacing_at_320_px_neither_scrolls_sideways_nor_clips(
    browser, base_url: str, pages: list[str]
):
    """WCAG 1.4.12 on every page, the assessment with its results showing."""
    context = browser.new_context(viewport={"width": 320, "height": 900})
    gates.guard_loopback(context, [])
    page, problems = context.new_page(), []
    for path in pages:
        page.goto(base_url + path)
        if path == "assessment/":
            gates.answer_assessment(page)
        problems += [f"/{path}: {p}" for p in gates.text_spacing(page)]
    context.close()
    assert problems == []


# The one-page PDF fits 10 areas of today's cells before its type reaches its 7 pt floor
# (scripts/render/pdf.py); printing the matrix from the browser must keep up with it.
PDF_MAX_AREAS = 10


@pytest.mark.parametrize("areas", [None, PDF_MAX_AREAS])
def test_printing_the_matrix_gives_one_landscape_page(new_context, base_url: str, areas):
    page = new_context().new_page()
    page.goto(base_url + MATRIX)
    if areas:
        gates.widen_matrix(page, areas)
        assert page.locator("table.amm-matrix thead th").count() == areas + 1
    assert gates.print_pages(page) == []


def test_long_pages_print_in_portrait(new_context, base_url: str):
    page = new_context().new_page()
    page.goto(base_url + "guide/how-to-use/")
    assert gates.print_pages(page, landscape=False, one_page=False) == []
