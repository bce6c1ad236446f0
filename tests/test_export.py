"""model.json and model.schema.json: published at the site root, valid, and pointing at real cells."""

import copy
import dataclasses
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from scripts.model import data_fields
from scripts.render import export
from scripts.source.load import load_model
from scripts.tooling import diff
from tests.conftest import FIXTURE_DATA, mkdocs_build
from tests.htmltools import read

MODEL = load_model()
SITE_URL = "http://127.0.0.1:8000/"  # the default site_url in mkdocs.yml


@pytest.fixture(scope="module")
def published(site: Path) -> tuple[dict, dict]:
    return (
        json.loads((site / "model.json").read_text(encoding="utf-8")),
        json.loads((site / "model.schema.json").read_text(encoding="utf-8")),
    )


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_model_json_validates_against_the_published_schema(published):
    document, schema = published
    validator(schema).validate(document)
    assert schema["$id"] == SITE_URL + "model.schema.json" == document["$schema"]


def test_model_json_holds_every_level_area_and_cell_in_order(published):
    document, _ = published
    assert document["version"] == MODEL.version
    assert [lvl["name"] for lvl in document["levels"]] == [lvl.name for lvl in MODEL.levels]
    assert [a["id"] for a in document["areas"]] == [a.id for a in MODEL.areas]
    for area, exported in zip(MODEL.areas, document["areas"], strict=True):
        assert [c["level"] for c in exported["cells"]] == [lvl.id for lvl in MODEL.levels]
        for cell, row in zip(area.cells, exported["cells"], strict=True):
            assert row["summary"] == cell.summary
            assert [(p["id"], p["text"]) for p in row["practices"]] == [
                (p.id, p.text) for p in cell.practices
            ]
            assert [(s["id"], s["text"], s["leads_to"]) for s in row["next_steps"]] == [
                (s.id, s.text, list(s.leads_to)) for s in cell.next_steps
            ]
    assert document["areas"][0]["cells"][-1]["next_steps"] == []  # the top level has none


def test_every_permalink_resolves_to_a_heading_of_the_built_site(site: Path, published):
    document, _ = published
    urls = [(a["url"], c["url"]) for a in document["areas"] for c in a["cells"]]
    assert len(urls) == len(MODEL.areas) * len(MODEL.levels)
    for area_url, cell_url in urls:
        assert cell_url.startswith(area_url) and area_url.startswith(SITE_URL)
        parts = urlsplit(cell_url)
        page = read(site / parts.path.lstrip("/") / "index.html")
        assert parts.fragment in page.ids, cell_url
    for url in document["downloads"].values():
        assert (site / urlsplit(url).path.lstrip("/")).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["areas"][0]["cells"][0].pop("url"),
        lambda d: d["areas"][0]["cells"][0].update(url="areas/documentation/#level-0"),
        lambda d: d["levels"].append({"id": 4, "name": "Extra"}),
        lambda d: d.update(version="1.0"),
        lambda d: d["areas"][1].update(colour="red"),
    ],
    ids=["missing url", "relative url", "level without summary", "bad version", "unknown key"],
)
def test_the_schema_rejects_a_broken_document(published, break_it):
    document, schema = published
    broken = copy.deepcopy(document)
    break_it(broken)
    assert list(validator(schema).iter_errors(broken))


def test_urls_follow_the_site_url_of_the_build(project: Path, tmp_path: Path):
    site_dir = tmp_path / "site"
    result = mkdocs_build(project, site_dir, SITE_URL="https://example.org/amm")
    assert result.returncode == 0, result.stderr
    document = json.loads((site_dir / "model.json").read_text(encoding="utf-8"))
    assert document["url"] == "https://example.org/amm/"
    assert document["areas"][3]["cells"][2]["url"] == (
        "https://example.org/amm/areas/meetings/#level-2"
    )
    schema = json.loads((site_dir / "model.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "https://example.org/amm/model.schema.json"


def test_data_text_is_exported_as_written_not_as_html():
    document = export.document(MODEL, SITE_URL)
    why = next(a["why"] for a in document["areas"] if a["id"] == "documentation")
    assert why == MODEL.area("documentation").why
    assert "<" not in json.dumps(document)  # no rendered HTML anywhere


def test_the_about_page_links_both_files(site: Path):
    hrefs = {a.attrs.get("href") for a in read(site / "about" / "index.html").find("a")}
    assert {"../model.json", "../model.schema.json"} <= hrefs


def _changed(value: object) -> object:
    return value[:-1] if isinstance(value, tuple) else f"{value}-changed"


@pytest.mark.parametrize("record", ["area", "cell"])
def test_every_field_of_model_py_reaches_model_json_and_the_diff(record: str):
    model = load_model(FIXTURE_DATA)
    area = model.areas[0]
    target = area if record == "area" else area.cells[1]
    schema = json.loads(export.SCHEMA_FILE.read_text(encoding="utf-8"))
    names = [f.name for f in data_fields(type(target))]
    assert names, "model.py lists no fields"

    def exported(m) -> dict:
        document = export.document(m, SITE_URL)
        validator(schema).validate(document)
        first = document["areas"][0]
        return first if record == "area" else first["cells"][1]

    for name in names:
        new_target = dataclasses.replace(target, **{name: _changed(getattr(target, name))})
        new_area = new_target if record == "area" else _with_cell(area, 1, new_target)
        new_model = dataclasses.replace(model, areas=(new_area, *model.areas[1:]))
        before, after = exported(model), exported(new_model)
        assert before[name] != after[name], f"{name} does not reach model.json"
        # The diff pairs areas by id, so a new id is an area removed and another added,
        # the new one listed with each of its cells.
        expected = {"area", "cell"} if (record, name) == ("area", "id") else {name}
        assert {c.field for c in diff.compare(model, new_model)} == expected


def _with_cell(area, index: int, cell):
    return dataclasses.replace(area, cells=(*area.cells[:index], cell, *area.cells[index + 1 :]))
