"""Issue 15's first half on the assessment page: a plan per area, ticked practices and areas
that do not apply, from the form to the link, the files, the results and the one-pager."""

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest

from scripts.render import assessment
from tests.browser import gates
from tests.browser.gates import axe_violations, idle
from tests.browser.test_assessment import (
    ANSWERS,
    MODEL,
    PHONE,
    clear_all,
    download,
    open_page,
    pick,
    ready,
    table,
    visit,
)

ACTION = ("Replace the Monday status call with a written update", "Sam", "2025-04-30")
NOTES = "Calendar export, March: 6.5 meeting hours per person per week.\nTarget: under 4."
REASON = "Two of us, and no manager"


@pytest.fixture
def url(base_url: str) -> str:
    return base_url + "assessment/"


def plan(page, area_id: str = "meetings", action=ACTION, notes: str = NOTES) -> None:
    """Write one action and the notes into an area's plan, as a team lead would."""
    page.click(f"#amm-plan-{area_id} summary")
    for field, value in zip(("what", "who", "by"), action, strict=True):
        page.fill(f"#amm-{field}-{area_id}-1", value)
    page.fill(f"#amm-notes-{area_id}", notes)


def not_applying(page, area_id: str, reason: str = REASON) -> None:
    page.check(f'input[name="na-{area_id}"]')
    page.fill(f"#amm-reason-{area_id}", reason)
    idle(page)


def tick(page, area_id: str, level: int, practice_ids: list[str]) -> None:
    row = page.locator(f"#area-{area_id} .amm-level").nth(level)
    if not row.locator("details").evaluate("details => details.open"):
        row.locator("summary").click()
    for practice_id in practice_ids:
        row.locator(f'input[value="{practice_id}"]').check()
    idle(page)


def plan_shown(page) -> dict:
    return page.evaluate(
        """() => ({
            what: document.querySelector('#amm-what-meetings-1').value,
            who: document.querySelector('#amm-who-meetings-1').value,
            by: document.querySelector('#amm-by-meetings-1').value,
            notes: document.querySelector('#amm-notes-meetings').value,
            open: document.querySelector('#amm-plan-meetings').open,
            none: document.querySelector('input[name="na-leadership-culture"]').checked,
            reason: document.querySelector('#amm-reason-leadership-culture').value,
            ticks: [...document.querySelectorAll('input[name="done-meetings"]:checked')].map(b => b.value),
        })"""
    )


def test_a_plan_is_kept_reloaded_exported_imported_and_printed(
    new_context, url: str, tmp_path: Path
):
    page = open_page(new_context(), url)
    pick(page, {k: v for k, v in ANSWERS.items() if k != "leadership-culture"})
    page.fill("#amm-team", "Platform team")
    plan(page)
    tick(page, "meetings", 2, ["meet-by-rule"])
    not_applying(page, "leadership-culture")
    expected = {
        **dict(zip(("what", "who", "by"), ACTION, strict=True)),
        "notes": NOTES,
        "open": True,
        "none": True,
        "reason": REASON,
        "ticks": ["meet-by-rule"],
    }
    assert plan_shown(page) == expected

    visit(page, url)  # the next visit, from the address bar: the plan was saved in this browser
    assert plan_shown(page) == expected, "shown again, the plan's disclosure open"

    exported = json.loads(download(page, "#amm-json").read_text(encoding="utf-8"))
    meetings = exported["areas"]["meetings"]
    assert meetings["actions"] == [dict(zip(("what", "who", "by"), ACTION, strict=True))]
    assert meetings["notes"] == NOTES and meetings["practices"] == ["meet-by-rule"]
    assert exported["areas"]["leadership-culture"]["not_applicable"] == {"reason": REASON}
    source = tmp_path / "assessment.json"
    source.write_text(json.dumps(exported), encoding="utf-8")
    team = assessment.read(source, MODEL)  # `make report` reads the same file
    assert team.plan("meetings").actions[0].who == "Sam"
    assert not team.applies("leadership-culture")

    clear_all(page)
    assert plan_shown(page)["what"] == "" and not plan_shown(page)["none"]
    page.set_input_files("#amm-file", str(source))
    idle(page)
    assert "Loaded assessment.json" in page.text_content("#amm-status")
    assert plan_shown(page) == expected

    page.emulate_media(media="print")
    cell = page.text_content("#amm-plan-cell-meetings")
    assert f"{ACTION[0]} (Sam, by 2025-04-30)" in cell and "Target: under 4." in cell
    assert page.text_content("#amm-plan-cell-leadership-culture") == f"Does not apply: {REASON}"
    assert gates.print_pages(page) == [], "still one landscape page on Letter and on A4"
    text = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages[0]
    text = " ".join(text.extract_text().split())
    assert "(Sam, by 2025-04-30)" in text and "DOES NOT APPLY" in text
    assert not page.errors


