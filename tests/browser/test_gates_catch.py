"""Each gate in test_gates.py fails when the site breaks in the way it guards against.

One copy of the project is built with regressions at once (low contrast, a web font
from a CDN, an obsolete tag, broken cell anchors, a matrix too wide for a phone, and
pale or hidden states that only searching, the drawer, a dialog or Tab reveal), and the
gates must name each one. Gates that need no build are checked on
small pages written here.
"""

from pathlib import Path

import pytest

from tests.browser import gates
from tests.browser.conftest import serve
from tests.conftest import mkdocs_build

PHONE = [("light", 375)]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from a copy of the project with the regressions above."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    # Light grey body text on white: about 2:1, far below WCAG's 4.5:1.
    append(project / "content/assets/site.css", "\n.md-typeset p { color: #b0b0b0; }\n")
    # A web font: Material then loads it from fonts.googleapis.com on every page view.
    replace(project / "mkdocs.yml", "  font: false\n", "  font:\n    text: Roboto\n")
    append(project / "content/about/index.md", "\n<center>Centred the old way.</center>\n")
    # Every cell link now points at an anchor that the area pages do not have.
    replace(
        project / "scripts/render/urls.py",
        'f"{area_path(area_id)}#{level_anchor(level_id)}"',
        'f"{area_path(area_id)}#lvl-{level_id}"',
    )
    # Unbreakable cell text makes the phone layout wider than the phone.
    append(project / "content/assets/site.css", "\n.amm-matrix-stack li { white-space: nowrap; }\n")
    # States only a reader who searches, opens the drawer, tabs or opens a dialog sees:
    # pale search matches and drawer title, a pale focused dialog button, and a closed
    # drawer whose links take Tab stops again.
    append(
        project / "content/assets/site.css",
        "\n.md-search-result mark { color: #a0aaf0; }"
        "\n.md-nav--primary .md-nav__title { color: #c0c0c0 !important; }"
        "\n.md-typeset .amm-dialog .md-button:focus { color: #6070c0; }"
        "\n.md-sidebar--primary { visibility: visible !important; }\n",
    )
    site = project / "site-out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def broken_reports(browser, broken: Path) -> dict[str, gates.Report]:
    with serve(broken) as url:
        return {r.path: r for r in gates.sweep(browser, url, ["about/", "matrix/"], PHONE)}


def test_axe_catches_low_contrast(broken_reports):
    assert any(v.startswith("color-contrast:") for v in broken_reports["about/"].axe)


def test_the_guard_catches_a_web_font_from_a_cdn(broken_reports):
    assert any("fonts.googleapis.com" in url for url in broken_reports["about/"].outside)


def test_phone_checks_catch_an_overflowing_matrix(broken_reports):
    matrix = broken_reports["matrix/"]
    assert matrix.overflow and matrix.overflow[0].startswith("scrolls horizontally")
    assert matrix.matrix and all("not shown in the viewport" in p for p in matrix.matrix)


def test_nu_html_checker_catches_an_obsolete_tag(broken: Path):
    errors = gates.vnu_errors([broken / "about" / "index.html"])
    assert any("“center” element is obsolete" in error for error in errors), errors


def test_link_checks_catch_broken_cell_anchors_in_pages_pdfs_and_json(broken: Path):
    site = gates.Site(broken, gates.site_url_of(broken))
    assert any("no #lvl-0 in areas/" in p for p in gates.broken_html_links(site))
    assert any("no #lvl-0 in areas/" in p for p in gates.broken_pdf_links(site))
    if (broken / "model.json").exists():
        assert any("no #lvl-0 in areas/" in p for p in gates.broken_json_links(site))


def test_state_gates_catch_pale_states_and_tab_stops_in_the_closed_drawer(browser, broken: Path):
    with serve(broken) as url:
        context = browser.new_context(viewport={"width": 1024, "height": 900})
        page = context.new_page()
        page.goto(url + "assessment/")
        gates.still(page)
        gates.answer_assessment(page)
        tab = gates.tab_through(page, set())
        dialogs = gates.dialogs_open(page)
        search = gates.search_open(page)
        drawer = gates.drawer_open(page)
        context.close()
    assert any(p.startswith("Tab reaches a.md-nav__link") and "off screen" in p for p in tab)
    assert any(p.startswith("dialog 1 open: color-contrast") for p in dialogs), dialogs
    assert any(p.startswith("color-contrast") and "mark" in p for p in search), search
    assert any(p.startswith("color-contrast") and "md-nav__title" in p for p in drawer), drawer


