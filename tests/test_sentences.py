"""No sentence over 30 words in the hand-written pages, in every language, as in the data
(where `make validate` reports one, tests/test_load.py): a team lead reads each one once,
often on a phone."""

import re
from pathlib import Path

import pytest

from scripts.source import sentences
from tests.conftest import ROOT

PAGES = sorted((ROOT / "content").rglob("*.md"))
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# What is not prose: fenced code, raw HTML and tables, and the generator's {{ ... }} calls.
NOT_PROSE = re.compile(r"```.*?```|^\s*[<|{].*$", re.DOTALL | re.MULTILINE)
CALL = re.compile(r"\{\{.*?\}\}")  # inside a sentence, a call reads as one word


def test_a_long_sentence_is_split_at_its_ends_and_at_list_items():
    text = "One two three. " + " ".join(["word"] * 31) + "!\n- a list item\n1. another"
    words, sentence = sentences.longest(text)
    assert words == 31 and sentence.startswith("word") and sentence.endswith("word!")
    assert sentences.longest("[a link with many words](https://example.org/x.y z)")[0] == 5


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_sentence_of_the_pages_has_30_words_at_most(page: Path):
    text = FRONT_MATTER.sub("", page.read_text(encoding="utf-8"))
    prose = CALL.sub("x", NOT_PROSE.sub("", text))
    too_long = [
        f"{words} words: {text}"
        for paragraph in re.split(r"\n\s*\n", prose)
        for words, text in [sentences.longest(paragraph)]
        if words > sentences.MAX_WORDS
    ]
    assert too_long == []
