"""The built site: pages, permalinks, the matrix, edit links, and builds that must fail."""

import re
from pathlib import Path

import pytest

from scripts.render.urls import PDF_FILES
from scripts.source.load import load_model
from tests.conftest import mkdocs_build
from tests.htmltools import read

MODEL = load_model()


def test_every_view_is_built(site: Path):
    for page in [
        "index.html",
        "model/index.html",
        "matrix/index.html",
        "about/index.html",
        "areas/index.html",
        *(f"areas/{a.id}/index.html" for a in MODEL.areas),
    ]:
        assert (site / page).is_file(), page
    for name in PDF_FILES.values():
        assert (site / name).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("area", MODEL.areas, ids=lambda a: a.id)
def test_area_page_has_a_permalink_per_level_and_edits_its_yaml(site: Path, area):
    page = read(site / "areas" / area.id / "index.html")
    assert {f"level-{lvl.id}" for lvl in MODEL.levels} <= page.ids
    headings = [
        h.text.strip().rstrip("¶").strip()
        for h in page.find("h2")
        if h.attrs.get("id", "").startswith("level-")
    ]
    assert headings == [f"Level {lvl.id}: {lvl.name}" for lvl in MODEL.levels]
    edit = [
        a.attrs["href"] for a in page.find("a") if "md-content__button" in a.attrs.get("class", "")
    ]
    assert len(edit) == 1 and edit[0].endswith(f"/edit/main/data/areas/{area.id}.yml")
    for practice in area.cells[2].practices:
        assert re.sub(r"\s+", " ", practice.text.split("`")[0][:40]) in re.sub(
            r"\s+", " ", page.find("main")[0].text
        )


def test_matrix_is_a_real_table_with_a_link_per_cell(site: Path):
    page = read(site / "matrix" / "index.html")
    table = page.find("table", class_="amm-matrix")
    assert len(table) == 1
    assert [th.text.strip() for th in page.find("th", scope="col")] == [
        "Level",
        *(a.title for a in MODEL.areas),
    ]
    row_headers = [re.sub(r"\s+", " ", th.text).strip() for th in page.find("th", scope="row")]
    assert row_headers == [f"{lvl.id} {lvl.name}" for lvl in reversed(MODEL.levels)]
    cell_links = [a.attrs["href"] for a in page.find("a") if "#level-" in a.attrs.get("href", "")]
    table_links = cell_links[: len(MODEL.areas) * len(MODEL.levels)]
    expected = [
        f"../areas/{a.id}/#level-{lvl.id}" for lvl in reversed(MODEL.levels) for a in MODEL.areas
    ]
    assert table_links == expected == [link for link in expected if link in cell_links]
    assert len(expected) == 20


def test_every_page_offers_both_pdfs(site: Path):
    for html in site.rglob("*.html"):
        hrefs = {a.attrs.get("href", "").rsplit("/", 1)[-1] for a in read(html).find("a")}
        assert set(PDF_FILES.values()) <= hrefs, html


def test_nav_lists_areas_in_model_order(site: Path):
    page = read(site / "index.html")
    nav_titles = [a.text.strip() for a in page.find("a", class_="md-nav__link")]
    positions = [nav_titles.index(area.title) for area in MODEL.areas]
    assert positions == sorted(positions)


def test_no_third_party_request_in_built_pages(site: Path):
    for html in site.rglob("*.html"):
        text = html.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        for tag in read(html).elements:
            src = tag.attrs.get("src", "") if tag.tag in {"script", "img", "iframe"} else ""
            loads = tag.tag == "link" and tag.attrs.get("rel") not in {"canonical", "alternate"}
            href = tag.attrs.get("href", "") if loads else ""
            for url in (src, href):
                assert not url.startswith(("http:", "https:", "//")), (html, url)


