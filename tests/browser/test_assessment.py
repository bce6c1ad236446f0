"""The self-assessment page in headless Chromium: keeping, sharing, exporting and resetting answers.

Each test starts from a fresh browser context, so localStorage is empty unless the test
fills it; a second context stands in for a colleague who opens a shared link.
"""

import contextlib
import io
import json
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pypdf
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from scripts import cli
from scripts.render import assessment
from scripts.source.load import load_model
from tests.browser import gates
from tests.browser.gates import axe_violations, idle

MODEL = load_model()
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
# Five current and five target levels, as a team lead would pick them in a retro.
ANSWERS = {
    "documentation": (1, 2),
    "decision-making": (0, 2),
    "work-tracking": (2, 3),
    "meetings": (1, 1),
    "leadership-culture": (2, 3),
}


@pytest.fixture
def url(base_url: str) -> str:
    return base_url + "assessment/"


def open_page(context, url: str):
    """Open `url` and fail the test on any script error the page raises."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    ready(page)
    return page


def ready(page) -> None:
    """Wait for a visit: page.js has started (it shows the results) and drawn what it loads."""
    page.wait_for_selector("#amm-results:not([hidden])")
    idle(page)


def radio(page, area_id: str, kind: str, level: int):
    return page.locator(f'input[name="{kind}-{area_id}"][value="{level}"]')


def checked(page) -> dict[str, tuple[int | None, int | None]]:
    """Every area's (current, target) as the form shows it."""
    return page.evaluate(
        """ids => Object.fromEntries(ids.map(id => [id, ['current-', 'target-'].map(kind => {
            const name = kind + id;
            const on = document.querySelector(`input[name="${name}"]:checked`);
            return on ? Number(on.value) : null;
        })]))""",
        [a.id for a in MODEL.areas],
    )


def pick(page, answers: dict[str, tuple[int, int]], tap: bool = False) -> None:
    for area_id, levels in answers.items():
        for kind, level in zip(("current", "target"), levels, strict=True):
            option = radio(page, area_id, kind, level)
            option.tap() if tap else option.check()
    idle(page)  # the first answer loads the results' modules


