"""Preview images, the picture a chat shows when a link to the site is pasted: one for the
site, one per area, one per cell, 1200 x 630 PNG (the size Open Graph and Twitter cards
expect), drawn with Pillow from the model and the fonts in scripts/render/fonts/.

Material's social plugin would download its fonts at build time, which a hermetic build
cannot do. Pillow writes no timestamp into a PNG, so the same inputs give the same bytes.
Each image is stored under build/cache/previews/<key>.png, keyed by what it shows, this
file, the fonts and the Pillow version: a rebuild draws only the cards whose text changed.
"""

import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.model import Model
from scripts.render import inline, installed, urls, workers
from scripts.render.language import gettext as _

if TYPE_CHECKING:  # Pillow is imported to draw: a build whose images are all cached never is
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/previews/"
SITE_IMAGE = f"{FOLDER}site.png"
MAX_BYTES = 100 * 1024  # what chat apps fetch without complaint, and the budget

FONTS = Path(__file__).resolve().parent / "fonts"
_FONT_FILES = {
    "regular": "source-sans-3-latin-400-normal.ttf",
    "semibold": "source-sans-3-latin-600-normal.ttf",
    "bold": "source-sans-3-latin-700-normal.ttf",
}
# The site's indigo. White on the band is 6.9:1, INK on white 16:1, ACCENT on white 9:1;
# tests/test_previews.py checks every pair against WCAG's 4.5:1.
BAND, ON_BAND = (63, 81, 181), (255, 255, 255)
PAPER, INK, ACCENT = (255, 255, 255), (27, 31, 58), (48, 63, 159)
STEP_OFF = (223, 229, 244)  # the steps above the card's level: decoration, not text
MARGIN = 72
BAND_HEIGHT = 96
ELLIPSIS = "…"
_BLENDS = 16  # shades between a text colour and its background
_STEP, _GAP = 18, 6  # the staircase's steps, in pixels


def area_image(area_id: str) -> str:
    return f"{FOLDER}{area_id}.png"


def cell_image(area_id: str, level_id: int) -> str:
    return f"{FOLDER}{area_id}-{urls.level_anchor(level_id)}.png"


@dataclass(frozen=True)
class Card:
    """What one image shows, all of it plain text: also its cache key."""

    band: str
    heading: str
    subheading: str
    text: str
    level: int | None  # the cell's level, drawn as filled steps; None: every step
    levels: int


def cards(model: Model) -> dict[str, Card]:
    """Site file name -> what its image shows, for every image the site links to."""
    levels = len(model.levels)
    ends = {"lowest": model.levels[0].name, "highest": model.levels[-1].name}
    span = _("{levels} levels, from {lowest} to {highest}").format(levels=levels, **ends)
    whole = _("{areas} areas, {levels} levels, from {lowest} to {highest}")
    result = {
        SITE_IMAGE: Card(
            f"{_('Version')} {model.version}",
            model.title,
            whole.format(areas=len(model.areas), levels=levels, **ends),
            _plain(model.summary),
            None,
            levels,
        )
    }
    for area in model.areas:
        result[area_image(area.id)] = Card(
            model.title, area.title, span, _plain(area.summary), None, levels
        )
        for cell in area.cells:
            result[cell_image(area.id, cell.level.id)] = Card(
                model.title,
                area.title,
                f"{_('Level')} {cell.level.id}: {cell.level.name}",
                _plain(cell.summary),
                cell.level.id,
                levels,
            )
    return result


def files(model: Model, cache_dir: Path) -> dict[str, bytes]:
    """Every preview image, from `cache_dir` where drawn before, else drawn and stored."""
    found, missing = _cached(model, cache_dir)
    return {**found, **_draw(missing)}


def start(model: Model, cache_dir: Path) -> Callable[[], dict[str, bytes]]:
    """`files`, with the images not in `cache_dir` drawn by the build's worker processes
    while the caller goes on; call the result for them all."""
    found, missing = _cached(model, cache_dir)
    if not missing:
        return lambda: found
    drawing = workers.submit(_draw, missing)
    return lambda: {**found, **drawing.result()}


def _cached(model: Model, cache_dir: Path) -> tuple[dict[str, bytes], dict[str, tuple[Card, Path]]]:
    """The images stored in `cache_dir`, and what to draw for the others and where to store
    it. The cards are made here, in the page's language, and drawn anywhere."""
    code = _code_digest()
    wanted = {name: (card, f"{_key(card, code)}.png") for name, card in cards(model).items()}
    found, missing = {}, {}
    for name, (card, key) in wanted.items():
        try:
            found[name] = (cache_dir / key).read_bytes()
        except OSError:
            missing[name] = (card, cache_dir / key)
    _prune(cache_dir, {key for _, key in wanted.values()})
    return found, missing


