"""Render the model's views (matrix, area page, level list, one-pager) with Jinja.

The templates in scripts/templates/ receive the model as values and never see
YAML text as template source, so `{{ 7*7 }}` in a data file stays literal.
"""

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from scripts.model import Area, Model
from scripts.render import inline, urls

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists ("## Title {#id}") would otherwise open a Jinja comment.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["inline"] = inline.inline
    env.filters["block"] = inline.block
    env.globals["urls"] = urls
    return env


def render(template: str, **context: object) -> Markup:
    return Markup(environment().get_template(template).render(**context))


def matrix(model: Model, root: str = "", stacked: bool = True) -> Markup:
    """The area x level table; `root` prefixes links (relative path or absolute site URL).

    `stacked` adds the per-area lists that replace the table on narrow screens.
    """
    return render("matrix.html", model=model, root=root, stacked=stacked, assessment=None)


def area_page(model: Model, area: Area) -> str:
    """Markdown source of an area's page, so MkDocs builds its headings, TOC and search entry."""
    return render("area.md", model=model, area=area)


def principles(model: Model, root: str) -> str:
    """Markdown: one linkable section per principle, with the areas that rest on it."""
    return render("principles.md", model=model, root=root)


def channels(model: Model) -> str:
    """Markdown: one linkable section per channel."""
    return render("channels.md", model=model)


def quick_reference(model: Model, root: str) -> Markup:
    """Every principle's and channel's `summary`: the same text the full guide pages lead with."""
    return render("quick_reference.html", model=model, root=root)


def level_list(model: Model) -> Markup:
    return render("levels.html", model=model)


def area_list(model: Model, root: str = "") -> Markup:
    return render("area_list.html", model=model, root=root)


def onepager(
    model: Model, site_url: str, paper: str, font_size: float, assessment: object = None
) -> str:
    """The one-page overview; with an `assessment` (scripts/report.py), a team's copy."""
    return render(
        "onepager.html",
        model=model,
        root=site_url,
        paper=paper,
        font_size=font_size,
        assessment=assessment,
    )
