"""The coordinator's view (/teams/): several teams' files side by side, never ranked.

A coordinator adds the JSON files teams downloaded from the assessment and sees each team's
current and target level per area, teams in alphabetical order, with nothing added up.
"""

import json
from pathlib import Path

import pytest

from scripts.source.changelog import load_changelog
from tests.browser.gates import axe_violations, print_pages, still
from tests.browser.test_assessment import MODEL, PHONE

IDS = [area.id for area in MODEL.areas]
OLDEST = load_changelog(MODEL)[-1].version
# Levels chosen so that no order by level would be alphabetical: the most advanced team
# sorts last and the least advanced second.
TEAMS = {
    "zeta": ("Zeta", MODEL.version, 3),
    "apps": ("Apps", MODEL.version, 1),
    "emile": ("Émile", OLDEST, 2),
    "bravo": ("bravo", MODEL.version, 0),
}


def team_file(folder: Path, slug: str, name: str, version: str | None, level: int) -> Path:
    areas = {i: {"current": level, "target": min(level + 1, 3)} for i in IDS}
    content = {"team": name, "areas": areas} | ({"model_version": version} if version else {})
    path = folder / f"{slug}.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def five_files(folder: Path) -> list[str]:
    """Four teams' files and one that was cut short when it was sent."""
    files = [team_file(folder, slug, *team) for slug, team in TEAMS.items()]
    broken = folder / "<b>ops.json"
    broken.write_text('{"team": "Ops", "areas": {', encoding="utf-8")
    return [str(path) for path in [*files[:2], broken, *files[2:]]]


@pytest.fixture
def url(base_url: str) -> str:
    return base_url + "teams/"


def open_teams(context, url: str, files: list[str] | None = None):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    if files:
        page.set_input_files("#amm-teams-files", files)
        page.wait_for_selector("#amm-teams-view:not([hidden])")
    return page


def table(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#amm-teams-rows tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))"
    )


def test_five_files_one_malformed_show_four_teams_by_name(new_context, url: str, tmp_path):
    page = open_teams(new_context(), url, five_files(tmp_path))
    assert page.text_content("#amm-teams-status") == "4 teams shown. One file was skipped:"
    skipped = page.locator("#amm-teams-skipped li")
    assert skipped.all_text_contents() == ["<b>ops.json is not an assessment saved from this page"]
    assert page.locator("#amm-teams-skipped b").count() == 0, "a file name is text, not markup"
    rows = table(page)
    # Alphabetical in the page's language: case and accents do not move a team to the end.
    assert [row[0].split("\n")[0] for row in rows] == ["Apps", "bravo", "Émile", "Zeta"]
    assert rows[3][1:] == [
        f"Current: 3 {MODEL.levels[3].name}\nTarget: 3 {MODEL.levels[3].name}"
    ] * len(IDS)
    heads = page.eval_on_selector_all(
        ".amm-teams__table thead th", "hs => hs.map(h => h.textContent)"
    )
    assert heads == ["Team", *[area.title for area in MODEL.areas]]
    assert not page.errors


def test_nothing_is_added_up_averaged_or_coloured(new_context, url: str, tmp_path):
    page = open_teams(new_context(), url, five_files(tmp_path))
    view = page.text_content("#amm-teams-view").lower()
    for word in ("total", "average", "mean", "median", "rank", "score", "best", "worst"):
        assert word not in view, word
    assert page.locator(".amm-teams__table tfoot").count() == 0
    assert all(len(row) == len(IDS) + 1 for row in table(page)), "no column beyond the areas"
    # Every cell looks the same whatever its level: no colour can read as good or bad.
    looks = page.eval_on_selector_all(
        "#amm-teams-rows td, #amm-teams-rows td span",
        "cells => [...new Set(cells.map(c => { const s = getComputedStyle(c);"
        " return [s.color, s.backgroundColor, s.fontWeight, s.borderColor].join(); }))]",
    )
    assert len(looks) == 1, looks
    assert "ranking" in page.text_content("article"), "the page says why teams are not ranked"


