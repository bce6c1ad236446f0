"""The language a view is rendered in: its code, its interface strings, its stale cells.

Templates call `_("Why it matters")` for a string of the interface and `language()` for the
rest; the English text is the key, so a string nobody has translated shows in English. The
generator renders each language inside `using(...)`; the PDF workers are handed the
Language and do the same, which is why it is plain frozen data (and part of the PDF
cache's key through its repr).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
_CALL = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*\)""")


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
    """Every string the templates pass to `_()`: what an interface overlay may translate."""
    found = set()
    for path in TEMPLATES.iterdir():
        if path.is_file():
            found |= set(_CALL.findall(path.read_text(encoding="utf-8")))
    return {text.replace('\\"', '"') for text in found}