def table(page) -> list[list[str]]:
    idle(page)
    return page.eval_on_selector_all(
        "#amm-scores tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )


def saved(page) -> dict | None:
    return page.evaluate("() => JSON.parse(localStorage.getItem('amm-assessment'))")


def test_picks_on_a_phone_survive_a_reload_and_travel_by_link(new_context, url: str):
    lead = new_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = open_page(lead, url)
    pick(page, ANSWERS, tap=True)
    page.fill("#amm-team", "Platform team")
    page.fill("#amm-date", "2025-03-04")
    page.locator("#amm-date").dispatch_event("change")
    expected = {**{k: list(v) for k, v in ANSWERS.items()}}
    assert checked(page) == expected
    rows = table(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, "no sideways scroll"
    assert page.evaluate(
        "() => [...document.querySelectorAll('.amm-assessment table, .amm-assessment svg')]"
        ".every(e => e.getBoundingClientRect().right <= innerWidth)"
    )
    assert rows[1] == ["Decision making", "0 Unaware", "2 Defined", "2"]
    assert rows[3] == ["Meetings", "1 Initial", "1 Initial", "Met"]

    page.reload()
    ready(page)
    assert checked(page) == expected
    assert page.input_value("#amm-team") == "Platform team"
    assert "saved in this browser" in page.text_content("#amm-notice")

    page.click("#amm-copy")  # keep.js loads on first use
    idle(page)
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert link == page.url == page.input_value("#amm-link")
    assert "Link copied" in page.text_content("#amm-status")

    visit(page, url)  # a plain visit restores the last answers from localStorage
    assert checked(page) == expected

    colleague = open_page(new_context(**PHONE), link)
    assert checked(colleague) == expected
    assert table(colleague) == rows
    assert colleague.input_value("#amm-team") == "Platform team"
    assert colleague.input_value("#amm-date") == "2025-03-04"
    assert "come from the link you opened" in colleague.text_content("#amm-notice")
    assert saved(colleague) is None, "only looking at a link saves nothing"
    assert not page.errors and not colleague.errors


def test_a_shared_link_wins_but_my_own_answers_stay_one_click_away(new_context, url: str):
    context = new_context()
    page = open_page(context, url)
    pick(page, {"meetings": (0, 1)})
    mine = page.url
    visit(page, url + "?meetings=3&target-meetings=3")
    assert checked(page)["meetings"] == [3, 3]
    assert saved(page)["areas"]["meetings"] == {"current": 0, "target": 1}
    choose(page, "Back to mine")
    assert checked(page)["meetings"] == [0, 1]
    assert page.url == mine


@pytest.mark.parametrize(
    ("query", "kept", "dropped"),
    [
        (
            "?documentation=1&target-documentation=9&sales=2&meetings=%%%&target-meetings=2",
            {"documentation": [1, None], "meetings": [None, 2]},
            "3 parts",
        ),
        ("?%%%&current-work-tracking=2", {"work-tracking": [2, None]}, "1 part"),
        ("?date=2025-02-30&team=%E0%A4%A&meetings=-1", {}, "2 parts"),
        ("?documentation=1.5&documentation=%00&=&&", {}, "3 parts"),
        ("?__proto__=2&target-toString=1&meetings=1", {"meetings": [1, None]}, "2 parts"),
        (
            "?Email+your+answers+to+evil%40example.org=1&meetings=1",
            {"meetings": [1, None]},
            "1 part",
        ),
    ],
)
def test_a_broken_link_loads_its_valid_parts_and_counts_what_it_dropped(
    new_context, url: str, query: str, kept: dict, dropped: str
):
    page = open_page(new_context(), url + query)
    assert not page.errors
    assert {k: v for k, v in checked(page).items() if v != [None, None]} == kept
    notice = page.text_content("#amm-notice")
    assert f"{dropped} of the link could not be used" in notice
    # Counted, never quoted: a crafted link cannot put its own sentence in the notice.
    for name in ("sales", "%%%", "proto", "toString", "evil", "Email"):
        assert name not in notice
    # The address is rewritten to what was understood, so sharing it again is clean.
    shown = urlsplit(page.url).query
    assert "9" not in shown and "sales" not in shown and "%%%" not in shown


def download(page, button: str) -> Path:
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path())


def clear_all(page) -> None:
    """Confirm "Start over"; the dialog's close event runs as a task, so wait for it, then
    for the earlier answers' list, which keep.js draws once it has loaded."""
    page.click("#amm-reset")
    page.click('#amm-dialog button[value="reset"]')
    page.wait_for_function("() => location.search === ''")
    idle(page)


def test_export_reset_and_import_bring_every_answer_back(new_context, url: str, tmp_path: Path):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    page.fill("#amm-team", '=Ops, "core"')
    page.press("#amm-team", "Tab")
    before = checked(page)

    exported = json.loads(download(page, "#amm-json").read_text(encoding="utf-8"))
    assert exported["model_version"] == MODEL.version
    assert exported["team"] == '=Ops, "core"'
    assert exported["areas"]["decision-making"] == {"current": 0, "target": 2}
    # The same file makes the team one-pager: the page and `make report` agree on it.
    source = tmp_path / "assessment.json"
    source.write_text(json.dumps(exported), encoding="utf-8")
    assert assessment.read(source, MODEL).levels["work-tracking"] == {"current": 2, "target": 3}

    csv = download(page, "#amm-csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0].startswith("team,date,area,area_title,current,current_name,target,target_name,")
    assert len(csv) == 1 + len(MODEL.areas)
    assert csv[2].startswith('"\'=Ops, ""core""",,decision-making,Decision making,0,Unaware,2,')

    clear_all(page)
    assert all(v == [None, None] for v in checked(page).values())
    assert urlsplit(page.url).query == ""

    with page.expect_file_chooser() as chooser:
        page.click("#amm-import")
    chooser.value.set_files(str(source))
    idle(page)
    assert "Loaded assessment.json" in page.text_content("#amm-status")
    assert checked(page) == before
    assert page.input_value("#amm-team") == '=Ops, "core"'
    assert not page.errors


@pytest.mark.parametrize(
    "content",
    ["this is not json", "[1, 2]", '{"areas": {"sales": {"current": 1}}}', '{"team": "x"}'],
)
def test_importing_a_bad_file_says_so_and_loses_nothing(
    new_context, url: str, tmp_path: Path, content: str
):
    page = open_page(new_context(), url)
    pick(page, {"meetings": (1, 2)})
    address = page.url
    bad = tmp_path / "notes.json"
    bad.write_text(content, encoding="utf-8")
    page.set_input_files("#amm-file", str(bad))
    idle(page)
    assert "notes.json is not an assessment" in page.text_content("#amm-status")
    assert checked(page)["meetings"] == [1, 2]
    assert page.url == address
    assert saved(page)["areas"]["meetings"] == {"current": 1, "target": 2}


def test_reset_asks_first_and_cancelling_keeps_every_answer(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    before, address = checked(page), page.url
    for dismiss in ('#amm-dialog button[value="keep"]', "Escape"):
        page.click("#amm-reset")
        assert page.is_visible("#amm-dialog")
        page.keyboard.press(dismiss) if dismiss == "Escape" else page.click(dismiss)
        assert not page.is_visible("#amm-dialog")
        assert checked(page) == before and page.url == address
        assert saved(page)["areas"]["meetings"] == {"current": 1, "target": 1}
    clear_all(page)
    assert all(v == [None, None] for v in checked(page).values())
    assert page.locator("#amm-earlier li").count() == 1  # the cleared answers can come back
    page.click("#amm-status button")  # Undo
    idle(page)
    assert checked(page) == before and page.url == address
    assert page.locator("#amm-earlier").is_hidden(), "the current answers are not listed twice"


def held_back(context, module: str) -> list:
    """Hold every request for `module` until the test lets it go: `.pop().fallback()`."""
    held = []
    context.route(f"**/assets/js/{module}", lambda route: held.append(route))
    return held


def test_the_shared_wait_waits_for_a_module_that_loads_late(new_context, url: str):
    """idle() is no formality: while keep.js is held back it waits, and once it returns the
    earlier answers' list that keep.js draws is there (the reset test once read it too early)."""
    context = new_context()
    held = held_back(context, "keep.js")
    page = open_page(context, url)
    pick(page, {"meetings": (1, 2)})
    page.click("#amm-reset")
    page.click('#amm-dialog button[value="reset"]')
    page.wait_for_function("() => location.search === ''")
    assert page.locator("html[data-amm-busy]").count() == 1
    with pytest.raises(PlaywrightTimeoutError):
        idle(page, timeout=500)
    assert held and page.locator("#amm-earlier li").count() == 0, "not drawn before keep.js"
    held.pop().fallback()
    idle(page)
    assert page.locator("#amm-earlier li").count() == 1
    assert not page.errors


def test_the_shared_wait_waits_for_the_results_to_draw(new_context, url: str):
    """The same for the results: the first answer loads results.js, which draws them."""
    context = new_context()
    held = held_back(context, "results.js")
    page = open_page(context, url)
    radio(page, "meetings", "current", 1).check()
    with pytest.raises(PlaywrightTimeoutError):
        idle(page, timeout=500)
    assert held and page.locator("#amm-scores tr").count() == 0, "not drawn before results.js"
    held.pop().fallback()
    idle(page)
    assert table(page)[3] == ["Meetings", "1 Initial", "Not picked", "–"]
    assert not page.errors


def test_one_row_per_level_with_both_choices_named_for_screen_readers(new_context, url: str):
    page = open_page(new_context(), url)
    area = MODEL.areas[0]
    rows = page.locator(f"#area-{area.id} .amm-level")
    assert rows.count() == len(MODEL.levels), "each level's summary is printed once"
    goal = radio(page, area.id, "target", 2)
    label = goal.evaluate(
        "e => e.getAttribute('aria-labelledby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )
    assert label == f"Goal: 2 {MODEL.levels[2].name}."
    described = goal.get_attribute("aria-describedby")
    assert page.text_content(f"#{described}") == area.cell(2).summary


def test_keyboard_only_picks_with_the_arrow_keys(new_context, url: str):
    page = open_page(new_context(), url)
    page.focus('input[name="current-documentation"][value="0"]')
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # on to the goal beside it, in the same row
    assert page.evaluate("() => document.activeElement.name") == "target-documentation"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert checked(page)["documentation"] == [1, 2]
    # Each group is one tab stop: on past the practices of the rows below and the plan,
    # all folded, to the next area's link, its "does not apply" and its levels.
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate("() => document.activeElement.name || document.activeElement.textContent")
        )
    assert stops == [
        "Practices at level 2 (5)",
        "Practices at level 3 (5)",
        "Plan for Documentation: actions and notes",
        "Read about Decision making",
        "na-decision-making",
        "current-decision-making",
    ]
    assert table(page)[0] == ["Documentation", "1 Initial", "2 Defined", "1"]


def test_results_speak_and_draw_the_same_numbers(new_context, url: str):
    page = open_page(new_context(), url)
    summary = page.locator("#amm-summary")
    assert summary.get_attribute("aria-live") == "polite"
    pick(page, ANSWERS)
    assert "Largest gap: Decision making, 2 levels to go." in summary.text_content()
    chart = page.locator("#amm-radar svg")
    assert chart.get_attribute("role") == "img"
    assert "table" in chart.get_attribute("aria-label")
    assert chart.locator("circle.current").count() == len(MODEL.areas)
    assert chart.locator("rect.target").count() == len(MODEL.areas)
    labels = chart.locator("text.label").evaluate_all(
        "texts => texts.map(t => [...t.children].map(line => line.textContent).join(' '))"
    )
    assert labels == [a.title for a in MODEL.areas]


def test_next_steps_come_from_the_data_and_link_to_the_cell(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    area = MODEL.area("decision-making")
    box = page.locator("#amm-steps section", has=page.locator("h3", has_text=area.title))
    steps = box.locator("ol li").evaluate_all("items => items.map(li => li.firstChild.textContent)")
    assert steps == [s.text for s in area.cell(0).next_steps]
    assert box.locator("ul li").all_text_contents() == [p.text for p in area.cell(1).practices]
    link = box.locator("a").last  # after the links of "Gets you to:"
    assert link.text_content() == f"Read level 1 of {area.title}"
    link.click()
    page.wait_for_url("**/areas/decision-making/#level-1")
    assert page.is_visible("#level-1")
    page.go_back()
    ready(page)
    met = page.locator("#amm-steps section", has=page.locator("h3", has_text="Meetings"))
    assert "reached its target" in met.text_content()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_with_results_shown(
    new_context, url: str, scheme: str, width: int, tmp_path: Path
):
    context = new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = open_page(context, url)
    pick(page, ANSWERS)
    page.click("#amm-copy")  # shows the status message too
    idle(page)
    assert axe_violations(page) == []
    assert context.outside_requests == []


def printed_marks(page) -> dict[str, dict[int, set[str]]]:
    """The marks on the printed one-pager: area id -> level -> {"current", "target"}."""
    return page.evaluate(
        """ids => {
            const marks = Object.fromEntries(ids.map(id => [id, {}]));
            for (const row of document.querySelectorAll('#amm-onepager tbody tr')) {
                const level = Number(/level-(\\d)/.exec(row.className)[1]);
                [...row.cells].slice(1).forEach((cell, i) => {
                    const words = [...cell.querySelectorAll('.amm-mark')].map(m => m.textContent.toLowerCase());
                    const kinds = [...cell.classList].map(c => c.replace('amm-marked--', ''));
                    if (words.join() !== kinds.join()) throw new Error(`badge and border differ: ${words} ${kinds}`);
                    if (words.length) marks[ids[i]][level] = words;
                });
            }
            return marks;
        }""",
        [a.id for a in MODEL.areas],
    )


def test_printing_gives_the_marked_one_pager_as_make_report_does(
    new_context, url: str, tmp_path: Path
):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    page.fill("#amm-team", "Platform team")
    page.fill("#amm-date", "2025-03-04")
    page.locator("#amm-date").dispatch_event("change")
    source = download(page, "#amm-json")
    team = assessment.read(source, MODEL)
    expected = {
        area.id: {
            level.id: list(team.marks(area.id, level.id))
            for level in MODEL.levels
            if team.marks(area.id, level.id)
        }
        for area in MODEL.areas
    }
    assert expected["meetings"] == {1: ["current", "target"]}, "the test's answers as picked"
    page.emulate_media(media="print")
    assert not page.is_visible("#amm-form") and not page.is_visible(".md-sidebar")
    assert page.is_visible("#amm-onepager table.amm-matrix")
    assert printed_marks(page) == {
        k: {str(n): v for n, v in m.items()} for k, m in expected.items()
    }

    assert gates.print_pages(page) == [], "one landscape page on Letter and on A4"
    text = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages[0]
    text = text.extract_text()
    assert f"Platform team, 2025-03-04: {MODEL.title}" in text
    assert all(area.title in text for area in MODEL.areas)
    # One badge per mark, and one of each in the legend, as on the PDF.
    assert text.count("CURRENT") == 1 + len(ANSWERS)
    assert text.count("TARGET") == 1 + len(ANSWERS)

    # Changing an answer moves its mark; nothing of the old one is left behind.
    page.emulate_media(media="screen")
    radio(page, "meetings", "target", 2).check()
    idle(page)
    page.emulate_media(media="print")
    assert printed_marks(page)["meetings"] == {"1": ["current"], "2": ["target"]}


def test_a_blank_page_prints_the_one_pager_with_the_sites_whole_address(new_context, url: str):
    """A team may print the blank one-pager to fill in by hand: its address must be one a
    reader can type, not the page's relative link to the site's root."""
    page = open_page(new_context(), url)
    page.emulate_media(media="print")
    site = page.locator("#amm-onepager-site")
    assert site.is_visible()
    assert site.text_content() == site.evaluate("a => a.href")
    assert site.text_content().startswith("http://127.0.0.1:")
    assert page.errors == []


def test_without_javascript_the_page_points_to_the_matrix_and_pdf(new_context, url: str):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(url)
    notice = page.locator("noscript .amm-noscript")
    assert "needs JavaScript" in notice.text_content()
    assert not page.is_visible("#amm-results") and not page.is_visible("#amm-keep")
    hrefs = notice.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert [urlsplit(h).path.rsplit("/", 2)[-2:] for h in hrefs] == [
        ["matrix", ""],
        ["", "one-page-maturity-overview.pdf"],
    ]


# ---- Issue 21: answers are never lost, and whatever the page saves the report prints ----


def visit(page, address: str) -> None:
    page.goto(address)
    ready(page)


def choose(page, label: str) -> None:
    page.click(f"#amm-notice button:text('{label}')")
    idle(page)


def test_a_link_of_tracking_tags_and_one_click_keep_my_saved_answers(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    mine = checked(page)
    visit(page, url + "?utm_source=newsletter&fbclid=abc")
    assert checked(page) == mine
    notice = page.text_content("#amm-notice")
    assert "saved in this browser" in notice and "2 parts of the link" in notice
    radio(page, "meetings", "target", 3).check()
    page.reload()
    ready(page)
    assert checked(page) == {**mine, "meetings": [1, 3]}
    assert not page.errors


def test_a_full_link_never_replaces_my_answers_until_i_keep_it(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    mine = checked(page)
    visit(page, url + "?team=Web&current-meetings=3&target-meetings=3")
    radio(page, "documentation", "current", 3).check()  # an edit while looking at the link
    page.reload()
    ready(page)
    assert saved(page)["areas"]["documentation"] == {"current": 1, "target": 2}
    assert checked(page)["documentation"] == [3, None], "the edited link is still the address"
    choose(page, "Back to mine")
    assert checked(page) == mine

    # Keeping a link is a choice, and the answers it replaces stay recoverable after a reload.
    visit(page, url + "?team=Web&current-meetings=3")
    choose(page, "Keep these answers")
    assert saved(page)["team"] == "Web"
    page.reload()
    ready(page)
    earlier = page.locator("#amm-earlier li")
    assert earlier.count() == 1
    assert "10 levels picked" in earlier.text_content()
    page.click("#amm-earlier summary")
    earlier.get_by_role("button", name="Show").click()
    idle(page)
    assert checked(page) == mine
    assert saved(page)["team"] == "Web", "showing an earlier version saves nothing"
    choose(page, "Keep these answers")
    visit(page, url)
    assert checked(page) == mine
    assert "Web" in page.text_content("#amm-earlier")  # the link's answers, kept in turn
    assert not page.errors


def test_importing_a_file_over_a_link_keeps_the_way_back_to_mine(
    new_context, url: str, tmp_path: Path
):
    page = open_page(new_context(), url)
    pick(page, {"meetings": (1, 2)})
    mine = checked(page)
    visit(page, url + "?current-meetings=3")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"areas": {"meetings": {"current": 0, "target": 0}}}))
    page.set_input_files("#amm-file", str(other))
    idle(page)
    assert "Loaded other.json" in page.text_content("#amm-status")
    assert checked(page)["meetings"] == [0, 0]
    assert saved(page)["areas"]["meetings"] == {"current": 1, "target": 2}
    choose(page, "Back to mine")
    assert checked(page) == mine


def test_a_team_and_date_typed_before_any_level_survive_a_visit(new_context, url: str):
    page = open_page(new_context(), url)
    page.fill("#amm-team", "فريق المنصة")  # typed, never left: no change event
    page.fill("#amm-date", "2025-03-04")
    visit(page, url)  # a plain visit, not a reload of the address
    assert page.input_value("#amm-team") == "فريق المنصة"
    assert page.input_value("#amm-date") == "2025-03-04"
    # The name is isolated, so right-to-left text cannot pull the date into its direction.
    assert page.locator("#amm-heading bdi").text_content() == "فريق المنصة"
    assert page.get_attribute("#amm-team", "dir") == "auto"


def test_the_site_search_keeps_its_highlight_in_the_address(new_context, url: str):
    page = open_page(new_context(), url + "?h=meetings")
    pick(page, {"meetings": (1, 2)})
    assert "h=meetings" in urlsplit(page.url).query
    assert "h=" not in page.input_value("#amm-link"), "a shared link carries answers only"


def test_a_huge_bad_file_gets_a_short_answer(new_context, url: str, tmp_path: Path):
    page = open_page(new_context(), url)
    areas = {f"sales-{i}": {"current": 1} for i in range(10_000)}
    hostile = {"team": "x" * 600_000, "areas": {**areas, "meetings": {"current": 2}}}
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(hostile))
    page.set_input_files("#amm-file", str(source))
    idle(page)
    notice = page.text_content("#amm-notice")
    assert len(notice) < 800
    assert "and 9,996 more" in notice
    assert checked(page)["meetings"] == [2, None]

    source.write_text(" " * 1_000_001 + "{}")
    page.set_input_files("#amm-file", str(source))
    idle(page)
    assert "larger than 1 MB" in page.text_content("#amm-status")
    assert checked(page)["meetings"] == [2, None], "a refused file changes nothing"


def test_a_browser_that_refuses_storage_is_told_so(new_context, url: str):
    context = new_context()
    context.add_init_script(
        "Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }"
    )
    page = open_page(context, url)
    pick(page, {"meetings": (1, 2)})
    assert "does not let the page save answers" in page.text_content("#amm-notice")
    assert "current-meetings=1" in page.url, "the address still holds every answer"
    assert not page.errors


EMOJI = "👩🏽‍💻"  # four code points, seven UTF-16 units, one grapheme


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("a" + EMOJI * 20, "a" + EMOJI * 19),  # the 80th code point falls inside an emoji
        ("e\u0301" * 41, "e\u0301" * 40),  # combining accents stay on their letter
        ("فريق \u202eالمنصة", "فريق المنصة"),  # no direction override survives
        ('=HYPERLINK("x"), "a";b', '=HYPERLINK("x"), "a";b'),
    ],
    ids=["emoji at the cut", "combining marks", "right to left", "csv-hostile"],
)
def test_every_file_the_page_saves_the_report_prints(
    new_context, url: str, tmp_path: Path, typed: str, kept: str
):
    page = open_page(new_context(), url)
    pick(page, {"meetings": (1, 2)})
    # As a paste or a link can: past the field's maxlength.
    page.evaluate(
        """text => {
            const input = document.querySelector('#amm-team');
            input.value = text;
            input.dispatchEvent(new Event('input', {bubbles: true}));
        }""",
        typed,
    )
    source = download(page, "#amm-json")
    assert json.loads(source.read_text(encoding="utf-8"))["team"] == kept
    out = tmp_path / "team.pdf"
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["report", str(source), "--out", str(out)])
    assert code == 0, errors.getvalue()
    assert len(pypdf.PdfReader(out).pages) == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_link_shown_and_earlier_answers_open(
    new_context, url: str, scheme: str
):
    page = open_page(new_context(viewport={"width": 375, "height": 900}, color_scheme=scheme), url)
    pick(page, {"meetings": (1, 2)})
    visit(page, url + "?team=%D7%A6%D7%95%D7%95%D7%AA&current-meetings=3")
    choose(page, "Keep these answers")
    visit(page, url + "?current-meetings=0")
    page.click("#amm-earlier summary")
    assert page.locator("#amm-notice button").count() == 2
    assert axe_violations(page) == []


