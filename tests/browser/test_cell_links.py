"""The cells' "Copy link" buttons: reached by keyboard, copying the cell's own page, saying
so on screen and to a screen reader, and clean under axe in light and dark."""

import pytest

from tests.browser.gates import axe_violations


@pytest.fixture
def page(new_context, base_url):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page


def test_a_cell_link_is_copied_from_the_keyboard_and_announced(page, base_url):
    page.goto(f"{base_url}areas/meetings/")
    own_page = page.locator(".amm-cell__links a[data-amm-copy]").nth(2)
    own_page.focus()
    page.keyboard.press("Tab")
    button = page.locator(":focus")
    assert button.get_attribute("aria-label") == "Copy link: Copy the link to Meetings, level 2"
    assert button.inner_text() == "Copy link"
    page.keyboard.press("Enter")
    status = page.locator(".amm-copy__status").nth(2)
    assert status.get_attribute("role") == "status"
    status.wait_for(state="visible")
    assert status.inner_text() == "Link copied"
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{base_url}areas/meetings/level-2/"
    # The anchor a link used to point at still leads to the level's section.
    page.goto(f"{base_url}areas/meetings/#level-2")
    assert page.locator("#level-2").is_visible()


def test_without_the_clipboard_the_address_is_shown_to_copy_by_hand(new_context, base_url):
    page = new_context().new_page()
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () =>"
        " Promise.reject(new Error('denied'))}})"
    )
    page.goto(f"{base_url}matrix/")
    page.locator("td .amm-copy").first.click()
    status = page.locator("td .amm-copy__status").first
    assert status.inner_text().startswith("Copy this link: ")
    assert status.inner_text().endswith("/areas/documentation/level-3/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["areas/meetings/", "matrix/", "areas/meetings/level-2/"])
def test_cell_links_and_pages_pass_axe(new_context, base_url, scheme, path):
    page = new_context(color_scheme=scheme).new_page()
    page.goto(base_url + path)
    for button in page.locator(".amm-copy").all()[:1]:
        button.click()  # the status text shows, and is checked too
    assert axe_violations(page) == []


def test_a_phone_card_underlines_its_level_name_not_every_line(new_context, base_url):
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(f"{base_url}matrix/")
    card = page.locator(".amm-matrix-stack li > a[data-amm-copy]").first

    def lines(locator) -> str:
        return locator.evaluate("e => getComputedStyle(e).textDecorationLine")

    assert lines(card) == "none"
    assert lines(card.locator("strong")) == "underline"
    card.hover()
    assert lines(card) == "underline"
