"""The words of the theme's templates (overrides/), in the language being generated.

Those templates belong to the engine, which knows nothing of `_()`: the generator hands
these words to each language's configuration as `extra.words`, and the templates read
them there (`config.extra.words.overview`). interface.yml translates them like the rest.
"""

from scripts.render.language import gettext as _


def words() -> dict[str, str]:
    return {
        "overview": _("One-page overview:"),
        "letter": _("PDF, US Letter"),
        "a4": _("PDF, A4"),
        # Python-Markdown's title for a heading's ¶ link (mkdocs.yml's toc permalink_title)
        "permalink": _("Link to this section"),
    }
