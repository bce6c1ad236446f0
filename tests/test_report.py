"""The team one-pager (`make report`) and the formats the assessment page shares with it."""

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pypdf
import pytest

from scripts import cli
from scripts.render import assessment, report, views
from scripts.render.assessment import AssessmentError
from scripts.source.load import load_model
from tests.htmltools import Page, read

MODEL = load_model()
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
        ({"areas": {}}, "areas: has no level picked"),
        ({"areas": {"meeting": {"current": 1}}}, "did you mean 'meetings'?"),
        ({"areas": {"sales": {"current": 1}}}, "areas.sales: is not an area of the model"),
        ({"areas": {"meetings": 2}}, 'areas.meetings: must look like {"current": 1'),
        (
            {"areas": {"meetings": {"current": 9}}},
            "areas.meetings.current: must be a level from 0 to 3, not 9",
        ),
        ({"areas": {"meetings": {"target": -1}}}, "areas.meetings.target: must be a level"),
        ({"areas": {"meetings": {"current": "2"}}}, "not '2'"),
        ({"areas": {"meetings": {"current": True}}}, "not True"),
        ({"areas": {"meetings": {"current": 1.5}}}, "not 1.5"),
        (
            {"date": "04/03/2025", "areas": {"meetings": {"current": 1}}},
            "date: must be a date such as",
        ),
        ({"date": "2025-02-30", "areas": {"meetings": {"current": 1}}}, "date: must be a date"),
        ({"team": 42, "areas": {"meetings": {"current": 1}}}, "team: must be text"),
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
    assert document.metadata.title.endswith("Platform team, 2025-03-04")


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
    assert first["practices"] == list(MODEL.areas[0].cells[2].practices)
    assert data["areas"][0]["cells"][-1]["next_steps"] == []


def test_assessment_page_embeds_the_model_and_loads_its_script_only_there(site: Path):
    page = read(site / "assessment" / "index.html")
    for area in MODEL.areas:
        for name in (area.id, f"target-{area.id}"):
            radios = page.find("input", type="radio", name=name)
            assert [r.attrs["value"] for r in radios] == [str(lvl.id) for lvl in MODEL.levels]
    legends = [e.text.strip() for e in page.find("legend")]
    assert [t for t in legends if t in {a.title for a in MODEL.areas}] == [
        a.title for a in MODEL.areas
    ]
    (embedded,) = page.find("script", id="amm-data")
    assert json.loads(embedded.text) == assessment.page_data(MODEL, "../")
    assert page.find("script", type="module", src="../assets/assessment.js")
    assert "assessment.js" not in (site / "index.html").read_text(encoding="utf-8")
    assert "needs JavaScript" in page.find("noscript")[0].text
