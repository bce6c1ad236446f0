"""YAML a contributor got wrong by hand: one plain sentence, on the line to change.

Each case is a small file with one mistake of the kind people make when they edit in a
browser; PyYAML alone reports most of them in grammar terms, often lines later.
"""

from pathlib import Path

import pytest

from scripts.source.load import load_model
from scripts.source.problems import ModelError
from scripts.source.validate import schema
from scripts.source.yaml_source import load
from tests.conftest import edit

NBSP = "\u00a0"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "area.yml"
    path.write_bytes(text.encode("utf-8"))
    source, found = load(path, "area.yml")
    return [str(problem) for problem in found]


LIST = "id: meetings\nlevels:\n  0:\n    practices:\n"  # lines 1-4 of most cases below


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "id: meetings\nlevels:\n  0:\n\tsummary: Calls decide.\n",
            "area.yml:4: is indented with a tab; YAML indentation must be spaces, so replace "
            "the tab with spaces",
            id="tab",
        ),
        pytest.param(
            "id: meetings\ntitle: Meetings: the basics\n",
            "area.yml:2: the text contains ': ', which YAML reads as the start of a key; put "
            "the whole text in quotes: title: 'Meetings: the basics'",
            id="colon",
        ),
        pytest.param(
            LIST
            + "      - Agendas come first.\n      Notes go out after.\n      - Calls end early.\n",
            "area.yml:6: is not a list item: start it with '- ' like the items above it (or, if "
            "it continues the item above, indent it further)",
            id="missing-dash",
        ),
        pytest.param(
            'id: meetings\ntitle: "Meetings\u201d\nsummary: When the team meets.\n'
            + "why: Focus.\n" * 20,
            'area.yml:2: the text opened with a straight " ends with a curly \u201d; YAML closes '
            'a text only with ", so type it in place of the \u201d',
            id="curly-quote-at-end-of-file",
        ),
        pytest.param(
            'id: meetings\ntitle: "Meetings\u201d\nsummary: When.\nwhy: "Focus"\nlast: x\n',
            'area.yml:2: the text opened with a straight " ends with a curly \u201d; YAML closes '
            'a text only with ", so type it in place of the \u201d',
            id="curly-quote-closed-later",
        ),
        pytest.param(
            LIST + f"      - Agendas come first.\n{NBSP}     - Notes go out.\n"
            "      - Calls end early.\nwhy: x\nsummary: y\n",
            "area.yml:6: is indented with a non-breaking space (U+00A0), often pasted from a web "
            "page or a word processor; replace it with ordinary spaces",
            id="non-breaking-space",
        ),
        pytest.param(
            'id: meetings\ntitle: "Meetings\nsummary: When the team meets.\n' + "why: x\n" * 9,
            'area.yml:2: the " that opens this text is never closed; end the text with "',
            id="quote-never-closed",
        ),
        pytest.param(
            'id: meetings\nsummary: "Just in case" is what we say.\n',
            'area.yml:2: the text starts with ", so YAML ends the text at the closing quote and '
            "cannot read what follows; put the whole text in the other kind of quotes: summary: "
            "'\"Just in case\" is what we say.'",
            id="starts-with-quote",
        ),
        pytest.param(
            "id: meetings\ntitle: [Draft] Meetings\n",
            "area.yml:2: the text starts with [, which YAML reads as the start of a list; put the "
            "whole text in quotes: title: '[Draft] Meetings'",
            id="starts-with-bracket",
        ),
        pytest.param(
            "id: meetings\ntitle: [Meetings\nsummary: x\n",
            "area.yml:2: the text starts with [, which YAML reads as the start of a list; put the "
            "whole text in quotes: title: '[Meetings'",
            id="unclosed-bracket",
        ),
        pytest.param(
            LIST + "      - *Always* share an agenda.\n",
            "area.yml:5: the text starts with *, which YAML reads as a reference to an anchor "
            "(*name); put the whole text in quotes: - '*Always* share an agenda.'",
            id="starts-with-star",
        ),
        pytest.param(
            LIST + "      - *always\n",
            "area.yml:5: the text starts with *, which YAML reads as a reference to an anchor "
            "(*name); put the whole text in quotes: - '*always'",
            id="starts-with-star-one-word",
        ),
        pytest.param(
            "id: meetings\nsummary: - no agenda, no meeting\n",
            "area.yml:2: the text starts with - and a space, which YAML reads as a list item; put "
            "the whole text in quotes: summary: '- no agenda, no meeting'",
            id="starts-with-dash",
        ),
        pytest.param(
            "id: meetings\nsummary: @team reads the notes\n",
            "area.yml:2: the text starts with @, which YAML keeps for future use; put the whole "
            "text in quotes: summary: '@team reads the notes'",
            id="starts-with-at",
        ),
        pytest.param(
            "id: meetings\ntitle: Meet\x01ings\n",
            "area.yml:2: has an invisible control character (U+0001) that YAML does not allow; "
            "delete it",
            id="control-character",
        ),
    ],
)
def test_each_mistake_is_one_sentence_on_its_line(tmp_path: Path, text: str, expected: str):
    assert problems_of(tmp_path, text) == [expected]


def test_a_key_indented_too_far_is_named_as_such(tmp_path: Path):
    assert problems_of(tmp_path, "id: meetings\n  title: Meetings\n") == [
        "area.yml:2: is indented further than the line above, so YAML reads it as more of that "
        "line's text; line it up with the keys above it"
    ]


def test_a_long_or_continued_text_gets_the_advice_without_a_rewritten_line(tmp_path: Path):
    text = "id: meetings\ntitle: [Draft] Meetings\n  and more of the title\n"
    assert problems_of(tmp_path, text) == [
        "area.yml:2: the text starts with [, which YAML reads as the start of a list; put the "
        "whole text in quotes"
    ]


def test_a_byte_order_mark_is_accepted(tmp_path: Path):
    assert problems_of(tmp_path, "\ufeffid: meetings\ntitle: Meetings\n") == []


def test_windows_line_endings_are_reported_as_yamllint_does(tmp_path: Path):
    text = "id: meetings\r\ntitle: Meetings: the basics\r\n"
    assert problems_of(tmp_path, text) == [
        "area.yml:1: has Windows line endings (CRLF); save it with Unix line endings (LF) as "
        ".editorconfig asks (in VS Code: click CRLF in the status bar)",
        "area.yml:2: the text contains ': ', which YAML reads as the start of a key; put the "
        "whole text in quotes: title: 'Meetings: the basics'",
    ]


def model_problems(data: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_model(data)
    return [str(p) for p in caught.value.problems]


def test_yes_and_numbers_say_what_was_written(data: Path):
    edit(data / "areas" / "meetings.yml", "title: Meetings", "title: no")
    edit(data / "model.yml", "version: 1.0.0", "version: 1.1")
    found = model_problems(data)
    assert (
        "data/areas/meetings.yml:3: title: must be text, but YAML reads no without quotes as "
        "false; put it in quotes: 'no'"
    ) in found
    assert any(
        "version: must be text, but YAML reads 1.1 without quotes as the number 1.1; put it in "
        "quotes: '1.1'" in p
        for p in found
    )


def test_an_empty_file_lists_the_keys_it_needs(data: Path):
    (data / "areas" / "meetings.yml").write_text("# yaml-language-server: $schema=x\n")
    keys = ", ".join(schema("area")["required"])
    assert (
        f"data/areas/meetings.yml:1: is empty (or holds only comments); it needs the keys {keys}, "
        "as the other files of its kind have"
    ) in model_problems(data)
