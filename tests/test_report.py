"""The team one-pager (`make report`) and the formats the assessment page shares with it."""

import io
import json
import time
import tracemalloc
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import jsonschema
import pypdf
import pytest

from scripts import cli
from scripts.render import assessment, report, views
from scripts.render.assessment import AssessmentError
from scripts.source.changelog import load_changelog
from scripts.source.load import load_model
from tests.htmltools import Page, read

MODEL = load_model()
FIXTURES = Path(__file__).parent / "fixtures" / "assessments"
EXAMPLES = sorted(FIXTURES.glob("*valid-*.json"))
# What only the model can judge, or JSON Schema cannot express: the schema passes these.
BEYOND_SCHEMA = {
    "invalid-unknown-area.json": "the area ids come from the model",
    "invalid-team-half-an-emoji.json": "a lone surrogate is a character to a schema validator",
    "invalid-practice-unknown.json": "the practice ids come from the model",
}
SITE_URL = "https://example.org/"
GOOD = {
    "model_version": MODEL.version,
    "team": "Platform team",
    "date": "2025-03-04",
    "areas": {
        "documentation": {"current": 1, "target": 2},
        "meetings": {"current": 2, "target": 2},
        "work-tracking": {"current": 0, "target": None},
    },
}


def write(tmp_path: Path, content: object, name: str = "assessment.json") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, content: object) -> str:
    path = write(tmp_path, content)
    with pytest.raises(AssessmentError) as caught:
        assessment.read(path, MODEL)
    report_text = caught.value.report()
    assert str(path) in report_text, "every problem names the file"
    return report_text


def test_reads_what_the_page_exports(tmp_path: Path):
    read_back = assessment.read(write(tmp_path, GOOD), MODEL)
    assert read_back.team == "Platform team"
    assert read_back.assessed_on == date(2025, 3, 4)
    assert read_back.levels["documentation"] == {"current": 1, "target": 2}
    assert read_back.levels["work-tracking"] == {"current": 0}
    assert read_back.marks("documentation", 1) == ("current",)
    assert read_back.marks("documentation", 2) == ("target",)
    assert read_back.marks("meetings", 2) == ("current", "target")
    assert read_back.marks("leadership-culture", 0) == ()


def test_a_byte_order_mark_and_missing_team_and_date_are_fine(tmp_path: Path):
    path = tmp_path / "bom.json"
    path.write_text(json.dumps({"areas": {"meetings": {"current": 0}}}), encoding="utf-8-sig")
    read_back = assessment.read(path, MODEL)
    assert (read_back.team, read_back.assessed_on) == ("", None)


def test_bad_json_names_file_and_line(tmp_path: Path):
    text = problems(tmp_path, '{\n  "team": "x",\n  "areas": {,}\n}')
    assert "assessment.json:3: is not valid JSON" in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ([1, 2], "must hold one JSON object"),
        ({"team": "x"}, "areas: is required"),
        ({"areas": {"meeting": {"current": 1}}}, "did you mean 'meetings'?"),
        ({"areas": {"sales": {"current": 1}}}, "areas.sales: is not an area of the model"),
        ({"areas": {"meetings": 2}}, 'areas.meetings: must look like {"current": 1'),
        (
            {"areas": {"meetings": {"current": 9}}},
            "areas.meetings.current: must be a level from 0 to 3, not 9",
        ),
        ({"areas": {"meetings": {"target": -1}}}, "areas.meetings.target: must be a level"),
        ({"areas": {"meetings": {"current": "2"}}}, 'not "2"'),
        ({"areas": {"meetings": {"current": True}}}, "not true"),
        ({"areas": {"meetings": {"current": 1.5}}}, "not 1.5"),
        (
            {"date": "04/03/2025", "areas": {"meetings": {"current": 1}}},
            "date: must be a day such as",
        ),
        ({"date": "2025-02-30", "areas": {"meetings": {"current": 1}}}, "date: must be a day"),
        ({"team": 42, "areas": {"meetings": {"current": 1}}}, "team: must be text, not 42"),
        ({"team": "x" * 81, "areas": {"meetings": {"current": 1}}}, "keep it to 80"),
    ],
)
def test_bad_input_gets_a_clear_error(tmp_path: Path, content: object, expected: str):
    assert expected in problems(tmp_path, content)


def test_every_problem_is_listed_at_once(tmp_path: Path):
    text = problems(
        tmp_path,
        {"date": "soon", "areas": {"sales": {}, "meetings": {"current": 7, "target": 8}}},
    )
    assert text.endswith("4 problems in the assessment; no PDF made.")


