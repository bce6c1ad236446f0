"""The team one-pager: the site's one-page overview with a team's current and target levels marked.

It renders the same template as the overview (onepager.html, which includes
matrix.html) with an `assessment` in its context, and fits it on one page with
the same loop as scripts/pdf.py; there is no second copy of the layout.
"""

from dataclasses import replace
from pathlib import Path

from scripts.model import Model
from scripts.render import pdf
from scripts.render.assessment import Assessment, printable, read
from scripts.render.versions import version_note


def isolated(assessment: Assessment) -> Assessment:
    """The team name between Unicode's first-strong isolate and its pop (the PDF's <bdi>).

    Without them a right-to-left name would pull the date and the title after it into
    its own direction and reorder the heading.
    """
    return (
        replace(assessment, team=f"\u2068{assessment.team}\u2069")
        if assessment.team
        else assessment
    )


def render(model: Model, assessment: Assessment, site_url: str, paper: str) -> pdf.Rendered:
    return pdf.render(model, site_url, paper, isolated(assessment))


def build(
    model: Model, source: Path, out: Path, site_url: str, paper: str, releases: tuple = ()
) -> list[str]:
    """Read `source`, write the PDF to `out`; return notes worth telling the user."""
    assessment = read(source, model)
    rendered = render(model, assessment, site_url, paper)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(rendered.pdf)
    notes = [f"{printable(str(out))}: 1 page at {rendered.font_size:g} pt"]
    if releases and (
        note := version_note(model, releases, assessment.model_version, printable(str(source)))
    ):
        notes.append(note)
    missing = [
        a.title
        for a in model.areas
        if assessment.applies(a.id) and "current" not in assessment.levels.get(a.id, {})
    ]
    if missing:
        notes.append(f"note: no current level for {', '.join(missing)}; those columns are unmarked")
    if none := [a.title for a in model.areas if not assessment.applies(a.id)]:
        notes.append(f"note: {', '.join(none)} marked as not applying; left unmarked")
    for area in model.areas:
        for number, action in enumerate(assessment.plan(area.id).actions, 1):
            if lacking := [name for name in ("what", "who", "by") if not getattr(action, name)]:
                notes.append(f"note: {area.title}, action {number} has no {' or '.join(lacking)}")
    return notes
