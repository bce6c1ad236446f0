"""The Spanish site as a Spanish reader uses it: search, the language switcher, axe."""

import pytest

from tests.browser import gates
from tests.browser.test_assessment import ready

SPANISH_PAGES = [
    "es/",
    "es/areas/meetings/",
    "es/matrix/",
    "es/assessment/",
    "es/translations/",
    "es/guide/how-to-use/",
    "es/guide/leaders/",
    "es/guide/facilitate/",
    "guide/facilitate/",  # the English twin is new with it
]


def test_search_on_the_spanish_site_finds_a_spanish_word(new_context, base_url: str):
    page = new_context().new_page()
    page.goto(f"{base_url}es/")
    page.keyboard.press("/")
    page.keyboard.type("reuniones")  # Material searches on key events, which fill() does not send
    page.wait_for_selector(".md-search-result__item mark")
    first = page.locator(".md-search-result__link").first.get_attribute("href")
    assert first.startswith(f"{base_url}es/"), first
    results = page.locator(".md-search-result__item").all_inner_texts()
    assert any("Reuniones" in text for text in results), results


def test_the_switcher_leads_from_a_spanish_page_to_its_english_twin(new_context, base_url: str):
    page = new_context().new_page()
    page.goto(f"{base_url}es/areas/meetings/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator(".md-select__link[hreflang=en]").first.dispatch_event("click")
    page.wait_for_url(f"{base_url}areas/meetings/")
    assert page.locator("h1").first.inner_text().startswith("Meetings")


@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_axe_finds_no_violation_on_the_spanish_pages(new_context, base_url: str, path: str):
    for scheme in ("light", "dark"):
        page = new_context(color_scheme=scheme).new_page()
        page.goto(f"{base_url}{path}")
        assert gates.axe_violations(page) == [], f"{path} ({scheme})"


CHECKED = (
    "() => [...document.querySelectorAll('input[type=radio]:checked')]"
    ".map(i => i.name + '=' + i.value)"
)


def test_answers_carry_over_to_the_spanish_assessment_by_link_and_in_this_browser(
    new_context, base_url: str
):
    context = new_context()
    page = context.new_page()
    page.goto(f"{base_url}assessment/")
    ready(page)
    for radio in page.locator('input[name^="current-"][value="1"]').all():
        radio.check()
    for radio in page.locator('input[name^="target-"][value="3"]').all():
        radio.check()
    gates.idle(page)
    answers = page.evaluate(CHECKED)
    assert len(answers) > 5
    link = page.url.replace(f"{base_url}assessment/", f"{base_url}es/assessment/")
    assert link != page.url

    colleague = new_context().new_page()
    colleague.goto(link)
    ready(colleague)
    assert colleague.evaluate(CHECKED) == answers
    assert "Reuniones" in colleague.text_content("#amm-results")

    page.goto(f"{base_url}es/assessment/")  # a plain visit restores the saved answers
    ready(page)
    assert page.evaluate(CHECKED) == answers


def test_the_spanish_assessment_speaks_spanish_after_answering_and_merging(
    new_context, base_url: str
):
    """The page's own words and those the scripts write: the results, the next steps and
    the facilitator's merge summary, all from the Spanish island (amm-strings)."""
    page = new_context().new_page()
    page.goto(f"{base_url}es/assessment/")
    ready(page)
    for radio in page.locator('input[name^="current-"][value="1"]').all():
        radio.check()
    for radio in page.locator('input[name^="target-"][value="2"]').all():
        radio.check()
    gates.idle(page)  # the results draw once their modules load
    results = " ".join(page.text_content("#amm-results").split())
    assert "Dónde está el equipo" in results
    assert "Siguiente: nivel 2 Definido" in results, results[:400]
    for english in ("Next:", "Steps to take", "What level", "Read level", "Current level picked"):
        assert english not in results, english
    link = page.input_value("#amm-link")
    page.fill("#amm-members", f"{link}\n{link}\nhttps://chat.example/msg/1")
    page.click("#amm-merge")
    gates.idle(page)
    summary = page.text_content("#amm-merge-summary")
    assert "compared" not in summary and "member" not in summary, summary
    assert "2" in summary and "3" in summary, summary  # two links read, the third skipped
    assert gates.axe_violations(page) == []
