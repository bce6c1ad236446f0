"""mkdocs-macros module: what the hand-written pages in content/ can call.

Each macro returns HTML rendered by scripts/views.py from the model that
scripts/hooks.py loaded; macros never render data text as a template.
"""

from mkdocs.utils import get_relative_url

from scripts.render import assessment, views


def define_env(env) -> None:
    model = env.conf.extra["model"]

    def root() -> str:
        """Relative path from the current page to the site root, e.g. '../'."""
        rel = get_relative_url(".", env.page.url)
        return "" if rel == "." else f"{rel}/"

    env.macro(lambda: views.matrix(model, root()), "matrix")
    env.macro(lambda: views.level_list(model), "level_list")
    env.macro(lambda: views.area_list(model, root()), "area_list")
    env.macro(lambda: views.render("credits.html", model=model), "credits")
    env.macro(
        lambda: views.render(
            "changelog.md", model=model, releases=env.conf.extra["releases"], root=root()
        ),
        "changelog",
    )
    env.macro(lambda: views.principles(model, root()), "principles")
    env.macro(lambda: views.channels(model), "channels")
    env.macro(lambda: views.quick_reference(model, root()), "quick_reference")
    env.macro(
        lambda: views.render(
            "assessment.html",
            model=model,
            root=root(),
            data=assessment.script_json(assessment.page_data(model, root())),
            team_max=assessment.TEAM_MAX,
        ),
        "assessment",
    )