def test_missing_and_unreadable_files(tmp_path: Path):
    with pytest.raises(AssessmentError, match="no such file"):
        assessment.read(tmp_path / "nope.json", MODEL)
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(AssessmentError, match="is not UTF-8 text"):
        assessment.read(binary, MODEL)


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["report", *args])
    return code, out.getvalue(), err.getvalue()


def test_cli_refuses_a_bad_file_and_writes_nothing(tmp_path: Path):
    source = write(tmp_path, {"areas": {"meetings": {"current": 9}}})
    out = tmp_path / "team.pdf"
    code, _, err = run_cli(str(source), "--out", str(out))
    assert code == 1
    assert f"{source}: areas.meetings.current: must be a level from 0 to 3, not 9" in err
    assert not out.exists()


def test_cli_writes_one_marked_page(tmp_path: Path):
    source = write(tmp_path, {**GOOD, "model_version": "0.9.0"})
    out = tmp_path / "team.pdf"
    code, printed, _ = run_cli(str(source), "--out", str(out), "--site-url", SITE_URL)
    assert code == 0, printed
    assert "version 0.9.0" in printed  # a file from another version of the model is flagged
    assert "no current level for Decision making, Leadership and culture" in printed
    document = pypdf.PdfReader(out)
    assert len(document.pages) == 1
    text = document.pages[0].extract_text()
    assert "Platform team, 2025-03-04" in text
    assert text.count("CURRENT") == 1 + 3  # the legend, then one per assessed area
    # Isolated in the title too, so a viewer's window title cannot be reordered either.
    assert document.metadata.title.endswith("\u2068Platform team\u2069, 2025-03-04")


def test_cli_writes_the_one_pager_in_another_language(tmp_path: Path):
    source = write(tmp_path, GOOD)
    out = tmp_path / "equipo.pdf"
    code, printed, err = run_cli(
        str(source), "--out", str(out), "--site-url", SITE_URL, "--lang", "es"
    )
    assert code == 0, err
    document = pypdf.PdfReader(out)
    assert document.trailer["/Root"]["/Lang"] == "es"
    text = document.pages[0].extract_text()
    assert "Modelo de madurez de la comunicación asíncrona" in text
    assert "ACTUAL" in text and "CURRENT" not in text
    assert "https://example.org/es/" in text  # its links lead to the Spanish site
    code, _, err = run_cli(str(source), "--out", str(tmp_path / "x.pdf"), "--lang", "xx")
    assert code == 1
    assert "--lang xx: is no language here; use en, de, es" in err


def onepager(assessment: object = None) -> Page:
    html = views.onepager(MODEL, SITE_URL, "a4", 10, assessment)
    page = Page()
    page.feed(html)
    return page


def test_marks_sit_in_the_right_cells_of_the_same_layout():
    team = assessment.Assessment("Web", None, {"documentation": {"current": 1, "target": 3}})
    marked, plain = onepager(assessment=team), onepager()
    # The same table, cell for cell: only the marks are added.
    assert len(marked.find("td")) == len(plain.find("td")) == len(MODEL.areas) * len(MODEL.levels)
    cells = {
        td.attrs["class"]: td.text
        for td in marked.find("td")
        if "amm-marked" in td.attrs.get("class", "")
    }
    assert cells == {
        "amm-marked amm-marked--current": "Current " + MODEL.areas[0].cell(1).summary,
        "amm-marked amm-marked--target": "Target " + MODEL.areas[0].cell(3).summary,
    }
    assert not [e for e in plain.elements if "amm-mark" in e.attrs.get("class", "")]
    assert marked.find("h1")[0].text.startswith("Web: ")


def test_the_assessment_page_prints_the_same_overview_as_the_pdf():
    """What the browser prints (onepager.js marks it) is the PDF's table, cell for cell."""
    page = Page()
    page.feed(views.assessment(MODEL, "../"))
    pdf = onepager(assessment.Assessment("Web", None, {}))
    cells = len(MODEL.areas) * len(MODEL.levels)  # the plan row, which onepager.js fills, follows
    assert [td.text for td in page.find("td")][:cells] == [td.text for td in pdf.find("td")]
    heads = [th.text for th in pdf.find("th")]
    assert [th.text for th in page.find("th")][-len(heads) - 1 : -1] == heads  # then "Plan"
    legend = " ".join(page.find("p", **{"class": "amm-legend"})[0].text.split())
    assert legend == " ".join(pdf.find("p", **{"class": "amm-legend"})[0].text.split())


