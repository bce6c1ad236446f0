"""Answers made with an older model: which cells changed since, for the page and `make report`."""

import dataclasses
import datetime
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from scripts import cli
from scripts.render import assessment
from scripts.render.versions import version_note
from scripts.source.changelog import Change, Release, changed_cells, load_changelog
from scripts.source.load import load_model

MODEL = load_model()
FIRST, SECOND = MODEL.areas[0], MODEL.areas[1]
DAY = datetime.date(2026, 1, 1)
# Newest first, as data/changelog.yml lists them; 1.10.0 sorts after 1.2.0 as a number.
RELEASES = (
    Release(
        "1.10.0",
        DAY,
        "",
        (
            Change("Again.", FIRST.id, 2),
            Change("A level.", None, 1),
            Change("Later.", SECOND.id, 1),
        ),
    ),
    Release("1.2.0", DAY, "", (Change("Reworded.", FIRST.id, 2), Change("New.", FIRST.id, 0))),
    Release("1.0.0", DAY, "", ()),
)


def test_changed_cells_are_the_cells_of_later_releases_with_their_notes():
    assert changed_cells(RELEASES, "1.0.0") == {
        (FIRST.id, 2): ["Reworded.", "Again."],
        (FIRST.id, 0): ["New."],
        (SECOND.id, 1): ["Later."],
    }
    assert list(changed_cells(RELEASES, "1.2.0")) == [(FIRST.id, 2), (SECOND.id, 1)]
    assert changed_cells(RELEASES, "1.10.0") == {}


def test_the_note_names_each_changed_cell_by_area_in_the_model_order():
    model = dataclasses.replace(MODEL, version="1.10.0")
    note = version_note(model, RELEASES, "1.2.0", "team.json")
    assert note == (
        "note: team.json was made with version 1.2.0 of the model; this is version 1.10.0. "
        f"2 cells changed since, so check those answers: {FIRST.title} (2); {SECOND.title} (1)"
    )
    unversioned = version_note(model, RELEASES, None, "team.json") or ""
    assert (
        "has no model_version, so it is taken as version 1.0.0, the oldest release" in unversioned
    )
    assert f"3 cells changed since, so check those answers: {FIRST.title} (0, 2);" in unversioned
    assert version_note(model, RELEASES, "1.10.0", "team.json") is None
    newer = version_note(model, RELEASES, "2.0.0", "team.json") or ""
    assert "newer than this version 1.10.0" in newer


def test_the_page_gets_each_release_s_changed_cells_with_links_to_their_pages():
    releases = load_changelog(MODEL)
    data = assessment.page_data(MODEL, "../", releases)
    assert [r["version"] for r in data["releases"]] == [r.version for r in releases]
    cells = data["releases"][0]["cells"]
    expected = [c for c in releases[0].changes if c.area_id and c.level_id is not None]
    assert [(c["area"], c["level"]) for c in cells] == [(c.area_id, c.level_id) for c in expected]
    assert cells[0]["url"] == f"../areas/{cells[0]['area']}/level-{cells[0]['level']}/"
    assert all("<" not in c["note"] for c in cells), "notes reach the page as plain text"


def run_report(tmp_path: Path, content: dict) -> tuple[int, str, str]:
    source = tmp_path / "team.json"
    source.write_text(json.dumps(content), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["report", str(source), "--out", str(tmp_path / "team.pdf")])
    return code, out.getvalue(), err.getvalue()


def test_make_report_says_what_changed_since_a_file_s_version(tmp_path: Path):
    oldest = load_changelog(MODEL)[-1].version
    areas = {FIRST.id: {"current": 1, "target": 2}}
    code, printed, _ = run_report(tmp_path, {"model_version": oldest, "areas": areas})
    assert code == 0
    if oldest != MODEL.version:
        assert (
            f"was made with version {oldest} of the model; this is version {MODEL.version}"
            in printed
        )
    code, printed, _ = run_report(tmp_path, {"areas": areas})
    assert code == 0
    if oldest != MODEL.version:
        assert f"has no model_version, so it is taken as version {oldest}" in printed
    code, printed, _ = run_report(tmp_path, {"model_version": MODEL.version, "areas": areas})
    assert "changed since" not in printed


def test_make_report_refuses_a_malformed_version(tmp_path: Path):
    code, _, err = run_report(tmp_path, {"model_version": "1.1", "areas": {}})
    assert code == 1
    assert 'model_version: must be a version such as 1.0.0, not "1.1"' in err
    assert not (tmp_path / "team.pdf").exists()