def test_a_file_from_an_older_version_is_flagged(new_context, url: str, tmp_path):
    assert MODEL.version != OLDEST, "the changelog has an older release to test against"
    files = five_files(tmp_path) + [str(team_file(tmp_path, "nover", "No version", None, 1))]
    page = open_teams(new_context(), url, files)
    flagged = {row[0].split("\n")[0]: row[0] for row in table(page)}
    assert f"Made with model version {OLDEST}" in flagged["Émile"]
    assert f"Made with model version {OLDEST}" in flagged["No version"]
    assert "Made with model version" not in flagged["Zeta"]
    note = page.text_content("#amm-teams-versions p")
    assert note.startswith(
        f"Made with version {OLDEST} of the model: Émile, No version (no version in the file)."
    )
    links = page.eval_on_selector_all("#amm-teams-versions a", "as => as.map(a => a.href)")
    assert links and all("/areas/" in link and "/level-" in link for link in links)


def test_the_same_file_again_replaces_it_and_remove_all_empties_the_view(
    new_context, url, tmp_path
):
    page = open_teams(new_context(), url, five_files(tmp_path))
    page.set_input_files("#amm-teams-files", [str(tmp_path / "zeta.json")])
    page.wait_for_function(
        "() => document.querySelector('#amm-teams-status').textContent === '4 teams shown.'"
    )
    page.click("#amm-teams-clear")
    assert page.is_hidden("#amm-teams-view")
    assert page.evaluate("() => document.activeElement.id") == "amm-teams-files"


def test_the_file_picker_is_labelled_and_reached_by_keyboard(new_context, url: str):
    page = open_teams(new_context(), url)
    picker = page.locator("#amm-teams-files")
    assert picker.evaluate("el => el.labels[0].textContent") == "Teams' JSON files"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "amm-teams-files":
            break
    else:
        pytest.fail("Tab never reached the file picker")
    assert picker.evaluate("el => el.matches(':focus-visible') && el.multiple")


def test_dropping_files_works_like_choosing_them(new_context, url: str, tmp_path):
    page = open_teams(new_context(), url)
    path = team_file(tmp_path, "apps", "Apps", MODEL.version, 1)
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.items.add(new File([text], 'apps.json', {type: 'application/json'}));
            const box = document.querySelector('#amm-teams-pick');
            box.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
            box.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        path.read_text(encoding="utf-8"),
    )
    page.wait_for_selector("#amm-teams-view:not([hidden])")
    assert table(page)[0][0].startswith("Apps")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_before_and_after(new_context, url, tmp_path, scheme: str, width: int):
    options = PHONE if width == 375 else {"viewport": {"width": width, "height": 900}}
    context = new_context(**options, color_scheme=scheme)
    page = open_teams(context, url)
    still(page)
    assert axe_violations(page) == []
    page.set_input_files("#amm-teams-files", five_files(tmp_path))
    page.wait_for_selector("#amm-teams-view:not([hidden])")
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, (
        "the table scrolls in its own box, not the page"
    )
    assert context.outside_requests == []
    assert not page.errors


def test_eight_teams_print_on_one_landscape_page(new_context, url: str, tmp_path):
    names = ["Platform", "Data", "Mobile", "Web", "Payments", "Search", "Identity", "Growth"]
    files = [
        str(team_file(tmp_path, f"t{i}", name, OLDEST if i % 3 == 0 else MODEL.version, i % 4))
        for i, name in enumerate(names)
    ]
    page = open_teams(new_context(), url, files)
    assert len(table(page)) == 8
    assert print_pages(page) == []


def test_an_area_that_does_not_apply_shows_its_reason_not_levels(new_context, url, tmp_path):
    path = team_file(tmp_path, "field", "Field sales", MODEL.version, 1)
    content = json.loads(path.read_text(encoding="utf-8"))
    content["areas"][IDS[0]] = {"not_applicable": {"reason": "We write no docs of our own"}}
    path.write_text(json.dumps(content), encoding="utf-8")
    page = open_teams(new_context(), url, [str(path)])
    (row,) = table(page)
    assert row[1] == "Does not apply\nWe write no docs of our own"
    assert row[2].startswith("Current: 1 ")