def test_report_uses_the_fit_loop(tmp_path: Path):
    team = assessment.read(write(tmp_path, GOOD), MODEL)
    rendered = report.render(MODEL, team, SITE_URL, "letter")
    assert rendered.pdf.startswith(b"%PDF-")
    assert 7 <= rendered.font_size <= 11


def test_script_json_cannot_end_its_script_element():
    hostile = {"title": "</script><script>alert(1)</script> <!-- & -->"}
    text = str(assessment.script_json(hostile))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == hostile


def test_page_data_is_plain_text_with_permalinks():
    data = assessment.page_data(MODEL, "../")
    assert [a["id"] for a in data["areas"]] == [a.id for a in MODEL.areas]
    first = data["areas"][0]["cells"][2]
    assert first["url"] == f"../areas/{MODEL.areas[0].id}/#level-2"
    practices = MODEL.areas[0].cells[2].practices
    assert [p["text"] for p in first["practices"]] == [p.text for p in practices]
    assert (
        first["practices"][0]["url"]
        == f"../areas/{MODEL.areas[0].id}/#{MODEL.areas[0].id}-{practices[0].id}"
    )
    steps = data["areas"][0]["cells"][1]["next_steps"]
    assert [s["leads_to"] for s in steps] == [
        list(s.leads_to) for s in MODEL.areas[0].cells[1].next_steps
    ]
    assert data["areas"][0]["cells"][-1]["next_steps"] == []


def test_assessment_page_embeds_the_model_and_loads_its_script_only_there(site: Path):
    page = read(site / "assessment" / "index.html")
    for area in MODEL.areas:
        for name in (f"current-{area.id}", f"target-{area.id}"):
            radios = page.find("input", type="radio", name=name)
            assert [r.attrs["value"] for r in radios] == [str(lvl.id) for lvl in MODEL.levels]
    legends = [e.text.strip() for e in page.find("legend")]
    assert [t for t in legends if t in {a.title for a in MODEL.areas}] == [
        a.title for a in MODEL.areas
    ]
    (embedded,) = page.find("script", id="amm-data")
    releases = load_changelog(MODEL)
    assert json.loads(embedded.text) == assessment.page_data(MODEL, "../", releases)
    assert page.find("script", type="module", src="../assets/js/page.js")
    assert "assets/js/" not in (site / "index.html").read_text(encoding="utf-8")
    assert "needs JavaScript" in page.find("noscript")[0].text


def test_the_examples_name_the_shipped_areas_for_the_page_tests():
    """tests/js reads the area ids from areas.json; they must be the ones read() checks against."""
    assert json.loads((FIXTURES / "areas.json").read_text()) == [a.id for a in MODEL.areas]
    assert MODEL.levels[-1].id == assessment.LEVEL_MAX, "the schema's level range is the model's"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_report_accepts_exactly_the_examples_named_valid(example: Path):
    """The same files as tests/js/format.test.js, so the page and the report agree."""
    if example.name.startswith("valid-"):
        assessment.read(example, MODEL)
    else:
        with pytest.raises(AssessmentError):
            assessment.read(example, MODEL)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_published_schema_judges_the_examples_the_same_way(example: Path):
    validator = jsonschema.Draft202012Validator(
        assessment.SCHEMA, format_checker=jsonschema.FormatChecker()
    )
    valid = validator.is_valid(json.loads(example.read_text(encoding="utf-8")))
    assert valid == (example.name.startswith("valid-") or example.name in BEYOND_SCHEMA)


def test_a_file_with_a_team_and_no_level_prints_an_unmarked_page(tmp_path: Path):
    source = write(tmp_path, {"team": "Ops", "date": "2025-03-04", "areas": {}})
    code, printed, err = run_cli(str(source), "--out", str(tmp_path / "team.pdf"))
    assert code == 0, err
    assert "no current level for" in printed


def run_bounded(tmp_path: Path, content: bytes | str) -> tuple[int, str, float, int]:
    """Run `report` on a file; return its exit code, stderr, seconds and peak traced bytes."""
    source = tmp_path / "hostile.json"
    if isinstance(content, str):
        content = content.encode("utf-8")
    source.write_bytes(content)
    tracemalloc.start()
    began = time.perf_counter()
    try:
        code, _, err = run_cli(str(source), "--out", str(tmp_path / "team.pdf"))
    finally:
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return code, err, seconds, peak


