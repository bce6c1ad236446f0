"""Link previews: what a chat, an issue tracker or a search engine shows for a page's address.

Every page of the tree gets two things in its front matter:

- `description`: for a page built from data/, the area's or the cell's summary; a
  hand-written page must give its own (a build without one fails, on that file). The
  theme prints it as the page's <meta name="description">.
- `social`: the page's title, description, absolute address and preview image (with its
  alt text and size), which overrides/partials/link-previews.html prints as Open Graph and
  Twitter card tags.

MkDocs and Zensical both print front matter into the page exactly as it is, without
escaping, so every value is HTML-escaped here, once, for every engine.
"""

import posixpath
from dataclasses import dataclass
from html import escape

from scripts.model import Model
from scripts.render import front_matter, inline, previews, urls
from scripts.render.language import gettext as _
from scripts.render.pages import split_front_matter
from scripts.source.problems import Problem

PAGE = "index.md"
_NO_DESCRIPTION = (
    "add a `description:` to the front matter: one or two sentences of your own that a link "
    "preview shows under the page's title"
)


@dataclass(frozen=True)
class Card:
    """What a shared link to one page shows: plain text, escaped only when written."""

    title: str
    description: str
    image: str  # site-relative path of its PNG
    image_alt: str
    kind: str = "website"


def describe(files: dict[str, bytes], model: Model, config: dict, prefix: str) -> list[Problem]:
    """Add `description` and `social` to the front matter of every page in `files`, one
    language's pages, named from its root, `prefix` under the site's; the problems are
    hand-written pages (under config's docs_dir) without a description."""
    generated = cards(model)
    root = urls.site_root(config.get("site_url") or "") + prefix
    site_name = model.title  # in the page's language, as on its preview image
    problems = []
    for name in sorted(files):
        if posixpath.basename(name) != PAGE:
            continue
        meta, body = split_front_matter(files[name].decode())
        card = generated.get(name) or _hand_written(name, meta, body, model, site_name)
        if card is None:
            problems.append(_missing(name, config))
            continue
        meta["description"] = escape(card.description)
        meta["social"] = _tags(card, root + name.removesuffix(PAGE), root, site_name)
        head = front_matter.dump(meta)
        files[name] = f"---\n{head}---\n{body}".encode()
    return problems


def cards(model: Model) -> dict[str, Card]:
    """Tree file name -> card, for the pages built from data/: areas and cells."""
    result = {}
    for area in model.areas:
        summary = _plain(area.summary)
        result[f"{urls.area_path(area.id)}{PAGE}"] = Card(
            area.title,
            summary,
            previews.area_image(area.id),
            _("{area}, one area of the {model}: {summary}").format(
                area=area.title, model=model.title, summary=summary
            ),
            "article",
        )
        for cell in area.cells:
            # As the cell page's heading (templates/cell.md), in the page's language.
            title = f"{area.title}, {_('level')} {cell.level.id}: {cell.level.name}"
            summary = _plain(cell.summary)
            result[f"{urls.cell_page(area.id, cell.level.id)}{PAGE}"] = Card(
                title,
                summary,
                previews.cell_image(area.id, cell.level.id),
                f"{title}. {summary}",
                "article",
            )
    return result


def _hand_written(name: str, meta: dict, body: str, model: Model, site_name: str) -> Card | None:
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        return None
    # The same title the theme puts in <title>: front matter's, else the first heading.
    if name == PAGE:
        title = site_name
    else:
        heading = next((line[2:] for line in body.splitlines() if line.startswith("# ")), "")
        title = str(meta.get("title") or heading.strip() or site_name)
    alt = _("{model}: {areas} areas, each at {levels} levels").format(
        model=model.title, areas=len(model.areas), levels=len(model.levels)
    )
    return Card(title, " ".join(description.split()), previews.SITE_IMAGE, alt)


def _tags(card: Card, url: str, root: str, site_name: str) -> dict[str, object]:
    return {
        "title": escape(card.title),
        "description": escape(card.description),
        "url": escape(url),
        "site_name": escape(site_name),
        "type": card.kind,
        "image": escape(root + card.image),
        "image_alt": escape(card.image_alt),
        "image_width": previews.WIDTH,
        "image_height": previews.HEIGHT,
    }


def _plain(text: str) -> str:
    """A data field's inline Markdown as the plain text a preview shows."""
    return " ".join(inline.inline(text).striptags().split())


def _missing(name: str, config: dict) -> Problem:
    source = f"{config.get('docs_dir', 'docs')}/{name}"
    return Problem(source, 1, "description", _NO_DESCRIPTION)
