"""`make report` without SITE_URL links the team's PDF to where the repository publishes."""

import io
from contextlib import redirect_stdout
from pathlib import Path

import pypdf
import pytest

from scripts import cli
from scripts.render import urls

EXAMPLE = Path(__file__).parent / "fixtures" / "assessments" / "valid-awkward-team.json"


@pytest.mark.parametrize(
    ("edit_uri", "site"),
    [
        (
            "https://github.com/async-maturity-model/async-maturity-model/edit/main/content/",
            "https://async-maturity-model.github.io/async-maturity-model/",
        ),
        (
            "https://github.com/Some-Team/amm.fork/edit/trunk/content/",
            "https://some-team.github.io/amm.fork/",
        ),
        ("https://gitlab.com/team/amm/-/edit/main/content/", None),
        ("", None),
    ],
)
def test_the_published_site_follows_the_repository(edit_uri: str, site: str | None):
    assert urls.published_site(edit_uri) == site


def links(pdf: Path) -> set[str]:
    page = pypdf.PdfReader(pdf).pages[0]
    return {note.get_object()["/A"]["/URI"] for note in page.get("/Annots", [])}


def test_a_report_without_site_url_links_the_forks_published_site(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("EDIT_URI", "https://github.com/Some-Team/amm-fork/edit/main/content/")
    out = tmp_path / "team.pdf"
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert cli.main(["report", str(EXAMPLE), "--out", str(out)]) == 0
    site = "https://some-team.github.io/amm-fork/"
    assert f"{out}: links go to {site}" in printed.getvalue()
    found = links(out)
    assert found and all(
        link.startswith(site) for link in found if "127.0.0.1" in link or "github.io" in link
    )
    assert not any("127.0.0.1" in link for link in found)
