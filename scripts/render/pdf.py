"""The one-page overview as PDF: one landscape page per paper size, tagged, with fonts embedded.

If the text does not fit on one page, the root font size steps down to a floor
that still prints legibly; below that we fail and name the longest cells, since
a two-page "one-pager" or unreadable type would be worse than a failed build.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pydyf

from scripts.model import Model
from scripts.render import views
from scripts.render.language import gettext as _
from scripts.source.problems import DoesNotFit, PdfUnavailable, Problem

if TYPE_CHECKING:
    import weasyprint

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
    engine = _weasyprint()

    def layout(size: float) -> "weasyprint.Document":
        html = engine.HTML(string=page(size), base_url=str(views.TEMPLATES / "onepager.html"))
        return html.render(pdf_variant=PDF_VARIANT)

    size, floor_checked = START_PT, False
    while True:
        document = layout(size)
        if len(document.pages) == 1:
            return Rendered(document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_tag), size)
        if size - STEP_PT < FLOOR_PT:
            raise _does_not_fit(model, paper)
        # Three pages or more rarely shrink to one: try the floor first, so a hopeless
        # overview fails after two layouts instead of one per step.
        if len(document.pages) >= 3 and not floor_checked:
            floor_checked = True
            if len(layout(FLOOR_PT).pages) > 1:
                raise _does_not_fit(model, paper)
        size -= STEP_PT


def _weasyprint():
    """WeasyPrint, imported when a PDF is made: it loads Pango, which a contributor's
    machine may not have, and the pages build without it."""
    try:
        import weasyprint
    except OSError as error:  # how cffi says a shared library cannot be loaded
        raise PdfUnavailable(str(error)) from None
    return weasyprint


def _tag(document: "weasyprint.Document", _pdf) -> None:
    """Finish the tagging that PDF/UA asks for and WeasyPrint leaves out: a link says where
    it goes (WeasyPrint repeats the bare URL as its /Contents) and a table header says
    whether it heads a column or a row (WeasyPrint writes no /Scope)."""
    root = document.pages[0]._page_box.children[0].element
    parents = {child: parent for parent in root.iter() for child in parent}
    for page in document.pages:
        for box in page._page_box.descendants():
            if box.link_annotation is not None:
                box.link_annotation["Contents"] = pydyf.String(_describe(box.element, parents))
            scope = box.element is not None and box.element.get("scope")
            if getattr(box, "mark", None) is not None and scope in ("col", "row"):
                box.mark["A"]["Scope"] = "/Column" if scope == "col" else "/Row"


def _describe(link, parents: dict) -> str:
    """What a reader finds behind `link`: its title, the cell or area it opens, or its text."""
    cell = parents.get(link)
    if link.get("title"):
        return link.get("title")
    if cell is not None and cell.tag == "td":
        row = parents[cell]
        column = [c for c in row if c.tag in ("th", "td")].index(cell)
        area = next(parents[parents[row]].iter("thead")).find("tr")[column]
        text = _("{area}, level {level}: its full description online")
        return text.format(area=_words(area), level=_words(row.find("th")))
    if cell is not None and cell.tag == "th" and cell.get("scope") == "col":
        return _("{area}: every level of the area online").format(area=_words(link))
    return _words(link)


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


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