# ---------------------------------------------------------------- crafted pages


@pytest.fixture
def crafted(tmp_path: Path, new_context):
    """Open a page made of `html` in a guarded context; returns (page, context)."""

    def open_page(html: str, **options):
        (tmp_path / "index.html").write_text(html, encoding="utf-8")
        context = new_context(**options)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "index.html")
        return page, context, errors

    with serve(tmp_path) as base:
        yield open_page


PAGE = '<!doctype html><html lang="en"><title>t</title><body>{}</body></html>'


def test_script_errors_reach_the_console_check(crafted):
    _, _, errors = crafted(PAGE.format("<script>undefinedFunction()</script>"))
    assert any("undefinedFunction" in error for error in errors)


def test_the_guard_blocks_and_records_any_other_host(crafted):
    _, context, _ = crafted(PAGE.format('<img alt="" src="http://example.com/pixel.png">'))
    assert context.outside_requests == ["http://example.com/pixel.png"]


def test_print_check_catches_a_second_page_and_portrait(crafted):
    page, _, _ = crafted(PAGE.format('<div style="height: 3000px">tall</div>'))
    problems = gates.print_pages(page, papers=("Letter",))
    assert len(problems) == 2
    assert problems[0].startswith("Letter: prints on ") and problems[0].endswith(" pages, not 1")
    assert problems[1].startswith("Letter: prints in portrait")


def test_link_check_catches_a_missing_page(tmp_path: Path):
    (tmp_path / "index.html").write_text('<a href="gone/">x</a><a id="here" href="#here">y</a>')
    site = gates.Site(tmp_path, "https://example.org/")
    assert gates.broken_html_links(site) == ["/: gone/ -> no file at /gone/"]


def test_tab_check_catches_stops_off_screen_hidden_ringless_or_pale_when_focused(crafted):
    page, _, _ = crafted(
        PAGE.format(
            "<style>#pale:focus { color: #d0d0d0; }</style>"
            '<a href="#1" style="position: absolute; left: -999px">away</a>'
            '<a href="#2" style="opacity: 0">faded</a>'
            '<a href="#3" style="outline: none">plain</a>'
            '<a id="pale" href="#4">pale</a>'
        )
    )
    problems = gates.tab_through(page, set())
    assert problems[:3] == [
        'Tab reaches a "away" off screen',
        'Tab reaches a "faded", which is hidden',
        'a "plain" shows no focus ring',
    ]
    assert len(problems) == 4 and problems[3].startswith('focused #pale "pale": color-contrast')


def test_text_spacing_check_catches_clipped_and_overflowing_text(crafted):
    page, _, _ = crafted(
        PAGE.format(
            '<p style="width: 20ch; overflow: hidden; white-space: nowrap; font: 16px monospace">Fits at rest only.</p>'
            '<p style="white-space: nowrap; font: 16px monospace">Thirty-two characters just fit.</p>'
        ),
        viewport={"width": 320, "height": 600},
    )
    overflow, *clipped = gates.text_spacing(page)
    assert overflow.startswith("scrolls horizontally: ") and overflow.endswith(" in 320 px")
    assert clipped == ['p clips "Fits at rest only."']


def test_title_check_catches_a_bare_site_name_and_two_pages_with_one_title(tmp_path: Path):
    titles = {
        "index.html": ("en", "Home - Site"),
        "404.html": ("en", "Site"),
        "a.html": ("en", "A - Site"),
        "b.html": ("en", "A - Site"),
        "es.html": ("es", "Inicio - Sitio"),
        "es-404.html": ("es", "Sitio"),
    }
    for page, (lang, title) in titles.items():
        (tmp_path / page).write_text(
            f'<html lang="{lang}"><title>{title}</title>', encoding="utf-8"
        )
    assert gates.weak_titles(tmp_path) == [
        "/404.html is titled with the site's name alone",
        "/es-404.html is titled with the site's name alone",
        "/a.html, /b.html share the title 'A - Site'",
    ]
