"""Link previews: every page's description, canonical address, Open Graph and Twitter tags."""

import ast
import dataclasses
from pathlib import Path

import pytest

from scripts.render import social
from scripts.render.pages import split_front_matter
from scripts.source.load import load_model
from tests.browser.gates import file_of, html_pages
from tests.conftest import FIXTURE_DATA, edit, mkdocs_build
from tests.htmltools import read

SITE_URL = "http://127.0.0.1:8000/"
MODEL = load_model()
TAGS = (
    "og:type",
    "og:site_name",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:image:type",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
)
TWITTER = ("twitter:card", "twitter:title", "twitter:description", "twitter:image")
# The 404 page has no address to share, and it is served with status 404, which link
# previews do not show.
WITHOUT_PREVIEW = ("404.html",)


def tags(site: Path, page: str) -> dict[str, str]:
    html = read(site / file_of(page))
    found = {m.attrs.get("property") or m.attrs.get("name"): m for m in html.find("meta")}
    result = {key: m.attrs["content"] for key, m in found.items() if key}
    for link in html.find("link", rel="canonical"):
        result["canonical"] = link.attrs["href"]
    return result


def pages(site: Path) -> list[str]:
    return [page for page in html_pages(site) if not page.endswith(WITHOUT_PREVIEW)]


def translated(site: Path, page: str) -> bool:
    """Whether `page` is in a translation's site, under /<locale>/ with a model of its own."""
    return "/" in page and (site / page.split("/")[0] / "model.json").is_file()


def test_every_page_has_its_own_absolute_preview(site: Path):
    for page in pages(site):
        found = tags(site, page)
        missing = [t for t in (*TAGS, *TWITTER, "description", "canonical") if t not in found]
        assert missing == [], page
        assert found["og:url"] == found["canonical"] == SITE_URL + page, page
        assert found["og:description"] == found["description"] == found["twitter:description"]
        assert found["og:title"] == found["twitter:title"]
        assert found["og:image"] == found["twitter:image"]
        assert found["og:image"].startswith(SITE_URL), page
        image = site / found["og:image"].removeprefix(SITE_URL)
        assert image.read_bytes().startswith(b"\x89PNG"), page
        assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")
        assert found["twitter:card"] == "summary_large_image"
    # Every English page says something of its own, not the site's one line.
    english = [page for page in pages(site) if not translated(site, page)]
    assert len({tags(site, page)["description"] for page in english}) == len(english) > 30


@pytest.mark.parametrize("area", MODEL.areas, ids=lambda a: a.id)
def test_area_and_cell_previews_show_their_data(site: Path, area):
    found = tags(site, f"areas/{area.id}/")
    assert found["og:title"] == area.title
    assert found["description"] == " ".join(area.summary.split())
    assert found["og:image"] == f"{SITE_URL}assets/previews/{area.id}.png"
    for cell in area.cells:
        found = tags(site, f"areas/{area.id}/level-{cell.level.id}/")
        assert found["og:title"] == f"{area.title}, level {cell.level.id}: {cell.level.name}"
        assert found["description"] == " ".join(cell.summary.split())
        assert found["og:image"] == f"{SITE_URL}assets/previews/{area.id}-level-{cell.level.id}.png"
        assert cell.level.name in found["og:image:alt"]


def test_hand_written_pages_use_their_front_matter(site: Path):
    found = tags(site, "about/")
    text = (Path(__file__).parent.parent / "content" / "about" / "index.md").read_text()
    assert found["description"].split()[:4] == ["Which", "version", "of", "the"]
    assert found["description"].split()[:4] == text.split("description: >-\n")[1].split()[:4]
    assert found["og:title"] == "About"
    assert tags(site, "")["og:title"] == MODEL.title


def _page(meta: str, body: str = "# A page\n") -> bytes:
    return f"---\n{meta}---\n{body}".encode()


def test_a_page_without_a_description_is_a_problem_on_its_file():
    files = {
        "guide/index.md": _page("title: Guide\n"),
        "about/index.md": _page("description: Ok\n"),
    }
    problems = social.describe(files, MODEL, {"docs_dir": "content"}, "")
    assert [str(p) for p in problems] == [
        "content/guide/index.md:1: description: add a `description:` to the front matter: one "
        "or two sentences of your own that a link preview shows under the page's title"
    ]


def test_values_are_escaped_once_and_urls_follow_the_site_url():
    model = load_model(FIXTURE_DATA)
    area = model.areas[0]
    cell = dataclasses.replace(area.cells[0], summary='Say "hi" & <b>bye</b>, *twice*')
    area = dataclasses.replace(area, cells=(cell, *area.cells[1:]))
    model = dataclasses.replace(model, areas=(area, *model.areas[1:]))
    name = f"areas/{area.id}/level-0/index.md"
    files = {name: _page("edit_url: x\n"), "index.md": _page('description: "A & B"\n')}
    model = dataclasses.replace(model, title="A <b> model")
    config = {"site_url": "https://example.org/amm"}
    assert social.describe(files, model, config, "es/") == []
    text = files[name].decode()
    assert "description: Say &quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;, twice\n" in text
    assert f"url: https://example.org/amm/es/areas/{area.id}/level-0/\n" in text
    assert f"image: https://example.org/amm/es/assets/previews/{area.id}-level-0.png\n" in text
    home = files["index.md"].decode()
    assert "description: A &amp; B\n" in home and "title: A &lt;b&gt; model\n" in home


def test_a_description_with_markup_is_text_in_every_tag(project: Path, tmp_path: Path):
    about = project / "content" / "about" / "index.md"
    edit(about, "description: >-\n", 'description: >-\n  Say "hi" & <b>bye</b>.\n')
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    found = tags(out, "about/")
    expected = 'Say "hi" & <b>bye</b>. Which version'
    assert found["description"].startswith(expected)
    assert found["og:description"].startswith(expected)
    assert "<b>" not in (out / "about" / "index.html").read_text().split("</head>")[0]


def test_front_matter_is_read_in_render_which_never_imports_the_generator():
    assert split_front_matter("---\ntitle: A\n---\n# A\n") == ({"title": "A"}, "# A\n")
    assert split_front_matter("# No front matter\n") == ({}, "# No front matter\n")
    for module in sorted((Path(social.__file__).parent).glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            imported = [
                n for n in names if n == "scripts.generate" or n.startswith("scripts.generate.")
            ]
            if isinstance(node, ast.ImportFrom) and node.module == "scripts":
                imported += [a.name for a in node.names if a.name == "generate"]
            assert not imported, f"{module.name} imports the generator"


def test_the_spanish_previews_and_the_status_pages_speak_their_language(site: Path):
    status = tags(site, "es/translations/")
    assert status["og:title"] == "Traducciones"
    assert status["og:url"] == SITE_URL + "es/translations/"
    assert ", cada una en " in status["og:image:alt"]
    assert ", un área del " in tags(site, "es/areas/meetings/")["og:image:alt"]
    assert tags(site, "translations/")["og:title"] == "Translations"
