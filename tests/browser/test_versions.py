"""Answers made with an older version of the model, and the file as the record that lasts.

A team opens last quarter's link or file: the page says which version it was made with and
lists every cell changed since, each linked to its page, so the team re-checks those
answers. The page also offers the JSON file at the moments a team would lose answers.
"""

import json
from urllib.parse import urlencode

import pytest

from scripts.source.changelog import changed_cells, load_changelog
from tests.browser.gates import axe_violations, idle, still
from tests.browser.test_assessment import ANSWERS, MODEL, PHONE, open_page, pick

RELEASES = load_changelog(MODEL)
OLDEST = RELEASES[-1].version
CHANGED = changed_cells(RELEASES, OLDEST)
LEVELS = {f"current-{area}": current for area, (current, _) in ANSWERS.items()}


@pytest.fixture
def url(base_url: str) -> str:
    return base_url + "assessment/"


def changed_list(page) -> list[list[str]]:
    """The version notice's cells: each link's text and where it goes."""
    return page.eval_on_selector_all(
        "#amm-version li a", "links => links.map(a => [a.textContent, a.getAttribute('href')])"
    )


def expected_cells() -> list[list[str]]:
    return [
        [
            f"{area.title}, level {cell.level.id} {cell.level.name}",
            f"../areas/{area.id}/level-{cell.level.id}/",
        ]
        for area in MODEL.areas
        for cell in area.cells
        if (area.id, cell.level.id) in CHANGED
    ]


def test_a_link_without_a_version_lists_every_cell_changed_since_the_first_release(
    new_context, url: str
):
    assert CHANGED, "the changelog has cells changed since its first release"
    page = open_page(new_context(), f"{url}?{urlencode(LEVELS)}")
    note = page.text_content("#amm-version p")
    assert f"taken as version {OLDEST}, the oldest this site knows" in note
    assert f"{len(CHANGED)} cells changed since then" in note
    assert changed_list(page) == expected_cells()
    # The form marks the same cells, where the team re-checks its answers.
    tags = page.locator(".amm-level .amm-changed-tag")
    assert tags.count() == len(CHANGED)
    assert tags.first.text_content() == f"Changed since {OLDEST}"
    # Each listed cell opens its own page.
    first = page.locator("#amm-version li a").first
    if not first.is_visible():
        page.click("#amm-version summary")
    first.click()
    page.wait_for_url("**/areas/**/level-*/")
    assert page.locator("h1").count() == 1
    assert not page.errors


def test_a_link_from_an_older_version_says_which_and_keeps_it(new_context, url: str):
    page = open_page(new_context(), f"{url}?{urlencode({**LEVELS, 'v': OLDEST})}")
    note = page.text_content("#amm-version p")
    assert note.startswith(
        f"These answers were made with version {OLDEST} of the model; this site shows version {MODEL.version}."
    )
    assert changed_list(page) == expected_cells()
    assert page.url.endswith(f"v={OLDEST}"), "showing old answers does not make them new"
    assert page.input_value("#amm-link").endswith(f"v={OLDEST}")


def test_a_link_of_this_version_has_no_notice_and_new_links_carry_it(new_context, url: str):
    page = open_page(new_context(), f"{url}?{urlencode({**LEVELS, 'v': MODEL.version})}")
    assert page.is_hidden("#amm-version")
    assert page.locator(".amm-changed-tag").count() == 0
    page.click("text=Keep these answers")
    idle(page)
    pick(page, {"meetings": (2, 3)})
    assert page.input_value("#amm-link").endswith(f"&v={MODEL.version}")
    assert page.url.endswith(f"&v={MODEL.version}")


def last_quarter_file(tmp_path):
    """Team Web's answers saved under the oldest release, as a file kept since then."""
    old = tmp_path / "q1.json"
    areas = {area: {"current": c, "target": t} for area, (c, t) in ANSWERS.items()}
    old.write_text(json.dumps({"model_version": OLDEST, "team": "Web", "areas": areas}))
    return old


