"""Inline Markdown from the data files, made safe to put in a page or a PDF.

Data is data: raw HTML is escaped, links keep only safe schemes, and no block
syntax (headings, lists) is recognised, so a field can never restructure a page.
Jinja never sees this text as a template; it only ever receives it as a value.
"""

import re
import xml.etree.ElementTree as etree
from functools import cache, lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from scripts.render.urls import is_safe_url

_BLOCKS_KEPT = {"empty", "paragraph"}
_INLINE_DROPPED = {"html", "entity"}


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            if not is_safe_url(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()


class _DataExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Registry._priority is private; tests/test_private_apis.py fails if it moves.
        preprocessors = md.preprocessors._priority  # type: ignore[attr-defined]
        for name in [p for p in preprocessors if p.name == "html_block"]:
            md.preprocessors.deregister(name.name)
        for item in list(md.parser.blockprocessors._priority):  # type: ignore[attr-defined]
            if item.name not in _BLOCKS_KEPT:
                md.parser.blockprocessors.deregister(item.name)
        for name in _INLINE_DROPPED:
            md.inlinePatterns.deregister(name, strict=False)
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_DataExtension()], output_format="html")


# The same cell text appears in the matrix, its area page, the assessment and the PDFs;
# a build converts half of its texts more than once. Markup is immutable, so sharing is safe.
@lru_cache(maxsize=4096)
def block(text: str) -> Markup:
    """Render a field as one or more paragraphs."""
    md = _converter()
    html = md.reset().convert(text)
    return Markup(html)


def inline(text: str) -> Markup:
    """Render a field as inline HTML, without a paragraph around it."""
    html = block(text)
    return Markup(re.sub(r"</p>\s*<p>", " ", html.removeprefix("<p>").removesuffix("</p>")))