def add_area(project: Path, area_id: str, title: str) -> None:
    """A copy of the meetings area under a new id, listed last, as CONTRIBUTING.md says."""
    source = (project / "data" / "areas" / "meetings.yml").read_text()
    source = re.sub(r"^id: meetings$", f"id: {area_id}", source, flags=re.M)
    source = source.replace("title: Meetings", f"title: {title}")
    (project / "data" / "areas" / f"{area_id}.yml").write_text(source)
    model = project / "data" / "model.yml"
    model.write_text(
        model.read_text().replace(
            "  - leadership-culture\n", f"  - leadership-culture\n  - {area_id}\n"
        )
    )


def test_a_new_area_needs_only_its_data_file(fixture_project: Path, tmp_path: Path):
    project = fixture_project
    add_area(project, "test-sixth-area", "Sixth area")
    out = tmp_path / "out"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    page = read(out / "areas" / "test-sixth-area" / "index.html")
    assert page.find("h1")[0].text.strip().startswith("Sixth area")
    matrix = read(out / "matrix" / "index.html")
    assert [th.text.strip() for th in matrix.find("th", scope="col")][-1] == "Sixth area"
    assert any(a.attrs.get("href") == "../areas/test-sixth-area/#level-3" for a in matrix.find("a"))
    nav = [a.text.strip() for a in read(out / "index.html").find("a", class_="md-nav__link")]
    assert "Sixth area" in nav

    # The pages count the areas from the data, in every language.
    def words(page: str) -> str:
        return " ".join(read(out / page / "index.html").find("main")[0].text.split())

    assert "It looks at 6 areas of team life" in words("")
    for page in ("", "areas/", "guide/how-to-use/", "es/", "es/areas/"):
        text = words(page)
        assert not re.search(r"\b(five|cinco) (areas|áreas)\b", text, re.I), page
    from pypdf import PdfReader

    for name in PDF_FILES.values():
        assert "Sixth area" in PdfReader(out / name).pages[0].extract_text()


def test_bad_data_stops_the_build_before_anything_is_written(fixture_project: Path, tmp_path: Path):
    project = fixture_project
    meetings = project / "data" / "areas" / "meetings.yml"
    meetings.write_text(meetings.read_text().replace("title: Meetings", "title: [Meetings"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.html").write_text("the last good build")
    result = mkdocs_build(project, out)
    assert result.returncode != 0
    assert (
        "data/areas/meetings.yml:3: the text starts with [, which YAML reads as the start of "
        "a list; put the whole text in quotes: title: '[Meetings'"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.html"]


def test_template_syntax_in_data_stays_literal(fixture_project: Path, tmp_path: Path):
    project = fixture_project
    doc = project / "data" / "areas" / "documentation.yml"
    text = doc.read_text()
    marker = "    practices:\n      - id: new-joiners-learn\n        text: "
    at = text.index(marker) + len(marker)
    doc.write_text(text[:at] + "Literal {{ 7*7 }} and {% if true %}kept{% endif %}; " + text[at:])
    out = tmp_path / "out"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    html = (out / "areas" / "documentation" / "index.html").read_text()
    assert "Literal {{ 7*7 }} and {% if true %}kept{% endif %};" in html


def test_builds_are_byte_identical_with_source_date_epoch(project: Path, tmp_path: Path):
    builds = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = mkdocs_build(project, out, SOURCE_DATE_EPOCH="1764000000")
        assert result.returncode == 0, result.stderr
        builds.append(
            {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        )
    assert builds[0].keys() == builds[1].keys()
    different = [str(path) for path in builds[0] if builds[0][path] != builds[1][path]]
    assert different == []
    assert any(str(p).endswith(".pdf") for p in builds[0])


@pytest.mark.parametrize(
    ("page", "data_file"),
    [
        ("guide/principles/index.html", "data/guide/principles.yml"),
        ("guide/channels/index.html", "data/guide/channels.yml"),
        ("changelog/index.html", "data/changelog.yml"),
        ("about/index.html", "content/about/index.md"),
    ],
)
def test_edit_buttons_open_the_file_that_holds_the_text(site: Path, page: str, data_file: str):
    edit = [
        a.attrs["href"]
        for a in read(site / page).find("a")
        if "md-content__button" in a.attrs.get("class", "")
    ]
    assert len(edit) == 1 and edit[0].endswith(f"/edit/main/{data_file}")