def test_ticked_practices_turn_the_rest_of_the_next_level_into_the_next_steps(
    new_context, url: str
):
    page = open_page(new_context(), url)
    pick(page, {"meetings": (1, 2)})
    area = MODEL.area("meetings")
    above = area.cell(2).practices
    done = [above[0].id, above[1].id]
    tick(page, "meetings", 2, done)
    box = page.locator("#amm-steps section", has=page.locator("h3", has_text="Meetings"))
    assert f"already does 2 of the {len(above)} practices of level 2" in box.text_content()
    assert box.locator("h4").all_text_contents() == ["Steps to take", "What level 2 still needs"]
    assert box.locator("ul li").all_text_contents() == [p.text for p in above[2:]]
    # A step whose every target is ticked is done; each other step says where it leads.
    steps = [s for s in area.cell(1).next_steps if not set(s.leads_to) <= set(done)]
    items = box.locator("ol > li")
    assert items.count() == len(steps) < len(area.cell(1).next_steps)
    first = items.nth(0).locator(".amm-step-target")
    assert first.text_content().startswith("Gets you to: ")
    link = first.locator("a").first
    target = area.cell(2).practice(steps[0].leads_to[0])
    assert link.text_content() == target.text
    link.click()
    page.wait_for_url(f"**/areas/meetings/#meetings-{target.id}")
    assert page.is_visible(f"#meetings-{target.id}")

    page.go_back()
    ready(page)
    tick(page, "meetings", 2, [p.id for p in above[2:]])
    box = page.locator("#amm-steps section", has=page.locator("h3", has_text="Meetings"))
    assert "That is every practice of level 2" in box.text_content()
    assert box.locator("ul").count() == 0
    assert "done-meetings=" + ".".join(p.id for p in above) in page.url, "ticks travel by id"


def test_an_area_that_does_not_apply_is_left_out_of_chart_table_and_comparison(
    new_context, url: str, base_url: str
):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    not_applying(page, "meetings")
    titles = [a.title for a in MODEL.areas if a.id != "meetings"]
    assert [row[0] for row in table(page)] == titles
    labels = page.locator("#amm-radar svg text.label").evaluate_all(
        "texts => texts.map(t => [...t.children].map(line => line.textContent).join(' '))"
    )
    assert labels == titles
    assert page.locator("#amm-radar circle.current").count() == len(titles)
    assert page.text_content("#amm-none") == (
        f"Left out because they do not apply to the team: Meetings ({REASON})"
    )
    assert "One area does not apply." in page.text_content("#amm-summary")
    assert page.locator("#area-meetings .amm-levels").is_hidden(), "its levels step aside"
    page.emulate_media(media="print")
    assert page.text_content("#amm-plan-cell-meetings") == f"Does not apply: {REASON}"
    marks = page.locator("#amm-onepager tbody td:nth-child(5) .amm-mark")
    assert marks.count() == 0, "its column is not marked, though the levels are kept"
    page.emulate_media(media="screen")

    # In the facilitator's view, a member for whom it does not apply gives it no level.
    link = page.input_value("#amm-link")
    other = url + "?current-meetings=3&target-meetings=3&current-documentation=1"
    page.fill("#amm-members", f"{link}\n{other}")
    page.click("#amm-merge")  # compare.js loads on first use
    idle(page)
    caption = page.locator("table.amm-spread caption", has_text="Meetings")
    spread = caption.locator("xpath=..")
    assert spread.locator(".amm-chip").all_text_contents() == ["2", "2"], "member 2 only"
    assert not page.errors


