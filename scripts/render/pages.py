"""A hand-written page of content/: its front matter, what it can call, e.g.
`{{ matrix() }}`, and the values it can show, e.g. `{{ model.version }}`.

Each name maps to a view in scripts/render/views.py, given the links of the page it lands
on: `root` is the relative path from that page to the site root.
"""

from scripts.model import Model
from scripts.render import front_matter, views


def functions(model: Model, releases: tuple, root: str, config: dict) -> dict[str, object]:
    return {
        "model": model,
        "repository": (config.get("extra") or {}).get("repository", ""),
        "matrix": lambda: views.matrix(model, root),
        "level_list": lambda: views.level_list(model),
        "area_list": lambda: views.area_list(model, root),
        "credits": lambda: views.credits(model),
        "changelog": lambda: views.changelog(model, releases, root),
        "principles": lambda: views.principles(model, root),
        "channels": lambda: views.channels(model),
        "quick_reference": lambda: views.quick_reference(model, root),
        "assessment": lambda: views.assessment(model, root, releases),
        "teams": lambda: views.teams(model, root, releases),
    }


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown page; pages without front matter get {}."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta = front_matter.load(text[4:end]) or {}
    return (meta if isinstance(meta, dict) else {}), text[end + 5 :]
