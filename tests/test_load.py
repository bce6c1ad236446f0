"""The loader and validator: good data loads, and every kind of bad data gets an exact file:line."""

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.model import Area, Cell, data_fields
from scripts.source import validate
from scripts.source.load import load_model
from scripts.source.problems import ModelError
from tests.conftest import ROOT, edit, line_of


def problems(data: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_model(data)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_model_loads_in_the_order_of_model_yml():
    model = load_model()
    assert [a.id for a in model.areas] == [
        "documentation",
        "decision-making",
        "work-tracking",
        "meetings",
        "leadership-culture",
    ]
    assert [(lvl.id, lvl.name) for lvl in model.levels] == [
        (0, "Unaware"),
        (1, "Initial"),
        (2, "Defined"),
        (3, "Optimizing"),
    ]
    for area in model.areas:
        assert [c.level.id for c in area.cells] == [0, 1, 2, 3]
        for cell in area.cells:
            assert 8 <= len(cell.summary.split()) <= 45
            assert 3 <= len(cell.practices) <= 5
            assert bool(cell.next_steps) == (cell.level.id < 3)
        assert area.source_file == f"data/areas/{area.id}.yml"


def test_yaml_syntax_error_names_file_and_line(data: Path):
    meetings = data / "areas" / "meetings.yml"
    edit(meetings, "title: Meetings", "title: [Meetings")
    found = problems(data)
    assert len(found) == 1
    assert found == [
        f"data/areas/meetings.yml:{line_of(meetings, 'title:')}: the text starts with [, which YAML "
        "reads as the start of a list; put the whole text in quotes: title: '[Meetings'"
    ]


def test_missing_key_points_at_its_parent(data: Path):
    meetings = data / "areas" / "meetings.yml"
    text = meetings.read_text()
    start = text.index("  2:\n    summary: >-\n")
    end = text.index("    practices:", start)
    meetings.write_text(text[:start] + "  2:\n" + text[end:])
    line = line_of(meetings, "  2:", after="levels:")
    assert problems(data) == [f"data/areas/meetings.yml:{line}: levels.2.summary: is required"]


def test_misspelt_key_suggests_the_right_one(data: Path):
    doc = data / "areas" / "documentation.yml"
    text = doc.read_text()
    level_two = text.index("  2:\n")
    doc.write_text(text[:level_two] + text[level_two:].replace("    summary:", "    sumary:", 1))
    line = line_of(doc, "sumary:")
    two = line_of(doc, "  2:", after="levels:")
    assert problems(data) == [
        f"data/areas/documentation.yml:{two}: levels.2.summary: is required",
        f"data/areas/documentation.yml:{line}: levels.2.sumary: is not a known key; "
        "did you mean 'summary'?",
    ]


def test_a_longer_wrong_key_is_matched_by_its_start(data: Path):
    meetings = data / "areas" / "meetings.yml"
    edit(meetings, "\nwhy:", "\nwhy_it_matters:")
    line = line_of(meetings, "why_it_matters:")
    assert problems(data) == [
        f"data/areas/meetings.yml:{line_of(meetings, 'id:')}: why: is required",
        f"data/areas/meetings.yml:{line}: why_it_matters: is not a known key; did you mean 'why'?",
    ]


def test_wrong_types_are_named_in_plain_words(data: Path):
    model = data / "model.yml"
    edit(model, "version: 1.0.0", "version: 1.0")
    doc = data / "areas" / "documentation.yml"
    edit(doc, "title: Documentation", "title: yes")
    found = problems(data)
    assert (
        f"data/model.yml:{line_of(model, 'version:')}: version: must be text, but YAML reads 1.0 "
        "without quotes as the number 1.0; put it in quotes: '1.0'" in found
    )
    assert (
        f"data/areas/documentation.yml:{line_of(doc, 'title:')}: title: must be text, but YAML "
        "reads yes without quotes as true; put it in quotes: 'yes'"
    ) in found


def test_unlisted_and_missing_area_files(data: Path):
    (data / "areas" / "meetings.yml").rename(data / "areas" / "rituals.yml")
    model = data / "model.yml"
    found = problems(data)
    assert (
        f"data/model.yml:{line_of(model, '- meetings')}: areas.3: 'meetings' has no file data/areas/meetings.yml"
        in found
    )
    rituals = data / "areas" / "rituals.yml"
    assert (
        f"data/areas/rituals.yml:{line_of(rituals, 'id:')}: 'rituals' is not listed under areas in data/model.yml"
        in found
    )
    assert (
        f"data/areas/rituals.yml:{line_of(rituals, 'id: meetings')}: id: must be 'rituals', the file's name"
        in found
    )


def test_duplicate_area_ids_and_duplicate_keys(data: Path):
    model = data / "model.yml"
    edit(model, "  - leadership-culture\n", "  - leadership-culture\n  - meetings\n")
    doc = data / "areas" / "documentation.yml"
    edit(doc, "title: Documentation\n", "title: Documentation\ntitle: Docs\n")
    found = problems(data)
    assert (
        f"data/model.yml:{line_of(model, '- meetings', after='leadership-culture')}: areas.5: lists 'meetings' twice"
        in found
    )
    assert (
        f"data/areas/documentation.yml:{line_of(doc, 'title: Docs')}: title: is given twice"
        in found
    )


def test_area_levels_must_match_the_model(data: Path):
    meetings = data / "areas" / "meetings.yml"
    text = meetings.read_text()
    top = text.index("  3:\n")
    meetings.write_text(text[:top] + text[top:].replace("  3:\n", "  4:\n", 1))
    levels_line = line_of(meetings, "levels:")
    four = line_of(meetings, "  4:", after="levels:")
    assert problems(data) == [
        f"data/areas/meetings.yml:{levels_line}: levels.3: is required (the model's levels are 0 to 3)",
        f"data/areas/meetings.yml:{four}: levels.4: is not a level of the model (the model's levels are 0 to 3)",
    ]


def test_next_steps_belong_to_every_level_but_the_top(data: Path):
    doc = data / "areas" / "documentation.yml"
    text = doc.read_text()
    start = text.index("    next_steps:", text.index("  1:\n"))
    end = text.index("  2:\n")
    doc.write_text(text[:start] + text[end:])
    one = line_of(doc, "  1:", after="levels:")
    assert problems(data) == [
        f"data/areas/documentation.yml:{one}: levels.1.next_steps: is required: "
        "say how a team reaches the next level"
    ]


def test_empty_text_and_word_counts(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(doc, "title: Documentation", 'title: "  "')
    text = doc.read_text()
    start = text.index("    summary: >-", text.index("  0:\n"))
    end = text.index("    practices:", start)
    doc.write_text(text[:start] + "    summary: Too short to help.\n" + text[end:])
    found = problems(data)
    assert (
        f"data/areas/documentation.yml:{line_of(doc, 'title:')}: title: must not be empty" in found
    )
    assert (
        f"data/areas/documentation.yml:{line_of(doc, 'Too short')}: levels.0.summary: has 4 words; "
        "write 8 to 45 so it fits its cell"
    ) in found


def test_a_sentence_over_30_words_is_reported_on_its_line(data: Path):
    doc = data / "areas" / "meetings.yml"
    edit(doc, "why: >-\n", "why: >-\n  " + " ".join(["Long"] * 35) + ".\n")
    assert any(
        found.startswith(f"data/areas/meetings.yml:{line_of(doc, 'why:')}: why: ")
        and "has a sentence of 35 words" in found
        for found in problems(data)
    )


def test_html_and_unsafe_links_are_rejected(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(
        doc,
        "title: Documentation",
        "title: Documentation\nsummary: <script>alert(1)</script> notes",
    )
    text = doc.read_text()
    # drop the original summary so the injected one is the only one
    start = text.index("summary: >-")
    end = text.index("why:")
    doc.write_text(text[:start] + text[end:])
    edit(doc, "why: >-\n", "why: >-\n  See [this](javascript:alert(1)) first.\n")
    found = problems(data)
    assert (
        f"data/areas/documentation.yml:{line_of(doc, 'summary: <script>')}: summary: must not contain "
        "HTML (<script>); use Markdown"
    ) in found
    assert (
        f"data/areas/documentation.yml:{line_of(doc, 'why:')}: why: link 'javascript:alert(1' must start "
        "with https:, http: or mailto:"
    ) in found


def test_every_problem_is_reported_at_once(data: Path):
    edit(data / "model.yml", "version: 1.0.0", "version: one")
    edit(data / "areas" / "meetings.yml", "title: Meetings", "titel: Meetings")
    edit(data / "areas" / "work-tracking.yml", "id: work-tracking", "id: Work Tracking")
    found = problems(data)
    assert {p.split(":")[0] for p in found} == {
        "data/model.yml",
        "data/areas/meetings.yml",
        "data/areas/work-tracking.yml",
    }
    assert len(found) >= 4


def test_validate_command_exits_non_zero_without_a_traceback(data: Path):
    edit(data / "areas" / "meetings.yml", "title: Meetings", "title:")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "--data", str(data), "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "data/areas/meetings.yml:3: title: must be text, not nothing (the value is missing)"
        in result.stderr
    )
    assert "1 problem in the model's data; nothing was built." in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "title: Meetings",
            "title: Meet\x01ings",
            "has an invisible control character (U+0001) that YAML does not allow; delete it",
        ),
        ("title: Meetings", "title: !shout Meetings", "title: unknown tag !shout; remove it"),
        (
            "title: Meetings",
            "title: !!python/name:os.system",
            "title: unknown tag tag:yaml.org,2002:python/name:os.system; remove it",
        ),
    ],
)
def test_odd_characters_and_tags_are_file_line_errors(data: Path, old: str, new: str, message: str):
    meetings = data / "areas" / "meetings.yml"
    edit(meetings, old, new)
    found = problems(data)
    assert f"data/areas/meetings.yml:{line_of(meetings, 'title:')}: {message}" in found


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("model.yml", "  - id: 0\n", "  - \n"),
        ("model.yml", "areas:\n", "areas: 5\nold_areas:\n"),
        ("model.yml", "levels:\n", "levels: 5\nold_levels:\n"),
        ("guide/principles.yml", "principles:\n", "principles: 5\nold:\n"),
        ("areas/meetings.yml", "principles:\n", "principles: 5\nold:\n"),
    ],
)
def test_wrong_shapes_are_reported_not_crashed_on(data: Path, file: str, old: str, new: str):
    edit(data / file, old, new)
    found = problems(data)
    assert any(p.startswith(f"data/{file}:") for p in found)


