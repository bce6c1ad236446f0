"""Preview images: their size, weight, contrast, text that fits, and bytes that repeat."""

import dataclasses
import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from scripts.render import previews, workers
from scripts.source.load import load_model
from tests.conftest import FIXTURE_DATA

MODEL = load_model(FIXTURE_DATA)


def test_every_image_the_site_links_to_is_a_small_card(site: Path):
    images = sorted(site.rglob("assets/previews/*.png"))
    english = [p for p in images if p.parent.parent.parent == site]
    assert len(english) == 1 + len(load_model().areas) * (1 + len(load_model().levels))
    for path in images:
        assert path.stat().st_size <= previews.MAX_BYTES, path
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), path


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(channel, colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize(
    ("text", "background"),
    [
        (previews.ON_BAND, previews.BAND),
        (previews.INK, previews.PAPER),
        (previews.ACCENT, previews.PAPER),
    ],
)
def test_text_contrast_is_at_least_4_5_to_1(text, background):
    lighter, darker = sorted((_luminance(text), _luminance(background)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_the_card_shows_its_text_in_the_card_colours():
    card = previews.cards(MODEL)[previews.cell_image("meetings", 2)]
    assert (card.heading, card.subheading) == ("Meetings", "Level 2: Defined")
    image = Image.open(io.BytesIO(previews.render(card))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(256)}
    assert {previews.BAND, previews.PAPER, previews.INK, previews.ACCENT} <= colours


def test_a_long_text_ends_with_an_ellipsis_after_a_whole_word():
    font = previews._font("regular", 40)
    text = " ".join(["Write the decision down where the team can find it."] * 10)
    lines = previews._wrap(text, font, 1056, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1056 for line in lines)
    assert " ".join(lines)[:-1].split()[-1] in text.split()  # cut between words


def test_a_word_wider_than_the_card_is_cut_between_characters():
    font = previews._font("bold", 76)
    lines = previews._wrap("Short " + "x" * 80 + " tail", font, 1056, 2)
    assert lines[0] == "Short"
    assert lines[1].startswith("xxx") and lines[1].endswith("…")
    assert font.getlength(lines[1]) <= 1056


def test_images_are_drawn_once_then_read_from_the_cache(tmp_path: Path, monkeypatch):
    first = previews.files(MODEL, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == len(first)

    def refuse(card):
        raise AssertionError(f"drew {card.heading} again")

    monkeypatch.setattr(previews, "render", refuse)
    assert previews.files(MODEL, tmp_path) == first


def test_the_same_card_gives_the_same_bytes():
    card = previews.cards(MODEL)[previews.SITE_IMAGE]
    assert previews.render(card) == previews.render(card)


def test_a_changed_cell_redraws_its_own_card_only(tmp_path: Path, monkeypatch):
    previews.files(MODEL, tmp_path)
    area = MODEL.areas[0]
    cell = dataclasses.replace(area.cells[1], summary="A new summary of eight words or so.")
    area = dataclasses.replace(area, cells=(area.cells[0], cell, *area.cells[2:]))
    changed = dataclasses.replace(MODEL, areas=(area, *MODEL.areas[1:]))
    drawn = []
    real = previews.render
    monkeypatch.setattr(previews, "render", lambda card: drawn.append(card) or real(card))
    previews.files(changed, tmp_path)
    assert [card.text for card in drawn] == ["A new summary of eight words or so."]
    # The old card is pruned: the cache holds what the current model needs, no more.
    assert len(list(tmp_path.glob("*.png"))) == len(previews.cards(changed))


def test_another_process_draws_the_same_bytes(tmp_path: Path):
    script = (
        "import sys; from scripts.render import previews; from scripts.source.load import "
        "load_model; from tests.conftest import FIXTURE_DATA; "
        "card = previews.cards(load_model(FIXTURE_DATA))[previews.cell_image('meetings', 1)]; "
        "sys.stdout.buffer.write(previews.render(card))"
    )
    root = Path(__file__).resolve().parent.parent
    other = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, check=True
    ).stdout
    assert other == previews.render(previews.cards(MODEL)[previews.cell_image("meetings", 1)])


def test_a_translated_site_gets_its_cards_in_its_language():
    from scripts.generate import language_of
    from scripts.render import language
    from scripts.source import i18n
    from scripts.source.load import DATA

    english = load_model()  # the fixture data has no interface strings to translate with
    spanish = i18n.load_translation(english, DATA, "es")
    with language.using(language_of(spanish)):
        cards = previews.cards(spanish.model)
    site = cards[previews.SITE_IMAGE]
    lowest, highest = spanish.model.levels[0].name, spanish.model.levels[-1].name
    assert lowest != english.levels[0].name
    assert site.band == f"Versión {english.version}"
    areas, levels = len(english.areas), len(english.levels)
    assert site.subheading == f"{areas} áreas, {levels} niveles, de {lowest} a {highest}"
    area = english.areas[0].id
    assert (
        cards[previews.area_image(area)].subheading == f"{levels} niveles, de {lowest} a {highest}"
    )


def test_the_build_has_worker_processes_draw_what_the_cache_lacks(tmp_path: Path, monkeypatch):
    drawn = previews.start(MODEL, tmp_path / "workers")()
    assert drawn == previews.files(MODEL, tmp_path / "here")
    assert len(list((tmp_path / "workers").glob("*.png"))) == len(drawn)

    def refuse(*args):
        raise AssertionError("started a worker with every image in the cache")

    monkeypatch.setattr(workers, "submit", refuse)
    assert previews.start(MODEL, tmp_path / "workers")() == drawn