def test_a_plan_too_long_for_a_link_stays_in_the_file_and_the_page_says_so(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, {"meetings": (1, 2), "documentation": (0, 1)})
    for area in MODEL.areas:
        plan(page, area.id, notes="Evidence. " * 40)
    not_applying(page, "decision-making")
    link = page.input_value("#amm-link")
    assert len(link) <= 2000
    assert page.is_visible("#amm-link-cut")
    assert "plan=file" in link and "notes-" not in link and "na-decision-making=" in link
    assert page.url.endswith(urlsplit(link).query), "the address is the same link"
    page.reload()  # the cut link is still mine: nothing to keep or go back to
    ready(page)
    assert "come from the link" not in page.text_content("#amm-notice")
    assert page.input_value("#amm-notes-meetings").startswith("Evidence.")

    colleague = open_page(new_context(), link)
    notice = colleague.text_content("#amm-notice")
    assert "left out the plan's actions, notes and reasons" in notice
    assert colleague.is_checked('input[name="current-meetings"][value="1"]')
    assert colleague.is_checked('input[name="na-decision-making"]')
    assert colleague.input_value("#amm-notes-meetings") == ""


def fill_everything(page) -> None:
    pick(page, ANSWERS)
    plan(page)
    tick(page, "meetings", 2, ["meet-by-rule"])
    not_applying(page, "leadership-culture")
    page.evaluate(
        "() => document.querySelectorAll('#amm-form details').forEach(d => { d.open = true; })"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_with_the_disclosures_open_and_the_plan_filled(
    new_context, url: str, scheme: str, width: int
):
    options = PHONE if width == 375 else {"viewport": {"width": width, "height": 900}}
    context = new_context(**options, color_scheme=scheme)
    page = open_page(context, url)
    fill_everything(page)
    assert axe_violations(page) == []
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= options["viewport"]["width"]
    )
    assert context.outside_requests == []


def test_keyboard_only_ticks_a_practice_and_writes_an_action(new_context, url: str):
    page = open_page(new_context(), url)
    focused = "() => document.activeElement.name || document.activeElement.textContent"
    level_1 = MODEL.area("documentation").cell(1).practices

    def tab(times: int = 1) -> str:
        for _ in range(times):
            page.keyboard.press("Tab")
        return page.evaluate(focused)

    page.focus('input[name="current-documentation"][value="0"]')
    page.keyboard.press("Space")  # today: level 0
    assert tab() == "target-documentation"
    assert tab(2) == "Practices at level 1 (3)", "past level 0's, folded"
    page.keyboard.press("Enter")
    assert tab() == "done-documentation"
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.value") == level_1[0].id
    assert tab(len(level_1) + 2) == "Plan for Documentation: actions and notes"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('details').open")
    tab()
    assert page.evaluate("() => document.activeElement.id") == "amm-what-documentation-1"
    page.keyboard.type("One page for the top questions")
    page.keyboard.press("Tab")
    page.keyboard.type("Ana")
    idle(page)
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('amm-assessment'))")
    documentation = stored["areas"]["documentation"]
    assert documentation["practices"] == [level_1[0].id]
    assert documentation["actions"] == [{"what": "One page for the top questions", "who": "Ana"}]
    box = page.locator("#amm-steps section", has=page.locator("h3", has_text="Documentation"))
    assert f"already does 1 of the {len(level_1)} practices of level 1" in box.text_content()