def test_model_py_lists_every_key_the_area_schema_allows():
    schema = validate.schema("area")
    cell_keys = set(schema["$defs"]["cell"]["properties"])
    area_keys = set(schema["properties"]) - {"levels"}  # read into Area.cells
    assert {f.name for f in data_fields(Cell)} == cell_keys
    assert {f.name for f in data_fields(Area)} == area_keys


DOC = "data/areas/documentation.yml"
REACHED_BY = (
    "        reached_by: >-\n"
    "          The steps of the level below, taken together; fixture data keeps\n"
    "          1.0.0's text, which has no step written for it.\n"
)


def test_a_step_that_leads_to_an_unknown_practice(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(doc, "leads_to: [useful-pages-exist]", "leads_to: [useful-page-exists]")
    assert problems(data) == [
        f"{DOC}:{line_of(doc, 'useful-page-exists')}: levels.0.next_steps.0.leads_to.0: "
        "'useful-page-exists' is not the id of a practice in this file",
        f"{DOC}:{line_of(doc, 'id: useful-pages-exist')}: levels.1.practices.0.id: no next step "
        "of level 0 leads to 'useful-pages-exist': add it to a step's leads_to, or say in "
        "reached_by why no step is needed",
    ]


def test_a_step_that_skips_a_level(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(
        doc,
        "leads_to: [useful-pages-exist]",
        "leads_to: [useful-pages-exist, questions-chat-usually]",
    )
    assert problems(data) == [
        f"{DOC}:{line_of(doc, 'questions-chat-usually]')}: levels.0.next_steps.0.leads_to.1: "
        "'questions-chat-usually' is a practice of level 2; a step of level 0 leads to level 1, "
        "one level up, never further"
    ]


def test_duplicate_ids_name_the_first_use(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(doc, "id: people-often-have", "id: new-joiners-learn")
    edit(doc, "leads_to: [people-often-have]", "leads_to: [useful-pages-exist]")
    assert problems(data) == [
        f"{DOC}:{line_of(doc, 'id: new-joiners-learn', after='  1:')}: levels.1.practices.1.id: "
        f"'new-joiners-learn' is already used on line {line_of(doc, 'id: new-joiners-learn')}; "
        "every practice and next step needs its own id"
    ]


def test_a_practice_no_step_leads_to_must_say_why(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(doc, REACHED_BY, "")
    assert problems(data) == [
        f"{DOC}:{line_of(doc, 'id: whether-something-gets')}: levels.1.practices.3.id: no next "
        "step of level 0 leads to 'whether-something-gets': add it to a step's leads_to, or say "
        "in reached_by why no step is needed"
    ]


def test_reached_by_where_no_reason_is_needed(data: Path):
    doc = data / "areas" / "documentation.yml"
    edit(
        doc,
        "        text: Useful pages exist",
        "        reached_by: Teams get there alone.\n        text: Useful pages exist",
    )
    edit(
        doc,
        "        text: New joiners learn",
        "        reached_by: Teams start here.\n        text: New joiners learn",
    )
    assert problems(data) == [
        f"{DOC}:{line_of(doc, 'Teams start here')}: levels.0.practices.0.reached_by: teams start "
        "at the lowest level, so no step leads here; remove it",
        f"{DOC}:{line_of(doc, 'Teams get there')}: levels.1.practices.0.reached_by: a next step "
        "of level 0 leads here already; remove it",
    ]


def test_the_shipped_steps_lead_one_level_up_and_cover_every_practice_above():
    for area in load_model().areas:
        for below, above in zip(area.cells, area.cells[1:], strict=False):
            targets = {target for step in below.next_steps for target in step.leads_to}
            ids = {practice.id for practice in above.practices}
            assert below.next_steps and targets <= ids, (area.id, below.level.id)
            for practice in above.practices:
                assert practice.id in targets or practice.reached_by, (area.id, practice.id)
