"""The panel `make serve` puts on every page while the data has problems.

The person reading the page is often the one who just saved the file, so the browser shows
the same `file:line: message` lines as the terminal, over the last good build of the page.
Messages quote the data, so every one is escaped: a data file never adds live HTML.
"""

import re
from html import escape

from scripts.source.problems import REPORT_MAX, Problem

# Fixed colours, not the theme's, so the panel reads the same in light and dark mode.
_STYLE = (
    "margin:0;padding:.8rem 1.2rem;background:#fff1f0;color:#5c0011;"
    "border-bottom:.25rem solid #a8071a;font-size:.75rem;line-height:1.5"
)
# The top of Material's main content, or else of the body.
_TOPS = (re.compile(r'<main class="md-main"[^>]*>'), re.compile(r"<body[^>]*>"))


def panel(problems: list[Problem]) -> str:
    """The HTML of the panel that lists `problems`."""
    count = len(problems)
    items = "".join(
        f"<li><code>{escape(p.location)}</code>{escape(str(p)[len(p.location) :])}</li>"
        for p in problems[:REPORT_MAX]
    )
    more = (
        f"<p>… and {count - REPORT_MAX:,} more: fix these first.</p>" if count > REPORT_MAX else ""
    )
    title = f"{count:,} problem{'s' if count != 1 else ''} in the data"
    return (
        f'<section role="alert" aria-labelledby="amm-problems" style="{_STYLE}">'
        f'<h2 id="amm-problems" style="margin:0 0 .4rem;font-weight:700">{title}</h2>'
        '<p style="margin:0 0 .4rem">This page is the last good build. Fix each line below and '
        "save: the page reloads by itself once the data is valid.</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{items}</ul>{more}</section>'
    )


def add_panel(html: str, problems: list[Problem]) -> str:
    """`html` with the panel at the top of its main content (or of its body)."""
    at = next((top.end() for pattern in _TOPS if (top := pattern.search(html))), 0)
    return html[:at] + panel(problems) + html[at:]