# ---- Issue 12: then and now ----

# Three months earlier: lower in three areas, the same in two.
THEN = {
    "documentation": (0, 2),
    "decision-making": (0, 1),
    "work-tracking": (1, 3),
    "meetings": (1, 1),
    "leadership-culture": (1, 2),
}


def answers_link(url: str, answers: dict[str, tuple[int, int]], team: str = "") -> str:
    query = {"team": team} if team else {}
    for area_id, (current, target) in answers.items():
        query |= {f"current-{area_id}": current, f"target-{area_id}": target}
    return f"{url}?{urlencode(query)}"


def then_shown(page) -> dict:
    """The table's change column and the chart's dotted shape, as the page shows them."""
    return page.evaluate(
        """() => ({
            head: [...document.querySelector('.amm-scores thead tr').cells].map(c => c.textContent),
            rows: [...document.querySelectorAll('#amm-scores tr')].map(r => [...r.cells].slice(4).map(c => c.textContent)),
            shape: document.querySelector('#amm-radar polygon.then')?.points.length ?? 0,
            status: document.querySelector('#amm-then-status').textContent,
        })"""
    )


def test_an_earlier_link_shows_then_and_now_per_area(new_context, url: str):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    page.fill("#amm-then", answers_link(url, THEN, "Platform"))
    page.click("#amm-then-link")  # revisit.js loads on first use
    idle(page)
    shown = then_shown(page)
    assert shown["head"] == ["Area", "Current", "Target", "To go", "Since then"]
    assert shown["rows"] == [
        ["Up 1, from 0 Unaware"],
        ["Same"],
        ["Up 1, from 1 Initial"],
        ["Same"],
        ["Up 1, from 1 Initial"],
    ]
    assert shown["shape"] == len(MODEL.areas)
    assert shown["status"].startswith("Now compared with the answers from the link (Platform)")
    assert "earlier current levels" in page.get_attribute("#amm-radar svg", "aria-label")

    # The comparison follows every change to today's answers, and stops on request.
    radio(page, "meetings", "current", 3).check()
    idle(page)
    assert then_shown(page)["rows"][3] == ["Up 2, from 1 Initial"]
    page.click("#amm-then-stop")
    idle(page)
    assert then_shown(page)["shape"] == 0
    assert then_shown(page)["head"] == ["Area", "Current", "Target", "To go"]
    assert page.is_hidden("#amm-then-stop")
    assert saved(page)["areas"]["meetings"]["current"] == 3, "comparing changed no answer"
    assert not page.errors


