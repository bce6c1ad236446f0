"""Data from a pull request is untrusted: hostile input gets a clean file:line, quickly.

Each input is built here, large enough to have crashed, hung or flooded the log before the
loader was bounded, small enough to be refused in milliseconds now.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.source import validate
from scripts.source.load import load_model
from scripts.source.problems import REPORT_MAX, ModelError, Problem
from scripts.source.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, Source, load
from tests.conftest import ROOT, edit

DEPTH = f"nests lists and mappings more than {MAX_DEPTH} deep"


def read(tmp_path: Path, text: str) -> tuple[list[str], float]:
    path = tmp_path / "area.yml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    _, found = load(path, "area.yml")
    return [str(problem) for problem in found], time.perf_counter() - start


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("id: x\nextra: " + "[" * 5000 + "]" * 5000 + "\n", 2, id="flow-lists"),
        pytest.param("id: x\nextra: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", 2, id="flow-maps"),
        pytest.param("id: x\nextra:\n" + "- " * 5000 + "a\n", 3, id="block-lists"),
        pytest.param(
            "id: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "a\n",
            22,
            id="block-maps",
        ),
    ],
)
def test_deep_nesting_is_refused_on_its_line(tmp_path: Path, text: str, line: int):
    found, seconds = read(tmp_path, text)
    assert len(found) == 1
    assert found[0].startswith(f"area.yml:{line}: {DEPTH}")
    assert seconds < 0.5


def test_nesting_up_to_the_limit_is_read(tmp_path: Path):
    deep = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert read(tmp_path, f"id: x\nextra: {deep}\n")[0] == []


def test_anchors_and_aliases_are_refused_before_any_expansion(tmp_path: Path):
    # Six levels of ten aliases each: a million strings once expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    found, seconds = read(tmp_path, "\n".join(lines) + "\n")
    assert found == [
        "area.yml:1: &a0 marks a YAML anchor, which the data files do not allow; write each "
        "value out in full"
    ]
    assert seconds < 0.5


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path: Path):
    found, seconds = read(tmp_path, "id: x\nwhy: " + "word " * (MAX_FILE_BYTES // 5) + "\n")
    assert found == [
        f"area.yml:1: is larger than {MAX_FILE_BYTES // 1024} KB; a data file holds a few KB of "
        "text, so shorten it"
    ]
    assert seconds < 0.1


def test_a_key_too_long_to_be_a_word_is_refused_and_not_echoed(tmp_path: Path):
    found, _ = read(tmp_path, "id: x\n" + "k" * 1000 + ": 1\n")
    assert found == [
        "area.yml:2: the key 'kkkkkkkkkkkkkkkkkkkk… (1,000 characters)' has 1,000 characters; "
        "keys are short words such as next_steps"
    ]


def text_source(**fields: str) -> Source:
    return Source("area.yml", dict(fields), {(key,): 3 for key in fields})


def test_text_checks_take_linear_time_on_crafted_text():
    # Each of these took seconds with the old patterns, and grew with the square of the length.
    source = text_source(
        autolink="<a:" * 4000, tag="<a" * 6000, spaces="<" + " " * 6000, link="](" * 6000
    )
    start = time.perf_counter()
    found = [str(p) for p in validate.check_text(source)]
    assert time.perf_counter() - start < 0.2
    assert "area.yml:3: tag: must not contain HTML (<a); use Markdown" in found


def test_texts_have_a_size_limit_and_a_bracket_limit():
    source = text_source(why="word " * 1000, summary="[" * 40 + " notes")
    assert [str(p) for p in validate.check_text(source)] == [
        "area.yml:3: why: has 5,000 characters; keep a text to 2,000 at most",
        "area.yml:3: summary: has 40 [ signs; keep it to 10, a few links",
    ]


def test_messages_quote_a_short_escaped_excerpt(data: Path):
    meetings = data / "areas" / "meetings.yml"
    edit(meetings, "principles:\n", 'principles: "\\e[31m' + "x" * 5000 + '"\nold:\n')
    edit(meetings, "why: >-\n", "why: >-\n  See [this](javascript:" + "y" * 5000 + ") first.\n")
    with pytest.raises(ModelError) as caught:
        load_model(data)
    report = caught.value.report()
    assert "\x1b" not in report
    assert "x" * 100 not in report and "y" * 100 not in report
    assert "principles: must be a list, not '\\x1b[31mxxx" in report
    assert "why: link 'javascript:yyyy" in report and "(5,011 characters)' must start" in report


def test_the_report_stops_after_a_hundred_problems():
    problems = [Problem("area.yml", line, "", "is wrong") for line in range(1, 1001)]
    report = ModelError(problems).report().splitlines()
    assert len(report) == REPORT_MAX + 2
    assert report[-2:] == [
        "… and 900 more; fix these first and run it again.",
        "1,000 problems in the model's data; nothing was built.",
    ]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the data, holding valid-looking data with a secret in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "meetings.yml").write_text("id: meetings\nSECRET_TOKEN: hunter2\n")
    return folder


LINKED = (
    "is a symbolic link; the build reads only files stored in the repository, so replace the "
    "link with the file itself"
)


def model_report(data: Path) -> str:
    with pytest.raises(ModelError) as caught:
        load_model(data)
    return caught.value.report()


def test_a_linked_file_is_never_read(data: Path, outside: Path):
    meetings = data / "areas" / "meetings.yml"
    meetings.unlink()
    meetings.symlink_to(outside / "meetings.yml")
    report = model_report(data)
    assert f"data/areas/meetings.yml:1: {LINKED}" in report
    assert "SECRET" not in report and "hunter2" not in report


def test_a_linked_folder_and_a_dangling_link_are_never_followed(data: Path, outside: Path):
    (data / "guide" / "channels.yml").unlink()
    (data / "guide" / "channels.yml").symlink_to(outside / "nowhere.yml")
    areas = data / "areas"
    for path in areas.iterdir():
        path.rename(outside / path.name) if path.name != "meetings.yml" else path.unlink()
    areas.rmdir()
    areas.symlink_to(outside)
    report = model_report(data)
    assert f"data/guide/channels.yml:1: {LINKED}" in report
    assert f"data/areas:1: {LINKED}" in report
    assert "SECRET" not in report and "hunter2" not in report


def test_validate_command_refuses_every_class_cleanly(data: Path, outside: Path):
    """One run over several hostile files: each gets its line, none crashes the interpreter."""
    areas = data / "areas"
    with (areas / "documentation.yml").open("a") as file:  # crashed libyaml's composer
        file.write("extra: " + "[" * 100_000 + "]" * 100_000 + "\n")
    with (areas / "work-tracking.yml").open("a") as file:
        file.write("bomb: &a [x, x]\nmore: [*a, *a]\n")
    (areas / "meetings.yml").unlink()
    (areas / "meetings.yml").symlink_to(outside / "meetings.yml")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert any(
        line.startswith("data/areas/documentation.yml:") and DEPTH in line for line in errors
    )
    assert any(
        line.startswith("data/areas/work-tracking.yml:") and "&a marks a YAML anchor" in line
        for line in errors
    )
    assert f"data/areas/meetings.yml:1: {LINKED}" in errors
    assert "hunter2" not in result.stderr
