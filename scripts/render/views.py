"""Render the model's views (matrix, area page, level list, one-pager) with Jinja.

The templates in scripts/templates/ receive the model as values and never see
YAML text as template source, so `{{ 7*7 }}` in a data file stays literal.
"""

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from scripts.model import Area, Cell, Model
from scripts.render import inline, jinja_cache, language, urls
from scripts.render.assessment import LINK_MAX, TEAM_MAX, TEXTS, page_data, script_json

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Hand-written pages' bodies by source file (see page): through a loader, unlike
# from_string, their compiled code can be kept in the bytecode cache like the templates'.
_PAGES: dict[str, str] = {}
# A page without these is plain Markdown that Jinja would return unchanged.
_SYNTAX = ("{{", "{%", "{##")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.DictLoader(_PAGES), jinja2.FileSystemLoader(TEMPLATES)]),
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
    env.globals["_"] = language.gettext
    env.globals["language"] = language.current
    env.globals["script_strings"] = lambda: script_json(language.script_table())
    return env


def render(template: str, **context: object) -> Markup:
    return Markup(environment().get_template(template).render(**context))


def keep_compiled(folder: Path) -> None:
    """Keep the compiled templates and pages in `folder` for the next build: compiling them
    was most of a build's time in the generator once the PDFs were cached."""
    env = environment()
    env.bytecode_cache = jinja_cache.on_disk(env, folder)


def page(name: str, body: str, functions: dict[str, object]) -> str:
    """A hand-written page with its `{{ ... }}` calls rendered (scripts/render/pages.py lists
    what it may call); `name`: its source file. Only the page is a template: data reaches
    it as values."""
    if not any(syntax in body for syntax in _SYNTAX):
        return body
    _PAGES[name] = body
    return environment().get_template(name).render(**functions)


def matrix(model: Model, root: str = "") -> Markup:
    """The area x level table, and the per-area lists that replace it on narrow screens;
    `root` prefixes links (relative path or absolute site URL)."""
    return render("matrix.html", model=model, root=root, stacked=True, assessment=None)


def area_page(model: Model, area: Area, root: str, edits: dict[int, str] | None = None) -> str:
    """Markdown source of an area's page, so the engine builds its headings, TOC and search;
    `edits`: level id -> where to edit that cell (scripts/render/cells.py)."""
    return render("area.md", model=model, area=area, root=root, edits=edits or {})


def cell_page(model: Model, area: Area, cell: Cell, root: str) -> str:
    """Markdown source of one cell's own page (scripts/render/cells.py places it)."""
    return render("cell.md", model=model, area=area, cell=cell, root=root)


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


def credits(model: Model) -> Markup:
    return render("credits.html", model=model)


def changelog(model: Model, releases: tuple, root: str) -> str:
    """Markdown: one heading per release, newest first, linking the cells each one changed."""
    return render("changelog.md", model=model, releases=releases, root=root)


def assessment(model: Model, root: str, releases: tuple = ()) -> Markup:
    """The self-assessment form, with the model its script reads embedded as JSON."""
    return render(
        "assessment.html",
        model=model,
        root=root,
        data=script_json(page_data(model, root, releases)),
        team_max=TEAM_MAX,
        limits={field: limit for field, (limit, _) in TEXTS.items()} | {"link": LINK_MAX},
    )


def teams(model: Model, root: str, releases: tuple = ()) -> Markup:
    """The coordinator's view of several teams' files, with the same data as the assessment."""
    return render(
        "teams.html", model=model, root=root, data=script_json(page_data(model, root, releases))
    )


def onepager(
    model: Model, site_url: str, paper: str, font_size: float, assessment: object = None
) -> str:
    """The one-page overview; with an `assessment` (scripts/report.py), a team's copy."""
    return render(
        "onepager.html",
        model=model,
        root=urls.site_root(site_url),
        paper=paper,
        font_size=font_size,
        assessment=assessment,
    )
