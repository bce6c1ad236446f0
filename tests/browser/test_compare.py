"""The facilitator's view on the assessment page: five members' links merged, one broken.

A facilitator pastes the links (or adds the files) each member sent, sees who picked which
level and the median per area, talks first about the areas answered far apart, and starts
the team's own answers from the medians.
"""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.gates import axe_violations, idle, still
from tests.browser.test_assessment import MODEL, PHONE, checked, open_page, saved

# (current, target) per area, in the model's order: documentation, decision making, work
# tracking, meetings, leadership and culture. Meetings are 3 levels apart today, decision
# making 2; every other area is at most 1 apart.
MEMBERS = [
    ("Ana", [(1, 2), (0, 2), (2, 3), (0, 1), (2, 3)]),
    ("Ben", [(1, 2), (2, 2), (2, 3), (1, 2), (2, 3)]),
    ("Chen", [(2, 3), (1, 3), (2, 3), (3, 3), (1, 2)]),
    ("", [(1, 2), (1, 2), (2, 2), (1, 1), (2, 3)]),
]
# The medians, rounded down where they fall between two levels (meetings' goal: 1.5).
MIDDLE = {
    "documentation": [1, 2],
    "decision-making": [1, 2],
    "work-tracking": [2, 3],
    "meetings": [1, 1],
    "leadership-culture": [2, 3],
}
IDS = [area.id for area in MODEL.areas]


@pytest.fixture
def url(base_url: str) -> str:
    return base_url + "assessment/"


def member_link(base: str, team: str, levels) -> str:
    query = {"team": team} if team else {}
    for area_id, (current, target) in zip(IDS, levels, strict=True):
        query |= {f"current-{area_id}": current, f"target-{area_id}": target}
    return f"{base}?{urlencode(query)}"


def lines(base: str) -> list[str]:
    """Five members' links as a facilitator pastes them: the third was cut off in a chat."""
    links = [member_link(base, team, levels) for team, levels in MEMBERS]
    return [*links[:2], "https://chat.example/msg/123", *links[2:]]


def merged(page) -> dict:
    """What the view shows: its summary, the member key, and each area's table as text."""
    return page.evaluate(
        """() => {
            const tables = id => [...document.querySelectorAll(`#${id} table`)].map(t => ({
                caption: t.caption.textContent,
                rows: [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent)),
            }));
            return {
                summary: document.querySelector('#amm-merge-summary').textContent,
                key: [...document.querySelectorAll('#amm-member-key li')].map(li => li.textContent),
                far: tables('amm-far'), near: tables('amm-near'),
                farText: document.querySelector('#amm-far-text').textContent,
            };
        }"""
    )


def compare(page, text: str) -> None:
    page.fill("#amm-members", text)
    page.click("#amm-merge")  # compare.js loads on first use
    idle(page)


def test_five_links_one_broken_put_the_areas_far_apart_first(new_context, url: str):
    page = open_page(new_context(), url)
    text = "\n".join(lines(url))
    compare(page, text)
    view = merged(page)
    assert view["summary"] == (
        "4 members' answers compared. Skipped 1: line 3 is not a link with answers from this "
        "page. Everything you entered is still here to fix."
    )
    assert page.input_value("#amm-members") == text, "the broken line stays to be fixed"
    assert view["key"] == [
        "1 Ana (line 1)",
        "2 Ben (line 2)",
        "3 Chen (line 4)",
        "4 no name (line 5)",
    ]
    assert view["farText"] == "Answers are 2 or more levels apart in Meetings, Decision making."
    assert [t["caption"] for t in view["far"]] == [
        "Meetings (answers 3 levels apart)",
        "Decision making (answers 2 levels apart)",
    ]
    # Levels 0 to 3, then the median: who is where in meetings, today and as a goal.
    assert view["far"][0]["rows"] == [
        ["Today", "1", "24", "", "3", "1"],
        ["Goal", "", "14", "2", "3", "1.5"],
    ]
    assert [t["caption"] for t in view["near"]] == [
        "Documentation",
        "Work tracking",
        "Leadership and culture",
    ]
    assert not page.errors


