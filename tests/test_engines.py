"""One generated tree, three engines: MkDocs (production), ProperDocs (its 1.x fork) and
Zensical (Material's successor) build the same site from build/mkdocs.yml.

ProperDocs must match MkDocs byte for byte but for its generator tag. Zensical has its own
theme build, so its assets, search index and markup differ; what readers rely on must not:
the same pages, model.json and PDFs, every internal link resolving, the same edit links.
"""

import re
from pathlib import Path

import pytest

from tests.browser.gates import Site, broken_html_links, html_pages
from tests.conftest import ENGINES, copy_project, mkdocs_build
from tests.htmltools import read

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    # One copy of the project for all three, so they differ by engine, not by moment.
    project = copy_project(tmp_path_factory.mktemp("engines") / "project")
    built = {}
    for engine in ENGINES:
        site = project.parent / f"{engine}-site"
        result = mkdocs_build(project, site, engine=engine)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        assert "WARNING" not in result.stderr, f"{engine}: {result.stderr}"
        built[engine] = site
    return built


def test_properdocs_builds_the_same_site_as_mkdocs(sites: dict[str, Path]):
    ours, theirs = sites["mkdocs"], sites["properdocs"]
    files = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
    built = sorted(p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file())
    assert built == files
    for name in files:
        if name.endswith(".gz"):  # gzip stores a timestamp; its content is sitemap.xml
            continue
        mine, other = (ours / name).read_bytes(), (theirs / name).read_bytes()
        if name.endswith(".html"):
            assert b"ProperDocs" in GENERATOR.search(other).group(0), name
            mine, other = GENERATOR.sub(b"", mine), GENERATOR.sub(b"", other)
        assert mine == other, f"{name} differs between MkDocs and ProperDocs"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_builds_the_same_pages_data_and_pdfs(sites: dict[str, Path], engine: str):
    reference, site = sites["mkdocs"], sites[engine]
    assert html_pages(site) == html_pages(reference)
    assert len(html_pages(site)) > 15
    for name in ("model.json", "model.schema.json", *(p.name for p in reference.glob("*.pdf"))):
        assert (site / name).read_bytes() == (reference / name).read_bytes(), name


@pytest.mark.parametrize("engine", ENGINES)
def test_every_internal_link_resolves_on_every_engine(sites: dict[str, Path], engine: str):
    assert broken_html_links(Site(sites[engine], SITE_URL)) == []


def edit_links(site: Path) -> dict[str, list[str]]:
    return {
        page: [
            a.attrs["href"]
            for a in read(
                site / (page + "index.html" if not page.endswith(".html") else page)
            ).find("a")
            if a.attrs.get("rel") == "edit"
        ]
        for page in html_pages(site)
        if not page.endswith("404.html")
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_edit_buttons_open_the_same_files_on_every_engine(sites: dict[str, Path], engine: str):
    links = edit_links(sites[engine])
    assert links == edit_links(sites["mkdocs"])
    # Every page has one, but a page the build makes from no one file (the translation status).
    assert all(len(hrefs) == 1 for page, hrefs in links.items() if "translations/" not in page)
    assert links["areas/meetings/"][0].endswith("/edit/main/data/areas/meetings.yml")
    assert links["about/"][0].endswith("/edit/main/content/about/index.md")


@pytest.mark.xfail(
    strict=True,
    reason="Known difference (CONTRIBUTING.md, 'Engines'): the site_nav block of overrides/main.html, "
    "which names each section's <nav> for screen readers, has no effect on Zensical's markup",
)
def test_zensical_names_the_navigation_sections(sites: dict[str, Path]):
    home = (sites["zensical"] / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Areas"' in home


@pytest.mark.xfail(
    strict=True,
    reason="Known difference (CONTRIBUTING.md, 'Engines'): Zensical runs no MkDocs plugins, so "
    "mkdocs-static-i18n gives its translated pages no language switcher, hreflang alternates "
    "or theme language; the pages themselves are there, as the tests above check",
)
def test_zensical_links_each_translated_page_to_its_english_twin(sites: dict[str, Path]):
    page = read(sites["zensical"] / "es" / "areas" / "meetings" / "index.html")
    assert page.find("a", hreflang="en")
    assert page.find("html")[0].attrs["lang"] == "es"
