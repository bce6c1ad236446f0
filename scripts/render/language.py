"""The language a view is rendered in: its code, its interface strings, its stale cells.

Templates call `_("Why it matters")` for a string of the interface and `language()` for the
rest; the English text is the key, so a string nobody has translated shows in English. The
generator renders each language inside `using(...)`; the PDF workers are handed the
Language and do the same, which is why it is plain frozen data (and part of the PDF
cache's key through its repr).
"""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Modules that call _() too: the theme's words (overrides/ cannot call it), the PDFs' tags
# and the link previews' texts.
MODULES = tuple(
    Path(__file__).resolve().parent / name
    for name in ("theme.py", "pdf.py", "previews.py", "social.py")
)
# The browser modules call t("English text", {values}) from strings.js, or tParts from parts.js.
SCRIPTS = Path(__file__).resolve().parents[2] / "content" / "assets" / "js"
_CALL = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*\)""")
_SCRIPT_CALL = re.compile(
    # not a method such as text.t(...), but a call after a spread: ...tParts(...)
    r"""(?<![\w$])(?<![^.]\.)(?:t|tParts)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*[,)]"""
)


@dataclass(frozen=True)
class Language:
    code: str = "en"
    # English text -> translation, sorted, for the interface strings translated so far
    strings: tuple[tuple[str, str], ...] = ()
    # From this language's site root to the English one: "" for English, "../" for es/
    to_english: str = ""
    stale: frozenset[tuple[str, int]] = frozenset()  # (area id, level id) of outdated cells

    def gettext(self, english: str) -> str:
        return dict(self.strings).get(english, english)


ENGLISH = Language()
_current: ContextVar[Language] = ContextVar("language", default=ENGLISH)


def current() -> Language:
    return _current.get()


def gettext(english: str) -> str:
    return current().gettext(english)


@contextmanager
def using(language: Language) -> Iterator[None]:
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def interface_strings() -> set[str]:
    """Every string the templates and MODULES pass to `_()`, and the browser modules to
    `t()`: what an interface overlay may translate."""
    paths = [p for p in (*TEMPLATES.iterdir(), *MODULES) if p.is_file()]
    return set().union(*(_calls(p, p.stat().st_mtime_ns) for p in paths)) | script_strings()


def script_strings() -> set[str]:
    """Every literal the browser modules pass to `t()` (content/assets/js/strings.js)."""
    paths = SCRIPTS.glob("*.js")
    return set().union(*(_script_calls(p, p.stat().st_mtime_ns) for p in paths))


# A build asks for these once per page and language; a file is read again once it changes
# (`make serve`), which its modification time says.
@cache
def _calls(path: Path, _mtime_ns: int) -> frozenset[str]:
    found = _CALL.findall(path.read_text(encoding="utf-8"))
    return frozenset(text.replace('\\"', '"') for text in found)


@cache
def _script_calls(path: Path, _mtime_ns: int) -> frozenset[str]:
    # Comments show the call too (strings.js does), and are no text of the interface.
    lines = path.read_text(encoding="utf-8").splitlines()
    code = "\n".join(line for line in lines if not line.lstrip().startswith(("//", "*")))
    found = set()
    for double, single in _SCRIPT_CALL.findall(code):
        # A JavaScript string in double quotes reads as JSON, escapes included.
        text = double or single.replace("\\'", "'").replace('"', '\\"')
        found.add(json.loads(f'"{text}"'))
    return frozenset(found)


def script_table() -> dict[str, str]:
    """What the page's <script id="amm-strings"> holds: the browser modules' texts that the
    current language translates, so a page carries no more than its scripts can show."""
    wanted = script_strings()
    return {english: text for english, text in current().strings if english in wanted}