def test_fixing_the_broken_line_and_adding_files_merges_everyone(
    new_context, url: str, tmp_path: Path
):
    page = open_page(new_context(), url)
    compare(page, "\n".join(lines(url)))
    good = tmp_path / "dana.json"
    team, levels = "Dana", [(0, 1), (0, 1), (0, 1), (0, 1), (0, 1)]
    areas = {i: {"current": c, "target": t} for i, (c, t) in zip(IDS, levels, strict=True)}
    good.write_text(json.dumps({"team": team, "areas": areas}), encoding="utf-8")
    bad = tmp_path / "<b>notes.json"
    bad.write_text("not json", encoding="utf-8")
    page.set_input_files("#amm-member-file", [str(good), str(bad)])
    idle(page)
    view = merged(page)
    assert view["summary"] == (
        "5 members' answers compared. Skipped 2: line 3 is not a link with answers from this "
        "page; <b>notes.json is not an assessment saved from this page. Everything you "
        "entered is still here to fix."
    )
    assert page.locator("#amm-merge-summary b").count() == 0, "a file name is text, not markup"
    assert view["key"][-1] == "5 Dana (dana.json)"
    page.click("#amm-merge")
    idle(page)
    assert "notes.json" not in page.text_content("#amm-merge-summary"), (
        "a useless file is named once"
    )

    # Dropping a file on the view works like choosing it.
    page.evaluate(
        """areas => {
            const drop = new DataTransfer();
            drop.items.add(new File([JSON.stringify({ team: 'Eve', areas })], 'eve.json'));
            document.querySelector('#amm-compare').dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
        }""",
        areas,
    )
    idle(page)
    assert len(merged(page)["key"]) == 6
    page.fill("#amm-members", "\n".join(line for line in lines(url) if "chat" not in line))
    page.click("#amm-merge")
    idle(page)
    assert page.text_content("#amm-merge-summary") == "6 members' answers compared."
    # With two members at 0 everywhere, every area is now 2 or more levels apart.
    assert len(merged(page)["far"]) == len(IDS)
    assert page.is_hidden("#amm-near-title")
    assert not page.errors


def test_the_medians_become_the_teams_answers_to_change_and_keep(new_context, url: str):
    page = open_page(new_context(), url)
    compare(page, "\n".join(lines(url)))
    page.click("#amm-agree")
    idle(page)
    assert checked(page) == MIDDLE
    assert "medians of 4 members' answers" in page.text_content("#amm-notice")
    assert page.evaluate("() => document.activeElement.id") == "amm-team"
    assert saved(page) is None, "nothing is saved until the team keeps it"
    page.fill("#amm-team", "Platform")
    page.check('input[name="target-meetings"][value="2"]')  # the team settles on a goal
    assert saved(page)["team"] == "Platform"
    assert saved(page)["areas"]["meetings"] == {"current": 1, "target": 2}
    assert saved(page)["date"], "the day the team agreed is its date"
    team_link = page.input_value("#amm-link")
    assert "team=Platform" in team_link and "target-meetings=2" in team_link
    assert not page.errors


def test_keyboard_only(new_context, url: str):
    page = open_page(new_context(), url)
    page.focus("#amm-members")
    page.keyboard.insert_text("\n".join(lines(url)))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "amm-merge"
    page.keyboard.press("Enter")
    idle(page)
    page.focus("#amm-member-files")
    for _ in range(20):  # nothing in the tables takes focus: the next stop is the agree button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "amm-agree":
            break
    page.keyboard.press("Enter")
    idle(page)
    assert checked(page) == MIDDLE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_in_the_merged_view(new_context, url: str, scheme: str, width: int):
    options = PHONE if width == 375 else {"viewport": {"width": width, "height": 900}}
    context = new_context(**options, color_scheme=scheme)
    page = open_page(context, url)
    compare(page, "\n".join(lines(url)))
    assert axe_violations(page) == []
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= options["viewport"]["width"]
    )
    page.click("#amm-agree")
    idle(page)
    still(page)  # the back-to-top button fades in as the page scrolls up to the form
    assert axe_violations(page) == []
    assert context.outside_requests == []