def near_misses(count: int) -> str:
    return json.dumps({"areas": {f"meeting{i}": {"current": 1} for i in range(count)}})


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 200_000 + "]" * 200_000, "nests too deeply"),
        ('{"areas": {"meetings": {"current": ' + "9" * 5000 + "}}}", "a number too long"),
        (" " * 1_000_001 + "{}", "is larger than 1 MB"),
        (near_misses(28_000), "… and 27,980 more"),
        (json.dumps({"team": "x" * 900_000, "areas": {}}), "has 900,000 characters"),
    ],
    ids=["deep", "long number", "over 1 MB", "28,000 near-miss areas", "huge team"],
)
def test_hostile_files_get_a_short_answer_in_bounded_time_and_memory(
    tmp_path: Path, content: str, expected: str
):
    code, err, seconds, peak = run_bounded(tmp_path, content)
    assert code == 1
    assert expected in err
    assert "Traceback" not in err
    assert len(err) < 6_000, "every echo is bounded"
    assert seconds < 10, "the CLI, model load included; read() alone takes about 0.3 s"
    assert peak < 200 * 1024 * 1024
    assert not (tmp_path / "team.pdf").exists()


def test_many_problems_are_counted_not_all_printed(tmp_path: Path):
    _, err, _, _ = run_bounded(tmp_path, near_misses(1_300))
    assert err.count("is not an area of the model") == assessment.PROBLEMS_SHOWN
    assert "… and 1,280 more" in err
    assert err.endswith("1,300 problems in the assessment; no PDF made.\n")


def test_terminal_escapes_and_direction_overrides_are_printed_as_escapes(tmp_path: Path):
    hostile = {
        "model_version": "1.0.0\u001b]0;owned\u0007",
        "team": "Ops \u202eevil",
        "areas": {"\u001b[2J\u001b[Hreport written": {"current": 1}},
    }
    _, err, _, _ = run_bounded(tmp_path, json.dumps(hostile))
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err
    assert "areas.\\u001b[2J\\u001b[Hreport written: is not an area" in err
    assert 'not "1.0.0\\u001b]0;owned\\u0007"' in err
    assert "team: holds a control or direction character" in err


def test_report_isolates_the_team_name_so_right_to_left_text_cannot_reorder_the_title(
    tmp_path: Path,
):
    team = assessment.read(write(tmp_path, {"team": "צוות", "areas": {}}), MODEL)
    html = views.onepager(MODEL, SITE_URL, "a4", 10, report.isolated(team))
    assert "<h1>\u2068צוות\u2069: " in html


# ---- The plan, the ticks and "does not apply" (issue 15) ----

PLAN = json.loads((FIXTURES / "valid-plan.json").read_text(encoding="utf-8"))


def test_the_example_practices_are_the_shipped_models():
    """tests/js ticks the ids of practices.json; they must be practices of those areas."""
    ticked = json.loads((FIXTURES / "practices.json").read_text(encoding="utf-8"))
    for area_id, ids in ticked.items():
        known = {p.id for cell in MODEL.area(area_id).cells for p in cell.practices}
        assert set(ids) <= known, area_id


