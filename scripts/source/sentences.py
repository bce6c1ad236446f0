"""How long a text's sentences are: the model and its pages keep each one short enough to
read once on a phone (CONTRIBUTING.md, "Plain and your own")."""

import re

MAX_WORDS = 30

# A sentence ends at . ! or ? before a space; a Markdown list item or a line break that
# starts one also ends the one before, since a list is read item by item.
_END = re.compile(r"(?<=[.!?])[\"')\]»”]*\s+|\n[ \t]*(?:[-*+]|\d+\.)[ \t]+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # a link reads as its text


def longest(text: str) -> tuple[int, str]:
    """The word count and the text of the longest sentence in `text`."""
    found = [
        (len(part.split()), " ".join(part.split())) for part in _END.split(_LINK.sub(r"\1", text))
    ]
    return max(found, default=(0, ""))
