"""The one-page overview as PDF: one landscape page per paper size, tagged, with fonts embedded.

If the text does not fit on one page, the root font size steps down to a floor
that still prints legibly; below that we fail and name the longest cells, since
a two-page "one-pager" or unreadable type would be worse than a failed build.
"""

from collections.abc import Callable
from dataclasses import dataclass

import weasyprint

from scripts.model import Model
from scripts.render import views
from scripts.source.problems import DoesNotFit, Problem

START_PT = 10.0  # the largest size real content has needed; each step down costs a layout
FLOOR_PT = 7.0
STEP_PT = 0.5
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    font_size: float


def render(model: Model, site_url: str, paper: str, assessment: object = None) -> Rendered:
    """The overview, or with an `assessment` a team's marked-up copy (scripts/report.py)."""
    return fit(lambda size: views.onepager(model, site_url, paper, size, assessment), model, paper)


def fit(page: Callable[[float], str], model: Model, paper: str) -> Rendered:
    """Render `page(font_size)`, the one-pager's HTML, at the largest size that fits one page."""

    def layout(size: float) -> weasyprint.Document:
        html = weasyprint.HTML(string=page(size), base_url=str(views.TEMPLATES / "onepager.html"))
        return html.render(pdf_variant=PDF_VARIANT)

    size, floor_checked = START_PT, False
    while True:
        document = layout(size)
        if len(document.pages) == 1:
            return Rendered(document.write_pdf(pdf_variant=PDF_VARIANT), size)
        if size - STEP_PT < FLOOR_PT:
            raise _does_not_fit(model, paper)
        # Three pages or more rarely shrink to one: try the floor first, so a hopeless
        # overview fails after two layouts instead of one per step.
        if len(document.pages) >= 3 and not floor_checked:
            floor_checked = True
            if len(layout(FLOOR_PT).pages) > 1:
                raise _does_not_fit(model, paper)
        size -= STEP_PT


def _does_not_fit(model: Model, paper: str) -> DoesNotFit:
    cells = sorted(
        ((len(cell.summary.split()), area, cell) for area in model.areas for cell in area.cells),
        key=lambda item: -item[0],
    )
    return DoesNotFit(
        [
            Problem(
                area.source_file,
                0,
                f"levels.{cell.level.id}.summary",
                f"has {words} words, among the longest: the one-page overview ({paper}) does "
                f"not fit one page even at {FLOOR_PT:g} pt, so shorten the longest cells",
            )
            for words, area, cell in cells[:3]
        ]
    )