def test_a_file_from_an_older_version_says_so_and_the_download_keeps_its_version(
    new_context, url: str, tmp_path
):
    old = last_quarter_file(tmp_path)
    page = open_page(new_context(), url)
    page.set_input_files("#amm-file", str(old))
    idle(page)  # keep.js reads the file, version-note.js writes the note
    assert f"made with version {OLDEST} of the model" in page.text_content("#amm-version p")
    assert changed_list(page) == expected_cells()
    with page.expect_download() as info:
        page.click("#amm-json")
    assert json.loads(info.value.path().read_text())["model_version"] == OLDEST


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_with_the_notice_and_the_offer(new_context, url, scheme, width):
    options = PHONE if width == 375 else {"viewport": {"width": width, "height": 900}}
    context = new_context(**options, color_scheme=scheme)
    page = open_page(context, f"{url}?{urlencode(LEVELS)}")
    still(page)
    page.click("#amm-version summary")
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    fresh = open_page(context, url)
    still(fresh)
    pick(fresh, ANSWERS)
    fresh.wait_for_selector("#amm-reminder:not([hidden])")
    assert axe_violations(fresh) == []
    assert context.outside_requests == []


def test_the_page_says_storage_can_be_wiped(new_context, url: str):
    page = open_page(new_context(), url)
    text = " ".join(page.text_content("#amm-keep").split())
    assert "Safari, for one, deletes a site's storage after 7 days without a visit" in text
    assert page.locator("#amm-compare a[href='../teams/']").count() == 1


def test_the_download_is_offered_once_every_area_is_answered(new_context, url: str):
    page = open_page(new_context(), url)
    *first, last = ANSWERS.items()
    pick(page, dict(first))
    assert page.is_hidden("#amm-reminder"), "not before the answers are complete"
    pick(page, dict([last]))
    page.wait_for_selector("#amm-reminder:not([hidden])")
    assert "Every area is answered" in page.text_content("#amm-reminder")
    with page.expect_download() as info:
        page.click("#amm-reminder-save")
    assert json.loads(info.value.path().read_text())["model_version"] == MODEL.version
    assert page.is_hidden("#amm-reminder")
    # Filed: heading for the tab bar asks nothing.
    page.mouse.move(600, 300)
    page.mouse.move(600, -5)
    page.evaluate(
        "() => document.documentElement.dispatchEvent(new MouseEvent('mouseleave', {clientY: -5}))"
    )
    assert page.is_hidden("#amm-reminder")


def test_leaving_with_answers_in_no_file_offers_it_and_never_blocks(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, {"meetings": (1, 2)})
    leave = (
        "() => document.documentElement.dispatchEvent(new MouseEvent('mouseleave', {clientY: -5}))"
    )
    page.evaluate(leave)
    assert "in no file yet" in page.text_content("#amm-reminder")
    page.click("#amm-reminder-close")
    page.evaluate(leave)
    assert page.is_hidden("#amm-reminder"), "Not now holds for the rest of the visit"
    dialogs = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.goto("about:blank")
    assert dialogs == [], "leaving the page is never interrupted"


def test_then_and_now_with_last_quarter_s_file_lists_the_cells_changed_since(
    new_context, url: str, tmp_path
):
    old = last_quarter_file(tmp_path)
    page = open_page(new_context(), url)
    pick(page, {"meetings": (2, 3)})
    page.set_input_files("#amm-then-input", str(old))
    idle(page)
    assert f"made with version {OLDEST} of the model" in page.text_content("#amm-then-version p")
    assert (
        page.eval_on_selector_all(
            "#amm-then-version li a",
            "links => links.map(a => [a.textContent, a.getAttribute('href')])",
        )
        == expected_cells()
    )
    page.click("#amm-then-stop")
    idle(page)
    assert page.locator("#amm-then-version *").count() == 0


def test_answers_saved_in_this_browser_under_an_older_version_say_so(new_context, url: str):
    context = new_context()
    areas = {area: {"current": c, "target": t} for area, (c, t) in ANSWERS.items()}
    saved = json.dumps({"model_version": OLDEST, "team": "Web", "date": None, "areas": areas})
    context.add_init_script(f"localStorage.setItem('amm-assessment', {json.dumps(saved)})")
    page = open_page(context, url)
    assert f"made with version {OLDEST} of the model" in page.text_content("#amm-version p")
    assert changed_list(page) == expected_cells()
