"""data/changelog.yml: checked like the model (file:line), and rendered to /changelog/."""

from pathlib import Path

import pytest

from scripts.source.changelog import load_changelog
from scripts.source.load import load_model
from scripts.source.problems import ModelError
from tests.conftest import FIXTURE_DATA, edit, mkdocs_build
from tests.htmltools import read

RELEASES = """\
releases:
  - version: 1.1.0
    date: 2027-02-01
    summary: Clearer meetings cells.
    changes:
      - area: meetings
        level: 2
        note: The summary now names 1:1s.
      - area: meetings
        note: The why paragraph mentions offsites.
      - level: 3
        note: The level's summary says what optimizing means.
      - note: Every next step now starts with a verb.
  - version: 1.0.0
    date: 2026-11-24
    summary: First release.
"""


def bump(data: Path, version: str) -> None:
    edit(data / "model.yml", "version: 1.0.0", f"version: {version}")


def problems(data: Path, text: str) -> list[str]:
    (data / "changelog.yml").write_text(text)
    with pytest.raises(ModelError) as caught:
        load_changelog(load_model(data), data)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_changelog_starts_at_the_models_version():
    model = load_model()
    releases = load_changelog(model)
    assert releases[0].version == model.version
    assert releases[-1].version == "1.0.0"  # the first release stays listed


def test_dates_load_quoted_or_not(data: Path):
    bump(data, "1.1.0")
    (data / "changelog.yml").write_text(RELEASES.replace("2027-02-01", '"2027-02-01"'))
    quoted = load_changelog(load_model(data), data)
    (data / "changelog.yml").write_text(RELEASES)
    assert load_changelog(load_model(data), data) == quoted
    assert [c.area_id for c in quoted[0].changes] == ["meetings", "meetings", None, None]


def test_a_version_bump_without_a_release_entry_is_named(data: Path):
    bump(data, "1.1.0")
    found = problems(data, (FIXTURE_DATA / "changelog.yml").read_text())
    assert found == [
        "data/changelog.yml:5: releases.0.version: the newest release must be 1.1.0, the "
        "version in data/model.yml; add an entry for it at the top"
    ]


def test_order_dates_and_references_are_checked_with_lines(data: Path):
    bump(data, "1.1.0")
    text = (
        RELEASES.replace("area: meetings\n        level: 2", "area: meeting\n        level: 7")
        .replace("2026-11-24", "2027-03-01")
        .replace("version: 1.0.0", "version: 1.1.0")
    )
    assert problems(data, text) == [
        "data/changelog.yml:6: releases.0.changes.0.area: 'meeting' is not an area of the "
        "model (documentation, decision-making, work-tracking, meetings, leadership-culture); "
        "for an area that was removed, name it in the note instead",
        "data/changelog.yml:7: releases.0.changes.0.level: is not a level of the model (0 to 3)",
        "data/changelog.yml:14: releases.1.version: must be lower than 1.1.0 above it: "
        "newest release first",
        "data/changelog.yml:15: releases.1.date: is later than 2027-02-01, the date of 1.1.0 "
        "listed above it",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("date: 2027-02-01", "date: 2027-02-30", "3: releases.0.date: is not a real day"),
        ("date: 2027-02-01", "date: 1 Feb 2027", "3: releases.0.date: must be a date written"),
        ("version: 1.1.0", "version: v1.1", "2: releases.0.version: must be a version such"),
        ("note: The summary", "note: <b>The</b> summary", "8: releases.0.changes.0.note: must "),
        ("note: Every", "nota: Every", "13: releases.0.changes.3.nota: is not a known key"),
    ],
)
def test_schema_and_text_problems_name_file_and_line(data: Path, old, new, expected):
    bump(data, "1.1.0")
    found = problems(data, RELEASES.replace(old, new))
    assert any(p.startswith(f"data/changelog.yml:{expected}") for p in found), found


def test_a_missing_changelog_is_a_problem(data: Path):
    (data / "changelog.yml").unlink()
    with pytest.raises(ModelError, match="data/changelog.yml: is missing"):
        load_changelog(load_model(data), data)


def test_the_changelog_page_lists_releases_with_cell_links(fixture_project: Path, tmp_path: Path):
    bump(fixture_project / "data", "1.1.0")
    (fixture_project / "data" / "changelog.yml").write_text(RELEASES)
    result = mkdocs_build(fixture_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = read(tmp_path / "site" / "changelog" / "index.html")
    assert {"v1-1-0", "v1-0-0"} <= page.ids
    assert [t.attrs["datetime"] for t in page.find("time")] == ["2027-02-01", "2026-11-24"]
    items = [li.text.strip() for li in page.find("li") if "note" not in li.attrs.get("class", "")]
    assert "Meetings, level 2 (Defined): The summary now names 1:1s." in items
    assert "Meetings: The why paragraph mentions offsites." in items
    assert "Level 3 (Optimizing): The level's summary says what optimizing means." in items
    links = {a.text: a.attrs["href"] for a in page.find("a")}
    assert links["Meetings, level 2 (Defined)"] == "../areas/meetings/#level-2"
    assert links["Meetings"] == "../areas/meetings/"


def test_a_bad_changelog_stops_the_build_with_its_line(fixture_project: Path, tmp_path: Path):
    (fixture_project / "data" / "changelog.yml").write_text(RELEASES)
    result = mkdocs_build(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/changelog.yml:2: releases.0.version: the newest release must be 1.0.0" in (
        result.stderr
    )
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_site_shows_the_version_on_the_changelog_and_about_pages(site: Path):
    version = load_model().version
    changelog = read(site / "changelog" / "index.html")
    assert [h.attrs["id"] for h in changelog.find("h2")][:1] == ["v" + version.replace(".", "-")]
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert f"version <strong>{version}</strong>" in about
    assert 'href="../changelog/"' in about


def test_changes_may_name_the_items_they_touched_and_those_must_exist(data: Path):
    bump(data, "1.1.0")
    text = RELEASES.replace(
        "        level: 2\n", "        level: 1\n        items: [agendas-notes-exist, agendas]\n", 1
    ).replace(
        "      - area: meetings\n        note: The why",
        "      - items: [some-updates-go]\n        note: The why",
    )
    assert problems(data, text) == [
        "data/changelog.yml:8: releases.0.changes.0.items.1: 'agendas' is not a practice or next "
        "step of meetings, level 1; for one that was removed, name it in the note instead",
        "data/changelog.yml:10: releases.0.changes.1.items: needs both area and level: the cell "
        "they are in",
    ]
    text = text.replace(", agendas]", "]").replace(
        "      - items: [some-updates-go]\n", "      - area: meetings\n"
    )
    (data / "changelog.yml").write_text(text)
    releases = load_changelog(load_model(data), data)
    assert releases[0].changes[0].item_ids == ("agendas-notes-exist",)