def _draw(missing: dict[str, tuple[Card, Path]]) -> dict[str, bytes]:
    """Draw each card and store it, atomically, where `_cached` will look for it."""
    result = {}
    for name, (card, stored) in missing.items():
        png = render(card)
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f".{stored.name}.{os.getpid()}.part")
        partial.write_bytes(png)
        partial.replace(stored)
        result[name] = png
    return result


def render(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAND_HEIGHT), fill=BAND)
    band_font = _font("semibold", 34)
    width = WIDTH - 2 * MARGIN
    band = _wrap(card.band, band_font, width - card.levels * (_STEP + _GAP) - MARGIN, 1)
    draw.text((MARGIN, BAND_HEIGHT // 2), band[0], ON_BAND, band_font, "lm")
    _steps(draw, card)
    y = BAND_HEIGHT + 44
    heading_font = _font("bold", 76)
    for line in _wrap(card.heading, heading_font, width, 2):
        draw.text((MARGIN, y), line, INK, heading_font)
        y += 84
    sub_font = _font("semibold", 44)
    for line in _wrap(card.subheading, sub_font, width, 2):
        draw.text((MARGIN, y + 4), line, ACCENT, sub_font)
        y += 54
    y += 26
    text_font = _font("regular", 40)
    lines = max(1, (HEIGHT - MARGIN + 8 - y) // 50)
    for line in _wrap(card.text, text_font, width, lines):
        draw.text((MARGIN, y), line, INK, text_font)
        y += 50
    # Only the card's colours and the blends anti-aliased text makes between them: a fixed
    # palette is five times smaller than RGB, and instant where a computed one takes 0.1 s.
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()


def _steps(draw: "ImageDraw.ImageDraw", card: Card) -> None:
    """A staircase in the band's right corner, filled up to the card's level."""
    size, gap = _STEP, _GAP
    left = WIDTH - MARGIN - card.levels * (size + gap)
    for step in range(card.levels):
        filled = card.level is None or step <= card.level
        x = left + step * (size + gap)
        top = BAND_HEIGHT - 20 - (step + 1) * size
        draw.rectangle((x, top, x + size, BAND_HEIGHT - 20), fill=ON_BAND if filled else STEP_OFF)


def _wrap(text: str, font: "ImageFont.FreeTypeFont", width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of at most `width` pixels, broken between words;
    what does not fit ends the last line with an ellipsis."""

    def fits(line: str) -> bool:
        return font.getlength(line) <= width

    result: list[str] = []
    words = text.split()
    while words and len(result) < lines:
        line = words.pop(0)
        while words and fits(f"{line} {words[0]}"):
            line = f"{line} {words.pop(0)}"
        result.append(line)
        if not fits(line):  # a single word wider than the card
            break
    if result and (words or not fits(result[-1])):
        result[-1] = _shorten(result[-1], fits)
    return result


def _shorten(line: str, fits) -> str:
    """`line` ending in an ellipsis that fits: after a whole word, or for a single word too
    long for the card, after whole characters, so no glyph is ever cut."""
    words = line.split()
    while len(words) > 1 and not fits(" ".join(words) + ELLIPSIS):
        words.pop()
    text = " ".join(words).rstrip(",;:.")
    while text and not fits(text + ELLIPSIS):
        text = text[:-1]
    return text + ELLIPSIS


@cache
def _palette() -> "Image.Image":
    from PIL import Image

    colours: list[tuple[int, ...]] = [STEP_OFF]
    for background, text in ((PAPER, INK), (PAPER, ACCENT), (BAND, ON_BAND)):
        for step in range(_BLENDS):
            t = step / (_BLENDS - 1)
            colours.append(
                tuple(round(b + (f - b) * t) for b, f in zip(background, text, strict=True))
            )
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


@cache
def _font(weight: str, size: int) -> "ImageFont.FreeTypeFont":
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / _FONT_FILES[weight]), size)


def _plain(text: str) -> str:
    return " ".join(inline.inline(text).striptags().split())


@cache
def _code_digest() -> str:
    digest = hashlib.sha256(installed.release("pillow").encode())
    for path in (Path(__file__), *(FONTS / name for name in sorted(_FONT_FILES.values()))):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(card: Card, code: str) -> str:
    return hashlib.sha256(f"{code}\0{card!r}".encode()).hexdigest()[:24]


def _prune(cache_dir: Path, kept: set[str]) -> None:
    """Drop images no card needs any more; switching branches redraws only what differs."""
    if cache_dir.is_dir():
        for path in cache_dir.glob("*.png"):
            if path.name not in kept:
                path.unlink(missing_ok=True)