def test_a_bad_earlier_link_or_file_is_named_and_changes_nothing(
    new_context, url: str, tmp_path: Path
):
    page = open_page(new_context(), url)
    pick(page, ANSWERS)
    page.fill("#amm-then", "https://chat.example/msg/123")
    page.click("#amm-then-link")
    idle(page)
    assert page.text_content("#amm-then-status") == (
        "That is not a link with answers from this page, so there is nothing to compare with."
    )
    bad = tmp_path / "old.json"
    bad.write_text("[]", encoding="utf-8")
    page.set_input_files("#amm-then-input", str(bad))
    idle(page)
    assert page.text_content("#amm-then-status").startswith("old.json")
    assert then_shown(page)["shape"] == 0
    assert len(table(page)[0]) == 4


def test_a_file_or_this_browsers_earlier_answers_compare_too(new_context, url: str, tmp_path: Path):
    page = open_page(new_context(), url)
    pick(page, THEN)
    earlier = download(page, "#amm-json")
    clear_all(page)  # the answers of three months ago move to the earlier list
    pick(page, ANSWERS)
    page.set_input_files("#amm-then-input", str(earlier))
    idle(page)
    assert [row[0][:4] for row in then_shown(page)["rows"]] == [
        "Up 1",
        "Same",
        "Up 1",
        "Same",
        "Up 1",
    ]
    assert earlier.name in page.text_content("#amm-then-status")

    page.click("#amm-then-stop")
    page.click("#amm-earlier summary")
    page.click("#amm-earlier-list button:has-text('Compare with now')")
    idle(page)
    assert then_shown(page)["rows"][0] == ["Up 1, from 0 Unaware"]
    assert "this browser's earlier answers" in page.text_content("#amm-then-status")
    assert checked(page) == {k: list(v) for k, v in ANSWERS.items()}, "the form still shows now"


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (375, "dark")])
def test_axe_finds_nothing_while_comparing_then_and_now(
    new_context, url: str, width: int, scheme: str
):
    options = PHONE if width == 375 else {"viewport": {"width": width, "height": 900}}
    context = new_context(**options, color_scheme=scheme)
    page = open_page(context, url)
    pick(page, ANSWERS)
    page.fill("#amm-then", answers_link(url, THEN))
    page.click("#amm-then-link")  # revisit.js loads on first use
    idle(page)
    assert axe_violations(page) == []
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= options["viewport"]["width"]
    )