def test_reads_the_plan_ticks_and_areas_that_do_not_apply(tmp_path: Path):
    team = assessment.read(write(tmp_path, PLAN), MODEL)
    meetings = team.plan("meetings")
    assert meetings.practices == ("some-agendas", "meet-by-rule")
    assert meetings.actions[0] == assessment.Action(
        "Replace the Monday status call with a written update", "Sam", date(2025, 4, 30)
    )
    assert meetings.actions[1].who == "" and meetings.actions[1].by is None
    assert meetings.notes.startswith("Calendar export, March")
    assert team.plan("leadership-culture").not_applicable == "Two-person team; no manager."
    assert team.plan("work-tracking").not_applicable == "", "no reason given"
    assert team.plan("documentation") == assessment.Plan(), "an empty note is no plan"
    # An area that does not apply gets no mark, even with a level left in the file.
    assert not team.applies("work-tracking") and team.marks("work-tracking", 0) == ()


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ({"practices": ["nope"]}, 'areas.meetings.practices[0]: "nope" is not a practice'),
        ({"practices": ["some-agendas"] * 2}, 'practices[1]: "some-agendas" is listed twice'),
        ({"practices": "some-agendas"}, "areas.meetings.practices: must be a list of practice ids"),
        ({"actions": [{"what": "a"}] * 3}, "areas.meetings.actions: must be a list of at most 2"),
        ({"actions": ["call Sam"]}, 'areas.meetings.actions[0]: must look like {"what"'),
        ({"actions": [{"owner": "Sam"}]}, 'actions[0]."owner": is not what, who or by'),
        (
            {"actions": [{"by": "end of May"}]},
            'actions[0].by: must be a day such as 2025-06-30, not "end',
        ),
        ({"actions": [{"by": "2025-02-30"}]}, "actions[0].by: must be a day"),
        ({"actions": [{"who": "x" * 61}]}, "actions[0].who: has 61 characters; keep it to 60"),
        ({"actions": [{"what": 7}]}, "actions[0].what: must be text, not 7"),
        ({"notes": "x" * 401}, "areas.meetings.notes: has 401 characters; keep it to 400"),
        ({"notes": "ok\u202e"}, "areas.meetings.notes: holds a control or direction character"),
        ({"not_applicable": True}, 'areas.meetings.not_applicable: must look like {"reason"'),
        ({"not_applicable": {"why": "x"}}, 'not_applicable."why": is not reason'),
        ({"not_applicable": {"reason": "a\nb"}}, "not_applicable.reason: holds a control"),
        (
            {"plan": {}},
            'areas.meetings."plan": is not a field of an area (current, target, practices',
        ),
    ],
)
def test_bad_plan_fields_get_a_clear_error_naming_file_and_field(
    tmp_path: Path, area: dict, expected: str
):
    assert expected in problems(tmp_path, {"areas": {"meetings": area}})


def test_notes_keep_their_line_breaks_but_one_line_fields_do_not(tmp_path: Path):
    team = assessment.read(write(tmp_path, {"areas": {"meetings": {"notes": "a\nb"}}}), MODEL)
    assert team.plan("meetings").notes == "a\nb"
    assert "holds a control" in problems(
        tmp_path, {"areas": {"meetings": {"actions": [{"what": "a\nb"}]}}}
    )


def test_the_one_pager_prints_the_plan_and_what_does_not_apply(tmp_path: Path):
    team = assessment.read(write(tmp_path, PLAN), MODEL)
    page = onepager(team)
    (row,) = page.find("tr", **{"class": "amm-matrix__plan"})
    cells = {
        td.attrs["id"].removeprefix("amm-plan-cell-"): " ".join(td.text.split())
        for td in page.find("td")
        if "id" in td.attrs
    }
    items = [" ".join(li.text.split()) for li in page.find("li")]
    assert items == [
        "Replace the Monday status call with a written update (Sam, by 2025-04-30)",
        "Agenda a day ahead for every recurring meeting",
    ]
    assert cells["meetings"].endswith("6.5 meeting hours per person per week. Target: under 4.")
    assert cells["leadership-culture"] == "Does not apply: Two-person team; no manager."
    assert cells["work-tracking"] == "Does not apply"
    assert cells["documentation"] == ""
    heads = [" ".join(th.text.split()) for th in page.find("th") if th.attrs.get("scope") == "col"]
    assert "Work tracking Does not apply" in heads and "Meetings" in heads
    assert not onepager(assessment.Assessment("Web", None, {})).find("tfoot"), "no plan, no row"


def test_cli_prints_the_plan_on_one_page_and_notes_what_an_action_lacks(tmp_path: Path):
    out = tmp_path / "team.pdf"
    code, printed, err = run_cli(str(write(tmp_path, PLAN)), "--out", str(out))
    assert code == 0, err
    assert "Meetings, action 2 has no who or by" in printed
    assert "Work tracking, Leadership and culture marked as not applying" in printed
    assert "no current level for Decision making" in printed
    assert "Leadership" not in printed.split("no current level for")[1].split("\n")[0]
    document = pypdf.PdfReader(out)
    assert len(document.pages) == 1
    text = " ".join(document.pages[0].extract_text().split())
    assert "(Sam, by 2025-04-30)" in text and "Two-person team; no manager." in text
    assert text.count("DOES NOT APPLY") == 2


def test_the_longest_plan_the_schema_allows_still_fits_one_page():
    """The field limits are chosen so: two full actions and full notes in every area."""
    action = assessment.Action("w" * 160, "x" * 60, date(2025, 6, 30))
    full = assessment.Plan((), (action, action), "n " * 200)
    team = assessment.Assessment("Team", None, {}, None, {a.id: full for a in MODEL.areas})
    assert report.render(MODEL, team, SITE_URL, "letter").font_size >= 7
