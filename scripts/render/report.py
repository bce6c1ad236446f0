"""The team one-pager: the site's one-page overview with a team's current and target levels marked.

It renders the same template as the overview (onepager.html, which includes
matrix.html) with an `assessment` in its context, and fits it on one page with
the same loop as scripts/pdf.py; there is no second copy of the layout.
"""

from pathlib import Path

from scripts.model import Model
from scripts.render import pdf
from scripts.render.assessment import Assessment, read


def render(model: Model, assessment: Assessment, site_url: str, paper: str) -> pdf.Rendered:
    return pdf.render(model, site_url, paper, assessment)


def build(model: Model, source: Path, out: Path, site_url: str, paper: str) -> list[str]:
    """Read `source`, write the PDF to `out`; return notes worth telling the user."""
    assessment = read(source, model)
    rendered = render(model, assessment, site_url, paper)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(rendered.pdf)
    notes = [f"{out}: 1 page at {rendered.font_size:g} pt"]
    if assessment.model_version and assessment.model_version != model.version:
        notes.append(
            f"note: {source} was made with version {assessment.model_version} of the model; "
            f"this is version {model.version}, so check the marks still fit the cells"
        )
    missing = [a.title for a in model.areas if "current" not in assessment.levels.get(a.id, {})]
    if missing:
        notes.append(f"note: no current level for {', '.join(missing)}; those columns are unmarked")
    return notes
